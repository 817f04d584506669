package pipeline

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type read struct {
	source, ct, body, url string
	class                 ErrorClass
}

func collect(t *testing.T, paths []string, stdin string, max int) []read {
	t.Helper()
	var out []read
	err := ReadPaths(paths, strings.NewReader(stdin), max, func(p Page, err error) error {
		r := read{source: p.Source, ct: p.ContentType, body: string(p.Body), url: p.URL}
		if err != nil {
			r.class = ClassOf(err)
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReadPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("a/one.txt", []byte("first page"))
	write("a/two.html.gz", gz(t, []byte("<p>second</p>")))
	write("a/pages.jsonl", []byte(`{"url":"u1","body":"b1"}`+"\n\n"+`{"url":"u2"}`+"\n"+`{"url":"u3","body":"b3"}`))
	write("a/skip.json", []byte(`{"not":"read"}`))
	write("b/bomb.txt.gz", gz(t, bytes.Repeat([]byte("A"), 10000)))
	other := write("named.dat", []byte("<html><p>sniffed</p></html>"))

	got := collect(t, []string{filepath.Join(dir, "a"), filepath.Join(dir, "b"), other, filepath.Join(dir, "missing.txt")}, "", 1000)
	want := []read{
		{source: filepath.Join(dir, "a/one.txt"), ct: "text/plain", body: "first page"},
		{source: filepath.Join(dir, "a/pages.jsonl") + ":1", url: "u1", body: "b1"},
		{source: filepath.Join(dir, "a/pages.jsonl") + ":3", url: "u2", class: ClassPermanent},
		{source: filepath.Join(dir, "a/pages.jsonl") + ":4", url: "u3", body: "b3"},
		{source: filepath.Join(dir, "a/two.html.gz"), ct: "text/html", body: "<p>second</p>"},
		{source: filepath.Join(dir, "b/bomb.txt.gz"), class: ClassTooLarge},
		{source: other, body: "<html><p>sniffed</p></html>"},
		{source: filepath.Join(dir, "missing.txt"), class: ClassPermanent},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d pages, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		if want[i].class != "" {
			got[i].url, want[i].url = "", ""
		}
		if got[i] != want[i] {
			t.Errorf("page %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestReadPathsStdin(t *testing.T) {
	got := collect(t, []string{"-"}, "  {\"body\":\"x\"}\n{\"body\":\"y\"}\n", 1000)
	if len(got) != 2 || got[0].body != "x" || got[1].body != "y" || got[0].source != "-:1" {
		t.Errorf("jsonl on stdin: %+v", got)
	}
	got = collect(t, []string{"-"}, "Just a page of text.", 1000)
	if len(got) != 1 || got[0].body != "Just a page of text." || got[0].source != "-" {
		t.Errorf("text on stdin: %+v", got)
	}
	got = collect(t, []string{"-"}, strings.Repeat("x", 2000), 1000)
	if len(got) != 1 || got[0].class != ClassTooLarge {
		t.Errorf("large stdin: %+v", got)
	}
}

func TestReadPathsLongJSONLLine(t *testing.T) {
	long := `{"body":"` + strings.Repeat("x", 200000) + `"}`
	got := collect(t, []string{"-"}, long+"\n"+`{"body":"after"}`+"\n", 100000)
	if len(got) != 2 || got[0].class != ClassTooLarge || got[1].body != "after" {
		t.Errorf("got %+v", got)
	}
	got = collect(t, []string{"-"}, long, 300000)
	if len(got) != 1 || len(got[0].body) != 200000 {
		t.Errorf("long line within limit: %d pages", len(got))
	}
}
