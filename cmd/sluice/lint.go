package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sluice-news/sluice/pipeline"
)

// runLint implements "sluice lint": it loads and validates what the service
// loads at start, the built-in rules and any user rule files, and reports
// every problem with its file and line.
func runLint(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("lint", stderr, "Usage: sluice lint [--config FILE] [--rules FILE]...\n\nValidates the built-in rules and the user rule files exactly as \"sluice\nrun\" and \"sluice clean\" load them: field count, class, match kind, role,\nregexp syntax, duplicate ids, and ids that \"off\" lines disable. Exits 1\non the first file with problems, listing each with file:line.\n\nWith --config it also checks a configuration of \"sluice run\" as run\nreads it, with the SLUICE_* environment: unknown keys, types, values,\nTLS files and SASL settings (exit 2 on a bad configuration).\n\nFlags:\n")
	var rulesFiles listFlag
	fs.Var(&rulesFiles, "rules", "user rule `file` to check with the built-in rules (repeatable)")
	config := fs.String("config", "", "configuration `file` of sluice run to check, with the rule files it names")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *config != "" {
		c, err := loadRunConfig("lint", []string{"--config", *config}, stderr, os.LookupEnv, "", nil)
		if err != nil {
			return err
		}
		rulesFiles = append(c.Rules, rulesFiles...)
		fmt.Fprintf(stdout, "ok: config %s\n", *config)
	}
	rules, err := pipeline.LoadRules(rulesFiles...)
	if err != nil {
		return err
	}
	if _, err := pipeline.NewDefaultChain(rulesFiles...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ok: %d rules (%d user file(s))\n", rules.Len(), len(rulesFiles))
	return nil
}
