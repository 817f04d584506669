package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// kcat returns the path of kcat. The test fails rather than skips without
// it: .ci/run installs it (apt-get install -y kcat), and so must a developer.
func kcat(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("kcat")
	if err != nil {
		t.Fatal("kcat is not installed: apt-get install -y kcat (see README)")
	}
	return p
}

// TestKcatInterop starts "sluice run" on its own embedded broker, sends a
// seed page with kcat and reads the clean record back with kcat: an outside
// Kafka client, not kafka-go, on both ends.
func TestKcatInterop(t *testing.T) {
	bin := kcat(t)
	addr := freeAddr(t)
	p := start(t, "run", "--embedded-addr", addr, "--http-addr", "")
	p.waitLog(t, "msg=consuming", 30*time.Second)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	page := filepath.Join(sharedDir(t), "corpus", "text", "seed-002-title-section", "input.txt")
	prod := exec.CommandContext(ctx, bin, "-P", "-b", addr, "-t", "pages.raw", "-k", "kcat-page",
		"-H", "content-type=text/plain", "-H", "url=https://example.test/kcat", page)
	if out, err := prod.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v\n%s", err, out)
	}
	cons := exec.CommandContext(ctx, bin, "-C", "-b", addr, "-t", "pages.clean", "-o", "beginning", "-c", "1", "-q", "-f", "%k\t%s\n")
	out, err := cons.Output()
	if err != nil {
		t.Fatalf("kcat -C: %v\n%s", err, out)
	}
	key, value, ok := strings.Cut(strings.TrimSpace(string(out)), "\t")
	if !ok || key != "kcat-page" {
		t.Fatalf("kcat read %q", out)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(value), &rec); err != nil {
		t.Fatalf("clean record is not JSON: %v\n%s", err, value)
	}
	if rec["title"] != "EU dreads return of European militant recruits" || rec["section"] != "Islamic Extremism" || rec["url"] != "https://example.test/kcat" ||
		!strings.HasPrefix(rec["text"].(string), "The EU’s counter-terrorism chief said") {
		t.Errorf("record = %v", rec)
	}
	p.stop(t, 30*time.Second)
}
