package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/sluice-news/sluice/pipeline"
)

// broker starts an embedded broker on a free loopback port with the three
// topics, for one test.
func broker(t *testing.T) string {
	t.Helper()
	b, err := pipeline.StartBroker("127.0.0.1:0", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := pipeline.EnsureTopics(ctx, pipeline.Plain(b.Addr), 4, "pages.raw", "pages.clean", "pages.dlq"); err != nil {
		t.Fatal(err)
	}
	return b.Addr
}

// send writes messages to topic with acks from all replicas.
func send(t *testing.T, addr, topic string, msgs ...kafka.Message) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: topic, Balancer: &kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll, BatchTimeout: 2 * time.Millisecond, BatchBytes: pipeline.TopicMaxMessageBytes, Transport: &kafka.Transport{}}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
}

// collector reads every partition of a topic from the start, without a
// group, for as long as the test runs.
type collector struct {
	mu   sync.Mutex
	msgs []kafka.Message
}

func collect(t *testing.T, addr, topic string) *collector {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	msgs, err := pipeline.ReadTopic(ctx, pipeline.Plain(addr), topic)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	c := &collector{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m := range msgs {
			c.mu.Lock()
			c.msgs = append(c.msgs, m)
			c.mu.Unlock()
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return c
}

func (c *collector) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.msgs)
}

// wait waits for at least n messages, then for quiet (no new message for
// settle) so that extra messages would be seen, and returns them all.
func (c *collector) wait(t *testing.T, n int, d, settle time.Duration) []kafka.Message {
	t.Helper()
	deadline := time.Now().Add(d)
	for c.count() < n {
		if time.Now().After(deadline) {
			t.Fatalf("got %d messages after %v, want %d", c.count(), d, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	for last := -1; last != c.count(); {
		last = c.count()
		time.Sleep(settle)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]kafka.Message(nil), c.msgs...)
}

// seed is one seed page of the golden corpus.
type seed struct {
	name, input, expected string
	meta                  map[string]any
}

func seeds(t *testing.T) []seed {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(sharedDir(t), "corpus", "text", "seed-*"))
	var out []seed
	for _, d := range dirs {
		in, err1 := os.ReadFile(filepath.Join(d, "input.txt"))
		exp, err2 := os.ReadFile(filepath.Join(d, "expected.txt"))
		js, err3 := os.ReadFile(filepath.Join(d, "expected.json"))
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatal(err1, err2, err3)
		}
		s := seed{name: filepath.Base(d), input: string(in), expected: strings.TrimSpace(string(exp))}
		if err := json.Unmarshal(js, &s.meta); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if len(out) != 4 {
		t.Fatalf("%d seeds, want 4", len(out))
	}
	return out
}

func envelope(url, ct, body string) []byte {
	b, _ := json.Marshal(map[string]string{"url": url, "content_type": ct, "body": body})
	return b
}

func header(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

// TestRunSeedsBothFormsAndDLQ produces the seed pages as JSON envelopes and
// as raw bytes with headers, plus three bad inputs, runs the pipeline and
// checks every clean record exactly and every dead letter's reason.
func TestRunSeedsBothFormsAndDLQ(t *testing.T) {
	addr := broker(t)
	ss := seeds(t)
	var msgs []kafka.Message
	for _, s := range ss {
		url := "https://example.test/" + s.name
		msgs = append(msgs,
			kafka.Message{Key: []byte("env/" + s.name), Value: envelope(url, "text/plain", s.input)},
			kafka.Message{Key: []byte("raw/" + s.name), Value: []byte(s.input), Headers: []kafka.Header{{Key: "content-type", Value: []byte("text/plain")}, {Key: "url", Value: []byte(url)}}},
		)
	}
	bad := map[string]kafka.Message{
		"bad/json":  {Key: []byte("bad/json"), Value: []byte(`{"url": "https://example.test/x", "body": `)},
		"bad/utf8":  {Key: []byte("bad/utf8"), Value: []byte("caf\xe9 au lait"), Headers: []kafka.Header{{Key: "content-type", Value: []byte("text/plain")}, {Key: "trace", Value: []byte("abc")}}},
		"bad/empty": {Key: []byte("bad/empty"), Value: envelope("https://example.test/empty", "text/plain", "")},
	}
	for _, m := range bad {
		msgs = append(msgs, m)
	}
	send(t, addr, "pages.raw", msgs...)

	clean, dlq := collect(t, addr, "pages.clean"), collect(t, addr, "pages.dlq")
	web := freeAddr(t)
	p := start(t, "run", "--brokers", addr, "--format", "html", "--http-addr", web)
	got := clean.wait(t, 8, 60*time.Second, 500*time.Millisecond)
	dead := dlq.wait(t, 3, 30*time.Second, 100*time.Millisecond)
	if code, body := httpGet(t, web, "/readyz"); code != 200 {
		t.Errorf("/readyz: %d %s", code, body)
	}
	_, metrics := httpGet(t, web, "/metrics")
	for _, want := range []string{
		`sluice_records_in_total{topic="pages.raw"} 11`,
		`sluice_records_out_total{topic="pages.clean"} 8`,
		`sluice_records_dlq_total{class="permanent"} 3`,
		`sluice_stage_duration_seconds_count{stage="html-text"} 8`,
		`sluice_consumer_lag{partition=`,
		`sluice_rebalances_total 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// Every class's series exists from the start; the seeds' dump was counted.
	if n := metricValue(metrics, `sluice_removed_bytes_total{class="serialized-dump"}`); n <= 0 {
		t.Errorf("removed bytes of class serialized-dump: %v, want > 0", n)
	}
	p.stop(t, 30*time.Second)

	if len(got) != 8 {
		t.Fatalf("%d clean records, want 8", len(got))
	}
	byKey := map[string]map[string]any{}
	for _, m := range got {
		var rec map[string]any
		if err := json.Unmarshal(m.Value, &rec); err != nil {
			t.Fatal(err)
		}
		byKey[string(m.Key)] = rec
	}
	for _, s := range ss {
		for _, form := range []string{"env/", "raw/"} {
			rec := byKey[form+s.name]
			if rec == nil {
				t.Errorf("no clean record for %s%s", form, s.name)
				continue
			}
			if h, _ := rec["html"].(string); !strings.HasPrefix(h, "<p>") {
				t.Errorf("%s%s: html = %.80q, want the article as <p> paragraphs", form, s.name, h)
			}
			if rec["text"] != s.expected {
				t.Errorf("%s%s text:\n got %.200q\nwant %.200q", form, s.name, rec["text"], s.expected)
			}
			if rec["url"] != "https://example.test/"+s.name {
				t.Errorf("%s%s url = %v", form, s.name, rec["url"])
			}
			for k, want := range s.meta {
				if k == "removed_classes" {
					continue
				}
				if g := rec[k]; !(g == want || want == nil && (g == false || g == "")) {
					t.Errorf("%s%s %s = %v, want %v", form, s.name, k, g, want)
				}
			}
		}
	}
	reasons := map[string]string{
		"bad/json":  "input: invalid JSON envelope: unexpected end of JSON input",
		"bad/utf8":  "decode: bad input: body is not valid UTF-8",
		"bad/empty": "decode: bad input: empty body",
	}
	if len(dead) != 3 {
		t.Fatalf("%d dead letters, want 3", len(dead))
	}
	for _, m := range dead {
		k := string(m.Key)
		if want := reasons[k]; !strings.HasPrefix(header(m, "sluice-error"), want) {
			t.Errorf("%s: sluice-error %q, want prefix %q", k, header(m, "sluice-error"), want)
		}
		if string(m.Value) != string(bad[k].Value) {
			t.Errorf("%s: value not kept: %q", k, m.Value)
		}
		if header(m, "sluice-error-class") != "permanent" || header(m, "sluice-source-topic") != "pages.raw" || header(m, "sluice-source-offset") == "" || header(m, "sluice-source-partition") == "" {
			t.Errorf("%s: headers %v", k, m.Headers)
		}
		if k == "bad/utf8" && header(m, "trace") != "abc" {
			t.Errorf("original headers not kept: %v", m.Headers)
		}
	}
}

// httpGet returns the status and body of GET http://addr/path.
func httpGet(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestRunSIGTERMAndRestart stops the pipeline with SIGTERM while it works
// through a backlog and pages are still being produced, restarts it, and
// checks that every page has exactly one clean record: nothing skipped,
// nothing committed processed again.
func TestRunSIGTERMAndRestart(t *testing.T) {
	addr := broker(t)
	ss := seeds(t)
	const backlog, chunk = 2000, 50
	clean := collect(t, addr, "pages.clean")
	pages := func(from, to int) []kafka.Message {
		var msgs []kafka.Message
		for j := from; j < to; j++ {
			s := ss[j%len(ss)]
			msgs = append(msgs, kafka.Message{Key: []byte(fmt.Sprintf("page-%05d", j)), Value: envelope(fmt.Sprintf("https://example.test/%d", j), "text/plain", s.input)})
		}
		return msgs
	}
	// A backlog, so that the stop lands while batches are in flight, and a
	// producer that keeps going until after the restart.
	send(t, addr, "pages.raw", pages(0, backlog)...)
	stopProducing, produced := make(chan struct{}), make(chan int)
	go func() {
		n := backlog
		defer func() { produced <- n }()
		for {
			select {
			case <-stopProducing:
				return
			default:
			}
			send(t, addr, "pages.raw", pages(n, n+chunk)...)
			n += chunk
			time.Sleep(50 * time.Millisecond)
		}
	}()

	first := start(t, "run", "--brokers", addr, "--http-addr", "")
	for clean.count() < 300 {
		time.Sleep(10 * time.Millisecond)
	}
	first.stop(t, 30*time.Second)
	if !strings.Contains(first.stderr.String(), "in-flight records written and committed") {
		t.Errorf("no clean-shutdown log line:\n%s", first.stderr.String())
	}
	atStop := clean.count()
	time.Sleep(300 * time.Millisecond)
	if n := clean.count(); n != atStop {
		t.Errorf("records kept appearing after the pipeline exited: %d -> %d", atStop, n)
	}

	second := start(t, "run", "--brokers", addr, "--http-addr", "")
	time.Sleep(500 * time.Millisecond)
	close(stopProducing)
	total := <-produced
	got := clean.wait(t, total, 120*time.Second, time.Second)
	second.stop(t, 30*time.Second)

	seen := map[string]int{}
	for _, m := range got {
		seen[string(m.Key)]++
	}
	bad := 0
	for i := 0; i < total; i++ {
		if k := fmt.Sprintf("page-%05d", i); seen[k] != 1 && bad < 10 {
			bad++
			t.Errorf("%s has %d clean records, want exactly 1", k, seen[k])
		}
	}
	if len(got) != total {
		t.Errorf("%d clean records for %d pages (first run stopped at %d)", len(got), total, atStop)
	}
	if atStop >= total {
		t.Errorf("the first run had cleaned all %d pages before SIGTERM; the stop was not mid-stream", total)
	}
}

// metricValue returns the value of the series named (with its labels) in a
// Prometheus text exposition, or -1 when it is not there.
func metricValue(exposition, series string) float64 {
	for _, line := range strings.Split(exposition, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				return f
			}
		}
	}
	return -1
}
