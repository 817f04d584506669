package stages

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Match says how a rule's pattern is compared with a paragraph.
type Match string

// The match kinds. Line and prefix patterns are compared case-insensitively,
// with white space folded and trailing punctuation ignored on both sides.
const (
	// MatchLine: the whole paragraph is the pattern ("Leave a Reply").
	MatchLine Match = "line"
	// MatchPrefix: the paragraph starts with the pattern, followed by the end
	// of the paragraph or a non-letter ("Read the full article from …").
	MatchPrefix Match = "prefix"
	// MatchRegexp: the RE2 pattern matches the paragraph. Anchor it yourself;
	// named groups are available to the stage (attribution uses "outlet").
	MatchRegexp Match = "regexp"
)

// Rule is one entry of a rule file.
type Rule struct {
	// ID is unique across all rule files and appears in every Removal the
	// rule causes, e.g. "en.comment-form.leave-a-reply".
	ID      string
	Class   Class
	Match   Match
	Pattern string
	// Source is "file:line" of the rule's definition, for error messages.
	Source string

	key string         // folded pattern, for line and prefix rules
	re  *regexp.Regexp // compiled pattern, for regexp rules
}

// Rules is a validated, indexed set of rules. The zero value holds no rules.
// A Rules is read-only once built and safe for concurrent use.
type Rules struct {
	byClass map[Class]*classRules
	all     []*Rule
}

type classRules struct {
	lines    map[string]*Rule
	prefixes []*Rule
	regexps  []*Rule
}

//go:embed rules/*.tsv
var builtinRules embed.FS

// DefaultRules returns the rules embedded in the binary.
func DefaultRules() (*Rules, error) {
	return LoadRules(builtinRules, "rules")
}

// LoadRules reads every *.tsv file in dir of fsys, in name order.
func LoadRules(fsys fs.FS, dir string) (*Rules, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var all []Rule
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		rs, err := ParseRules(name, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, rs...)
	}
	return NewRules(all)
}

// ParseRules reads rules in the rule file format: one rule a line, four
// tab-separated fields
//
//	ID	CLASS	MATCH	PATTERN
//
// where CLASS is a debris class and MATCH is line, prefix or regexp. Empty
// lines and lines starting with '#' are ignored. name is used in errors only.
func ParseRules(name string, r io.Reader) ([]Rule, error) {
	var out []Rule
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: want 4 tab-separated fields (id, class, match, pattern), got %d", name, n, len(f))
		}
		out = append(out, Rule{ID: f[0], Class: Class(f[1]), Match: Match(f[2]), Pattern: f[3], Source: fmt.Sprintf("%s:%d", name, n)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// NewRules validates rules and indexes them. It reports every invalid rule:
// an empty or duplicate id, an unknown class or match kind, an empty pattern
// or a regexp that does not compile.
func NewRules(rules []Rule) (*Rules, error) {
	rs := &Rules{byClass: map[Class]*classRules{}}
	seen := map[string]string{}
	var errs []string
	for i := range rules {
		r := rules[i]
		where := r.Source
		if where == "" {
			where = r.ID
		}
		switch {
		case r.ID == "":
			errs = append(errs, where+": empty id")
			continue
		case seen[r.ID] != "":
			errs = append(errs, fmt.Sprintf("%s: duplicate id %q (first at %s)", where, r.ID, seen[r.ID]))
			continue
		case !r.Class.Valid():
			errs = append(errs, fmt.Sprintf("%s: unknown class %q", where, r.Class))
			continue
		case strings.TrimSpace(r.Pattern) == "":
			errs = append(errs, where+": empty pattern")
			continue
		}
		seen[r.ID] = where
		cr := rs.byClass[r.Class]
		if cr == nil {
			cr = &classRules{lines: map[string]*Rule{}}
			rs.byClass[r.Class] = cr
		}
		switch r.Match {
		case MatchLine:
			r.key = foldKey(r.Pattern)
			cr.lines[r.key] = &r
		case MatchPrefix:
			r.key = foldKey(r.Pattern)
			cr.prefixes = append(cr.prefixes, &r)
		case MatchRegexp:
			re, err := regexp.Compile(r.Pattern)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s: %v", where, err))
				continue
			}
			r.re = re
			cr.regexps = append(cr.regexps, &r)
		default:
			errs = append(errs, fmt.Sprintf("%s: unknown match %q (want line, prefix or regexp)", where, r.Match))
			continue
		}
		rs.all = append(rs.all, &r)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("invalid rules:\n  %s", strings.Join(errs, "\n  "))
	}
	return rs, nil
}

// Len returns the number of rules.
func (rs *Rules) Len() int { return len(rs.all) }

// Match returns the first rule of class c that matches the paragraph p, and
// for a regexp rule its submatch indexes (as regexp.FindStringSubmatchIndex).
// Line rules are tried first, then prefix rules, then regexps, each in file order.
func (rs *Rules) Match(c Class, p string) (*Rule, []int) {
	cr := rs.byClass[c]
	if cr == nil {
		return nil, nil
	}
	if len(cr.lines) > 0 || len(cr.prefixes) > 0 {
		k := foldKey(p)
		if r := cr.lines[k]; r != nil {
			return r, nil
		}
		for _, r := range cr.prefixes {
			if strings.HasPrefix(k, r.key) && (len(k) == len(r.key) || !isLetter(k[len(r.key):])) {
				return r, nil
			}
		}
	}
	for _, r := range cr.regexps {
		if m := r.re.FindStringSubmatchIndex(p); m != nil {
			return r, m
		}
	}
	return nil, nil
}

// foldKey lowercases s, folds runs of white space to one space and trims
// white space and trailing punctuation (".", "…", ":", "!", "»", "›").
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimRightFunc(b.String(), func(r rune) bool {
		return r == ' ' || r == '.' || r == '…' || r == ':' || r == '!' || r == '»' || r == '›' || r == '→'
	})
}

// isLetter reports whether s starts with a letter or digit.
func isLetter(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}
