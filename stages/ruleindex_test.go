package stages

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// bruteMatch is what classRules.find must return, without the index and
// prefilters: line rules, prefix rules, then every regexp in file order.
func bruteMatch(cr *classRules, p string) *Rule {
	key := foldKey(p)
	if r := cr.lines[key]; r != nil {
		return r
	}
	for _, r := range cr.prefixes {
		if strings.HasPrefix(key, r.key) && (len(key) == len(r.key) || !isLetter(key[len(r.key):])) {
			return r
		}
	}
	for _, r := range cr.regexps {
		if r.re.MatchString(p) {
			return r
		}
	}
	return nil
}

// checkIndex fails t when, for any class and role, the indexed match of p
// differs from bruteMatch.
func checkIndex(t *testing.T, rs *Rules, p string) {
	t.Helper()
	for _, c := range Classes {
		for _, role := range []Role{RoleTrigger, RoleMember} {
			cr := rs.set(c, role)
			if cr == nil {
				continue
			}
			pa := newPara(p)
			got, _ := cr.find(&pa, false)
			want := bruteMatch(cr, p)
			if got != want {
				t.Errorf("%s/%s on %q: indexed match %s, every rule tried %s", c, role, p, ruleID(got), ruleID(want))
			}
			// With groups, the same rule and the rule's own submatches.
			got, m := cr.find(&pa, true)
			if got != want {
				t.Errorf("%s/%s on %q: indexed match with groups %s, every rule tried %s", c, role, p, ruleID(got), ruleID(want))
			} else if got != nil && got.re != nil && !slices.Equal(m, got.re.FindStringSubmatchIndex(p)) {
				t.Errorf("%s/%s on %q: submatches %v, the rule's regexp gives %v", c, role, p, m, got.re.FindStringSubmatchIndex(p))
			}
		}
	}
}

func ruleID(r *Rule) string {
	if r == nil {
		return "none"
	}
	return r.ID
}

// casings returns p as is, upper-cased, lower-cased and with its ASCII
// s and k written as the runes that fold to them (ſ, K): the scanner must
// find literals in any case.
func casings(p string) []string {
	return []string{p, strings.ToUpper(p), strings.ToLower(p),
		strings.NewReplacer("s", "ſ", "k", "\u212a").Replace(p)}
}

// TestIndexAgreesWithEveryRule checks the rule index and prefilters on every
// paragraph of the golden and own corpora and of the stage golden files, in
// several casings: a rule they rule out never matches.
func TestIndexAgreesWithEveryRule(t *testing.T) {
	rs := testRules(t)
	n := 0
	for _, v := range corpusParagraphs(t) {
		checkIndex(t, rs, v)
		n++
	}
	t.Logf("%d paragraphs checked against %d rules", n, rs.Len())
}

// corpusParagraphs returns every paragraph of the golden and own corpora
// and of the stage golden files, normalized, each in every casing of
// casings.
func corpusParagraphs(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, g := range []string{"../../shared/corpus/text/*/input.txt", "../testdata/corpus/*/input.txt", "testdata/*/*.in"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d input files found", len(files))
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Split(normalizeText(string(b)), "\n") {
			out = append(out, casings(p)...)
		}
	}
	return out
}

func TestIndexCases(t *testing.T) {
	rs := testRules(t)
	for _, p := range []string{
		"Share this:", "SHARE THIS", "Leave a Reply", "Lëave a reply",
		"Subscribe to our newsletter for the latest news.",
		"FÜR ABONNENTEN: Weiterlesen mit Abo",
		"The minister resigned., Independent reported.",
		"The minister resigned. (AFP)", "Der Minister trat zurück. (dpa)",
		"1 2 3 Next »", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",
		"Photo: Reuters", "ab", "a", "",
	} {
		for _, v := range casings(p) {
			checkIndex(t, rs, v)
		}
	}
}

// FuzzRuleIndex: for any paragraph, the index and prefilters give the match
// trying every rule would.
func FuzzRuleIndex(f *testing.F) {
	rs := testRules(f)
	for _, s := range []string{"Share this:", "Sign up for our newsletter", "It rained. (AFP)", "Von Anna Muster", "K\u212aſ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if !utf8.ValidString(p) || strings.ContainsAny(p, "\n") || len(p) > maxFuzzParagraph {
			return
		}
		checkIndex(t, rs, p)
	})
}

// maxFuzzParagraph bounds FuzzRuleIndex's inputs: paragraph-sized text
// reaches every rule (the longest a bounded pattern can match is under 500
// runes), and trying every rule on longer fuzz input only costs time.
const maxFuzzParagraph = 1024

// TestPrefilterRequiresEveryPart: every part of a pattern with literals must
// occur in a paragraph before the regexp runs, not only the part the index
// scans for, and no paragraph the regexp matches is ruled out.
func TestPrefilterRequiresEveryPart(t *testing.T) {
	const pattern = `^(?i).{0,80}\bnewsletter\b.{0,80}\b(?:abonnieren|bestellen|anmelden)\b.{0,160}$`
	re := regexp.MustCompile(pattern)
	pf := newPrefilter(pattern)
	for _, tc := range []struct {
		p    string
		pass bool
	}{
		{"Jetzt den Newsletter abonnieren", true},
		{"NEWSLETTER hier ANMELDEN", true},
		{"Der Newsletter erscheint jeden Morgen um sieben Uhr.", false}, // no verb
		{"Hier abonnieren", false},                                      // no "newsletter": the index's part
	} {
		pa := newPara(tc.p)
		// The index does the scanned part's test: apply it as the index would.
		got := pf.pass(&pa) && (literals{pf.literals, pf.fold}).occursIn(&pa)
		if got != tc.pass {
			t.Errorf("%q: pass = %v, want %v", tc.p, got, tc.pass)
		}
		if re.MatchString(tc.p) && !got {
			t.Errorf("%q: ruled out, but the regexp matches", tc.p)
		}
	}
}

// TestLooseRegexp: a pattern's counted repeats are opened only where the
// text is too short for a bound to matter, and with it the result is the
// pattern's own, submatches included.
func TestLooseRegexp(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		upTo    int // the bound below which the loose pattern is used; 0 for none
		texts   []string
	}{
		{`^(?i)the post (.{3,300}) appeared first on (.{2,120})$`, 120,
			[]string{"The post Council approves plan appeared first on Riverside", "the post x appeared first on y"}},
		{`^a(.{0,10})b$`, 10, []string{"ab", "a0123456789b", "a01234567890b", "a" + strings.Repeat("x", 20) + "b"}},
		{`^(x{0,9}|y)(.{8,20}?)$`, 9, []string{"xxxxxxxxxxxxxxxxxxxxxxxxx", "yabcdefgh", "xxxxxxxxx12345678", "short"}},
		{`^(?:a?){0,50}$`, 0, nil},      // the repeated part may match nothing: left alone
		{`^[a-z]{2,5}\d{1,3}$`, 0, nil}, // bounds too small to matter
	} {
		pf := newPrefilter(tc.pattern)
		if pf.looseUpTo != tc.upTo {
			t.Errorf("%s: looseUpTo %d, want %d", tc.pattern, pf.looseUpTo, tc.upTo)
		}
		re := regexp.MustCompile(tc.pattern)
		for _, text := range tc.texts {
			pa := newPara(text)
			run := pf.regexp(&pa, re)
			if (run != re) != (pa.runes <= tc.upTo) {
				t.Errorf("%s on %q (%d runes): loose used = %v", tc.pattern, text, pa.runes, run != re)
			}
			if got, want := run.FindStringSubmatchIndex(text), re.FindStringSubmatchIndex(text); !slices.Equal(got, want) {
				t.Errorf("%s on %q: %v, the pattern gives %v", tc.pattern, text, got, want)
			}
		}
	}
}

func TestMinWidth(t *testing.T) {
	for pattern, want := range map[string]int{
		`^[A-Za-z0-9+/]{80,}={0,2}$`: 80,
		`^(?i:by|written by)\s*:?$`:  2,
		`a+b*c?(?:de|f)`:             2,
		`(?:x{3}|yy)+`:               2,
		`^$`:                         0,
	} {
		re, err := syntax.Parse(pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := minWidth(re); got != want {
			t.Errorf("minWidth(%s) = %d, want %d", pattern, got, want)
		}
	}
}

func TestOpenRepeatsText(t *testing.T) {
	for in, want := range map[string]string{
		`a{0,10}b{8}`:          `a{0,}b{8,}`,
		`x{2,5}y{3,}`:          `x{2,5}y{3,}`,
		`[{]{9}`:               `[{]{9,}`,
		`[]{]{1,300}`:          `[]{]{1,}`,
		`[^]a-z]{2,90}`:        `[^]a-z]{2,}`,
		`[[:alpha:]{]{0,20}`:   `[[:alpha:]{]{0,}`,
		`\{10,20\}`:            `\{10,20\}`,
		`\Q{10,20}\E.{0,99}`:   `\Q{10,20}\E.{0,}`,
		`a{,9}`:                `a{,9}`,
		`(?i)\p{L}{1,20}\.{3}`: `(?i)\p{L}{1,}\.{3}`,
	} {
		if got := openRepeatsText(in); got != want {
			t.Errorf("openRepeatsText(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestPrefilterRequiresPunctuation: a part of a pattern that is
// punctuation, such as the colon of a photo credit, is required too.
func TestPrefilterRequiresPunctuation(t *testing.T) {
	const pattern = `^.{8,280}[.!?]\s+\(?(?i:photo|credit)\s*:\s*\p{Lu}[^.!?]{1,80}\)?$`
	re := regexp.MustCompile(pattern)
	pf := newPrefilter(pattern)
	for _, tc := range []struct {
		p    string
		pass bool
	}{
		{"Sandbags line the river bank. Photo: Jane Doe", true},
		{"The state offered tax credits worth millions. Officials said more would follow.", false},
	} {
		pa := newPara(tc.p)
		if got := pf.pass(&pa); got != tc.pass {
			t.Errorf("%q: pass = %v, want %v", tc.p, got, tc.pass)
		}
		if re.MatchString(tc.p) != tc.pass {
			t.Errorf("%q: the pattern's own match is not %v", tc.p, tc.pass)
		}
	}
}

// TestIndexManyRules: with a large user rule file added, matching still
// agrees with trying every rule, and a user rule is found among many.
func TestIndexManyRules(t *testing.T) {
	base, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	var user []Rule
	for i := range 200 {
		user = append(user, Rule{
			ID: fmt.Sprintf("test.navigation.synthetic-%d", i), Class: ClassNavigation, Match: MatchRegexp,
			Pattern: fmt.Sprintf(`^(?i)synthetic item %d\b.{0,40}$`, i), Source: "test",
		})
	}
	all, err := Merge(base, user)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := NewRules(all)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"Synthetic item 150 of the list", "Synthetic item 7", "synthetic item 199!", "Share this:",
		"Subscribe to our newsletter for the latest news.", "The minister resigned. (AFP)", "Nothing here at all."} {
		for _, v := range casings(p) {
			checkIndex(t, rs, v)
		}
		pa := newPara(p)
		if strings.HasPrefix(p, "Synthetic item 150") {
			if id := rs.set(ClassNavigation, RoleTrigger).matchID(&pa); id != "test.navigation.synthetic-150" {
				t.Errorf("%q matched %q, want test.navigation.synthetic-150", p, id)
			}
		}
	}
}

// TestPrefixSet: the strings a pattern anchored at the start must begin
// with, no condition where a match may begin otherwise, and never a
// condition that rules out a match.
func TestPrefixSet(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		has     []string // some of the prefixes, lower-cased; none for no condition
		matches []string // texts the pattern matches
	}{
		{`^(?i:tags?|filed under)\s*:`, []string{"tag", "filed under"}, []string{"Tags: a", "FILED UNDER: x", "tag:"}},
		{`^(?i)\(?(?:photo|image)\s*:`, []string{"(photo", "photo", "image"}, []string{"(Photo: x", "IMAGE: y"}},
		{`^(?:(?:filter|sort)\s+)?by\s`, []string{"filter", "by"}, []string{"by x", "sort  by y", "filter\tby z"}},
		{`^(?:Foto|FOTO)\s`, []string{"foto"}, []string{"Foto DPA", "FOTO AFP"}},
		{`^[Pp]or\s+(?P<n>\p{Lu}.*)$`, []string{"p"}, []string{"Por Ana", "por  Luis"}},
		{`^ab+c`, []string{"ab"}, []string{"abbbc"}},
		{`^(?i:story|key|éte)`, []string{"story", "key", "éte"}, []string{"ſtory", "\u212aey", "Story", "ÉTE"}},
		{`^\s*Share`, nil, []string{"  Share"}},
		{`^.{0,80}news`, nil, []string{"the news"}},
		{`news$`, nil, []string{"news"}},
	} {
		pf := newPrefilter(tc.pattern)
		got := map[string]bool{}
		var all []prefix
		if pf.starts != nil {
			all = pf.starts.all
		}
		for _, p := range all {
			got[strings.ToLower(p.s)] = true
		}
		if len(tc.has) == 0 && pf.starts != nil {
			t.Errorf("%s: prefixes %v, want none", tc.pattern, all)
		}
		for _, h := range tc.has {
			if !got[h] {
				t.Errorf("%s: prefixes %v lack %q", tc.pattern, all, h)
			}
		}
		re := regexp.MustCompile(tc.pattern)
		for _, m := range tc.matches {
			if !re.MatchString(m) {
				t.Fatalf("%s does not match %q", tc.pattern, m)
			}
			if pf.starts != nil && !pf.starts.begin(m) {
				t.Errorf("%s: %q ruled out by prefixes %v", tc.pattern, m, all)
			}
		}
	}
	for _, tc := range []struct {
		s, prefix string
		want      bool
	}{
		{"Tagged with", "tag", true}, {"TAGS", "tag", true}, {"ſtory", "story", true},
		{"\u212aey", "key", true}, {"Ét", "ét", true}, {"ta", "tag", false}, {"Stag", "tag", false},
	} {
		if got := hasPrefixFold(tc.s, tc.prefix); got != tc.want {
			t.Errorf("hasPrefixFold(%q, %q) = %v", tc.s, tc.prefix, got)
		}
	}
}
