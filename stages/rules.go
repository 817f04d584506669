package stages

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/bits"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
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
	// MatchOff is not a match kind: a user rule with it disables the rule of
	// the same id (see Merge).
	MatchOff Match = "off"
)

// Role says whether a rule starts a block of debris or only continues one.
type Role string

// The roles.
const (
	// RoleTrigger: a match is debris on its own and may start a block
	// ("Share this:", "This website uses cookies…"). The default.
	RoleTrigger Role = "trigger"
	// RoleMember: a match is debris only next to a trigger of its class
	// ("Facebook", "Accept", "Enter your email address"); for bylines, only
	// before a line of names ("Written by" alone on its line); for
	// navigation, only before keywords ("Tags" alone on its line); for
	// copyright footers, a rights notice of which a paragraph of any length
	// at the end of the page holds two or more (a legal footer naming every
	// data provider); for comment forms, a comment counter or comment-list
	// heading ("[ 167 comments ]", "Top Rated Comments"), which heads the
	// comment area only on a whole page's plain text (see Doc.wholePage):
	// elsewhere counters sit by bylines and under teasers.
	RoleMember Role = "member"
)

// Rule is one entry of a rule file.
type Rule struct {
	// ID is unique across all rule files and appears in every Removal the
	// rule causes, e.g. "en.comment-form.leave-a-reply".
	ID      string
	Class   Class
	Match   Match
	Pattern string
	Role    Role
	// Source is "file:line" of the rule's definition, for error messages.
	Source string

	ord int            // a regexp rule's position among the regexp rules, in file order: its bit in ruleBits
	key string         // folded pattern, for line and prefix rules
	re  *regexp.Regexp // compiled pattern, for regexp rules
	pf  prefilter      // cheap tests before re runs
}

// Rules is a validated, indexed set of rules. The zero value holds no rules.
// A Rules is read-only once built and safe for concurrent use.
type Rules struct {
	// byClass holds the rules of each class (by Class.index) and role
	// (by roleIndex); nil where there are none. Stages look sets up on
	// every page, so this is an array, not a map.
	byClass [len(Classes)][2]*classRules
	all     []*Rule
}

// classRules are the rules of one class and role.
type classRules struct {
	lines    map[string]*Rule
	maxLine  int // the longest key of lines
	prefixes []*Rule
	// byFirst holds the prefixes by the first byte of their keys, each
	// list in file order: a key matches only those of its own first byte.
	byFirst *[256][]*Rule
	// keyLimit is how much of a paragraph's folded key the line and prefix
	// rules of every class need: the same for all, so a paragraph's key is
	// computed once.
	keyLimit int
	regexps  []*Rule
	// ix indexes the regexps of every class; mask holds those of this one,
	// all in mask[lo:hi].
	ix     *ruleIndex
	mask   ruleBits
	lo, hi int
}

// roleIndex returns the index of a valid role in Rules.byClass.
func roleIndex(role Role) int {
	if role == RoleMember {
		return 1
	}
	return 0
}

//go:embed rules/*.tsv
var builtinRules embed.FS

// DefaultRules returns the rules embedded in the binary.
func DefaultRules() (*Rules, error) {
	return LoadRules(builtinRules, "rules")
}

// LoadRules reads every *.tsv file in dir of fsys, in name order.
func LoadRules(fsys fs.FS, dir string) (*Rules, error) {
	all, err := readRuleFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	return NewRules(all)
}

// readRuleFiles parses every *.tsv file in dir of fsys, in name order.
func readRuleFiles(fsys fs.FS, dir string) ([]Rule, error) {
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
	return all, nil
}

// ParseRules reads rules in the rule file format: one rule a line, four or
// five tab-separated fields
//
//	ID	CLASS	MATCH	PATTERN	[ROLE]
//
// where CLASS is a debris class, MATCH is line, prefix or regexp, and ROLE
// is trigger (the default) or member. A line of two fields "ID	off"
// disables the rule ID (see Merge). Empty lines and lines starting with '#'
// are ignored. name is used in errors only.
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
		src := fmt.Sprintf("%s:%d", name, n)
		switch {
		case len(f) == 2 && f[1] == "off":
			out = append(out, Rule{ID: f[0], Match: MatchOff, Source: src})
		case len(f) == 4 || len(f) == 5:
			r := Rule{ID: f[0], Class: Class(f[1]), Match: Match(f[2]), Pattern: f[3], Source: src}
			if len(f) == 5 {
				r.Role = Role(f[4])
			}
			out = append(out, r)
		default:
			return nil, fmt.Errorf("%s: want 4 or 5 tab-separated fields (id, class, match, pattern[, role]) or \"id<TAB>off\", got %d", src, len(f))
		}
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
	rs := &Rules{}
	seen := map[string]string{}
	var errs []string
	var regexps []*Rule // in file order
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
		case r.Match == MatchOff:
			errs = append(errs, fmt.Sprintf("%s: %q off: disabling a rule only works in a user rule file", where, r.ID))
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
		if r.Role == "" {
			r.Role = RoleTrigger
		}
		if r.Role != RoleTrigger && r.Role != RoleMember {
			errs = append(errs, fmt.Sprintf("%s: unknown role %q (want trigger or member)", where, r.Role))
			continue
		}
		seen[r.ID] = where
		slot := &rs.byClass[r.Class.index()][roleIndex(r.Role)]
		cr := *slot
		if cr == nil {
			cr = &classRules{lines: map[string]*Rule{}}
			*slot = cr
		}
		switch r.Match {
		case MatchLine, MatchPrefix:
			r.key = foldKey(r.Pattern)
			if r.key == "" {
				errs = append(errs, where+": pattern of only trailing punctuation (\"...\"), which every paragraph would match; use a regexp")
				continue
			}
			if len(r.key) > maxKeyBytes-utf8.UTFMax {
				errs = append(errs, fmt.Sprintf("%s: pattern longer than %d bytes; use a regexp", where, maxKeyBytes-utf8.UTFMax))
				continue
			}
			if r.Match == MatchLine {
				cr.lines[r.key] = &r
				cr.maxLine = max(cr.maxLine, len(r.key))
			} else {
				cr.prefixes = append(cr.prefixes, &r)
			}
		case MatchRegexp:
			re, err := regexp.Compile(r.Pattern)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s: %v", where, err))
				continue
			}
			r.re = re
			r.pf = newPrefilter(r.Pattern)
			cr.regexps = append(cr.regexps, &r)
		default:
			errs = append(errs, fmt.Sprintf("%s: unknown match %q (want line, prefix or regexp)", where, r.Match))
			continue
		}
		if r.re != nil {
			r.ord = len(regexps)
			regexps = append(regexps, &r)
		}
		rs.all = append(rs.all, &r)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("invalid rules:\n  %s", strings.Join(errs, "\n  "))
	}
	ix := newRuleIndex(regexps)
	keyLimit := 1
	for _, r := range rs.all {
		switch r.Match {
		case MatchLine:
			keyLimit = max(keyLimit, len(r.key))
		case MatchPrefix:
			// and the rune after the prefix, which must not be a letter
			keyLimit = max(keyLimit, len(r.key)+utf8.UTFMax)
		}
	}
	for _, cr := range rs.sets() {
		if len(cr.prefixes) > 0 {
			cr.byFirst = new([256][]*Rule)
			for _, r := range cr.prefixes {
				cr.byFirst[r.key[0]] = append(cr.byFirst[r.key[0]], r)
			}
		}
		cr.keyLimit = keyLimit
		cr.ix, cr.mask = ix, ix.bits()
		for _, r := range cr.regexps {
			cr.mask.add(r.ord)
		}
		cr.lo, cr.hi = len(cr.mask), 0
		for w, m := range cr.mask {
			if m != 0 {
				cr.lo, cr.hi = min(cr.lo, w), w+1
			}
		}
	}
	return rs, nil
}

// Merge returns the rules of base changed by user: a user rule with a new id
// is added, one with the id of a base rule replaces it, and "ID off"
// disables it. Disabling an id that does not exist is an error, so a typo
// does not pass silently; Merge reports every such error and merges the rest.
func Merge(base, user []Rule) ([]Rule, error) {
	idx := map[string]int{}
	out := append([]Rule(nil), base...)
	for i, r := range out {
		idx[r.ID] = i
	}
	off := map[string]bool{}
	var errs []error
	for _, u := range user {
		i, ok := idx[u.ID]
		switch {
		case u.Match == MatchOff && !ok:
			errs = append(errs, fmt.Errorf("%s: cannot disable %q: no such rule", u.Source, u.ID))
		case u.Match == MatchOff:
			off[u.ID] = true
		case ok:
			out[i] = u
			delete(off, u.ID)
		default:
			idx[u.ID] = len(out)
			out = append(out, u)
		}
	}
	kept := out[:0]
	for _, r := range out {
		if !off[r.ID] {
			kept = append(kept, r)
		}
	}
	return kept, errors.Join(errs...)
}

// BuiltinRules returns the rules embedded in the binary, unvalidated, for
// merging with user rules.
func BuiltinRules() ([]Rule, error) {
	return readRuleFiles(builtinRules, "rules")
}

// Len returns the number of rules.
func (rs *Rules) Len() int { return len(rs.all) }

// Match returns the first trigger rule of class c that matches the
// paragraph p, and for a regexp rule its submatch indexes (as
// regexp.FindStringSubmatchIndex). Line rules are tried first, then prefix
// rules, then regexps, each in file order.
func (rs *Rules) Match(c Class, p string) (*Rule, []int) {
	return rs.MatchRole(c, RoleTrigger, p)
}

// MatchRole is Match for rules of the given role.
func (rs *Rules) MatchRole(c Class, role Role, p string) (*Rule, []int) {
	pa := newPara(p)
	return rs.set(c, role).match(&pa)
}

// set returns the rules of class c and role, nil if there are none. Stages
// look a set up once and match every paragraph against it.
func (rs *Rules) set(c Class, role Role) *classRules {
	if rs == nil {
		return nil
	}
	i := c.index()
	if i < 0 || role != RoleTrigger && role != RoleMember {
		return nil
	}
	return rs.byClass[i][roleIndex(role)]
}

// sets returns every non-empty set of rules.
func (rs *Rules) sets() []*classRules {
	var out []*classRules
	for i := range rs.byClass {
		for _, cr := range rs.byClass[i] {
			if cr != nil {
				out = append(out, cr)
			}
		}
	}
	return out
}

// triggers returns the trigger rules of class c.
func (rs *Rules) triggers(c Class) *classRules { return rs.set(c, RoleTrigger) }

// match returns the first rule of cr that matches p, as Rules.Match does;
// nil for a nil cr.
func (cr *classRules) match(p *para) (*Rule, []int) { return cr.find(p, true) }

// find is match; without groups it returns no submatch indexes, which
// spares the regexp engine the work of tracking them.
func (cr *classRules) find(p *para, groups bool) (*Rule, []int) {
	if cr == nil {
		return nil, nil
	}
	if len(cr.lines) > 0 || len(cr.prefixes) > 0 {
		k, cut := p.foldKey(cr.keyLimit)
		if !cut && len(k) <= cr.maxLine {
			if r := cr.lines[k]; r != nil {
				return r, nil
			}
		}
		var firsts []*Rule
		if cr.byFirst != nil && k != "" {
			firsts = cr.byFirst[k[0]]
		}
		for _, r := range firsts {
			// A cut key is longer than every rule key (see NewRules).
			if strings.HasPrefix(k, r.key) && (len(k) == len(r.key) || !isLetter(k[len(r.key):])) {
				return r, nil
			}
		}
	}
	if cr.lo >= cr.hi {
		return nil, nil
	}
	cand := p.candidates(cr.ix)
	for w := cr.lo; w < cr.hi; w++ {
		for m := cr.mask[w] & cand[w]; m != 0; m &= m - 1 {
			r := cr.ix.rules[w<<6+bits.TrailingZeros64(m)]
			if !r.pf.pass(p) {
				continue
			}
			re := r.pf.regexp(p, r.re)
			if !groups {
				if re.MatchString(p.text) {
					return r, nil
				}
			} else if m := re.FindStringSubmatchIndex(p.text); m != nil {
				return r, m
			}
		}
	}
	return nil, nil
}

// count returns how many times the regexp rules of cr match in p, counting
// to at most limit, and the id of the first rule that matched.
func (cr *classRules) count(p *para, limit int) (n int, id string) {
	if cr == nil || cr.lo >= cr.hi {
		return 0, ""
	}
	cand := p.candidates(cr.ix)
	for w := cr.lo; w < cr.hi && n < limit; w++ {
		for m := cr.mask[w] & cand[w]; m != 0 && n < limit; m &= m - 1 {
			r := cr.ix.rules[w<<6+bits.TrailingZeros64(m)]
			if !r.pf.pass(p) {
				continue
			}
			if k := len(r.pf.regexp(p, r.re).FindAllStringIndex(p.text, limit-n)); k > 0 {
				if id == "" {
					id = r.ID
				}
				n += k
			}
		}
	}
	return n, id
}

// mayMatch reports, without computing anything about p, whether a rule of
// cr may match it: false when cr has no line or prefix rules and no regexp
// that can start with p's first rune.
func (cr *classRules) mayMatch(p *para) bool {
	if cr == nil {
		return false
	}
	if len(cr.lines) > 0 || len(cr.prefixes) > 0 {
		return true
	}
	first, _ := utf8.DecodeRuneInString(p.text)
	mask := cr.ix.first.of(first)
	for w := cr.lo; w < cr.hi; w++ {
		if cr.mask[w]&mask[w] != 0 {
			return true
		}
	}
	return false
}

// matchID returns the id of the first rule of cr that matches p, "" for
// none. It tries mayMatch first, so callers need not.
func (cr *classRules) matchID(p *para) string {
	if !cr.mayMatch(p) {
		return ""
	}
	if r, _ := cr.find(p, false); r != nil {
		return r.ID
	}
	return ""
}

// foldKey lowercases s, folds runs of white space to one space and trims
// white space and trailing punctuation (".", "…", ":", "!", "»", "›").
func foldKey(s string) string {
	k, _ := foldKeyHead(s, len(s)*2+4)
	return k
}

// foldKeyHead is foldKey of s, but it stops once the key is longer than
// limit bytes and then returns the key so far, untrimmed, and true: the
// head of foldKey(s), enough to compare with keys of at most limit bytes.
func foldKeyHead(s string, limit int) (string, bool) {
	// On the stack for the limits of the rules sluice ships; a rune may
	// overshoot the limit by a rune and a space.
	var buf [smallKeyBytes + 2*utf8.UTFMax]byte
	b := buf[:0]
	if limit > smallKeyBytes {
		b = make([]byte, 0, limit+2*utf8.UTFMax)
	}
	space := false
	for i := 0; i < len(s); {
		if len(b) > limit {
			return string(b), true
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = len(b) > 0
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			// A run of ASCII letters, digits and punctuation is folded
			// without the tests above.
			b = append(b, asciiFoldTable[c])
			for i < len(s) && len(b) <= limit && s[i] > ' ' && s[i] < utf8.RuneSelf {
				b = append(b, asciiFoldTable[s[i]])
				i++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	for len(b) > 0 {
		r, n := utf8.DecodeLastRune(b)
		if r != ' ' && r != '.' && r != '…' && r != ':' && r != '!' && r != '»' && r != '›' && r != '→' {
			break
		}
		b = b[:len(b)-n]
	}
	return string(b), false
}

// smallKeyBytes is the key limit foldKeyHead serves from a stack buffer.
const smallKeyBytes = 64

// asciiSpace tells the ASCII white space of unicode.IsSpace.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// isLetter reports whether s starts with a letter or digit.
func isLetter(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}
