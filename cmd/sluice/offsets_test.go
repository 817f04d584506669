package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sluice-news/sluice/pipeline"
)

// committedTotal returns the sum of group's committed offsets on pages.raw.
func committedTotal(t *testing.T, addr, group string) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	offsets, err := pipeline.CommittedOffsets(ctx, pipeline.Plain(addr), group, "pages.raw", []int{0, 1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, o := range offsets {
		n += o
	}
	return n
}

// TestOffsetsReset: "offsets reset" refuses while a pipeline of the group
// runs; once it stopped, a dry run changes nothing, and a reset to a time
// makes the next run clean the records from that time again.
func TestOffsetsReset(t *testing.T) {
	addr := broker(t)
	old, recent := timedPages("old", 30, day(1)), timedPages("recent", 50, day(2))
	send(t, addr, "pages.raw", old...)
	send(t, addr, "pages.raw", recent...)
	clean := collect(t, addr, "pages.clean")
	run := []string{"run", "--brokers", addr, "--group", "g", "--http-addr", ""}
	p := start(t, run...)
	clean.wait(t, 80, 60*time.Second, 300*time.Millisecond)

	reset := []string{"offsets", "reset", "--brokers", addr, "--group", "g", "--to", "2026-01-02"}
	_, stderr, code := runSluice(t, "", reset...)
	if code != 1 || !strings.Contains(stderr, "refused") || !strings.Contains(stderr, "active member") {
		t.Fatalf("reset while the group runs: exit %d, %s", code, stderr)
	}
	p.stop(t, 30*time.Second)
	if n := committedTotal(t, addr, "g"); n != 80 {
		t.Fatalf("the run committed %d offsets, want 80", n)
	}

	out, stderr, code := runSluice(t, "", append(reset, "--dry-run")...)
	if code != 0 || !strings.Contains(out, "would reset") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, stderr)
	}
	if n := committedTotal(t, addr, "g"); n != 80 {
		t.Fatalf("the dry run changed the offsets: %d committed, want 80", n)
	}
	out, stderr, code = runSluice(t, "", reset...)
	if code != 0 {
		t.Fatalf("reset: exit %d\n%s%s", code, out, stderr)
	}
	if n := committedTotal(t, addr, "g"); n != 30 {
		t.Fatalf("after the reset to the second day %d offsets are committed, want the 30 of the first day\n%s", n, out)
	}

	start(t, run...)
	got := clean.wait(t, 80+50, 60*time.Second, 300*time.Millisecond)
	versions := map[string][]string{}
	for _, m := range got {
		versions[string(m.Key)] = append(versions[string(m.Key)], string(m.Value))
	}
	for _, m := range recent {
		v := versions[string(m.Key)]
		if len(v) != 2 {
			t.Fatalf("record %s cleaned %d times, want twice", m.Key, len(v))
		}
		// Same key and bytes: a compacted topic keeps one version, and a
		// consumer can tell a repeat by content_hash.
		if v[0] != v[1] {
			t.Fatalf("record %s cleaned twice into different records:\n%s\n%s", m.Key, v[0], v[1])
		}
	}
	if len(got) != 130 {
		t.Fatalf("%d records, want 130", len(got))
	}
}
