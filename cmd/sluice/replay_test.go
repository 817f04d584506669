package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/segmentio/kafka-go"
)

// day is a record timestamp: midnight UTC of the nth day of 2026.
func day(n int) time.Time { return time.Date(2026, 1, n, 0, 0, 0, 0, time.UTC) }

// timedPages returns n text pages keyed prefix-0 … prefix-(n-1), with
// timestamps at t plus i seconds.
func timedPages(prefix string, n int, t time.Time) []kafka.Message {
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		key := fmt.Sprintf("%s-%d", prefix, i)
		msgs[i] = kafka.Message{Key: []byte(key), Time: t.Add(time.Duration(i) * time.Second),
			Value: envelope("https://example.test/"+key, "text/plain", "Page "+key+" has one sentence of text.")}
	}
	return msgs
}

// keysOf returns the distinct keys of msgs.
func keysOf(msgs []kafka.Message) map[string]bool {
	keys := map[string]bool{}
	for _, m := range msgs {
		keys[string(m.Key)] = true
	}
	return keys
}

// requireKeys fails unless got holds exactly the keys of want.
func requireKeys(t *testing.T, got map[string]bool, want []kafka.Message) {
	t.Helper()
	w := keysOf(want)
	var missing, extra []string
	for k := range w {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !w[k] {
			extra = append(extra, k)
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		slices.Sort(missing)
		slices.Sort(extra)
		t.Fatalf("%d keys, want %d: missing %v, outside the window %v", len(got), len(w), missing, extra)
	}
}

// TestReplayTimeWindow: a replay of a time window processes exactly the
// records whose timestamps are in it, also, with --late, one written after
// later records; --dry-run prints the offsets and processes nothing.
func TestReplayTimeWindow(t *testing.T) {
	addr := broker(t)
	before, inside, after := timedPages("before", 30, day(1)), timedPages("inside", 40, day(2)), timedPages("after", 30, day(3))
	late := timedPages("late", 1, day(2).Add(time.Hour)) // belongs to the window, written after it
	early := timedPages("early", 1, day(1))              // does not, written inside it
	send(t, addr, "pages.raw", before...)
	send(t, addr, "pages.raw", inside[:20]...)
	send(t, addr, "pages.raw", early...)
	send(t, addr, "pages.raw", inside[20:]...)
	send(t, addr, "pages.raw", after...)
	send(t, addr, "pages.raw", late...)
	clean := collect(t, addr, "pages.clean")
	window := []string{"replay", "--brokers", addr, "--from", "2026-01-02", "--until", "2026-01-03T00:00:00Z", "--late", "48h", "--progress", "none"}

	out, stderr, code := runSluice(t, "", append(window, "--dry-run")...)
	if code != 0 {
		t.Fatalf("dry run: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(out, "partition") || !strings.Contains(out, "to process") {
		t.Fatalf("dry run printed no offsets:\n%s", out)
	}
	time.Sleep(500 * time.Millisecond)
	if n := clean.count(); n != 0 {
		t.Fatalf("dry run wrote %d records", n)
	}

	out, stderr, code = runSluice(t, "", window...)
	if code != 0 {
		t.Fatalf("replay: exit %d\n%s\n%s", code, out, stderr)
	}
	want := append(slices.Clone(inside), late...)
	got := clean.wait(t, len(want), 30*time.Second, 300*time.Millisecond)
	if len(got) != len(want) {
		t.Fatalf("%d records written, want %d (each once)", len(got), len(want))
	}
	requireKeys(t, keysOf(got), want)
	if !strings.Contains(out, fmt.Sprintf("%d clean", len(want))) {
		t.Fatalf("summary does not count %d clean records:\n%s", len(want), out)
	}

	// The same command again: the replay is done, nothing more is written.
	out, stderr, code = runSluice(t, "", window...)
	if code != 0 || !strings.Contains(out, "resumed): 0 records to process") {
		t.Fatalf("second run: exit %d\n%s\n%s", code, out, stderr)
	}
	time.Sleep(500 * time.Millisecond)
	if n := clean.count(); n != len(want) {
		t.Fatalf("second run wrote %d more records", n-len(want))
	}
}

// TestReplayOffsetsAndPartitions: offset bounds and --partitions select
// the records of those offsets in those partitions.
func TestReplayOffsetsAndPartitions(t *testing.T) {
	addr := broker(t)
	send(t, addr, "pages.raw", timedPages("p", 200, day(5))...)
	in := collect(t, addr, "pages.raw").wait(t, 200, 30*time.Second, 200*time.Millisecond)
	var want []kafka.Message
	for _, m := range in {
		if (m.Partition == 1 || m.Partition == 3) && m.Offset >= 5 && m.Offset < 20 {
			want = append(want, m)
		}
	}
	clean := collect(t, addr, "pages.clean")
	out, stderr, code := runSluice(t, "", "replay", "--brokers", addr, "--from", "5", "--until", "20", "--partitions", "1,3", "--progress", "none")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	requireKeys(t, keysOf(clean.wait(t, len(want), 30*time.Second, 300*time.Millisecond)), want)

	_, stderr, code = runSluice(t, "", "replay", "--brokers", addr, "--from", "5", "--until", "latest", "--partitions", "9")
	if code != 1 || !strings.Contains(stderr, "no partition 9") {
		t.Fatalf("unknown partition: exit %d, %s", code, stderr)
	}
	_, stderr, code = runSluice(t, "", "replay", "--brokers", addr, "--from", "yesterday", "--until", "latest")
	if code != 2 || !strings.Contains(stderr, "--from") {
		t.Fatalf("bad bound: exit %d, %s", code, stderr)
	}
}

// TestReplayResumesAfterKill: a replay interrupted with SIGINT, run again
// and killed with SIGKILL in the middle, then run again, has written every
// record of the window (some maybe twice) and none outside it.
func TestReplayResumesAfterKill(t *testing.T) {
	addr := broker(t)
	inside := timedPages("inside", 3000, day(2))
	send(t, addr, "pages.raw", timedPages("before", 100, day(1))...)
	send(t, addr, "pages.raw", inside...)
	send(t, addr, "pages.raw", timedPages("after", 100, day(4))...)
	clean := collect(t, addr, "pages.clean")
	args := []string{"replay", "--brokers", addr, "--from", "2026-01-02", "--until", "2026-01-03", "--batch", "8", "--workers", "1", "--progress", "none"}

	waitFor := func(n int) {
		deadline := time.Now().Add(30 * time.Second)
		for clean.count() < n {
			if time.Now().After(deadline) {
				t.Fatalf("%d records after 30s, want %d", clean.count(), n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	p := start(t, args...)
	waitFor(200)
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := <-p.done
	p.done <- err
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(p.stderr.String(), "run the same command again to resume") {
		t.Fatalf("after SIGINT: %v\n%s", err, p.stderr.String())
	}
	interruptedAt := clean.count()

	p = start(t, args...)
	waitFor(interruptedAt + 300)
	p.kill(t)
	killedAt := clean.count()
	if killedAt >= len(inside) {
		t.Fatalf("the replay was done (%d records) before it was killed", killedAt)
	}

	out, stderr, code := runSluice(t, "", args...)
	if code != 0 || !strings.Contains(out, "resumed") {
		t.Fatalf("resumed run: exit %d\n%s\n%s", code, out, stderr)
	}
	got := clean.wait(t, len(inside), 60*time.Second, 300*time.Millisecond)
	requireKeys(t, keysOf(got), inside)
	t.Logf("killed at %d records; %d written in all, %d of them again", killedAt, len(got), len(got)-len(keysOf(got)))
	if again := len(got) - len(keysOf(got)); again > 8*4 {
		t.Fatalf("%d records written twice; at most the uncommitted batches (8 records each, 4 partitions) may be", again)
	}
}

// TestReplayProgressDisplay: under a pseudo-terminal the replay draws
// progress bars in place; with its stderr a pipe it logs progress lines.
func TestReplayProgressDisplay(t *testing.T) {
	addr := broker(t)
	send(t, addr, "pages.raw", timedPages("p", 400, day(2))...)
	args := []string{"replay", "--brokers", addr, "--from", "earliest", "--until", "latest", "--progress-interval", "20ms"}

	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	cmd := exec.Command(sluiceBin, append(args, "--restart")...)
	cmd.Stdout, cmd.Stderr = tty, tty
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close() // the child has its own copy
	var screen bytes.Buffer
	_, _ = io.Copy(&screen, ptmx) // until the child exits (EIO on Linux)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("under a terminal: %v\n%s", err, screen.String())
	}
	for _, want := range []string{"\x1b[2K", "partition 0", "█", "records", "rec/s", "ETA", "100.0%"} {
		if !strings.Contains(screen.String(), want) {
			t.Fatalf("no %q in the terminal's output:\n%q", want, screen.String())
		}
	}

	out, stderr, code := runSluice(t, "", append(args, "--restart")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	if !strings.Contains(stderr, `msg="replay progress" partition=0`) || strings.Contains(stderr+out, "\x1b[") {
		t.Fatalf("without a terminal, want log lines and no escape sequences:\n%s", stderr)
	}
}
