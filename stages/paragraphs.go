package stages

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordCount counts runs of letters or digits in s.
func wordCount(s string) int {
	n, _ := countWords(s)
	return n
}

// countWords returns wordCount(s) and the number of runes in s.
func countWords(s string) (words, runes int) {
	var in uint8
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			w, r := countWordsSlow(s[i:], in == 1)
			return words + w, i + r
		}
		// Branch-free: word boundaries are too frequent to predict.
		w := wordByte[c]
		words += int(w &^ in)
		in = w
	}
	return words, len(s)
}

// wordByte is 1 for the ASCII letters and digits, 0 for other ASCII.
var wordByte = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			t[c] = 1
		}
	}
	return t
}()

// countWordsSlow is countWords for text with non-ASCII runes; in says
// whether the text before s ended inside a word. ASCII bytes still take the
// fast test.
func countWordsSlow(s string, in bool) (words, runes int) {
	for i := 0; i < len(s); runes++ {
		c := s[i]
		var w bool
		if c < utf8.RuneSelf {
			w = wordByte[c] == 1
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			w = unicode.IsLetter(r) || unicode.IsDigit(r)
			i += size
		}
		if w && !in {
			words++
		}
		in = w
	}
	return words, runes
}

// closers are characters that may follow a sentence's final punctuation.
const closers = `"'”’»)]`

// endsSentence reports whether p ends with terminal punctuation, allowing
// closing quotes and brackets after it.
func endsSentence(p string) bool {
	p = strings.TrimRight(p, closers+" ")
	r, _ := utf8.DecodeLastRuneInString(p)
	switch r {
	case '.', '!', '?', '…', '。', '؟':
		return true
	}
	return false
}

// Body-paragraph thresholds: a paragraph with at least bodyMinWords words that
// ends a sentence, or with at least bodyLongWords words, reads as article prose.
const (
	bodyMinWords  = 10
	bodyLongWords = 20
)

// isBody reports whether p reads as a paragraph of article prose.
func isBody(p *para) bool {
	return p.words >= bodyLongWords || (p.words >= bodyMinWords && endsSentence(p.text))
}

// headerEnd returns the index of the first body paragraph of ps: the
// paragraphs before it form the page header (headline, kicker, dateline,
// byline, navigation). It returns len(ps) when no paragraph reads as prose.
// ps is d.paras(). On the plain text of a whole page (see Doc.wholePage)
// the header is that of the article: prose in the menus above it (a cookie
// notice, a promotion) does not end it.
func headerEnd(d *Doc, ps []para) int {
	from := 0
	if a, _, ok := d.wholePage(); ok {
		from = a
	}
	for i := from; i < len(ps); i++ {
		if isBody(&ps[i]) {
			return i
		}
	}
	return len(ps)
}

// startsUpper reports whether the first letter or digit of s is upper case or
// a digit (headlines and labels start that way in the languages sluice reads).
func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r) || unicode.IsTitle(r)
		}
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// startsLower reports whether the first letter or digit of s is a lower-case
// letter.
func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

// endsSentenceStrict reports whether p ends with a full stop or an ellipsis
// (after closing quotes): headlines end with a question or exclamation mark
// at most.
func endsSentenceStrict(p string) bool {
	p = strings.TrimRight(p, closers+" ")
	return strings.HasSuffix(p, ".") || strings.HasSuffix(p, "…")
}
