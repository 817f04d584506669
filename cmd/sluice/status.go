package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sluice-news/sluice/pipeline"
)

const statusUsage = `Usage: sluice status [flags]

Shows a pipeline at a glance: the members of --group, its committed offset
and lag in every partition of --in, the records of --out, and the dead
letters of --dlq by class (it reads them to count).

Flags:
`

// runStatus implements "sluice status".
func runStatus(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("status", stderr, statusUsage)
	kafkaOf := kafkaFlags(fs)
	group := fs.String("group", "sluice", "consumer `group` of the pipeline")
	in := fs.String("in", "pages.raw", "input `topic`")
	out := fs.String("out", "pages.clean", "output `topic`")
	dlq := fs.String("dlq", "pages.dlq", "dead-letter `topic`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArguments(fs); err != nil {
		return err
	}
	k, err := kafkaOf()
	if err != nil {
		return err
	}
	s, err := pipeline.GetStatus(ctx, k, *group, *in, *out, *dlq)
	if err != nil {
		return err
	}
	return printStatus(stdout, s)
}

// printStatus prints s as tables.
func printStatus(w io.Writer, s pipeline.Status) error {
	members := "no active members"
	if len(s.Members) > 0 {
		members = fmt.Sprintf("%d active member(s): %s", len(s.Members), strings.Join(s.Members, ", "))
	}
	fmt.Fprintf(w, "group %s: %s\n\ninput %s\n", s.Group, members, s.Input)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "partition\tfirst\tend\tcommitted\tlag\t")
	var lag int64
	for _, p := range s.In {
		committed := "none"
		if p.Committed >= 0 {
			committed = fmt.Sprint(p.Committed)
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%d\t\n", p.Partition, p.First, p.End, committed, p.Lag())
		lag += p.Lag()
	}
	fmt.Fprintf(tw, "total\t\t\t\t%d\t\n", lag)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\noutput %s: %d records in %d partitions\n", s.Out.Topic, s.Out.Records, s.Out.Partitions)
	fmt.Fprintf(w, "dead letters %s: %d records", s.DLQ.Topic, s.DLQ.Records)
	if len(s.DLQ.ByClass) > 0 {
		var by []string
		for _, c := range slices.Sorted(maps.Keys(s.DLQ.ByClass)) {
			name := string(c)
			if name == "" {
				name = "unknown"
			}
			by = append(by, fmt.Sprintf("%d %s", s.DLQ.ByClass[c], name))
		}
		fmt.Fprintf(w, ": %s; newest %s", strings.Join(by, ", "), s.DLQ.Newest.UTC().Format(time.RFC3339))
	}
	_, err := fmt.Fprintln(w)
	return err
}
