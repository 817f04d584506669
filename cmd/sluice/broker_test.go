package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBrokerProduceConsume runs "sluice broker" as its own process with a
// data directory, feeds it with "sluice produce", reads it with "sluice
// consume", restarts the broker and reads the same records again.
func TestBrokerProduceConsume(t *testing.T) {
	addr, data := freeAddr(t), t.TempDir()
	b := start(t, "broker", "--addr", addr, "--data-dir", data)
	b.waitLog(t, "broker ready", 30*time.Second)

	inputs, _ := filepath.Glob(filepath.Join(sharedDir(t), "corpus", "text", "seed-*", "input.txt"))
	out, errOut, code := runSluice(t, "", append([]string{"produce", "--brokers", addr}, inputs...)...)
	if code != 0 || !strings.Contains(out, "sent 4 page(s) to pages.raw") {
		t.Fatalf("produce: exit %d\n%s%s", code, out, errOut)
	}
	read := func() []map[string]any {
		out, errOut, code := runSluice(t, "", "consume", "--brokers", addr, "--topic", "pages.raw", "--meta", "-n", "4", "--idle", "10s")
		if code != 0 {
			t.Fatalf("consume: exit %d\n%s", code, errOut)
		}
		var recs []map[string]any
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("consume printed %q: %v", line, err)
			}
			recs = append(recs, m)
		}
		return recs
	}
	recs := read()
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4", len(recs))
	}
	for _, r := range recs {
		env, _ := r["value"].(map[string]any)
		if !strings.HasSuffix(r["key"].(string), "input.txt") || env["content_type"] != "text/plain" || env["body"] == "" {
			t.Errorf("record %v", r)
		}
	}

	b.stop(t, 30*time.Second)
	b = start(t, "broker", "--addr", addr, "--data-dir", data)
	b.waitLog(t, "broker ready", 30*time.Second)
	if again := read(); len(again) != 4 {
		t.Errorf("after a restart the broker holds %d records, want 4", len(again))
	}
	b.stop(t, 30*time.Second)
}
