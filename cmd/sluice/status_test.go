package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// TestStatus: the table shows the lag of a group before it runs and none
// after, its member while it runs, the output's records and the dead
// letters by class.
func TestStatus(t *testing.T) {
	addr := broker(t)
	pages := timedPages("p", 40, day(1))
	pages = append(pages,
		kafka.Message{Key: []byte("bad-1"), Value: []byte(`{"body": `)},
		kafka.Message{Key: []byte("bad-2"), Value: []byte(`not json`)},
		kafka.Message{Key: []byte("big"), Value: envelope("https://example.test/big", "text/plain", strings.Repeat("Words and more words. ", 200))},
	)
	send(t, addr, "pages.raw", pages...)
	status := []string{"status", "--brokers", addr, "--group", "g"}

	out, stderr, code := runSluice(t, "", status...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"group g: no active members", "input pages.raw", "committed", "none", "dead letters pages.dlq: 0 records"} {
		if !strings.Contains(out, want) {
			t.Fatalf("no %q before the run:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`total +43\n`).MatchString(out) {
		t.Fatalf("want a total lag of 43 before the run:\n%s", out)
	}

	clean, dlq := collect(t, addr, "pages.clean"), collect(t, addr, "pages.dlq")
	p := start(t, "run", "--brokers", addr, "--group", "g", "--max-bytes", "2000", "--http-addr", "")
	clean.wait(t, 40, 60*time.Second, 100*time.Millisecond)
	dlq.wait(t, 3, 60*time.Second, 300*time.Millisecond)
	out, stderr, code = runSluice(t, "", status...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"group g: 1 active member(s)", "output pages.clean: 40 records in 4 partitions",
		"dead letters pages.dlq: 3 records: 2 permanent, 1 too_large; newest "} {
		if !strings.Contains(out, want) {
			t.Fatalf("no %q while running:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`total +0\n`).MatchString(out) {
		t.Fatalf("want no lag once every page was handled:\n%s", out)
	}
	p.stop(t, 30*time.Second)
}
