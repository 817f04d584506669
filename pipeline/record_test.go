package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sluice-news/sluice/internal/schematest"
	"github.com/sluice-news/sluice/stages"
)

// sharedDir is the shared/ folder beside the repository (corpus and tools).
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("SLUICE_SHARED"); d != "" {
		return d
	}
	d, err := filepath.Abs(filepath.Join("..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(d, "corpus")); err != nil {
		t.Fatalf("golden corpus not found at %s (set SLUICE_SHARED): %v", d, err)
	}
	return d
}

// compileSchema compiles RecordSchema.
func compileSchema(t testing.TB) *jsonschema.Schema { return schematest.Compile(t, RecordSchema) }

// validate checks one encoded record against the schema.
func validate(t testing.TB, s *jsonschema.Schema, b []byte) { schematest.Validate(t, s, b) }

func defaultChain(t testing.TB) *Chain {
	t.Helper()
	c, err := NewDefaultChain()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSeedsExact cleans the seed pages of the golden corpus and requires
// the exact expected text and metadata.
func TestSeedsExact(t *testing.T) {
	chain, schema := defaultChain(t), compileSchema(t)
	cases, _ := filepath.Glob(filepath.Join(sharedDir(t), "corpus", "text", "seed-*"))
	if len(cases) != 4 {
		t.Fatalf("found %d seed cases, want 4", len(cases))
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(dir, "input.txt"))
			if err != nil {
				t.Fatal(err)
			}
			rec, err := Clean(context.Background(), chain, Page{Source: filepath.Join(dir, "input.txt"), ContentType: "text/plain", Body: in}, DefaultMaxBytes)
			if err != nil {
				t.Fatal(err)
			}
			validate(t, schema, encodeRecord(rec))
			checkExpected(t, dir, rec)
		})
	}
}

// checkExpected compares a record with a corpus case's expected.txt and
// expected.json, the way score-corpus does.
func checkExpected(t *testing.T, dir string, rec *Record) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(dir, "expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got, w := strings.Join(strings.Fields(rec.Text), " "), strings.Join(strings.Fields(string(want)), " "); got != w {
		t.Errorf("text differs:\n got %.300q\nwant %.300q", got, w)
	}
	if strings.Count(strings.TrimSpace(rec.Text), "\n") != strings.Count(strings.TrimSpace(string(want)), "\n") {
		t.Errorf("paragraph count differs")
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string]any
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(encodeRecord(rec), &got); err != nil {
		t.Fatal(err)
	}
	for k, w := range meta {
		if k == "removed_classes" {
			have := map[string]bool{}
			for _, r := range rec.Removed {
				have[string(r.Class)] = true
			}
			for _, c := range w.([]any) {
				if !have[c.(string)] {
					t.Errorf("removed class %q not reported", c)
				}
			}
			continue
		}
		g := got[k]
		switch {
		case w == nil:
			if g != nil && g != false && g != "" {
				t.Errorf("%s = %v, want none", k, g)
			}
		case k == "published_at":
			if s, _ := g.(string); !strings.HasPrefix(s, w.(string)) {
				t.Errorf("%s = %v, want %v", k, g, w)
			}
		case g != w:
			t.Errorf("%s = %v, want %v", k, g, w)
		}
	}
}

func TestRecordDeterministic(t *testing.T) {
	chain := defaultChain(t)
	p := Page{Source: "a", URL: "https://x.test/", Body: []byte("Headline of the day here\nA first paragraph that is long enough to be read as the body of the article.")}
	r1, err := Clean(context.Background(), chain, p, DefaultMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	p.Source = "b"
	r2, _ := Clean(context.Background(), chain, p, DefaultMaxBytes)
	if r1.ContentHash != r2.ContentHash || !strings.HasPrefix(r1.ContentHash, "sha256:") {
		t.Errorf("hash depends on source: %s vs %s", r1.ContentHash, r2.ContentHash)
	}
	p.Body = append(p.Body, " More."...)
	r3, _ := Clean(context.Background(), chain, p, DefaultMaxBytes)
	if r3.ContentHash == r1.ContentHash {
		t.Error("hash did not change with the text")
	}
}

func TestCleanGzipBomb(t *testing.T) {
	bomb := gz(t, bytes.Repeat([]byte("A"), 1<<20))
	_, err := Clean(context.Background(), defaultChain(t), Page{Body: bomb}, 64<<10)
	if ClassOf(err) != ClassTooLarge {
		t.Fatalf("err = %v (%s), want too_large", err, ClassOf(err))
	}
}

// FuzzClean checks the whole chain: it never panics, fails only with a
// classified error, writes valid UTF-8 that matches the schema, and is
// idempotent: cleaning its own output text changes nothing.
func FuzzClean(f *testing.F) {
	chain, schema := defaultChain(f), compileSchema(f)
	cases, _ := filepath.Glob(filepath.Join(sharedDir(f), "corpus", "text", "*", "input.txt"))
	for _, c := range cases {
		if b, err := os.ReadFile(c); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<html><body><p>Hello</p></body></html>"))
	f.Fuzz(func(t *testing.T, in []byte) {
		rec, err := Clean(context.Background(), chain, Page{Body: in}, DefaultMaxBytes)
		if err != nil {
			if c := ClassOf(err); c != ClassPermanent && c != ClassTooLarge {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if !utf8.ValidString(rec.Text) {
			t.Fatalf("invalid UTF-8 out: %q", rec.Text)
		}
		validate(t, schema, encodeRecord(rec))
		if rec.Text == "" {
			return
		}
		again, err := Clean(context.Background(), chain, Page{ContentType: "text/plain", Body: []byte(rec.Text)}, DefaultMaxBytes)
		if err != nil {
			t.Fatalf("cleaning the output failed: %v", err)
		}
		if again.Text != rec.Text {
			t.Fatalf("not idempotent:\nfirst:  %q\nsecond: %q", rec.Text, again.Text)
		}
	})
}

// TestContentHashStable pins content_hash: consumers dedupe and compact by
// it, so the same content must hash the same in every sluice version.
func TestContentHashStable(t *testing.T) {
	for _, c := range []struct {
		doc  stages.Doc
		want string
	}{
		{stages.Doc{}, "sha256:16a4d4c46d1216fabd3ec076d8b216139e9d45ec497671332719616f47c9c17a"},
		{stages.Doc{URL: "https://example.com/a", Text: "First paragraph.\nSecond.", Meta: stages.Meta{
			Title: "Title", Section: "World", PublishedAt: "2024-03-12", Byline: "Anna Muster",
			Attribution: "AFP", Truncated: true, Lang: "en"}}, "sha256:9d57ad200bdeb19c8d3aa60283445b391d3753dfab333550055a31117ef8446c"},
		// the same text with a title moved into it hashes differently
		{stages.Doc{Text: "Title\nFirst paragraph.\nSecond."}, "sha256:2596244f964b59ff5e86b5716ae346a2e39cf297da91d2e94ce2c9e1ae747dfa"},
	} {
		if got := NewRecord(&c.doc).ContentHash; got != c.want {
			t.Errorf("content hash of %+v = %s, want %s", c.doc.Meta, got, c.want)
		}
	}
}
