package stages

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testRules loads the embedded rules or fails the test.
func testRules(t testing.TB) *Rules {
	t.Helper()
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// prepared says how a stage's input is made from test bytes: raw stages
// (decode) read Doc.Raw, text stages read Doc.Text, and line stages read
// normalized text.
type prepared int

const (
	asRaw prepared = iota
	asText
	asNormalized
)

// newDoc builds the input document of a stage from in.
func newDoc(in string, how prepared) *Doc {
	switch how {
	case asRaw:
		return &Doc{Raw: []byte(in)}
	case asText:
		return &Doc{Text: in}
	}
	return &Doc{Text: normalizeText(in)}
}

// process runs s over d and fails the test on an error.
func process(t testing.TB, s Stage, d *Doc) {
	t.Helper()
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatalf("%s: %v", s.Name(), err)
	}
}

// render shows a processed document for golden files: the text, then the
// metadata and removals as indented JSON.
func render(d *Doc) string {
	meta, _ := json.MarshalIndent(d.Meta, "", "  ")
	rem, _ := json.MarshalIndent(d.Removed, "", "  ")
	return d.Text + "\n-- meta --\n" + string(meta) + "\n-- removed --\n" + string(rem) + "\n"
}

// golden runs s over every testdata/NAME/*.in file and compares the result
// with the .golden file beside it; -update rewrites the golden files. Each
// case also checks idempotence: the stage run over its own output text
// changes nothing.
func golden(t *testing.T, s Stage, how prepared) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", s.Name(), "*.in"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no golden inputs in testdata/%s", s.Name())
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			b, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			d := newDoc(string(b), how)
			process(t, s, d)
			got := render(d)
			gf := strings.TrimSuffix(in, ".in") + ".golden"
			if *update {
				if err := os.WriteFile(gf, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(gf)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s: output differs from %s\n%s", in, gf, lineDiff(string(want), got))
			}
			if how != asRaw {
				checkIdempotent(t, s, d.Text)
			}
		})
	}
}

// checkIdempotent runs s over text as a fresh document and fails if it changes it.
func checkIdempotent(t testing.TB, s Stage, text string) {
	t.Helper()
	again := &Doc{Text: text}
	if err := s.Process(context.Background(), again); err != nil {
		t.Fatalf("%s on its own output: %v", s.Name(), err)
	}
	if again.Text != text {
		t.Errorf("%s is not idempotent:\nfirst:  %q\nsecond: %q", s.Name(), text, again.Text)
	}
}

// lineDiff returns the first differing lines of want and got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n-want %s\n+got  %s", i+1, a, b)
		}
	}
	return "(no line differs)"
}

// fuzzStage checks the stage contract on arbitrary input: no panic, no
// error other than ErrBadInput, valid UTF-8 out, idempotent. Seeds are the
// golden inputs plus extra.
func fuzzStage(f *testing.F, s Stage, how prepared, extra ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", s.Name(), "*.in"))
	for _, in := range files {
		if b, err := os.ReadFile(in); err == nil {
			f.Add(string(b))
		}
	}
	for _, e := range extra {
		f.Add(e)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if how != asRaw && !utf8.ValidString(in) {
			in = strings.ToValidUTF8(in, "\uFFFD")
		}
		d := newDoc(in, how)
		if err := s.Process(context.Background(), d); err != nil {
			if how == asRaw && errors.Is(err, ErrBadInput) {
				return
			}
			t.Fatalf("%s: %v", s.Name(), err)
		}
		if !utf8.ValidString(d.Text) {
			t.Fatalf("%s produced invalid UTF-8: %q", s.Name(), d.Text)
		}
		for _, r := range d.Removed {
			if !r.Class.Valid() || r.Rule == "" || !utf8.ValidString(r.Text) {
				t.Fatalf("%s reported a bad removal: %+v", s.Name(), r)
			}
		}
		if how != asRaw {
			checkIdempotent(t, s, d.Text)
		}
	})
}

// itoa formats an int for building test inputs.
func itoa(i int) string { return fmt.Sprint(i) }
