package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sluice-news/sluice/internal/schematest"
	"github.com/sluice-news/sluice/pipeline"
)

// schema compiles the record schema shipped with sluice.
func schema(t *testing.T) *jsonschema.Schema { return schematest.Compile(t, pipeline.RecordSchema) }

// records parses JSON Lines, validating every record against the schema.
func records(t *testing.T, s *jsonschema.Schema, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		schematest.Validate(t, s, []byte(line))
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, m)
	}
	return recs
}

// TestCleanSeedsScore is the acceptance check: sluice clean over the seed
// pages, scored by the corpus's own scorer, must be perfect.
func TestCleanSeedsScore(t *testing.T) {
	shared := sharedDir(t)
	inputs, _ := filepath.Glob(filepath.Join(shared, "corpus", "text", "seed-*", "input.txt"))
	out, errOut, code := runSluice(t, "", append([]string{"clean"}, inputs...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := len(records(t, schema(t), out)); n != 4 {
		t.Fatalf("%d records, want 4", n)
	}
	f := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	score := exec.Command(filepath.Join(shared, "tools", "score-corpus"), "--corpus", filepath.Join(shared, "corpus", "text"),
		"--only", "seed-", "--outputs", f, "--min-exact", "1", "--min-f1", "1", "--min-meta", "1", "--json")
	b, err := score.CombinedOutput()
	if err != nil {
		t.Fatalf("score-corpus: %v\n%s", err, b)
	}
	var sum map[string]float64
	if err := json.Unmarshal(bytes.TrimSpace(b[bytes.LastIndexByte(bytes.TrimSpace(b), '\n')+1:]), &sum); err != nil {
		t.Fatalf("score-corpus output: %v\n%s", err, b)
	}
	if sum["exact"] != 1 || sum["meta"] != 1 || sum["classes"] != 1 {
		t.Errorf("seed scores %v, want exact=meta=classes=1", sum)
	}
}

// TestCleanTextDumpScore: sluice clean finds the article in crawlers'
// plain-text dumps of whole pages (shared/corpus/textdump), scored by
// score-html against the sets' ground truth. The floor is the text-dump
// issue's bar, word F1 0.92 on both sets (sluice reaches 0.923 and 0.921),
// so that a change that loses quality fails.
func TestCleanTextDumpScore(t *testing.T) {
	shared := sharedDir(t)
	for _, tt := range []struct {
		set    string
		minF1  string
		failed int // pages whose dump is empty: refused with a reason
	}{
		{"scrapinghub", "0.92", 0},
		{"wcxb-dev-articles", "0.92", 2},
	} {
		t.Run(tt.set, func(t *testing.T) {
			set := filepath.Join(shared, "corpus", "textdump", tt.set)
			out, errOut, code := runSluice(t, "", "clean", filepath.Join(set, "pages"))
			if n := strings.Count(errOut, "empty body"); n != tt.failed || (code != 0) != (tt.failed > 0) {
				t.Fatalf("exit %d, %d empty pages refused, want %d: %s", code, n, tt.failed, errOut)
			}
			f := filepath.Join(t.TempDir(), "out.jsonl")
			if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			score := exec.Command(filepath.Join(shared, "tools", "score-html"), "--set", set, "--outputs", f,
				"--metric", "word", "--min-f1", tt.minF1)
			if b, err := score.CombinedOutput(); err != nil {
				t.Errorf("score-html below word F1 %s: %v\n%s", tt.minF1, err, b)
			}
		})
	}
}

// TestCleanAllCorpusValid runs sluice clean over every text and HTML input
// of the corpus: each page yields one schema-valid record.
func TestCleanAllCorpusValid(t *testing.T) {
	shared := sharedDir(t)
	out, errOut, code := runSluice(t, "", "clean", filepath.Join(shared, "corpus", "text"), filepath.Join(shared, "corpus", "html", "scrapinghub", "pages"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs := records(t, schema(t), out)
	txt, _ := filepath.Glob(filepath.Join(shared, "corpus", "text", "*", "*.txt"))
	html, _ := filepath.Glob(filepath.Join(shared, "corpus", "html", "scrapinghub", "pages", "*.html.gz"))
	if len(recs) != len(txt)+len(html) {
		t.Errorf("%d records for %d files", len(recs), len(txt)+len(html))
	}
}

func TestCleanBadInputs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a-good.txt":     "Headline for the test page\nThe first paragraph is long enough to count as the body of the article, it says.",
		"b-invalid.txt":  "bad \xff bytes",
		"c-empty.txt":    "",
		"d-broken.jsonl": "{\"body\":\"fine\"}\n{not json}\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := runSluice(t, "", "clean", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	recs := records(t, schema(t), out)
	if len(recs) != 2 || recs[0]["title"] != "Headline for the test page" || recs[1]["text"] != "fine" {
		t.Errorf("good pages not cleaned: %v", recs)
	}
	for _, want := range []string{
		"b-invalid.txt: decode: bad input: body is not valid UTF-8 and declares no charset (first invalid byte at offset 4) (permanent)",
		"c-empty.txt: decode: bad input: empty body (permanent)",
		"d-broken.jsonl:2: input: invalid JSON envelope",
		"3 page(s) failed",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestCleanStdinAndUsage(t *testing.T) {
	out, _, code := runSluice(t, "Plain text page from stdin.", "clean")
	if code != 0 || !strings.Contains(out, `"text":"Plain text page from stdin."`) || !strings.Contains(out, `"source":"-"`) {
		t.Errorf("stdin: exit %d, %s", code, out)
	}
	out, _, code = runSluice(t, "<html><body><article><p>A paragraph of the article, long enough to stay in the text, officials said.</p><script>x()</script></article></body></html>", "clean", "--format", "html")
	if code != 0 || !strings.Contains(out, `"html":"<article><p>A paragraph`) || strings.Contains(out, "script") {
		t.Errorf("--format html: exit %d, %s", code, out)
	}
	records(t, schema(t), out)
	if _, errOut, code := runSluice(t, "", "clean", "--format", "pdf"); code != 2 || !strings.Contains(errOut, "want text or html") {
		t.Errorf("bad format: exit %d, %s", code, errOut)
	}
	if _, errOut, code := runSluice(t, "", "clean", "--no-such-flag"); code != 2 || !strings.Contains(errOut, "flag provided but not defined") {
		t.Errorf("bad flag: exit %d, %s", code, errOut)
	}
	if _, _, code := runSluice(t, "", "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}
