package stages

import (
	"regexp/syntax"
	"strings"
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
	// One of literals must occur in the paragraph (lower-cased when fold
	// is set).
	literals []string
	masks    []bigrams // masks[i] holds the letter pairs of literals[i]
	fold     bool
	// first, when not nil, holds every rune a match anchored at the start of
	// the paragraph can begin with.
	first map[rune]bool
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
	re = re.Simplify()
	var pf prefilter
	if anchoredBothEnds(re) {
		if w := maxWidth(re); w != unbounded {
			pf.maxRunes = w
		}
	}
	if re.Op == syntax.OpConcat && len(re.Sub) > 1 && (re.Sub[0].Op == syntax.OpBeginText || re.Sub[0].Op == syntax.OpBeginLine) {
		pf.first = firstRunes(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1:]})
	}
	if set, fold := literalSet(re); minRunes(set) >= minLiteralRunes || punctuationOnly(set) {
		// Punctuation has no case: search the paragraph, not a lower-cased copy.
		pf.literals, pf.fold = set, fold && !punctuationOnly(set)
		for i, l := range set {
			if fold {
				pf.literals[i] = strings.ToLower(l)
			}
			pf.masks = append(pf.masks, bigramsOf(pf.literals[i]))
		}
	}
	return pf
}

// pass reports whether paragraph p may match.
func (pf *prefilter) pass(pa *para) bool {
	p := pa.text
	if pf.maxRunes > 0 && len(p) > pf.maxRunes && utf8.RuneCountInString(p) > pf.maxRunes {
		return false
	}
	if pf.first != nil {
		r, _ := utf8.DecodeRuneInString(p)
		if !pf.first[r] {
			return false
		}
	}
	if len(pf.literals) == 0 {
		return true
	}
	grams := pa.bigrams()
	for i, l := range pf.literals {
		if !grams.contains(pf.masks[i]) {
			continue // a letter pair of l is missing: l cannot occur
		}
		in := p
		if pf.fold {
			in = pa.lowerText()
		}
		if strings.Contains(in, l) {
			return true
		}
	}
	return false
}

// bigrams is the set of pairs of adjacent ASCII letters, case folded, that
// a text contains: 26×26 bits.
type bigrams [11]uint64

// bigramsOf returns the letter pairs of s.
func bigramsOf(s string) bigrams {
	var g bigrams
	prev := -1
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			prev = -1
			continue
		}
		if prev >= 0 {
			n := prev*26 + int(c-'a')
			g[n>>6] |= 1 << (n & 63)
		}
		prev = int(c - 'a')
	}
	return g
}

// contains reports whether every pair of m is in g.
func (g *bigrams) contains(m bigrams) bool {
	for i := range g {
		if m[i]&^g[i] != 0 {
			return false
		}
	}
	return true
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

// maxFirstRunes bounds the set firstRunes builds; larger sets are not worth it.
const maxFirstRunes = 64

// firstRunes returns every rune a match of re can start with, case variants
// included, or nil when that is unknown or too many (re may match empty, or
// starts with a wide class).
func firstRunes(re *syntax.Regexp) map[rune]bool {
	set := map[rune]bool{}
	if !collectFirst(re, set) || len(set) == 0 || len(set) > maxFirstRunes {
		return nil
	}
	return set
}

// collectFirst adds the possible first runes of re to set and reports
// whether it could tell.
func collectFirst(re *syntax.Regexp, set map[rune]bool) bool {
	add := func(r rune, fold bool) {
		set[r] = true
		if fold {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				set[f] = true
			}
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return false
		}
		add(re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxFirstRunes {
				return false
			}
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				add(r, false)
			}
		}
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return collectFirst(re.Sub[0], set)
	case syntax.OpRepeat:
		return re.Min >= 1 && collectFirst(re.Sub[0], set)
	case syntax.OpConcat:
		if len(re.Sub) == 0 {
			return false
		}
		return collectFirst(re.Sub[0], set)
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !collectFirst(s, set) {
				return false
			}
		}
		return true
	}
	return false
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
