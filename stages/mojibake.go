package stages

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Mojibake repairs UTF-8 text that was once read as Windows-1252 or
// Latin-1 ("cafÃ©" for "café", "Iâ€™d" for "I’d", "Â»" for "»"), also when
// it happened twice. Each suspicious sequence is mapped back to the bytes it
// came from; the repair is taken only when those bytes are one valid UTF-8
// character of a kind such text holds (Latin and other alphabets below
// U+0800, punctuation, currency, letterlike symbols, emoji), so the text
// becomes measurably less bad, the ftfy idea. Correct text has no such
// sequences and is left alone.
type Mojibake struct{}

// Name returns "mojibake".
func (Mojibake) Name() string { return "mojibake" }

// maxMojibakePasses bounds how many layers of mis-decoding are undone. Real
// text is seldom mis-decoded more than twice; deeper layers are taken for
// text that only looks like mojibake.
const maxMojibakePasses = 4

// Process repairs mojibake in d.Text. Layers are undone until the text no
// longer changes; text that still changes after maxMojibakePasses layers is
// left exactly as it was, so the stage is idempotent.
func (Mojibake) Process(_ context.Context, d *Doc) error {
	t := d.Text
	for range maxMojibakePasses + 1 {
		u := fixMojibake(t)
		if u == t {
			d.Text = t
			return nil
		}
		t = u
	}
	return nil
}

// cp1252High maps the Windows-1252 characters of bytes 0x80–0x9F back to
// their bytes; U+0080–U+00FF map to themselves (Latin-1).
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
	'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
	'–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cp1252Byte returns the Windows-1252 byte of r.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252High[r]
	return b, ok
}

// fixMojibake undoes one layer of mis-decoding.
func fixMojibake(s string) string {
	// Every lead character (U+00C2–U+00F4) is encoded as 0xC3 and a second
	// byte, so text without that byte has no mojibake.
	if strings.IndexByte(s, 0xC3) < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	var buf [4]byte
	for i := 0; i < len(s); {
		if s[i] != 0xC3 {
			// Leads are U+00C2–U+00F4, all encoded 0xC3 0x82–0xB4.
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		lead, ok := cp1252Byte(r)
		need := 0
		switch {
		case !ok:
		case lead >= 0xC2 && lead <= 0xDF:
			need = 1
		case lead >= 0xE0 && lead <= 0xEF:
			need = 2
		case lead >= 0xF0 && lead <= 0xF4:
			need = 3
		}
		if need == 0 {
			i += n
			continue
		}
		buf[0] = lead
		j, got := i+n, 0
		for got < need && j < len(s) {
			c, m := utf8.DecodeRuneInString(s[j:])
			cb, ok := cp1252Byte(c)
			if !ok || cb < 0x80 || cb > 0xBF {
				break
			}
			got++
			buf[got] = cb
			j += m
		}
		if got != need {
			i += n
			continue
		}
		fixed, size := utf8.DecodeRune(buf[:need+1])
		if fixed == utf8.RuneError || size != need+1 || !plausible(fixed) {
			i += n
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteRune(fixed)
		last, i = j, j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// plausible reports whether a repaired character is one that mis-decoded
// Western text holds.
func plausible(r rune) bool {
	switch {
	case r >= 0xA0 && r < 0x800:
		return true
	case r >= 0x2000 && r < 0x2070, r >= 0x20A0 && r < 0x20D0, r >= 0x2100 && r < 0x2200:
		return true
	case r >= 0x2600 && r < 0x27C0, r >= 0x1F000 && r < 0x1FB00:
		return true
	}
	return false
}
