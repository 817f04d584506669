package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/sluice-news/sluice/stages"
)

func testRunner(t *testing.T, chain *Chain, timeout time.Duration) *Runner {
	t.Helper()
	r, err := NewRunner(RunnerConfig{Kafka: Plain("127.0.0.1:1"), Chain: chain, RecordTimeout: timeout, Workers: 32,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestProcessFinishedPageIsNeverDeadLettered cleans many quick pages: a
// page whose cleaning finished must give its clean record, never a dead
// letter for a deadline or cancellation that came after it.
func TestProcessFinishedPageIsNeverDeadLettered(t *testing.T) {
	r := testRunner(t, NewChain(stages.Decode{}, stages.Normalize{}), time.Second)
	m := kafka.Message{Topic: "pages.raw", Value: []byte(`{"url": "https://example.test/a", "content_type": "text/plain", "body": "A short page."}`)}
	// More Ps than cores and more goroutines than Ps, so that goroutines are
	// preempted at every point, also between starting the cleaning and
	// waiting for it.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				out := r.process(context.Background(), m)
				if out.Topic != r.cfg.Out {
					t.Errorf("goroutine %d, page %d went to %s: %s", g, i, out.Topic, header(out, HeaderError))
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestProcessDeadlineGivesDeadLetterAndKeepsWorker: a page that takes
// longer than RecordTimeout is dead-lettered at once, and its worker stays
// taken until the cleaning really ends.
func TestProcessDeadlineGivesDeadLetterAndKeepsWorker(t *testing.T) {
	release := make(chan struct{})
	slow := stages.Func{ID: "slow", Fn: func(ctx context.Context, d *stages.Doc) error {
		<-release // ignores ctx, like a stage stuck in a long loop
		return nil
	}}
	r := testRunner(t, NewChain(stages.Decode{}, slow), 50*time.Millisecond)
	m := kafka.Message{Topic: "pages.raw", Value: []byte(`{"body": "text"}`)}
	start := time.Now()
	out := r.process(context.Background(), m)
	if out.Topic != r.cfg.DLQ || !strings.Contains(header(out, HeaderError), "cleaning took longer than 50ms") || header(out, HeaderErrorClass) != "permanent" {
		t.Fatalf("got %s record with error %q class %q", out.Topic, header(out, HeaderError), header(out, HeaderErrorClass))
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Fatalf("dead letter after %v", waited)
	}
	if len(r.workers) != 1 {
		t.Fatalf("%d workers taken while the stage still runs, want 1", len(r.workers))
	}
	close(release)
	deadline := time.Now().Add(10 * time.Second)
	for len(r.workers) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("worker not given back after the stage returned")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestCleanBatchStuckRecord: in a batch, a record whose cleaning hangs is
// dead-lettered at its deadline while the records after it are cleaned on
// the other worker, and the outputs keep the batch order.
func TestCleanBatchStuckRecord(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	stuck := stages.Func{ID: "stuck", Fn: func(ctx context.Context, d *stages.Doc) error {
		if strings.Contains(d.Text, "hang") {
			<-release // ignores ctx, like a stage stuck in a long loop
		}
		return nil
	}}
	r, err := NewRunner(RunnerConfig{Kafka: Plain("127.0.0.1:1"), Chain: NewChain(stages.Decode{}, stuck), RecordTimeout: 100 * time.Millisecond,
		Workers: 2, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	var batch []kafka.Message
	for i := range 50 {
		body := fmt.Sprintf("page %d", i)
		if i == 3 {
			body = "hang"
		}
		batch = append(batch, kafka.Message{Topic: "pages.raw", Offset: int64(i), Value: fmt.Appendf(nil, `{"body": %q}`, body)})
	}
	out, err := r.cleanBatch(context.Background(), batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range out {
		want := r.cfg.Out
		if i == 3 {
			want = r.cfg.DLQ
		}
		if m.Topic != want {
			t.Fatalf("record %d went to %q (%s), want %q", i, m.Topic, header(m, HeaderError), want)
		}
		if i != 3 && !strings.Contains(string(m.Value), fmt.Sprintf(`"page %d"`, i)) {
			t.Fatalf("record %d is %s", i, m.Value)
		}
	}
	if got := header(out[3], HeaderError); !strings.Contains(got, "cleaning took longer than 100ms") {
		t.Fatalf("dead letter error %q", got)
	}
}

// TestCleanBatchCancelled: a batch whose work context ends returns an
// error, not records, and the cleanings in flight see their context end.
func TestCleanBatchCancelled(t *testing.T) {
	stopped := make(chan struct{}, 2)
	hang := stages.Func{ID: "hang", Fn: func(ctx context.Context, d *stages.Doc) error {
		<-ctx.Done()
		stopped <- struct{}{}
		return ctx.Err()
	}}
	r := testRunner(t, NewChain(stages.Decode{}, hang), time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	out, err := r.cleanBatch(ctx, []kafka.Message{{Value: []byte(`{"body": "a"}`)}, {Value: []byte(`{"body": "b"}`)}})
	if !errors.Is(err, context.DeadlineExceeded) || out != nil {
		t.Fatalf("got %d records, error %v; want none and the context's error", len(out), err)
	}
	for range 2 {
		select {
		case <-stopped:
		case <-time.After(10 * time.Second):
			t.Fatal("a cleaning in flight was not cancelled")
		}
	}
}

func header(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}
