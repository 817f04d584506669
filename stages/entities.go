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

// Process decodes character references in d.Text.
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
