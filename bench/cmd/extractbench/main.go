// Command extractbench compares sluice's HTML extraction with go-trafilatura
// (with and without fallback) and go-readability on one ground-truth set, in
// one process: the same pages, the same core, one after the other. It
// prints, side by side, the F1 figures of shared/tools/score-html, pages/s
// and allocated bytes per page, and the speed ratio of sluice over
// go-trafilatura without fallback.
//
// It lives in its own module so that sluice itself does not depend on the
// extractors it is measured against. Run it with GOMAXPROCS=1 (make
// bench-html does).
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/sluice-news/sluice/pipeline"
)

// page is one input page.
type page struct {
	path string
	body []byte
}

// extractor turns a page into text.
type extractor struct {
	name string
	run  func(p page) (string, error)
}

func main() {
	set := flag.String("set", "", "ground-truth set `dir` (pages/*.html.gz, ground-truth.jsonl.gz)")
	scorer := flag.String("score", "../shared/tools/score-html", "path of score-html")
	outDir := flag.String("out", os.TempDir(), "`dir` for each extractor's JSON Lines")
	pageType := flag.String("type", "", "also report word F1 for this page type (WCXB: article)")
	flag.Parse()
	if *set == "" {
		log.Fatal("extractbench: --set is required")
	}
	pages, err := loadPages(filepath.Join(*set, "pages"))
	if err != nil {
		log.Fatal(err)
	}
	chain, err := pipeline.NewDefaultChain()
	if err != nil {
		log.Fatal(err)
	}
	extractors := []extractor{
		{"sluice", func(p page) (string, error) {
			rec, err := pipeline.Clean(context.Background(), chain, pipeline.Page{Source: p.path, ContentType: "text/html", Body: p.body}, pipeline.DefaultMaxBytes)
			if err != nil {
				return "", err
			}
			return rec.Text, nil
		}},
		{"go-trafilatura", trafilaturaRun(false)},
		{"go-trafilatura+fallback", trafilaturaRun(true)},
		{"go-readability", func(p page) (string, error) {
			a, err := readability.FromReader(bytes.NewReader(p.body), &url.URL{})
			if err != nil {
				return "", err
			}
			var b strings.Builder
			if err := a.RenderText(&b); err != nil {
				return "", err
			}
			return b.String(), nil
		}},
	}
	fmt.Printf("set %s: %d pages, GOMAXPROCS=%d\n\n", *set, len(pages), runtime.GOMAXPROCS(0))
	fmt.Printf("%-24s %9s %9s %9s %10s %12s\n", "extractor", "shingleF1", "wordF1", "typeF1", "pages/s", "alloc B/pg")
	speed := map[string]float64{}
	for _, x := range extractors {
		out := filepath.Join(*outDir, "extractbench-"+x.name+".jsonl")
		pps, bpp, err := measure(x, pages, out)
		if err != nil {
			log.Fatal(err)
		}
		speed[x.name] = pps
		sh, wd, ty := score(*scorer, *set, out, *pageType)
		fmt.Printf("%-24s %9s %9s %9s %10.1f %12.0f\n", x.name, sh, wd, ty, pps, bpp)
	}
	if t := speed["go-trafilatura"]; t > 0 {
		fmt.Printf("\nsluice pages/s = %.2f x go-trafilatura (no fallback), same run\n", speed["sluice"]/t)
	}
}

// trafilaturaRun returns go-trafilatura as an extractor.
func trafilaturaRun(fallback bool) func(page) (string, error) {
	return func(p page) (string, error) {
		res, err := trafilatura.Extract(bytes.NewReader(p.body), trafilatura.Options{EnableFallback: fallback})
		if err != nil {
			return "", err
		}
		return res.ContentText, nil
	}
}

// loadPages reads and unzips every page of dir.
func loadPages(dir string) ([]page, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no pages in %s: %v", dir, err)
	}
	var pages []page
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			fh.Close()
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		b, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		pages = append(pages, page{path: f, body: b})
	}
	return pages, nil
}

// measure runs x over all pages, writes its JSON Lines to out, and returns
// pages per second and bytes allocated per page. A page that fails counts
// as extracted with no text.
func measure(x extractor, pages []page, out string) (float64, float64, error) {
	f, err := os.Create(out)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	texts := make([]string, len(pages))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	for i, p := range pages {
		texts[i], _ = x.run(p)
	}
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i, p := range pages {
		if err := enc.Encode(map[string]string{"source": p.path, "text": texts[i]}); err != nil {
			return 0, 0, err
		}
	}
	if err := w.Flush(); err != nil {
		return 0, 0, err
	}
	return float64(len(pages)) / took.Seconds(), float64(after.TotalAlloc-before.TotalAlloc) / float64(len(pages)), nil
}

// score runs score-html and returns the shingle and word F1, and the word
// F1 of one page type.
func score(scorer, set, out, pageType string) (shingle, word, typ string) {
	b, err := exec.Command(scorer, "--set", set, "--outputs", out).CombinedOutput()
	if err != nil {
		log.Fatalf("score-html: %v\n%s", err, b)
	}
	shingle, word, typ = "-", "-", "-"
	for _, line := range strings.Split(string(b), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		f1 := ""
		for _, fl := range fields {
			if strings.HasPrefix(fl, "F1=") {
				f1 = strings.TrimPrefix(fl, "F1=")
			}
		}
		switch {
		case fields[0] == "shingle":
			shingle = f1
		case fields[0] == "word":
			word = f1
		case pageType != "" && fields[0] == pageType:
			typ = f1
		}
	}
	return shingle, word, typ
}
