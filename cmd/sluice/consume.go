package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/sluice-news/sluice/pipeline"
)

// runConsume implements "sluice consume": a topic's records to stdout.
func runConsume(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("consume", stderr, "Usage: sluice consume [flags]\n\nPrints every record of a topic from the beginning, one a line, without\njoining a consumer group. Use --meta for dead letters, whose reason is in\ntheir headers.\n\nFlags:\n")
	kafkaOf := kafkaFlags(fs)
	topic := fs.String("topic", "pages.clean", "`topic` to read")
	limit := fs.Int("n", 0, "stop after `N` records (0: no limit)")
	idle := fs.Duration("idle", 2*time.Second, "stop when no record arrived for this long (0: never, follow the topic)")
	meta := fs.Bool("meta", false, "wrap each record with topic, partition, offset, key and headers")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	k, err := kafkaOf()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	msgs, err := pipeline.ReadTopic(ctx, k, *topic)
	if err != nil {
		return err
	}
	defer func() {
		cancel()
		for range msgs { // wait for the readers to stop
		}
	}()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var timeout <-chan time.Time
	for n := 0; *limit == 0 || n < *limit; n++ {
		if *idle > 0 {
			timeout = time.After(*idle)
		}
		select {
		case m, ok := <-msgs:
			if !ok {
				return nil
			}
			if err := writeRecord(out, m, *meta); err != nil {
				return err
			}
			if err := out.Flush(); err != nil {
				return err
			}
		case <-timeout:
			return nil
		case <-ctx.Done():
			return nil
		}
	}
	return nil
}

// writeRecord prints one record: its value, or with meta a JSON object.
func writeRecord(w io.Writer, m kafka.Message, meta bool) error {
	if !meta {
		_, err := fmt.Fprintf(w, "%s\n", m.Value)
		return err
	}
	h := map[string]string{}
	for _, x := range m.Headers {
		h[x.Key] = string(x.Value)
	}
	var v any = string(m.Value)
	if json.Valid(m.Value) {
		v = json.RawMessage(m.Value)
	}
	b, err := json.Marshal(map[string]any{
		"topic": m.Topic, "partition": m.Partition, "offset": m.Offset,
		"key": string(m.Key), "headers": h, "value": v,
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
