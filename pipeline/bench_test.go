package pipeline

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
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
	return numberedCopies(bodies, min)
}

// numberedCopies returns text pages of bodies, copied until they hold at
// least min bytes; each copy of a body gets its own number in every
// paragraph, so no two pages are the same. It returns no pages for no
// bodies.
func numberedCopies(bodies []string, min int) ([]Page, int64) {
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

// dumpPages returns at least min bytes of pages made from the text dumps
// of whole pages (shared/corpus/textdump/*/pages), numbered per copy as in
// corpusLike.
func dumpPages(b *testing.B, min int) ([]Page, int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(sharedDir(b), "corpus", "textdump", "*", "pages", "*.txt.gz"))
	var bodies []string
	for _, f := range files {
		if body, err := readGzip(f); err == nil && len(body) > 0 {
			bodies = append(bodies, string(body))
		}
	}
	if len(bodies) == 0 {
		b.Fatal("no text dumps")
	}
	return numberedCopies(bodies, min)
}

// readGzip returns the uncompressed contents of the gzip file name.
func readGzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// benchChain cleans pages with chain b.N times and reports MB/s, pages/s,
// and bytes and allocations per page.
func benchChain(b *testing.B, chain *Chain) {
	pages, n := corpusLike(b, benchMinBytes)
	benchPages(b, chain, pages, n)
}

// benchPages cleans pages, n bytes in all, with chain b.N times and
// reports as benchChain does.
func benchPages(b *testing.B, chain *Chain, pages []Page, n int64) {
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

// BenchmarkCleanTextDump runs the default chain over 50 MB of crawlers'
// plain-text dumps of whole pages (menus, footers and all), the input of
// main-content detection.
func BenchmarkCleanTextDump(b *testing.B) {
	pages, n := dumpPages(b, benchMinBytes)
	benchPages(b, defaultChain(b), pages, n)
}

// BenchmarkBaselineNormalize is the baseline: decoding and normalizing the
// same pages, no cleaning.
func BenchmarkBaselineNormalize(b *testing.B) {
	benchChain(b, NewChain(stages.Decode{}, stages.Normalize{}))
}
