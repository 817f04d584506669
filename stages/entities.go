package stages

import (
	"context"
	"html"
	"strings"
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

// Process decodes character references in d.Text. Characters that
// Normalize drops (controls, soft hyphens, zero-width spaces) are dropped
// here already, also where a reference decodes to one: dropping them later
// could join the pieces of a new reference ("&am&shy;p;"), which a second
// run would decode.
func (Entities) Process(_ context.Context, d *Doc) error {
	t := dropUnseen(d.Text)
	for range maxEntityPasses {
		u := dropUnseen(decodeEntities(t))
		if u == t {
			break
		}
		t = u
	}
	d.Text = t
	return nil
}

// dropUnseen removes the characters Normalize drops because they carry no
// text: C0 controls other than white space, DEL, C1 controls other than
// NEL, and the invisible format characters.
func dropUnseen(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && !isLineSpace(c) || c == 0x7f || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xEF {
			break // a byte that may start an unseen character
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if unseen(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isLineSpace reports whether the ASCII byte c is white space that
// Normalize folds rather than drops.
func isLineSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// unseen reports whether Normalize drops r.
func unseen(r rune) bool {
	switch {
	case r < 0x20:
		return r >= 0 && !isLineSpace(byte(r))
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
// s[k:] and returns the text and the bytes consumed, or n == 0.
func entityBody(s string, k int) (string, int) {
	j := k
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		start := j
		for j < len(s) && j-start < 7 && (s[j] >= '0' && s[j] <= '9' || hex && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'f')) {
			j++
		}
		if j == start || j >= len(s) || s[j] != ';' {
			return "", 0
		}
	} else {
		start := j
		for j < len(s) && j-start < 32 && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z' || j > start && s[j] >= '0' && s[j] <= '9') {
			j++
		}
		if j-start < 2 || j >= len(s) || s[j] != ';' {
			return "", 0
		}
	}
	ref := "&" + s[k:j+1]
	out := html.UnescapeString(ref)
	if out == ref {
		return "", 0
	}
	return out, j + 1 - k
}
