package pipeline

import (
	"bytes"
	"context"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// TestBrokerRollsSegments: the embedded broker starts a new log segment
// every segmentBytes, so that no segment file grows (and is copied as it
// grows) past that, and it still serves every record after a restart.
func TestBrokerRollsSegments(t *testing.T) {
	dir := t.TempDir()
	br, err := StartBroker("127.0.0.1:0", dir)
	if err != nil {
		t.Fatal(err)
	}
	k := Plain(br.Addr)
	ctx := context.Background()
	if err := EnsureTopics(ctx, k, 1, "big"); err != nil {
		t.Fatal(err)
	}
	w := k.Writer("big", DefaultMaxBytes, 0)
	value := bytes.Repeat([]byte("x"), 1<<20)
	const n = 3 * segmentBytes >> 20 // records of 1 MiB: three segments' worth
	for i := 0; i < n; i += 4 {
		msgs := make([]kafka.Message, 0, 4)
		for j := i; j < min(i+4, n); j++ {
			msgs = append(msgs, kafka.Message{Value: value})
		}
		if err := w.WriteMessages(ctx, msgs...); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	br.Close()

	var logs int
	filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && filepath.Ext(path) == ".dat" {
			logs++
		}
		return nil
	})
	if logs < 3 {
		t.Errorf("%d segment files for %d MiB in segments of %d MiB", logs, n, segmentBytes>>20)
	}

	br, err = StartBroker("127.0.0.1:0", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	msgs, err := ReadTopic(rctx, Plain(br.Addr), "big")
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for m := range msgs {
		if !bytes.Equal(m.Value, value) {
			t.Fatalf("record %d: %d bytes, not the record written", m.Offset, len(m.Value))
		}
		if got++; got == n {
			break
		}
	}
	if got != n {
		t.Errorf("after a restart: %d records, want %d", got, n)
	}
}
