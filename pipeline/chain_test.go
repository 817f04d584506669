package pipeline

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sluice-news/sluice/stages"
)

func TestChainErrors(t *testing.T) {
	boom := stages.Func{ID: "boom", Fn: func(context.Context, *stages.Doc) error { panic("index out of range") }}
	fails := stages.Func{ID: "fails", Fn: func(context.Context, *stages.Doc) error { return errors.New("stage bug") }}
	tests := []struct {
		name  string
		chain *Chain
		raw   string
		stage string
		msg   string
	}{
		{"bad input is permanent", NewChain(stages.Decode{}), "\xff", "decode", "not valid UTF-8"},
		{"empty body", NewChain(stages.Decode{}), "", "decode", "empty body"},
		{"panic is caught", NewChain(stages.Decode{}, boom), "text", "boom", "stage panicked: index out of range"},
		{"stage error names the stage", NewChain(fails), "text", "fails", "stage bug"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.chain.Run(context.Background(), &stages.Doc{Raw: []byte(tt.raw)})
			var e *Error
			if !errors.As(err, &e) || e.Class != ClassPermanent || e.Stage != tt.stage || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want permanent error in stage %s containing %q", err, tt.stage, tt.msg)
			}
		})
	}
}

func TestChainCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := NewChain(stages.Decode{}).Run(ctx, &stages.Doc{Raw: []byte("x")})
	if !errors.Is(err, context.Canceled) || ClassOf(err) != ClassTransient {
		t.Fatalf("err = %v (%s), want the bare cancellation", err, ClassOf(err))
	}
}

func TestChainObserve(t *testing.T) {
	var seen [][]time.Duration
	c := NewChain(stages.Decode{}, stages.Normalize{}).Observe(func(took []time.Duration) {
		seen = append(seen, slices.Clone(took))
	})
	if err := c.Run(context.Background(), &stages.Doc{Raw: []byte("a  b")}); err != nil {
		t.Fatal(err)
	}
	// Decode fails on an empty body: the observed times end with its.
	if err := c.Run(context.Background(), &stages.Doc{}); err == nil {
		t.Fatal("empty body: no error")
	}
	if len(seen) != 2 || len(seen[0]) != 2 || len(seen[1]) != 1 {
		t.Fatalf("observed %v, want two stage times, then one", seen)
	}
	for _, took := range seen {
		for _, d := range took {
			if d < 0 {
				t.Errorf("negative stage time %v", d)
			}
		}
	}
	if strings.Join(c.Names(), ",") != "decode,normalize" {
		t.Errorf("names %v", c.Names())
	}
}

// TestCleanRepairsMojibakeThroughEntities: text mis-decoded as Latin-1
// holds C1 controls and soft hyphens ("Iâ\u0080\u0099d" for "I’d", "Ã\u00adndice"
// for "índice"); the stages before Mojibake must leave them for it.
func TestCleanRepairsMojibakeThroughEntities(t *testing.T) {
	chain := defaultChain(t)
	body := "The council said Iâ\u0080\u0099d be told by Friday, and the Ã\u00adndice de precios rose again this month, officials said on Tuesday.\n" +
		"A second paragraph keeps the page long enough to be an article and to have a language, we think, for the test."
	rec, err := Clean(context.Background(), chain, Page{ContentType: "text/plain", Body: []byte(body)}, DefaultMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"I’d be told", "índice de precios"} {
		if !strings.Contains(rec.Text, want) {
			t.Errorf("%q not repaired:\n%s", want, rec.Text)
		}
	}
}
