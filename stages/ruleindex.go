package stages

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ruleBits is a set of rules of one Rules, one bit per Rule.ord.
type ruleBits []uint64

// add puts rule ord into s.
func (s ruleBits) add(ord int) { s[ord>>6] |= 1 << (ord & 63) }

// or adds the rules of t to s.
func (s ruleBits) or(t ruleBits) {
	for w := range s {
		s[w] |= t[w]
	}
}

// ruleIndex finds, in one scan of a paragraph, the regexp rules of every
// class that may match it, so that a class's rules are not each tried in
// turn. A regexp rule is a candidate for a paragraph when
//
//   - one of the literals its prefilter requires occurs in the paragraph,
//     compared with ASCII case folded and with every case variant of the
//     other letters (or the rule has no such literal), and
//   - the paragraph starts and ends with runes the rule can start and end
//     with (or the rule does not tell).
//
// The index never rules out a paragraph the rule's regexp matches; a
// candidate still has to pass the rule's regexp. It is read-only once built.
type ruleIndex struct {
	words int     // len of every ruleBits of this index
	rules []*Rule // by ord
	// always holds the regexp rules with no literal in the scanner.
	always ruleBits
	// first and last hold the regexp rules that may match a paragraph
	// starting (ending) with a rune.
	first, last edgeMasks
	// The literal scanner: literal i is lits[i], lower-cased in ASCII, and
	// a paragraph containing it makes litRules[i] candidates. Each literal
	// is looked for by its rarest four bytes, those at anchor[i]: heads
	// has a bit for the gramKey of each, and the literals of key
	// k are byHead[headAt[k]:headAt[k+1]].
	lits     []string
	anchor   []int
	litRules [][]int
	heads    [1 << 16 / 64]uint64
	headAt   []uint16 // 1<<16 + 1 entries
	byHead   []uint16
}

// minScanBytes is the shortest literal the scanner handles; shorter ones
// (punctuation such as ":" or "//") are left to the rule's own prefilter.
const minScanBytes = 4

// maxScanLiterals bounds the literals the scanner holds (their indexes are
// uint16); the rules of literals beyond it are always candidates.
const maxScanLiterals = 1 << 16

// maxLiteralVariants bounds the case variants one literal may expand to;
// a literal with more is not scanned for (its rule is always a candidate).
const maxLiteralVariants = 16

// newRuleIndex indexes the regexp rules all, which is in ord order.
func newRuleIndex(all []*Rule) *ruleIndex {
	ix := &ruleIndex{
		words: (len(all) + 63) / 64,
		rules: all,
	}
	byHead := map[uint16][]uint16{}
	ix.always = ix.bits()
	ix.first.init(ix.words)
	ix.last.init(ix.words)
	litIndex := map[string]int{}
	for _, r := range all {
		ix.first.add(r.ord, r.pf.first)
		ix.last.add(r.ord, r.pf.last)
		variants, ok := scanVariants(r.pf.literals, r.pf.fold)
		if !ok || len(ix.lits)+len(variants) > maxScanLiterals {
			ix.always.add(r.ord)
			continue
		}
		r.pf.scanned = true
		for _, v := range variants {
			i, seen := litIndex[v]
			if !seen {
				i = len(ix.lits)
				litIndex[v] = i
				a := rarestGram(v)
				ix.lits = append(ix.lits, v)
				ix.anchor = append(ix.anchor, a)
				ix.litRules = append(ix.litRules, nil)
				k := gramKey(uint32(v[a])<<24 | uint32(v[a+1])<<16 | uint32(v[a+2])<<8 | uint32(v[a+3]))
				ix.heads[k>>6] |= 1 << (k & 63)
				byHead[k] = append(byHead[k], uint16(i))
			}
			ix.litRules[i] = append(ix.litRules[i], r.ord)
		}
	}
	ix.first.finish()
	ix.last.finish()
	ix.headAt = make([]uint16, 1<<16+1)
	for k := range 1 << 16 {
		ix.headAt[k] = uint16(len(ix.byHead))
		ix.byHead = append(ix.byHead, byHead[uint16(k)]...)
	}
	ix.headAt[1<<16] = uint16(len(ix.byHead))
	return ix
}

// edgeMasks hold, for each rune, the rules that may match a paragraph
// that starts (or ends) with it.
type edgeMasks struct {
	ascii [utf8.RuneSelf]ruleBits
	other map[rune]ruleBits
	// any holds the rules that do not tell: they are in every mask.
	any ruleBits
}

// init makes the masks empty sets of words words.
func (m *edgeMasks) init(words int) {
	for c := range m.ascii {
		m.ascii[c] = make(ruleBits, words)
	}
	m.other = map[rune]ruleBits{}
	m.any = make(ruleBits, words)
}

// add puts rule ord in the masks of the runes of set; in all of them when
// set is nil.
func (m *edgeMasks) add(ord int, set map[rune]bool) {
	if set == nil {
		m.any.add(ord)
		return
	}
	for c := range set {
		if c < utf8.RuneSelf {
			m.ascii[c].add(ord)
			continue
		}
		if m.other[c] == nil {
			m.other[c] = make(ruleBits, len(m.any))
		}
		m.other[c].add(ord)
	}
}

// finish adds the rules of any to every mask; call it after the last add.
func (m *edgeMasks) finish() {
	for _, s := range m.other {
		s.or(m.any)
	}
	for c := range m.ascii {
		m.ascii[c].or(m.any)
	}
}

// of returns the rules that may match a paragraph starting (ending) with r.
func (m *edgeMasks) of(r rune) ruleBits {
	if r < utf8.RuneSelf && r >= 0 {
		return m.ascii[r]
	}
	if s, ok := m.other[r]; ok {
		return s
	}
	return m.any
}

// bits returns an empty set of this index's size.
func (ix *ruleIndex) bits() ruleBits { return make(ruleBits, ix.words) }

// scanVariants returns the strings the scanner must look for so that a
// paragraph containing one of literals is found: each literal with ASCII
// lower-cased and, when fold is set, in every case variant of its other
// letters. ok is false when a literal is too short to scan for or has too
// many variants, or there are no literals: then the rule cannot be ruled
// out by the scanner.
func scanVariants(literals []string, fold bool) (variants []string, ok bool) {
	if len(literals) == 0 {
		return nil, false
	}
	for _, l := range literals {
		l = asciiLower(l)
		if len(l) < minScanBytes {
			return nil, false
		}
		vs := []string{""}
		for _, r := range l {
			forms := []rune{r}
			if fold && r >= utf8.RuneSelf {
				forms = caseForms(r)
			}
			if len(vs)*len(forms) > maxLiteralVariants {
				return nil, false
			}
			next := make([]string, 0, len(vs)*len(forms))
			for _, v := range vs {
				for _, f := range forms {
					if f < utf8.RuneSelf {
						f = rune(asciiFoldTable[f])
					}
					next = append(next, v+string(f))
				}
			}
			vs = next
		}
		for _, v := range vs {
			if len(v) < minScanBytes {
				return nil, false // a variant can be shorter ("ß" vs "ẞ")
			}
		}
		variants = append(variants, vs...)
	}
	return variants, true
}

// caseForms returns r and every rune simple case folding makes it equal to
// ("k": k, K and the Kelvin sign), as Go's case-insensitive regexps fold.
func caseForms(r rune) []rune {
	forms := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		forms = append(forms, f)
	}
	return forms
}

// asciiFoldTable maps every byte to itself, except 'A'–'Z' to 'a'–'z'.
var asciiFoldTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i) + 'a' - 'A'
		}
	}
	return t
}()

// asciiLower lower-cases the ASCII letters of s.
func asciiLower(s string) string {
	return string(appendASCIILower(make([]byte, 0, len(s)), s))
}

// appendASCIILower appends s to dst with its ASCII letters lower-cased.
// Into a stack buffer with room for s, it lower-cases a word for a map
// lookup without allocating: set[string(appendASCIILower(buf[:0], w))].
func appendASCIILower(dst []byte, s string) []byte {
	n := len(dst)
	dst = append(dst, s...)
	for i := n; i < len(dst); i++ {
		dst[i] = asciiFoldTable[dst[i]]
	}
	return dst
}

// gramKey hashes four ASCII-folded bytes, packed big-endian, to 16 bits.
func gramKey(w uint32) uint16 { return uint16((w * 0x9E3779B1) >> 16) }

// rarestGram returns the offset in l of the four bytes least likely to
// occur in text, by letterRarity: the fewer hits the scanner checks, the
// faster it is.
func rarestGram(l string) int {
	best, bestScore := 0, -1
	for i := 0; i+minScanBytes <= len(l); i++ {
		score := 0
		for _, c := range []byte(l[i : i+minScanBytes]) {
			score += letterRarity(c)
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// letterRarity scores how rare byte c is in European text: 0 for space and
// the commonest letters, up to 4 for rare letters and punctuation. The
// order follows letter frequencies of English, French, German and Spanish.
func letterRarity(c byte) int {
	switch {
	case c == ' ':
		return 0
	case strings.IndexByte("eainotsr", c) >= 0:
		return 1
	case strings.IndexByte("lducmph", c) >= 0:
		return 2
	case strings.IndexByte("gbfvwy", c) >= 0:
		return 3
	}
	return 4
}

// longS and kelvinSign are the runes outside ASCII that Go's
// case-insensitive regexps fold to ASCII letters (s and k). A paragraph
// holding one may match a rule whose literal the scanner misses, so every
// rule is a candidate for it.
const longS, kelvinSign = "\u017f", "\u212a"

// candidates returns the regexp rules that may match the paragraph p;
// ascii tells that p is all ASCII, which spares looking for the runes
// that fold to ASCII letters.
func (ix *ruleIndex) candidates(p string, ascii bool) ruleBits {
	first, _ := utf8.DecodeRuneInString(p)
	last, _ := utf8.DecodeLastRuneInString(p)
	firsts, lasts := ix.first.of(first), ix.last.of(last)
	out := ix.bits()
	if !ascii && (strings.Contains(p, longS) || strings.Contains(p, kelvinSign)) {
		for w := range out {
			out[w] = firsts[w] & lasts[w]
		}
		return out
	}
	copy(out, ix.always)
	if len(p) >= minScanBytes {
		// The four bytes ending at i, folded, updated byte by byte.
		w := uint32(asciiFoldTable[p[0]])<<16 | uint32(asciiFoldTable[p[1]])<<8 | uint32(asciiFoldTable[p[2]])
		for i := 3; i < len(p); i++ {
			w = w<<8 | uint32(asciiFoldTable[p[i]])
			if k := gramKey(w); ix.heads[k>>6]&(1<<(k&63)) != 0 {
				ix.hit(out, p, i-3, k)
			}
		}
	}
	for w := range out {
		out[w] &= firsts[w] & lasts[w]
	}
	return out
}

// hit adds to out the rules of every literal with key k that occurs in p
// with its anchor at i.
func (ix *ruleIndex) hit(out ruleBits, p string, i int, k uint16) {
	for _, li := range ix.byHead[ix.headAt[k]:ix.headAt[k+1]] {
		l, start := ix.lits[li], i-ix.anchor[li]
		if start < 0 || len(p)-start < len(l) || !hasFoldedPrefix(p[start:], l) {
			continue
		}
		for _, ord := range ix.litRules[li] {
			out.add(ord)
		}
	}
}

// hasFoldedPrefix reports whether s, ASCII lower-cased, starts with l, which
// is; len(s) >= len(l).
func hasFoldedPrefix(s, l string) bool {
	for j := 0; j < len(l); j++ {
		if asciiFoldTable[s[j]] != l[j] {
			return false
		}
	}
	return true
}
