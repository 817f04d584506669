package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sluice-news/sluice/pipeline"
)

// runEval implements "sluice eval --corpus DIR".
func runEval(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("eval", stderr, "Usage: sluice eval --corpus DIR [flags]\n\nCleans every case of a corpus and prints, per case and in total, the\nfigures of shared/tools/score-corpus: exact paragraph match, token\nprecision, recall and F1, metadata and reported debris classes. Use it to\ntest your own rules (--rules) on your own cases.\n\nFlags:\n")
	corpus := fs.String("corpus", "", "corpus `dir` in the golden-corpus layout (CASE/input.txt, expected.txt, expected.json)")
	only := fs.String("only", "", "score only the cases whose name starts with `prefix`")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	quiet := fs.Bool("quiet", false, "print only the summary line")
	minExact := fs.Float64("min-exact", 0, "exit 1 when the exact-match share is below this")
	minF1 := fs.Float64("min-f1", 0, "exit 1 when the mean F1 is below this")
	var rulesFiles listFlag
	fs.Var(&rulesFiles, "rules", "user rule `file` that extends or disables the built-in rules (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *corpus == "" {
		return fmt.Errorf("%w: --corpus is required", errUsage)
	}
	chain, err := pipeline.NewDefaultChain(rulesFiles...)
	if err != nil {
		return err
	}
	results, sum, err := pipeline.Eval(ctx, chain, *corpus, *only, pipeline.DefaultMaxBytes)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := pipeline.WriteEval(io.Discard, results, sum, true); err != nil {
			return err
		}
		b, _ := json.Marshal(sum)
		fmt.Fprintln(stdout, string(b))
	} else if err := pipeline.WriteEval(stdout, results, sum, *quiet); err != nil {
		return err
	}
	if sum.Exact < *minExact || sum.F1 < *minF1 {
		return fmt.Errorf("below the bar: exact %.3f (min %.3f), F1 %.3f (min %.3f)", sum.Exact, *minExact, sum.F1, *minF1)
	}
	return nil
}
