package stages

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// prefilter holds cheap tests that rule out a regexp rule before the regexp
// runs: most paragraphs are prose that no rule matches, and Go's regexp
// engine is slow on long inputs.
type prefilter struct {
	// maxRunes is the longest paragraph, in runes, a pattern anchored at both
	// ends can match; 0 means unbounded.
	maxRunes int
	// minRunes is the fewest runes any match has: a shorter paragraph
	// cannot hold one.
	minRunes int
	// One of literals must occur in the paragraph (lower-cased when fold
	// is set).
	literals []string
	fold     bool
	// scanned is set when the ruleIndex tests literals, so pass need not.
	scanned bool
	// also holds more literal sets, of other parts of the pattern, that
	// every match contains one of: "newsletter" and one of "abonnieren",
	// "bestellen", "anmelden"; or punctuation such as the ":" of "Photo:".
	// The index looks for literals only; pass tests these.
	also []literals
	// first, when not nil, holds every rune a match anchored at the start of
	// the paragraph can begin with; last, every rune a match anchored at its
	// end can end with. The ruleIndex tests them.
	first, last map[rune]bool
	// starts, when not nil, holds strings one of which every match, anchored
	// at the start of the paragraph, begins with: "tag", "filed under",
	// "categor" … of a list of labels. Testing them costs a few bytes each,
	// where looking for literals anywhere costs the whole paragraph.
	starts *prefixes
	// loose is the pattern with its counted repeats of at least
	// minLooseRepeat made open (x{0,160} as x*, x{2,300} as x{2,}), nil if
	// it has none. On a paragraph of at most looseUpTo runes, the smallest
	// bound opened, no repeat can reach its bound, so loose matches exactly
	// where the pattern does, with the same submatches; and Go's engines pay
	// for a counted repeat by its count on every rune of the input, so loose
	// runs several times faster. It is compiled on first use: most rules
	// never meet a paragraph they may match, and compiling them all would
	// add a third to loading the rules.
	loose     func() *regexp.Regexp
	looseUpTo int
}

// minLooseRepeat is the smallest repeat bound openRepeatsText opens: smaller
// bounds cost the engines little.
const minLooseRepeat = 8

// looseBound returns the smallest bound of re's counted repeats of at
// least minLooseRepeat, 0 when it has none, and false when one of them
// repeats a part that may match nothing. Only repeats of a part that
// consumes a rune on every round can be opened: on a text of at most n
// runes such a part cannot repeat more than n times, which is what makes
// the loose pattern exact there.
func looseBound(re *syntax.Regexp) (upTo int, ok bool) {
	if re.Op == syntax.OpRepeat && re.Max >= minLooseRepeat {
		if nullable(re.Sub[0]) {
			return 0, false
		}
		upTo = re.Max
	}
	for _, sub := range re.Sub {
		n, ok := looseBound(sub)
		if !ok {
			return 0, false
		}
		upTo = minBound(upTo, n)
	}
	return upTo, true
}

// openRepeatsText returns pattern with every counted repeat whose upper
// bound is at least minLooseRepeat made open: {m,n} and {n} as {m,} and
// {n,}. It rewrites the text, not the parsed regexp: printed back, a parsed
// regexp spells out its classes rune range by rune range, and those cost
// the parser much more than the names it was given (\p{L} under (?i)).
func openRepeatsText(pattern string) string {
	var b strings.Builder
	for i := 0; i < len(pattern); {
		switch c := pattern[i]; c {
		case '\\':
			if strings.HasPrefix(pattern[i:], `\Q`) {
				end := strings.Index(pattern[i:], `\E`)
				if end < 0 {
					end = len(pattern) - i
				} else {
					end += 2
				}
				b.WriteString(pattern[i : i+end])
				i += end
				continue
			}
			n := min(2, len(pattern)-i)
			b.WriteString(pattern[i : i+n])
			i += n
		case '[':
			j := classEnd(pattern, i)
			b.WriteString(pattern[i:j])
			i = j
		case '{':
			lo, hi, end, ok := countedRepeat(pattern, i)
			if ok && hi >= minLooseRepeat {
				b.WriteString("{" + lo + ",}")
			} else {
				b.WriteString(pattern[i:end])
			}
			i = end
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// classEnd returns the index after the character class that opens at
// pattern[i] ('['), or len(pattern).
func classEnd(pattern string, i int) int {
	j := i + 1
	if j < len(pattern) && pattern[j] == '^' {
		j++
	}
	if j < len(pattern) && pattern[j] == ']' {
		j++ // a leading ']' is a literal
	}
	for j < len(pattern) {
		switch {
		case pattern[j] == '\\':
			j += 2
		case strings.HasPrefix(pattern[j:], "[:"):
			if k := strings.Index(pattern[j+2:], ":]"); k >= 0 {
				j += k + 4
			} else {
				j++
			}
		case pattern[j] == ']':
			return j + 1
		default:
			j++
		}
	}
	return len(pattern)
}

// countedRepeat parses the repeat {n}, {m,} or {m,n} that opens at
// pattern[i] and returns its lower bound as written, its upper bound (-1
// for none) and the index after it; ok is false when pattern[i:] does not
// start with one (a literal '{'), and end is then i+1.
func countedRepeat(pattern string, i int) (lo string, hi, end int, ok bool) {
	brace := strings.IndexByte(pattern[i:], '}')
	if brace < 0 {
		return "", 0, i + 1, false
	}
	body := pattern[i+1 : i+brace]
	lo, rest, comma := strings.Cut(body, ",")
	if !isDigits(lo) || comma && rest != "" && !isDigits(rest) {
		return "", 0, i + 1, false
	}
	switch {
	case !comma:
		hi, _ = strconv.Atoi(lo)
	case rest == "":
		hi = -1
	default:
		hi, _ = strconv.Atoi(rest)
	}
	return lo, hi, i + brace + 1, true
}

// compileLoose returns the loose form of pattern (see prefilter.loose), or
// nil when the rewritten text does not parse to a pattern without counted
// repeats of minLooseRepeat or more.
func compileLoose(pattern string) *regexp.Regexp {
	text := openRepeatsText(pattern)
	parsed, err := syntax.Parse(text, syntax.Perl)
	if err != nil {
		return nil
	}
	if n, _ := looseBound(parsed); n != 0 {
		return nil
	}
	re, err := regexp.Compile(text)
	if err != nil {
		return nil
	}
	return re
}

// minBound is min for bounds where 0 means none.
func minBound(a, b int) int {
	if a == 0 || b != 0 && b < a {
		return b
	}
	return a
}

// literals is a set of strings one of which a paragraph must contain,
// lower-cased when fold is set.
type literals struct {
	set  []string
	fold bool
}

// occursIn reports whether one of ls occurs in pa.
func (ls literals) occursIn(pa *para) bool {
	in := pa.text
	if ls.fold {
		in = pa.lowerText()
	}
	for _, l := range ls.set {
		if strings.Contains(in, l) {
			return true
		}
	}
	return false
}

// unbounded stands for "no limit" while computing widths.
const unbounded = -1

// newPrefilter analyses a pattern. It never rules out a paragraph the
// pattern would match: when in doubt it imposes no condition.
func newPrefilter(pattern string) prefilter {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return prefilter{}
	}
	// Not Simplify: it expands counted repeats, which the analysis handles as they are.
	var pf prefilter
	if anchoredBothEnds(re) {
		if w := maxWidth(re); w != unbounded {
			pf.maxRunes = w
		}
	}
	pf.minRunes = minWidth(re)
	if upTo, ok := looseBound(re); ok && upTo > 0 {
		pf.loose = sync.OnceValue(func() *regexp.Regexp { return compileLoose(pattern) })
		pf.looseUpTo = upTo
	}
	if re.Op == syntax.OpConcat && len(re.Sub) > 1 && re.Sub[0].Op == syntax.OpBeginText {
		pf.starts = newPrefixes(prefixSet(re.Sub[1:]))
	}
	if re.Op == syntax.OpConcat && len(re.Sub) > 1 {
		if op := re.Sub[0].Op; op == syntax.OpBeginText || op == syntax.OpBeginLine {
			pf.first = edgeRunes(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1:]}, false)
		}
		if op := re.Sub[len(re.Sub)-1].Op; op == syntax.OpEndText || op == syntax.OpEndLine {
			pf.last = edgeRunes(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[:len(re.Sub)-1]}, true)
		}
	}
	if set, fold := literalSet(re); minRunes(set) >= minLiteralRunes || punctuationOnly(set) {
		// Punctuation has no case: search the paragraph, not a lower-cased copy.
		ls := newLiterals(set, fold && !punctuationOnly(set))
		pf.literals, pf.fold = ls.set, ls.fold
	}
	if re.Op == syntax.OpConcat && len(pf.literals) > 0 {
		// The best part's literals go to the index; every other part's
		// literals are required too.
		for _, sub := range re.Sub {
			set, fold := literalSet(sub)
			if minRunes(set) < minLiteralRunes && !punctuationOnly(set) {
				continue
			}
			ls := newLiterals(set, fold && !punctuationOnly(set))
			if !slices.Equal(ls.set, pf.literals) {
				pf.also = append(pf.also, ls)
			}
		}
	}
	return pf
}

// newLiterals returns set as literals, lower-cased when fold is set.
func newLiterals(set []string, fold bool) literals {
	ls := literals{set: slices.Clone(set), fold: fold}
	if fold {
		for i, l := range ls.set {
			ls.set[i] = strings.ToLower(l)
		}
	}
	return ls
}

// regexp returns the regexp to run on pa in place of re, the rule's own:
// the loose one when pa is short enough for it to match the same.
func (pf *prefilter) regexp(pa *para, re *regexp.Regexp) *regexp.Regexp {
	if pf.loose != nil && pa.runes <= pf.looseUpTo {
		if loose := pf.loose(); loose != nil {
			return loose
		}
	}
	return re
}

// pass reports whether paragraph p, which the ruleIndex found to be a
// candidate for the rule, may match: the tests the index does not do.
func (pf *prefilter) pass(pa *para) bool {
	if pf.maxRunes > 0 && pa.runes > pf.maxRunes || pa.runes < pf.minRunes {
		return false
	}
	if pf.starts != nil && !pf.starts.begin(pa.text) {
		return false
	}
	if !pf.scanned && len(pf.literals) > 0 && !(literals{pf.literals, pf.fold}).occursIn(pa) {
		return false
	}
	for _, ls := range pf.also {
		if !ls.occursIn(pa) {
			return false
		}
	}
	return true
}

// prefix is a string a match begins with, compared with case folded (as
// Go's case-insensitive regexps fold) when fold is set.
type prefix struct {
	s    string
	fold bool
}

// maxPrefixes bounds the sets prefixSet builds.
const maxPrefixes = 64

// prefixSet returns strings one of which every match of the concatenation
// of seq begins with, or nil when it cannot tell (an element that may match
// nothing and is not an optional part, a wide class, too many strings).
func prefixSet(seq []*syntax.Regexp) []prefix {
	if len(seq) == 0 {
		return nil
	}
	re, rest := seq[0], seq[1:]
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil
		}
		return extend([]prefix{{string(re.Rune), re.Flags&syntax.FoldCase != 0}}, rest)
	case syntax.OpCharClass:
		var out []prefix
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= maxPrefixes || len(out) >= maxPrefixes {
				return nil
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, prefix{string(r), false})
			}
		}
		return capPrefixes(out)
	case syntax.OpCapture:
		return prefixSet(append([]*syntax.Regexp{re.Sub[0]}, rest...))
	case syntax.OpConcat:
		return prefixSet(append(slices.Clone(re.Sub), rest...))
	case syntax.OpPlus, syntax.OpRepeat:
		// The part repeats: only its own first round is known to begin
		// the match.
		if re.Op == syntax.OpPlus || re.Min >= 1 {
			return prefixSet(re.Sub[:1])
		}
	case syntax.OpAlternate:
		var out []prefix
		for _, sub := range re.Sub {
			set := prefixSet(append([]*syntax.Regexp{sub}, rest...))
			if set == nil {
				return nil
			}
			out = append(out, set...)
		}
		return capPrefixes(out)
	case syntax.OpQuest:
		// Either the optional part begins the match or what follows does.
		with := prefixSet(append([]*syntax.Regexp{re.Sub[0]}, rest...))
		without := prefixSet(rest)
		if with == nil || without == nil {
			return nil
		}
		return capPrefixes(append(with, without...))
	}
	return nil
}

// maxExtend bounds the strings a short prefix is extended with.
const maxExtend = 8

// extend returns head, one literal, with the prefixes of rest appended
// when head is a single rune (an alternation's common first letter:
// "f(?:our|ive)") and rest has few that fold as head does; head otherwise.
func extend(head []prefix, rest []*syntax.Regexp) []prefix {
	h := head[0]
	if utf8.RuneCountInString(h.s) > 1 {
		return head
	}
	tail := prefixSet(rest)
	if tail == nil || len(tail) > maxExtend {
		return head
	}
	out := make([]prefix, 0, len(tail))
	for _, t := range tail {
		if t.fold != h.fold {
			return head
		}
		out = append(out, prefix{h.s + t.s, h.fold})
	}
	return out
}

// capPrefixes returns set, or nil when it holds more than maxPrefixes.
func capPrefixes(set []prefix) []prefix {
	if len(set) > maxPrefixes {
		return nil
	}
	return set
}

// prefixes is a set of prefixes indexed by the first byte a text that
// begins with one of them can have.
type prefixes struct {
	all []prefix
	// ascii holds, by ASCII-folded first byte, the prefixes a text starting
	// with that byte may begin with; other the ones a text starting with a
	// byte outside ASCII may begin with.
	ascii [utf8.RuneSelf][]prefix
	other []prefix
}

// newPrefixes indexes set; nil for a nil set. A folding prefix is filed
// under every first rune its first rune folds to ("s" under 's', 'S' and
// 'ſ').
func newPrefixes(set []prefix) *prefixes {
	if set == nil {
		return nil
	}
	ps := &prefixes{all: set}
	for _, p := range set {
		first, _ := utf8.DecodeRuneInString(p.s)
		forms := []rune{first}
		if p.fold {
			forms = caseForms(first)
		}
		other := false
		for _, f := range forms {
			if f < utf8.RuneSelf {
				c := asciiFoldTable[f]
				if n := len(ps.ascii[c]); n == 0 || ps.ascii[c][n-1] != p {
					ps.ascii[c] = append(ps.ascii[c], p)
				}
			} else if !other {
				ps.other, other = append(ps.other, p), true
			}
		}
	}
	return ps
}

// begin reports whether s begins with one of the prefixes.
func (ps *prefixes) begin(s string) bool {
	if s == "" {
		return false
	}
	set := ps.other
	if c := s[0]; c < utf8.RuneSelf {
		set = ps.ascii[asciiFoldTable[c]]
	}
	return startsWithOne(s, set)
}

// startsWithOne reports whether s begins with one of set.
func startsWithOne(s string, set []prefix) bool {
	for _, p := range set {
		if p.fold && hasPrefixFold(s, p.s) || !p.fold && strings.HasPrefix(s, p.s) {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s begins with prefix, rune by rune under
// the simple case folding Go's regexps use.
func hasPrefixFold(s, prefix string) bool {
	for _, r := range prefix {
		c, n := utf8.DecodeRuneInString(s)
		if n == 0 || !equalFold(r, c) {
			return false
		}
		s = s[n:]
	}
	return true
}

// equalFold reports whether a and b are the same rune under simple case
// folding.
func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return asciiFoldTable[a] == asciiFoldTable[b]
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

// minLiteralRunes is the shortest literal worth a prefilter.
const minLiteralRunes = 3

// minRunes returns the length of the shortest string of set, 0 for none.
func minRunes(set []string) int {
	if len(set) == 0 {
		return 0
	}
	m := -1
	for _, l := range set {
		if n := utf8.RuneCountInString(l); m < 0 || n < m {
			m = n
		}
	}
	return m
}

// anchoredBothEnds reports whether re starts with ^ (or \A) and ends with $
// (or \z) at its top level.
func anchoredBothEnds(re *syntax.Regexp) bool {
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 {
		return false
	}
	first, last := re.Sub[0].Op, re.Sub[len(re.Sub)-1].Op
	return (first == syntax.OpBeginText || first == syntax.OpBeginLine) && (last == syntax.OpEndText || last == syntax.OpEndLine)
}

// maxWidth returns the most runes re can match, or unbounded.
func maxWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture:
		return maxWidth(re.Sub[0])
	case syntax.OpQuest:
		return maxWidth(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return unbounded
	case syntax.OpRepeat:
		if re.Max < 0 {
			return unbounded
		}
		w := maxWidth(re.Sub[0])
		if w == unbounded {
			return unbounded
		}
		return w * re.Max
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			w := maxWidth(s)
			if w == unbounded {
				return unbounded
			}
			total += w
		}
		return total
	case syntax.OpAlternate:
		best := 0
		for _, s := range re.Sub {
			w := maxWidth(s)
			if w == unbounded {
				return unbounded
			}
			best = max(best, w)
		}
		return best
	}
	return unbounded
}

// minWidth returns the fewest runes re can match.
func minWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minWidth(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minWidth(re.Sub[0])
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			total += minWidth(s)
		}
		return total
	case syntax.OpAlternate:
		least := -1
		for _, s := range re.Sub {
			if w := minWidth(s); least < 0 || w < least {
				least = w
			}
		}
		return max(least, 0)
	}
	return 0 // empty-width assertions, x*, x?
}

// literalSet returns literals one of which every match of re contains,
// looking through concatenations, captures and alternations, and whether
// they are case-folded; nil when there is none.
func literalSet(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{string(re.Rune)}, re.Flags&syntax.FoldCase != 0
	case syntax.OpCapture, syntax.OpPlus:
		return literalSet(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalSet(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		fold := false
		for _, s := range re.Sub {
			if set, f := literalSet(s); minRunes(set) > minRunes(best) {
				best, fold = set, f
			}
		}
		return best, fold
	case syntax.OpAlternate:
		var all []string
		fold := false
		for i, s := range re.Sub {
			set, f := literalSet(s)
			if len(set) == 0 || i > 0 && f != fold {
				return nil, false
			}
			all, fold = append(all, set...), f
		}
		return all, fold
	}
	return nil, false
}

// maxEdgeRunes bounds the sets edgeRunes builds; larger sets are not worth it.
const maxEdgeRunes = 64

// edgeRunes returns every rune a match of re can start with (end with, when
// last is set), case variants included, or nil when that is unknown or too
// many (re may match the empty string, or starts with a wide class).
func edgeRunes(re *syntax.Regexp, last bool) map[rune]bool {
	set := map[rune]bool{}
	if nullable(re) || !collectEdge(re, last, set) || len(set) == 0 || len(set) > maxEdgeRunes {
		return nil
	}
	return set
}

// collectEdge adds to set the runes a match of re can start (or end) with
// and reports whether it could tell. Elements that may match the empty
// string let the next one (the previous one, when last) contribute too.
func collectEdge(re *syntax.Regexp, last bool, set map[rune]bool) bool {
	add := func(r rune, fold bool) {
		set[r] = true
		if fold {
			for _, f := range caseForms(r) {
				set[f] = true
			}
		}
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true // matches no rune
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		r := re.Rune[0]
		if last {
			r = re.Rune[len(re.Rune)-1]
		}
		add(r, re.Flags&syntax.FoldCase != 0)
		return true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxEdgeRunes {
				return false
			}
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				add(r, false)
			}
		}
		return true
	case syntax.OpCapture, syntax.OpPlus, syntax.OpStar, syntax.OpQuest, syntax.OpRepeat:
		return collectEdge(re.Sub[0], last, set)
	case syntax.OpConcat:
		for i := range re.Sub {
			sub := re.Sub[i]
			if last {
				sub = re.Sub[len(re.Sub)-1-i]
			}
			if !collectEdge(sub, last, set) {
				return false
			}
			if !nullable(sub) {
				return true
			}
		}
		return true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !collectEdge(s, last, set) {
				return false
			}
		}
		return true
	}
	return false
}

// nullable reports whether re can match without consuming a rune.
func nullable(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpLiteral:
		return len(re.Rune) == 0
	case syntax.OpCapture, syntax.OpPlus:
		return nullable(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min == 0 || nullable(re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !nullable(s) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if nullable(s) {
				return true
			}
		}
		return false
	}
	return false // classes and any-char consume a rune
}

// punctuationOnly reports whether every literal of set is ASCII
// punctuation ("/", ":"): short, but rare enough in prose to filter on.
func punctuationOnly(set []string) bool {
	if len(set) == 0 {
		return false
	}
	for _, l := range set {
		for i := 0; i < len(l); i++ {
			c := l[i]
			if c >= 0x80 || c == ' ' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				return false
			}
		}
	}
	return true
}
