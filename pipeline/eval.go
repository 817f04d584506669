package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sluice-news/sluice/stages"
	"golang.org/x/text/unicode/norm"
)

// CaseResult is the score of one corpus case, as score-corpus computes it.
type CaseResult struct {
	Case                  string
	Exact                 bool
	Precision, Recall, F1 float64
	Notes                 []string
}

// EvalSummary holds the totals over all cases.
type EvalSummary struct {
	Cases     int     `json:"cases"`
	Exact     float64 `json:"exact"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Meta      float64 `json:"meta"`
	Classes   float64 `json:"classes"`
}

// String formats s as score-corpus's summary line.
func (s EvalSummary) String() string {
	return fmt.Sprintf("cases=%d exact=%.3f P=%.3f R=%.3f F1=%.3f meta=%.3f classes=%.3f",
		s.Cases, s.Exact, s.Precision, s.Recall, s.F1, s.Meta, s.Classes)
}

// Eval cleans every case of a corpus in the golden-corpus layout
// (DIR/CASE/input.txt or input.html, expected.txt, expected.json) with chain
// and scores it the way shared/tools/score-corpus does: exact paragraph
// match, token precision, recall and F1 after NFC and white-space folding,
// metadata and reported debris classes. Cases are taken in name order;
// only those whose name starts with only, if set.
func Eval(ctx context.Context, chain *Chain, dir, only string, maxBytes int) ([]CaseResult, EvalSummary, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, EvalSummary{}, err
	}
	var names []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "expected.txt")); err == nil && strings.HasPrefix(e.Name(), only) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, EvalSummary{}, fmt.Errorf("no cases under %s", dir)
	}
	var (
		results                       []CaseResult
		metaOK, metaN, clsOK, clsN    int
		sumP, sumR, sumF1, exactCount float64
	)
	for _, name := range names {
		res, mo, mn, co, cn, err := evalCase(ctx, chain, filepath.Join(dir, name), maxBytes)
		if err != nil {
			return nil, EvalSummary{}, err
		}
		res.Case = name
		results = append(results, res)
		metaOK, metaN, clsOK, clsN = metaOK+mo, metaN+mn, clsOK+co, clsN+cn
		sumP, sumR, sumF1 = sumP+res.Precision, sumR+res.Recall, sumF1+res.F1
		if res.Exact {
			exactCount++
		}
	}
	n := float64(len(results))
	sum := EvalSummary{Cases: len(results), Exact: exactCount / n, Precision: sumP / n, Recall: sumR / n, F1: sumF1 / n, Meta: 1, Classes: 1}
	if metaN > 0 {
		sum.Meta = float64(metaOK) / float64(metaN)
	}
	if clsN > 0 {
		sum.Classes = float64(clsOK) / float64(clsN)
	}
	return results, sum, nil
}

// evalCase cleans and scores one case; it returns the metadata and class
// counts (ok, total) too.
func evalCase(ctx context.Context, chain *Chain, dir string, maxBytes int) (res CaseResult, metaOK, metaN, clsOK, clsN int, err error) {
	want, err := os.ReadFile(filepath.Join(dir, "expected.txt"))
	if err != nil {
		return res, 0, 0, 0, 0, err
	}
	var meta map[string]any
	var keys []string // in file order, as score-corpus reports them
	if b, err := os.ReadFile(filepath.Join(dir, "expected.json")); err == nil {
		if err := json.Unmarshal(b, &meta); err != nil {
			return res, 0, 0, 0, 0, fmt.Errorf("%s/expected.json: %w", dir, err)
		}
		keys = objectKeys(b)
	} else if !errors.Is(err, os.ErrNotExist) {
		return res, 0, 0, 0, 0, err
	}
	var rec map[string]any
	input, ct := filepath.Join(dir, "input.txt"), "text/plain"
	if _, err := os.Stat(input); err != nil {
		input, ct = filepath.Join(dir, "input.html"), "text/html"
	}
	body, err := os.ReadFile(input)
	if err != nil {
		return res, 0, 0, 0, 0, err
	}
	r, cerr := Clean(ctx, chain, Page{Source: input, ContentType: ct, Body: body}, maxBytes)
	if cerr != nil {
		res.Notes = append(res.Notes, "no output for this case: "+cerr.Error())
	} else if err := json.Unmarshal(encodeRecord(r), &rec); err != nil {
		return res, 0, 0, 0, 0, err
	}
	outText, _ := rec["text"].(string)
	ep, op := foldParagraphs(string(want)), foldParagraphs(outText)
	res.Exact = rec != nil && equalStrings(ep, op)
	res.Precision, res.Recall, res.F1 = tokenPRF(foldTokens(outText), foldTokens(string(want)))
	if rec != nil && !res.Exact {
		if lost := missing(ep, op); len(lost) > 0 {
			res.Notes = append(res.Notes, "expected but missing/changed: "+joinCut(lost))
		}
		if extra := missing(op, ep); len(extra) > 0 {
			res.Notes = append(res.Notes, "in output, not expected: "+joinCut(extra))
		}
	}
	for _, k := range keys {
		w := meta[k]
		if k == "removed_classes" {
			got := map[string]bool{}
			for _, x := range r.removedList() {
				got[string(x.Class)] = true
			}
			cls, _ := w.([]any)
			for _, c := range cls {
				clsN++
				if s, _ := c.(string); got[s] {
					clsOK++
				} else {
					res.Notes = append(res.Notes, fmt.Sprintf("removed class %s not reported", pyRepr(s)))
				}
			}
			continue
		}
		metaN++
		if rec != nil && metaMatches(k, w, rec[k]) {
			metaOK++
		} else {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: want %s, got %s", k, pyRepr(w), pyRepr(rec[k])))
		}
	}
	return res, metaOK, metaN, clsOK, clsN, nil
}

// objectKeys returns the top-level keys of a JSON object in file order.
func objectKeys(b []byte) []string {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

// removedList returns the removals of r, or none for a nil record.
func (r *Record) removedList() []stages.Removal {
	if r == nil {
		return nil
	}
	return r.Removed
}

// metaMatches compares one metadata value as score-corpus does: null wants
// absent or empty, published_at compares by prefix, strings after folding.
func metaMatches(key string, want, got any) bool {
	if want == nil {
		return got == nil || got == "" || got == false
	}
	if key == "published_at" {
		g, ok := got.(string)
		return ok && strings.HasPrefix(g, want.(string))
	}
	if w, ok := want.(string); ok {
		g, ok := got.(string)
		return ok && fold(g) == fold(w)
	}
	return want == got
}

// fold applies NFC and folds white space, as score-corpus does.
func fold(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }

func foldParagraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if f := fold(line); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func foldTokens(text string) []string { return strings.Fields(fold(text)) }

// tokenPRF is precision, recall and F1 of the token multisets.
func tokenPRF(out, want []string) (p, r, f float64) {
	if len(out) == 0 && len(want) == 0 {
		return 1, 1, 1
	}
	counts := map[string]int{}
	for _, t := range want {
		counts[t]++
	}
	common := 0
	for _, t := range out {
		if counts[t] > 0 {
			counts[t]--
			common++
		}
	}
	if len(out) > 0 {
		p = float64(common) / float64(len(out))
	}
	if len(want) > 0 {
		r = float64(common) / float64(len(want))
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// missing returns the items of a not in b.
func missing(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

// joinCut joins the first three items, each cut to 90 runes.
func joinCut(items []string) string {
	var parts []string
	for i, x := range items {
		if i == 3 {
			break
		}
		if r := []rune(x); len(r) > 90 {
			x = string(r[:90])
		}
		parts = append(parts, x)
	}
	return strings.Join(parts, " | ")
}

// WriteEval prints results and the summary the way score-corpus does.
func WriteEval(w io.Writer, results []CaseResult, sum EvalSummary, quiet bool) error {
	if !quiet {
		for _, r := range results {
			mark := "MISS"
			if r.Exact && len(r.Notes) == 0 {
				mark = "ok  "
			}
			if _, err := fmt.Fprintf(w, "%s %s  P=%.3f R=%.3f F1=%.3f\n", mark, r.Case, r.Precision, r.Recall, r.F1); err != nil {
				return err
			}
			for _, n := range r.Notes {
				fmt.Fprintf(w, "       %s\n", n)
			}
		}
	}
	_, err := fmt.Fprintln(w, sum.String())
	return err
}

// pyRepr formats a JSON value the way score-corpus's Python prints it.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		if strings.Contains(x, "'") && !strings.Contains(x, `"`) {
			return `"` + x + `"`
		}
		return "'" + strings.ReplaceAll(x, "'", `\'`) + "'"
	}
	return fmt.Sprint(v)
}
