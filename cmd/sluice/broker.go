package main

import (
	"context"
	"io"

	"github.com/sluice-news/sluice/pipeline"
)

// runBroker implements "sluice broker": the embedded broker as its own process.
func runBroker(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) error {
	fs := newFlags("broker", stderr, "")
	addr := fs.String("addr", defaultBrokerAddr, "listen `address`")
	dataDir := fs.String("data-dir", "", "persist topics, records and offsets in `dir` (default: in memory)")
	topics := fs.String("topics", "pages.raw,pages.clean,pages.dlq", "comma-separated `topics` to create at start")
	partitions := fs.Int("partitions", 4, "partitions of the topics created")
	newLogger := logFlags(fs, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArguments(fs); err != nil {
		return err
	}
	log := newLogger()
	b, err := pipeline.StartBroker(*addr, *dataDir)
	if err != nil {
		return err
	}
	defer b.Close()
	if ts := splitList(*topics); len(ts) > 0 {
		if err := pipeline.EnsureTopics(ctx, pipeline.Plain(b.Addr), *partitions, ts...); err != nil {
			return err
		}
	}
	log.Info("broker ready", "addr", b.Addr, "data_dir", *dataDir, "topics", *topics)
	<-ctx.Done()
	log.Info("broker stopping")
	return nil
}
