package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/sluice-news/sluice/pipeline"
)

const replayUsage = `Usage: sluice replay --from BOUND --until BOUND [flags]

Processes one window of --in again, with the rules and settings of "sluice
run" (the same --config, SLUICE_* variables and flags), and writes clean
records to --out and dead letters to --dlq. A BOUND is earliest, latest, an
offset (the same in every partition), or a time: RFC 3339
(2026-11-21T10:00:00Z), or a date or date and time read as UTC
(2026-11-21, 2026-11-21T10:00). A time window takes the records whose
timestamps are in [from, until) and ends at the first record written at or
after until; --late extends that end for late arrivals (records written
after the window with timestamps inside it).

It first resolves the window to offsets in every partition and prints them;
--dry-run stops there. Then it processes exactly that range: records are
written in offset order with acks=all, and only then is the progress
committed for the replay's progress group, so a replay that is interrupted
(Ctrl-C, kill, a lost broker) resumes without a gap when the same command
is run again, within the window resolved the first time. --restart starts
it over. Progress shows as bars on a terminal and as log lines otherwise;
a summary ends it. Without --brokers it connects to ` + defaultBrokerAddr + `.

Flags:
`

// replayFlags are the flags of "sluice replay" besides the run settings.
type replayFlags struct {
	from, until   string
	partitions    commaList
	dryRun        bool
	restart       bool
	group         string
	late          time.Duration
	progress      string
	progressEvery time.Duration
}

func (f *replayFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.from, "from", "", "start of the window: earliest, an offset or a time (required)")
	fs.StringVar(&f.until, "until", "", "end of the window, not included: latest, an offset or a time (required)")
	fs.Var(&f.partitions, "partitions", "comma-separated partition `ids` to replay (default: all)")
	fs.DurationVar(&f.late, "late", 0, "with a time --until, also take records written up to this much later with timestamps in the window")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print the offsets of the window and stop")
	fs.BoolVar(&f.restart, "restart", false, "start the window over instead of resuming an earlier run")
	fs.StringVar(&f.group, "progress-group", "", "consumer `group` the progress is committed for (default: derived from topics and window)")
	fs.StringVar(&f.progress, "progress", "auto", "progress display: auto (bars on a terminal, else log lines), bar, log or none")
	fs.DurationVar(&f.progressEvery, "progress-interval", 0, "how often progress is shown (default: 200ms for bars, 10s for log lines)")
}

// runReplay implements "sluice replay".
func runReplay(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	var f replayFlags
	c, err := loadRunConfig("replay", args, stderr, os.LookupEnv, replayUsage, &ownFlags{register: f.register, replaces: []string{"partitions"}})
	if err != nil {
		return err
	}
	if f.from == "" || f.until == "" {
		return fmt.Errorf("%w: --from and --until are required", errUsage)
	}
	from, err := pipeline.ParseBound(f.from)
	if err != nil {
		return fmt.Errorf("%w: --from: %v", errUsage, err)
	}
	until, err := pipeline.ParseBound(f.until)
	if err != nil {
		return fmt.Errorf("%w: --until: %v", errUsage, err)
	}
	var parts []int
	for _, s := range f.partitions {
		p, err := strconv.Atoi(s)
		if err != nil || p < 0 {
			return fmt.Errorf("%w: --partitions: %q is not a partition id", errUsage, s)
		}
		parts = append(parts, p)
	}
	switch f.progress {
	case "auto", "bar", "log", "none":
	default:
		return fmt.Errorf("%w: --progress %q: want auto, bar, log or none", errUsage, f.progress)
	}
	log := c.logger(stderr)
	if len(c.Brokers) == 0 {
		c.Brokers = []string{defaultBrokerAddr}
	}
	k, err := kafkaSettings(c.Brokers, c.TLS, c.SASL)
	if err != nil {
		return err
	}
	window := pipeline.ReplayWindow{From: from, Until: until, Late: f.late, Partitions: parts}
	group := f.group
	if group == "" {
		group = pipeline.ReplayGroup(c.In, c.Out, window)
	}
	plan, err := pipeline.PlanReplay(ctx, k, c.In, group, window, f.restart)
	if err != nil {
		return err
	}
	if err := printPlan(stdout, plan); err != nil {
		return err
	}
	if f.dryRun {
		return nil
	}
	if err := pipeline.EnsureTopics(ctx, k, c.Partitions, c.Out, c.DLQ); err != nil {
		return err
	}
	chain, err := pipeline.NewDefaultChain(c.Rules...)
	if err != nil {
		return err
	}
	compression, _ := pipeline.ParseCompression(c.Compression) // validated
	r, err := pipeline.NewRunner(pipeline.RunnerConfig{
		Kafka: k, Group: group, In: c.In, Out: c.Out, DLQ: c.DLQ,
		MaxBytes: c.MaxBytes, BatchSize: c.Batch, Workers: c.Workers, MaxInFlightBytes: c.MaxInFlightBytes,
		RecordTimeout: c.RecordTimeout, DrainTimeout: c.DrainTimeout, SessionTimeout: c.SessionTimeout,
		Compression: compression, Chain: chain, Logger: log, Version: version, HTML: c.Format == "html",
	})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}

	rep := &progressReporter{log: log, interval: f.progressEvery}
	if f.progress == "bar" || f.progress == "auto" && isTerminal(stderr) {
		rep.w = stderr
	}
	if rep.interval <= 0 {
		rep.interval = 10 * time.Second
		if rep.w != nil {
			rep.interval = 200 * time.Millisecond
		}
	}
	var (
		progs []*pipeline.PartitionProgress
		shown sync.WaitGroup
	)
	showCtx, stopShowing := context.WithCancel(context.Background())
	start := time.Now()
	err = r.Replay(ctx, plan, func(p []*pipeline.PartitionProgress) {
		progs = p
		rep.set(p)
		if f.progress != "none" {
			shown.Go(func() { rep.run(showCtx) })
		}
	})
	stopShowing()
	shown.Wait()
	if progs != nil {
		if perr := printSummary(stdout, plan, progs, time.Since(start)); perr != nil && err == nil {
			err = perr
		}
	}
	if errors.Is(err, pipeline.ErrReplayInterrupted) {
		fmt.Fprintf(stderr, "replay interrupted; what was delivered is committed for group %s: run the same command again to resume\n", plan.Group)
	}
	return err
}

// printPlan prints the window's offsets per partition.
func printPlan(w io.Writer, plan pipeline.ReplayPlan) error {
	state := "new"
	if plan.Resumed {
		state = "resumed"
	}
	fmt.Fprintf(w, "replay of %s %s (progress group %s, %s): %d records to process\n",
		plan.Topic, plan.Window, plan.Group, state, plan.Records())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "partition\tstart\tend\tnext\tto process\t")
	for _, r := range plan.Ranges {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t\n", r.Partition, r.Start, r.End, r.Next, max(r.End-r.Next, 0))
	}
	return tw.Flush()
}

// printSummary prints what the replay did per partition and in total.
func printSummary(w io.Writer, plan pipeline.ReplayPlan, progs []*pipeline.PartitionProgress, took time.Duration) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "partition\tnext\tend\tclean\tdead letters\tskipped\tbytes\t")
	var clean, dead, skipped, bytes int64
	for _, p := range progs {
		s := p.Snapshot()
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", s.Range.Partition, s.Next, s.Range.End, s.Records, s.DeadLetters, s.Skipped, byteSize(s.Bytes))
		clean, dead, skipped, bytes = clean+s.Records, dead+s.DeadLetters, skipped+s.Skipped, bytes+s.Bytes
	}
	fmt.Fprintf(tw, "total\t\t\t%d\t%d\t%d\t%s\t\n", clean, dead, skipped, byteSize(bytes))
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "replayed %d records (%d clean, %d dead letters, %d outside the window) in %v: %.0f records/s, %s/s\n",
		clean+dead+skipped, clean, dead, skipped, took.Round(time.Millisecond),
		float64(clean+dead+skipped)/took.Seconds(), byteSize(int64(float64(bytes)/took.Seconds())))
	return err
}
