package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scoreCorpus runs the corpus's own scorer over JSON Lines out.
func scoreCorpus(t *testing.T, out string, args ...string) string {
	t.Helper()
	shared := sharedDir(t)
	f := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(shared, "tools", "score-corpus"), append([]string{"--corpus", filepath.Join(shared, "corpus", "text"), "--outputs", f}, args...)...)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("score-corpus %v: %v\n%s", args, err, b)
	}
	return string(b)
}

// TestCorpusBar is the text-cleaning acceptance bar, scored by the corpus's
// own scorer: exact ≥ 0.95, F1 ≥ 0.99, meta ≥ 0.95, classes ≥ 0.95.
func TestCorpusBar(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join(sharedDir(t), "corpus", "text", "*", "input.txt"))
	out, errOut, code := runSluice(t, "", append([]string{"clean"}, inputs...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var sum map[string]float64
	if err := json.Unmarshal([]byte(strings.TrimSpace(scoreCorpus(t, out, "--quiet", "--json", "--min-exact", "0.95", "--min-f1", "0.99", "--min-meta", "0.95"))), &sum); err != nil {
		t.Fatal(err)
	}
	if sum["classes"] < 0.95 {
		t.Errorf("classes = %.3f, want ≥ 0.95 (%v)", sum["classes"], sum)
	}
}

// TestEvalMatchesScoreCorpus checks that "sluice eval" prints what
// score-corpus prints, line for line, also when cases fail: here user
// rules disable some built-in ones.
func TestEvalMatchesScoreCorpus(t *testing.T) {
	shared := sharedDir(t)
	rules := filepath.Join(t.TempDir(), "off.tsv")
	if err := os.WriteFile(rules, []byte("# weaken the cleaner\nen.byline.by\toff\nen.read-more-stub.read-more\toff\nen.navigation.skip-to-content\toff\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	evalOut, errOut, code := runSluice(t, "", "eval", "--corpus", filepath.Join(shared, "corpus", "text"), "--rules", rules)
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errOut)
	}
	inputs, _ := filepath.Glob(filepath.Join(shared, "corpus", "text", "*", "input.txt"))
	out, _, _ := runSluice(t, "", append([]string{"clean", "--rules", rules}, inputs...)...)
	want := scoreCorpus(t, out)
	if evalOut != want {
		t.Errorf("sluice eval and score-corpus differ:\n--- eval\n%s\n--- score-corpus\n%s", evalOut, want)
	}
	if !strings.Contains(evalOut, "MISS") {
		t.Error("the disabled rules changed nothing: the comparison proves little")
	}
	if _, _, code := runSluice(t, "", "eval", "--corpus", filepath.Join(shared, "corpus", "text"), "--rules", rules, "--min-exact", "0.99", "--quiet"); code != 1 {
		t.Errorf("eval below --min-exact: exit %d, want 1", code)
	}
}

func TestRulesFlagAndLint(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.tsv")
	os.WriteFile(good, []byte("my.share-row.spread\tshare-row\tline\tSpread the word\nen.advertisement.advertisement\toff\n"), 0o644)
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("x.1\tno-such-class\tline\tfoo\nno.such.rule\toff\nx.2\tshare-row\tregexp\t(\n"), 0o644)

	page := "The council approved the plan on Monday after a long debate, officials said.\nAdvertisement\nSpread the word\nFacebook\n"
	out, errOut, code := runSluice(t, page, "clean", "--rules", good)
	if code != 0 {
		t.Fatalf("clean --rules: exit %d: %s", code, errOut)
	}
	var rec struct {
		Text    string
		Removed []struct{ Class, Rule string }
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Text != "The council approved the plan on Monday after a long debate, officials said.\nAdvertisement" {
		t.Errorf("text = %q: the user rule should remove the share row and the disabled rule keep the ad label", rec.Text)
	}
	if len(rec.Removed) != 2 || rec.Removed[0].Rule != "my.share-row.spread" {
		t.Errorf("removed = %+v", rec.Removed)
	}

	if out, _, code := runSluice(t, "", "lint", "--rules", good); code != 0 || !strings.Contains(out, "ok: ") {
		t.Errorf("lint good: exit %d, %q", code, out)
	}
	_, errOut, code = runSluice(t, "", "lint", "--rules", bad)
	if code != 1 {
		t.Errorf("lint bad: exit %d, want 1", code)
	}
	for _, want := range []string{`bad.tsv:2: cannot disable "no.such.rule"`, `bad.tsv:1: unknown class "no-such-class"`, "bad.tsv:3: error parsing regexp"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("lint output lacks %q:\n%s", want, errOut)
		}
	}
}
