package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"text/tabwriter"

	"github.com/sluice-news/sluice/pipeline"
)

const redriveUsage = `Usage: sluice redrive [--dlq TOPIC] [--to TOPIC] [flags]

Sends dead letters back, after the cause was fixed (a limit raised, a
rule changed), so that the pipeline cleans them again: each record goes to
--to (the input topic) with its original key, value and headers, without
the headers sluice added to the dead letter, and with the header
sluice-redrives counted up. A record redriven --max-redrives times already
is refused (listed, and left in the dead-letter topic), so a page that
fails every time cannot loop.

It takes the dead letters present when it starts: with --since, those
written at or after that time; otherwise those after the last one an
earlier redrive to the same topic (and of the same --class) handled (its
progress is committed for --progress-group), or all. --class takes one class only (permanent,
too_large). --dry-run counts what would be sent and sends nothing.

Flags:
`

// runRedrive implements "sluice redrive".
func runRedrive(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("redrive", stderr, redriveUsage)
	kafkaOf := kafkaFlags(fs)
	logOf := logFlags(fs, stderr)
	dlq := fs.String("dlq", "pages.dlq", "dead-letter `topic` to read")
	to := fs.String("to", "pages.raw", "`topic` to send the records to")
	class := fs.String("class", "", "only dead letters of this `class`: permanent or too_large (default: all)")
	since := fs.String("since", "", "only dead letters written at or after this `time` (RFC 3339, or a date read as UTC)")
	maxRedrives := fs.Int("max-redrives", pipeline.DefaultMaxRedrives, "refuse records redriven this many times already")
	group := fs.String("progress-group", "", "consumer `group` the progress is committed for (default: sluice-redrive-DLQ-TO[-CLASS])")
	dryRun := fs.Bool("dry-run", false, "count what would be sent; send and commit nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArguments(fs); err != nil {
		return err
	}
	cfg := pipeline.RedriveConfig{DLQ: *dlq, To: *to, Class: pipeline.ErrorClass(*class), MaxRedrives: *maxRedrives,
		Group: *group, DryRun: *dryRun, Logger: logOf()}
	switch cfg.Class {
	case "", pipeline.ClassPermanent, pipeline.ClassTooLarge:
	default:
		return fmt.Errorf("%w: --class %q: want permanent or too_large", errUsage, *class)
	}
	if *maxRedrives < 1 {
		return fmt.Errorf("%w: --max-redrives must be at least 1", errUsage)
	}
	if *since != "" {
		b, err := pipeline.ParseBound(*since)
		if err != nil || !b.IsTime() {
			return fmt.Errorf("%w: --since %q: want a time", errUsage, *since)
		}
		cfg.Since = b.Time()
	}
	if *dlq == *to {
		return fmt.Errorf("%w: --dlq and --to are the same topic", errUsage)
	}
	k, err := kafkaOf()
	if err != nil {
		return err
	}
	cfg.Kafka = k
	res, err := pipeline.Redrive(ctx, cfg)
	verb := "sent"
	if *dryRun {
		verb = "would send (dry run)"
	}
	fmt.Fprintf(stdout, "read %d dead letters of %s: %s %d to %s", res.Read, *dlq, verb, res.Total(), *to)
	for _, c := range slices.Sorted(maps.Keys(res.Sent)) {
		fmt.Fprintf(stdout, ", %d %s", res.Sent[c], c)
	}
	fmt.Fprintf(stdout, "; %d of another class; %d refused\n", res.Skipped, len(res.Refused))
	if len(res.Refused) > 0 {
		fmt.Fprintf(stdout, "refused, redriven %d times already (they stay in %s):\n", cfg.MaxRedrives, *dlq)
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "partition\toffset\tkey\tredrives\terror")
		for _, r := range res.Refused {
			fmt.Fprintf(tw, "%d\t%d\t%s\t%d\t%s\n", r.Partition, r.Offset, r.Key, r.Redrives, r.Error)
		}
		if ferr := tw.Flush(); ferr != nil && err == nil {
			err = ferr
		}
	}
	return err
}
