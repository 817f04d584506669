package stages

import (
	"context"
	"html"
	"strings"
	"unicode/utf8"
)

// Entities decodes HTML character references left in text ("&amp;",
// "&#8217;", "&#x2019;"), including double-escaped ones ("&amp;#8217;").
// Only complete references ending in ';' are decoded, so "AT&T" and
// "R&D;" stay as they are.
type Entities struct{}

// Name returns "entities".
func (Entities) Name() string { return "entities" }

// maxEntityPasses bounds how many levels of escaping are undone.
const maxEntityPasses = 8

// Process decodes character references in d.Text, to a fixed point (at
// most maxEntityPasses levels). Characters that Normalize drops
// (controls, soft hyphens, zero-width spaces) are invisible to a reference
// here ("&am&shy;p;" is "&amp;"): were they not, dropping them later would
// join the pieces of a reference that a second run decodes. They are not
// dropped here, because Mojibake needs them ("Ã\u00ad" is "í").
func (Entities) Process(_ context.Context, d *Doc) error {
	for range maxEntityPasses {
		t := decodeEntities(d.Text)
		if t == d.Text {
			break
		}
		d.Text = t
	}
	return nil
}

// unseen reports whether Normalize drops r: C0 controls other than white
// space, DEL, C1 controls other than NEL, and the invisible format
// characters.
func unseen(r rune) bool {
	switch {
	case r < 0x20:
		return r >= 0 && r != '\t' && r != '\n' && r != '\v' && r != '\f' && r != '\r'
	case r == 0x7f:
		return true
	case r >= 0x80 && r < 0xA0:
		return r != 0x85
	}
	return invisible(r)
}

// decodeEntities decodes one level of references; a reference that decodes
// to '&' and is followed by the body of another ("&amp;#8217;") is decoded
// again in the same pass.
func decodeEntities(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i >= 0 && i < len(s) {
		out, n := entityBody(s, i+1)
		if n == 0 {
			next := strings.IndexByte(s[i+1:], '&')
			if next < 0 {
				break
			}
			i += 1 + next
			continue
		}
		end := i + 1 + n
		for out == "&" {
			o2, n2 := entityBody(s, end)
			if n2 == 0 {
				break
			}
			out, end = o2, end+n2
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteString(out)
		last = end
		next := strings.IndexByte(s[end:], '&')
		if next < 0 {
			break
		}
		i = end + next
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// entityBody decodes the reference body ("amp;", "#8217;", "#x2019;") at
// s[k:] and returns the text and the bytes consumed, or n == 0. Unseen
// characters (see unseen) inside the body are skipped.
func entityBody(s string, k int) (string, int) {
	var body [40]byte // the body without unseen characters
	n, j := 0, k
	// next returns the next byte of the body at j, skipping unseen runes,
	// or 0 at the end.
	next := func() byte {
		for j < len(s) {
			if c := s[j]; c < 0x80 && !unseen(rune(c)) {
				return c
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unseen(r) {
				return 0
			}
			j += size
		}
		return 0
	}
	take := func(c byte) {
		body[n] = c
		n++
		j++
	}
	if next() == '#' {
		take('#')
		hex := false
		if c := next(); c == 'x' || c == 'X' {
			take(c)
			hex = true
		}
		digits := 0
		for c := next(); digits < 7 && (c >= '0' && c <= '9' || hex && (c|0x20 >= 'a' && c|0x20 <= 'f')); c = next() {
			take(c)
			digits++
		}
		if digits == 0 || next() != ';' {
			return "", 0
		}
	} else {
		letters := 0
		for c := next(); letters < 32 && (c|0x20 >= 'a' && c|0x20 <= 'z' || letters > 0 && c >= '0' && c <= '9'); c = next() {
			take(c)
			letters++
		}
		if letters < 2 || next() != ';' {
			return "", 0
		}
	}
	take(';')
	ref := "&" + string(body[:n])
	out := html.UnescapeString(ref)
	if out == ref {
		return "", 0
	}
	return out, j - k
}
