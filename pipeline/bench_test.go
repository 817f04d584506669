package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sluice-news/sluice/stages"
)

// benchMinBytes is how much text the text benchmarks clean per iteration.
const benchMinBytes = 50 << 20

// corpusLike returns at least min bytes of pages made from the text corpus
// inputs: each copy of a page gets its own number in every paragraph, so no
// two pages are the same.
func corpusLike(b *testing.B, min int) ([]Page, int64) {
	b.Helper()
	pages, n := corpusLikeFrom(sharedDir(b), min)
	if len(pages) == 0 {
		b.Fatal("no corpus pages")
	}
	return pages, n
}

// corpusLikeFrom builds the pages of corpusLike from shared/corpus/text.
func corpusLikeFrom(shared string, min int) ([]Page, int64) {
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "text", "*", "input.txt"))
	var bodies []string
	for _, f := range files {
		if body, err := os.ReadFile(f); err == nil {
			bodies = append(bodies, string(body))
		}
	}
	if len(bodies) == 0 {
		return nil, 0
	}
	var pages []Page
	var n int64
	for copyNo := 0; n < int64(min); copyNo++ {
		for _, body := range bodies {
			v := strings.ReplaceAll(body, " the ", fmt.Sprintf(" the %d ", copyNo))
			pages = append(pages, Page{ContentType: "text/plain", Body: []byte(v)})
			n += int64(len(v))
		}
	}
	return pages, n
}

// benchChain cleans pages with chain b.N times and reports MB/s, pages/s,
// and bytes and allocations per page.
func benchChain(b *testing.B, chain *Chain) {
	pages, n := corpusLike(b, benchMinBytes)
	b.SetBytes(n)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Clean(context.Background(), chain, p, DefaultMaxBytes); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	docs := float64(b.N * len(pages))
	b.ReportMetric(docs/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/docs, "allocs/page")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/docs, "B/page")
}

// BenchmarkCleanText runs the default chain over 50 MB of corpus-like text
// pages. Compare its MB/s with BenchmarkBaselineNormalize from the same
// run: the ratio is what cleaning costs over one pass of decoding, NFC and
// white-space folding.
func BenchmarkCleanText(b *testing.B) { benchChain(b, defaultChain(b)) }

// BenchmarkBaselineNormalize is the baseline: decoding and normalizing the
// same pages, no cleaning.
func BenchmarkBaselineNormalize(b *testing.B) {
	benchChain(b, NewChain(stages.Decode{}, stages.Normalize{}))
}
