package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// TestRedriveAfterFix: pages dead-lettered as too large go back to the
// input once the limit was raised and come out clean; a dry run sends
// nothing; a page that fails every time is refused after three redrives.
func TestRedriveAfterFix(t *testing.T) {
	addr := broker(t)
	var msgs []kafka.Message
	for i := range 10 {
		key := fmt.Sprintf("small-%d", i)
		msgs = append(msgs, kafka.Message{Key: []byte(key), Value: envelope("https://example.test/"+key, "text/plain", "A short page, number "+key+".")})
	}
	big := strings.Repeat("A long paragraph of an article that goes on and on about the weather. ", 80)
	for i := range 5 {
		key := fmt.Sprintf("big-%d", i)
		msgs = append(msgs, kafka.Message{Key: []byte(key), Value: envelope("https://example.test/"+key, "text/plain", big)})
	}
	msgs = append(msgs, kafka.Message{Key: []byte("bad-json"), Value: []byte(`{"body": `), Headers: []kafka.Header{{Key: "trace", Value: []byte("t-1")}}})
	send(t, addr, "pages.raw", msgs...)
	raw, clean, dlq := collect(t, addr, "pages.raw"), collect(t, addr, "pages.clean"), collect(t, addr, "pages.dlq")

	p := start(t, "run", "--brokers", addr, "--max-bytes", "3000", "--http-addr", "")
	clean.wait(t, 10, 60*time.Second, 100*time.Millisecond)
	dlq.wait(t, 6, 60*time.Second, 300*time.Millisecond)
	p.stop(t, 30*time.Second)
	// The fix: the limit raised to its default.
	start(t, "run", "--brokers", addr, "--http-addr", "")

	out, stderr, code := runSluice(t, "", "redrive", "--brokers", addr, "--class", "too_large", "--dry-run")
	if code != 0 || !strings.Contains(out, "would send (dry run) 5 to pages.raw") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, stderr)
	}
	time.Sleep(300 * time.Millisecond)
	if n := raw.count(); n != len(msgs) {
		t.Fatalf("the dry run sent %d records", n-len(msgs))
	}

	out, stderr, code = runSluice(t, "", "redrive", "--brokers", addr, "--class", "too_large")
	if code != 0 || !strings.Contains(out, "sent 5 to pages.raw, 5 too_large; 1 of another class; 0 refused") {
		t.Fatalf("redrive: exit %d\n%s%s", code, out, stderr)
	}
	got := clean.wait(t, 15, 60*time.Second, 300*time.Millisecond)
	keys := keysOf(got)
	for i := range 5 {
		if !keys[fmt.Sprintf("big-%d", i)] {
			t.Fatalf("big-%d is not clean after the redrive", i)
		}
	}
	for _, m := range raw.wait(t, len(msgs)+5, 10*time.Second, 100*time.Millisecond)[len(msgs):] {
		if h := header(m, "sluice-redrives"); h != "1" || header(m, "sluice-error") != "" || !strings.HasPrefix(string(m.Key), "big-") {
			t.Fatalf("redriven record %s has sluice-redrives %q and sluice-error %q", m.Key, h, header(m, "sluice-error"))
		}
	}
	// Run again: nothing new to send.
	out, _, code = runSluice(t, "", "redrive", "--brokers", addr, "--class", "too_large")
	if code != 0 || !strings.Contains(out, "sent 0 to pages.raw") {
		t.Fatalf("second redrive: exit %d\n%s", code, out)
	}

	// The bad page fails every time: three redrives, then refused.
	for n := 1; n <= 3; n++ {
		out, stderr, code = runSluice(t, "", "redrive", "--brokers", addr, "--class", "permanent")
		if code != 0 || !strings.Contains(out, "sent 1 to pages.raw") {
			t.Fatalf("redrive %d of the bad page: exit %d\n%s%s", n, code, out, stderr)
		}
		letters := dlq.wait(t, 6+n, 60*time.Second, 300*time.Millisecond)
		last := letters[len(letters)-1]
		if string(last.Key) != "bad-json" || header(last, "sluice-redrives") != fmt.Sprint(n) || header(last, "trace") != "t-1" {
			t.Fatalf("dead letter after redrive %d: key %s, sluice-redrives %q, trace %q", n, last.Key, header(last, "sluice-redrives"), header(last, "trace"))
		}
	}
	out, stderr, code = runSluice(t, "", "redrive", "--brokers", addr, "--class", "permanent")
	if code != 0 || !strings.Contains(out, "sent 0 to pages.raw") || !strings.Contains(out, "1 refused") || !strings.Contains(out, "bad-json") {
		t.Fatalf("fourth redrive: exit %d\n%s%s", code, out, stderr)
	}
}
