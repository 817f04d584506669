package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/sluice-news/sluice/pipeline"
)

// runRun implements "sluice run".
func runRun(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	fs := newFlags("run", stderr)
	brokers := fs.String("brokers", "", "comma-separated Kafka bootstrap `addresses`; empty starts the embedded broker")
	embedded := fs.String("embedded-addr", defaultBrokerAddr, "listen `address` of the embedded broker (without --brokers)")
	dataDir := fs.String("data-dir", "", "persist the embedded broker's data in `dir` (default: in memory)")
	in := fs.String("in", "pages.raw", "input `topic` of raw pages")
	out := fs.String("out", "pages.clean", "output `topic` of clean records")
	dlq := fs.String("dlq", "pages.dlq", "dead-letter `topic`")
	group := fs.String("group", "sluice", "consumer `group`")
	partitions := fs.Int("partitions", 4, "partitions for topics sluice creates (existing topics are left alone)")
	maxBytes := fs.Int("max-bytes", pipeline.DefaultMaxBytes, "largest page accepted, in `bytes`; larger ones are dead-lettered")
	batch := fs.Int("batch", 256, "most records cleaned, written and committed together")
	recordTimeout := fs.Duration("record-timeout", 10*time.Second, "longest time one page may take to clean before it is dead-lettered")
	drain := fs.Duration("drain-timeout", 30*time.Second, "longest time to finish in-flight records on shutdown")
	session := fs.Duration("session-timeout", 10*time.Second, "how long the group waits for a silent member before moving its partitions")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "pages cleaned at once, across all partitions")
	inFlight := fs.Int64("max-in-flight-bytes", 64<<20, "most `bytes` of input fetched and not yet committed (at least 2×--max-bytes)")
	httpAddr := fs.String("http-addr", "127.0.0.1:9464", "serve /metrics, /healthz and /readyz on `address`; empty disables")
	pprofOn := fs.Bool("pprof", false, "also serve /debug/pprof/ on --http-addr")
	format := fs.String("format", "text", "output `format`: text, or html to add the clean article as sanitized HTML (field html)")
	var rulesFiles listFlag
	fs.Var(&rulesFiles, "rules", "user rule `file` that extends or disables the built-in rules (repeatable)")
	newLogger := logFlags(fs, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	if *format != "text" && *format != "html" {
		return fmt.Errorf("%w: --format %q: want text or html", errUsage, *format)
	}
	log := newLogger()

	addrs := splitList(*brokers)
	if len(addrs) == 0 {
		b, err := pipeline.StartBroker(*embedded, *dataDir)
		if err != nil {
			return err
		}
		defer b.Close()
		addrs = []string{b.Addr}
		log.Info("embedded broker started", "addr", b.Addr,
			"produce", fmt.Sprintf("%s produce --brokers %s PATH...", os.Args[0], b.Addr),
			"consume", fmt.Sprintf("%s consume --brokers %s --topic %s", os.Args[0], b.Addr, *out),
			"kcat", fmt.Sprintf("kcat -b %s -t %s -C", b.Addr, *out))
	}
	if err := pipeline.EnsureTopics(ctx, addrs, *partitions, *in, *out, *dlq); err != nil {
		return err
	}
	chain, err := pipeline.NewDefaultChain(rulesFiles...)
	if err != nil {
		return err
	}
	metrics := pipeline.NewMetrics()
	chain.Observe(metrics.ObserveStage)
	r, err := pipeline.NewRunner(pipeline.RunnerConfig{
		Brokers: addrs, Group: *group, In: *in, Out: *out, DLQ: *dlq,
		MaxBytes: *maxBytes, BatchSize: *batch, Workers: *workers, MaxInFlightBytes: *inFlight,
		RecordTimeout: *recordTimeout, DrainTimeout: *drain, SessionTimeout: *session,
		Chain: chain, Logger: log, Metrics: metrics, Version: version, HTML: *format == "html",
	})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *httpAddr != "" {
		stop, err := serveHTTP(*httpAddr, metrics, r, *pprofOn, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	return r.Run(ctx)
}
