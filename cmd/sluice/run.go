package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sluice-news/sluice/pipeline"
)

const runUsage = `Usage: sluice run [flags]

Consumes raw pages from --in as a member of --group, cleans them, writes one
clean record per page to --out and every page it cannot clean to --dlq, and
commits input offsets only after their records were acknowledged. Without
--brokers it starts the embedded broker on --embedded-addr.

Settings come from the flags, else SLUICE_<FLAG> environment variables
(SLUICE_MAX_BYTES), else the YAML file of --config, else the defaults.

Flags:
`

// runRun implements "sluice run".
func runRun(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	c, err := loadRunConfig("run", args, stderr, os.LookupEnv, runUsage, nil)
	if err != nil {
		return err
	}
	log := c.logger(stderr)

	k, err := kafkaSettings(c.Brokers, c.TLS, c.SASL)
	if err != nil {
		return err
	}
	if len(k.Brokers) == 0 {
		b, err := pipeline.StartBroker(c.EmbeddedAddr, c.DataDir)
		if err != nil {
			return err
		}
		defer b.Close()
		k = pipeline.Plain(b.Addr)
		log.Info("embedded broker started", "addr", b.Addr,
			"produce", fmt.Sprintf("%s produce --brokers %s PATH...", os.Args[0], b.Addr),
			"consume", fmt.Sprintf("%s consume --brokers %s --topic %s", os.Args[0], b.Addr, c.Out),
			"kcat", fmt.Sprintf("kcat -b %s -t %s -C", b.Addr, c.Out))
	}
	if err := pipeline.EnsureTopics(ctx, k, c.Partitions, c.In, c.Out, c.DLQ); err != nil {
		return err
	}
	chain, err := pipeline.NewDefaultChain(c.Rules...)
	if err != nil {
		return err
	}
	compression, _ := pipeline.ParseCompression(c.Compression) // validated
	metrics := pipeline.NewMetrics()
	chain.Observe(metrics.StageObserver(chain.Names()))
	r, err := pipeline.NewRunner(pipeline.RunnerConfig{
		Kafka: k, Group: c.Group, In: c.In, Out: c.Out, DLQ: c.DLQ,
		MaxBytes: c.MaxBytes, BatchSize: c.Batch, Workers: c.Workers, MaxInFlightBytes: c.MaxInFlightBytes,
		RecordTimeout: c.RecordTimeout, DrainTimeout: c.DrainTimeout, SessionTimeout: c.SessionTimeout,
		Compression: compression, Chain: chain, Logger: log, Metrics: metrics, Version: version, HTML: c.Format == "html",
	})
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if c.HTTPAddr != "" {
		stop, err := serveHTTP(c.HTTPAddr, metrics, r, c.Pprof, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	return r.Run(ctx)
}
