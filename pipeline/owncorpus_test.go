package pipeline

import (
	"context"
	"strings"
	"testing"
)

// TestOwnCorpus cleans testdata/corpus, sluice's own cases in other
// languages and phrasings than the shared corpus, and requires every case
// to be exact, with all metadata and debris classes.
func TestOwnCorpus(t *testing.T) {
	results, sum, err := Eval(context.Background(), defaultChain(t), "../testdata/corpus", "", DefaultMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Cases < 10 {
		t.Errorf("%d cases, want at least 10", sum.Cases)
	}
	for _, r := range results {
		if !r.Exact || len(r.Notes) > 0 {
			t.Errorf("%s: exact=%v F1=%.3f\n  %s", r.Case, r.Exact, r.F1, strings.Join(r.Notes, "\n  "))
		}
	}
	if sum.Meta != 1 || sum.Classes != 1 {
		t.Errorf("summary %s", sum)
	}
}
