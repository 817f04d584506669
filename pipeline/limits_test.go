package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// pathological are inputs built to find super-linear stages: huge inputs,
// a giant line, many lines, and long runs of every block trigger. Their
// speed is reported by BenchmarkPathological; the test checks that they
// clean correctly (the test timeout bounds their time).
var pathological = []struct {
	name string
	text string
	// want is what the clean text must be, or "" to check only the properties.
	want    string
	removed int // removals expected, -1 to skip the check
}{
	{"10MB-prose", prose(100000), "", 0},
	{"5MB-line", strings.Repeat("word ", 1000000), "", 0},
	{"100k-lines", strings.Repeat("A short line of text.\n", 100000), "", -1},
	{"cookie-triggers", strings.Repeat("We use cookies\nOK\n", 50000), "", 100000},
	{"share-triggers", strings.Repeat("Share this:\nFacebook\n", 50000), "", 100000},
	{"related-triggers", strings.Repeat("Related posts:\nA headline here\n", 50000), "", 100000},
	{"newsletter-triggers", strings.Repeat("Sign up for our newsletter\nx y z\nSubscribe\n", 30000), "", 90000},
	{"attribution-glue", strings.Repeat("a., ", 500000), "", -1},
	{"nested-entities", strings.Repeat("&amp;", 400000), "", -1},
	{"mojibake-run", strings.Repeat("Ã©", 1000000), strings.Repeat("é", 1000000), 0},
	{"broken-var-dumps", strings.Repeat("string(999999) \"\n", 100000), "", -1},
	{"unclosed-print-r", strings.Repeat("Array (\n[a] => Array (\n", 50000), "", -1},
	{"duplicates", strings.Repeat("one two three four five six seven\n", 100000), "one two three four five six seven", 99999},
	{"datelines", strings.Repeat("March 5, 2024\n", 100000), "", 100000},
	{"bylines", strings.Repeat("By John Smith\n", 100000), "", 100000},
	{"breadcrumbs", strings.Repeat("a › b › c › d\n", 100000), "", 100000},
	// The plain text of a whole page: a menu, an article, then 50,000
	// related-list headings (page-tail asks at each whether the article
	// goes on below it), or 10,000 runs of prose between tables (each a
	// candidate to join the article).
	{"page-tail-headings", strings.Repeat("Home\nWorld\nSport\n", 40) + prose(10) + strings.Repeat("You may also like\nFerry Timetable Changes\n", 50000),
		strings.TrimSpace(prose(10)), 100120},
	{"prose-between-tables", strings.Repeat("Home\nWorld\nSport\n", 40) + strings.Repeat(prose(2)+strings.Repeat("4.9\n", 10), 10000), "", -1},
}

// prose returns n distinct paragraphs of article-like prose, about 100 bytes each.
func prose(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "The council voted on Tuesday to extend bus lane number %d along the High Street, ending months of debate.\n", i)
	}
	return b.String()
}

func TestPathologicalInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("long inputs; run without -short")
	}
	chain := defaultChain(t)
	for _, tc := range pathological {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Clean(context.Background(), chain, Page{Body: []byte(tc.text), ContentType: "text/plain"}, 64<<20)
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(rec.Text) {
				t.Fatal("invalid UTF-8 out")
			}
			if tc.want != "" && rec.Text != tc.want {
				t.Errorf("text = %.80q…, want %.80q…", rec.Text, tc.want)
			}
			if tc.removed >= 0 && len(rec.Removed) != tc.removed {
				t.Errorf("%d removals, want %d", len(rec.Removed), tc.removed)
			}
		})
	}
}

// BenchmarkPathological reports MB/s for each pathological input; a stage
// that is not linear shows up as a figure far below BenchmarkCleanText's.
func BenchmarkPathological(b *testing.B) {
	chain := defaultChain(b)
	for _, tc := range pathological {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			for b.Loop() {
				if _, err := Clean(context.Background(), chain, Page{Body: []byte(tc.text), ContentType: "text/plain"}, 64<<20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
