package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sluice-news/sluice/stages"
)

// benchPages returns the text corpus inputs, the pages the text
// benchmarks clean.
func benchPages(b *testing.B) ([]Page, int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(sharedDir(b), "corpus", "text", "*", "input.txt"))
	var pages []Page
	var n int64
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, Page{Source: f, ContentType: "text/plain", Body: body})
		n += int64(len(body))
	}
	if len(pages) == 0 {
		b.Fatal("no corpus pages")
	}
	return pages, n
}

// BenchmarkCleanText runs the default chain over the text corpus. Compare
// its MB/s with BenchmarkBaselineNormalize from the same run: the ratio is
// what cleaning costs over one pass of NFC and white-space folding.
func BenchmarkCleanText(b *testing.B) {
	pages, n := benchPages(b)
	chain := defaultChain(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Clean(context.Background(), chain, p, DefaultMaxBytes); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
}

// BenchmarkBaselineNormalize is the baseline: decoding and normalizing the
// same pages, no cleaning.
func BenchmarkBaselineNormalize(b *testing.B) {
	pages, n := benchPages(b)
	chain := NewChain(stages.Decode{}, stages.Normalize{})
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Clean(context.Background(), chain, p, DefaultMaxBytes); err != nil {
				b.Fatal(err)
			}
		}
	}
}
