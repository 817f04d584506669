package stages

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize puts d.Text in the canonical form every later stage relies on:
// Unicode NFC; invisible characters (soft hyphen, zero-width space, word
// joiner, byte-order mark) and control characters dropped, while ZWJ, ZWNJ and
// bidi marks stay next to the text they join or direct (alone on a line or
// before a blank they are dropped); all other white space folded to single
// spaces; one paragraph per line, trimmed, with empty lines dropped.
//
// Normalize removes no words, so it reports no removals.
type Normalize struct{}

// Name returns "normalize".
func (Normalize) Name() string { return "normalize" }

// Process normalizes d.Text.
func (Normalize) Process(_ context.Context, d *Doc) error {
	d.Text = normalizeText(d.Text)
	return nil
}

// normalizeText implements Normalize.
func normalizeText(s string) string {
	s = nfc(s)
	var b strings.Builder
	b.Grow(len(s))
	// pendingSpace and pendingBreak hold separators until the next visible
	// rune, so that no line starts or ends with a blank and no line is empty.
	pendingSpace, pendingBreak, dropped := false, false, false
	// held holds the joiners and marks (see joinerOrMark) after a
	// separator: they are written only when a visible rune follows at once,
	// so that no line consists of them alone.
	held := ""
	emit := func() {
		if b.Len() > 0 {
			if pendingBreak {
				b.WriteByte('\n')
			} else if pendingSpace {
				b.WriteByte(' ')
			}
		}
		b.WriteString(held)
		pendingSpace, pendingBreak, held = false, false, ""
	}
	// separate is called at a separator: held marks before it attach to
	// nothing and are dropped.
	separate := func() {
		if held != "" {
			held, dropped = "", true
		}
	}
	for i := 0; i < len(s); {
		if c := s[i]; c > ' ' && c < 0x7f {
			// A run of printable ASCII and single spaces between it is
			// copied at once.
			j := i + 1
			for j < len(s) {
				if j+8 <= len(s) && printableRun8(s[j:j+8]) {
					j += 8
					continue
				}
				if c := s[j]; c > ' ' && c < 0x7f {
					j++
				} else if c == ' ' && j+1 < len(s) && s[j+1] > ' ' && s[j+1] < 0x7f {
					j += 2
				} else {
					break
				}
			}
			emit()
			b.WriteString(s[i:j])
			i = j
			continue
		} else if c < utf8.RuneSelf {
			switch {
			case c == '\n' || c == '\r' || c == '\v' || c == '\f':
				pendingBreak = true
				separate()
			case c == ' ' || c == '\t':
				pendingSpace = true
				separate()
			case c < 0x20 || c == 0x7f:
				// C0 controls carry no text.
				dropped = true
			default:
				emit()
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			pendingBreak = true
			separate()
		case invisible(r):
			dropped = true
		case unicode.IsSpace(r):
			pendingSpace = true
			separate()
		case joinerOrMark(r) && (b.Len() == 0 || pendingSpace || pendingBreak):
			held += s[i-n : i]
		case unicode.IsControl(r):
			// C1 controls carry no text.
			dropped = true
		default:
			emit()
			b.WriteString(s[i-n : i])
		}
	}
	separate()
	if dropped {
		// Dropping a rune can leave a sequence that composes further.
		return nfc(b.String())
	}
	return b.String()
}

// Words of eight bytes: ones8 has a one in every byte, highs8 the high bit.
const ones8, highs8 = 0x0101010101010101, 0x8080808080808080

// word8 returns the eight bytes of w as one word, the first lowest.
func word8(w string) uint64 {
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// underSpace reports whether one of the eight bytes of x is under ' '.
func underSpace(x uint64) bool {
	return (x-ones8*' ')&^x&highs8 != 0 // a borrow sets high bits only above such a byte
}

// printableWord reports whether the eight bytes of x are all printable
// ASCII (' ' to '~').
func printableWord(x uint64) bool {
	return !underSpace(x) && ((x+ones8)|x)&highs8 == 0 // a byte over '~' sets its high bit
}

// printableASCII8 reports whether the eight bytes of w are all printable
// ASCII, testing them at once.
func printableASCII8(w string) bool { return printableWord(word8(w)) }

// printableRun8 reports whether the eight bytes of w, all at once, are
// printable ASCII with no two spaces in a row and no space last: bytes that
// normalizeText copies as they are, within a run it has begun.
func printableRun8(w string) bool {
	x := word8(w)
	if !printableWord(x) || x>>56 == ' ' {
		return false
	}
	const lows = 0x7f7f7f7f7f7f7f7f
	t := x ^ ones8*' '                            // a space becomes a zero byte
	spaces := ^(((t & lows) + lows) | t) & highs8 // exactly the high bits of the spaces
	return spaces&(spaces<<8) == 0
}

// nfc returns s in Unicode NFC, s itself when it is in NFC already.
func nfc(s string) string {
	if isNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// isNFC reports whether s is known to be in NFC, looking only at its runs
// of runes outside ASCII, each with the ASCII rune before it: ASCII runes
// are starters that nothing composes with and no mark is reordered across,
// so a text whose every such run is in NFC is in NFC. Each run takes x/text's
// quick check, which may not tell (false, and nfc does the full work). News
// text is mostly ASCII, which this passes eight bytes at a time.
func isNFC(s string) bool {
	for i := 0; i < len(s); {
		for i+8 <= len(s) && word8(s[i:i+8])&highs8 == 0 {
			i += 8
		}
		for i < len(s) && s[i] < utf8.RuneSelf {
			i++
		}
		if i == len(s) {
			return true
		}
		j := i
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		// A run ends before an ASCII byte, which no multi-byte rune holds:
		// in valid UTF-8 it is whole runes. Invalid bytes get the full work.
		if run := s[max(i-1, 0):j]; !utf8.ValidString(run) || norm.NFC.QuickSpanString(run) != len(run) {
			return false
		}
		i = j
	}
	return true
}

// invisible reports whether r is a format character that carries nothing a
// reader sees and that sluice drops: soft hyphen, zero-width space, word
// joiner, function application and friends, and the byte-order mark. ZWNJ
// (U+200C), ZWJ (U+200D) and the bidi marks are kept: they change how text
// renders in Persian, Indic scripts and emoji.
func invisible(r rune) bool {
	switch r {
	case 0x00AD, 0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x180E:
		return true
	}
	return false
}

// joinerOrMark reports whether r is one of the format characters Normalize
// keeps: ZWNJ, ZWJ, and the bidi marks, embeddings and isolates.
func joinerOrMark(r rune) bool {
	return r == 0x061C || 0x200C <= r && r <= 0x200F || 0x202A <= r && r <= 0x202E || 0x2066 <= r && r <= 0x2069
}
