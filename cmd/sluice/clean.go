package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sluice-news/sluice/pipeline"
)

// runClean implements "sluice clean [PATH|-]...".
func runClean(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("clean", stderr, "Usage: sluice clean [flags] [PATH|-]...\n\nCleans .txt, .html, .htm and .jsonl files (optionally gzipped), directories\n(recursively) or stdin (\"-\", the default), and writes one JSON record a\npage to stdout. Pages that fail are reported on stderr; the exit status is 1\nwhen any failed.\n\nFlags:\n")
	maxBytes := fs.Int("max-bytes", pipeline.DefaultMaxBytes, "largest page accepted, in `bytes`, after decompression")
	format := fs.String("format", "text", "output `format`: text, or html to add the clean article as sanitized HTML (field html)")
	var rulesFiles listFlag
	fs.Var(&rulesFiles, "rules", "user rule `file` that extends or disables the built-in rules (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "html" {
		return fmt.Errorf("%w: --format %q: want text or html", errUsage, *format)
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	chain, err := pipeline.NewDefaultChain(rulesFiles...)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(stdout, 256<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed := 0
	err = pipeline.ReadPaths(paths, stdin, *maxBytes, func(p pipeline.Page, err error) error {
		if err == nil {
			var rec *pipeline.Record
			if rec, err = pipeline.CleanFormat(ctx, chain, p, *maxBytes, *format == "html"); err == nil {
				return enc.Encode(rec)
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		failed++
		fmt.Fprintf(stderr, "sluice clean: %s: %v (%s)\n", p.Source, err, pipeline.ClassOf(err))
		return nil
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d page(s) failed", failed)
	}
	return nil
}
