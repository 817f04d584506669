package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/segmentio/kafka-go"
	"github.com/sluice-news/sluice/pipeline"
)

// runProduce implements "sluice produce": files to a topic.
func runProduce(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("produce", stderr, "Usage: sluice produce [flags] [PATH|-]...\n\nSends each page of the files, directories or stdin (see sluice clean) to a\ntopic, as a JSON envelope {url, fetched_at, content_type, body} keyed by URL\nor file path. Bodies that are not UTF-8 are sent raw with headers.\n\nFlags:\n")
	kafkaOf := kafkaFlags(fs)
	topic := fs.String("topic", "pages.raw", "`topic` to write to")
	raw := fs.Bool("raw", false, "send page bytes with content-type and url headers instead of JSON envelopes")
	maxBytes := fs.Int("max-bytes", pipeline.DefaultMaxBytes, "largest page read, in `bytes`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	k, err := kafkaOf()
	if err != nil {
		return err
	}
	w := k.Writer(*topic, 2**maxBytes, 0)
	defer w.Close()
	var batch []kafka.Message
	sent, failed := 0, 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := w.WriteMessages(ctx, batch...); err != nil {
			return fmt.Errorf("write to %s: %w", *topic, err)
		}
		sent += len(batch)
		batch = batch[:0]
		return nil
	}
	err = pipeline.ReadPaths(paths, stdin, *maxBytes, func(p pipeline.Page, err error) error {
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "sluice produce: %s: %v\n", p.Source, err)
			return nil
		}
		batch = append(batch, pageMessage(p, *raw))
		if len(batch) >= 500 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sent %d page(s) to %s\n", sent, *topic)
	if failed > 0 {
		return errors.New("some inputs could not be read")
	}
	return nil
}

// pageMessage builds the Kafka record for a page.
func pageMessage(p pipeline.Page, raw bool) kafka.Message {
	key := p.URL
	if key == "" {
		key = p.Source
	}
	if raw || !utf8.Valid(p.Body) {
		ct := p.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		return kafka.Message{Key: []byte(key), Value: p.Body, Headers: []kafka.Header{
			{Key: pipeline.HeaderContentType, Value: []byte(ct)},
			{Key: pipeline.HeaderURL, Value: []byte(p.URL)},
		}}
	}
	body := string(p.Body)
	v, _ := json.Marshal(pipeline.Envelope{URL: p.URL, FetchedAt: p.FetchedAt, ContentType: p.ContentType, Body: &body})
	return kafka.Message{Key: []byte(key), Value: v}
}
