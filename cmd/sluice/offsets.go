package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/sluice-news/sluice/pipeline"
)

const offsetsUsage = `Usage: sluice offsets reset --group GROUP --to BOUND [flags]

Sets the committed offsets of GROUP (the live pipeline's consumer group)
for every partition of --topic to BOUND: earliest, latest, an offset, or a
time (RFC 3339, or a date or date and time read as UTC; the first record at
or after it). The pipeline then goes on from there when it starts. It
refuses while the group has active members: stop every "sluice run" of the
group first. --dry-run prints the change and makes none.

Flags:
`

// runOffsets implements "sluice offsets reset".
func runOffsets(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "reset" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(stderr, offsetsUsage)
			return nil
		}
		return fmt.Errorf("%w: want \"sluice offsets reset\" (see sluice offsets -h)", errUsage)
	}
	fs := newFlags("offsets reset", stderr, offsetsUsage)
	kafkaOf := kafkaFlags(fs)
	group := fs.String("group", "", "consumer `group` whose offsets to set (required)")
	topic := fs.String("topic", "pages.raw", "input `topic` of the group")
	to := fs.String("to", "", "where the group goes on: earliest, latest, an offset or a time (required)")
	dryRun := fs.Bool("dry-run", false, "print the change and make none")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *group == "" || *to == "" {
		return fmt.Errorf("%w: --group and --to are required", errUsage)
	}
	bound, err := pipeline.ParseBound(*to)
	if err != nil {
		return fmt.Errorf("%w: --to: %v", errUsage, err)
	}
	k, err := kafkaOf()
	if err != nil {
		return err
	}
	changes, err := pipeline.ResetOffsets(ctx, k, *group, *topic, bound, *dryRun)
	if err != nil {
		var active *pipeline.GroupActiveError
		if errors.As(err, &active) {
			return fmt.Errorf("refused: %w", err)
		}
		return err
	}
	verb := "reset"
	if *dryRun {
		verb = "would reset (dry run)"
	}
	fmt.Fprintf(stdout, "%s the offsets of group %s on %s to %s:\n", verb, *group, *topic, bound)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "partition\tcommitted\tnew\t")
	for _, c := range changes {
		from := fmt.Sprint(c.From)
		if c.From < 0 {
			from = "none"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t\n", c.Partition, from, c.To)
	}
	return tw.Flush()
}
