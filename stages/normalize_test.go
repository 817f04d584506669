package stages

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"nfc", "Cafe\u0301", "Café"},
		{"soft hyphen and zwsp dropped", "co\u00adop\u200beration\ufeff", "cooperation"},
		{"zwj and zwnj kept", "👩\u200d💻 می\u200cخواهم", "👩\u200d💻 می\u200cخواهم"},
		{"marks before a word kept", "a \u200fשלום", "a \u200fשלום"},
		{"a line of joiners alone dropped", "First line.\n\u200d\n\u200f \u200c\nSecond line.", "First line.\nSecond line."},
		{"marks before a blank dropped", "\u200d First\u200c \nline", "First\u200c\nline"},
		{"bidi marks kept", "abc\u200fdef", "abc\u200fdef"},
		{"white space folded", "  a \t\u00a0 b  ", "a b"},
		{"blank lines dropped", "one\n\n\n  \ntwo\r\nthree\rfour", "one\ntwo\nthree\nfour"},
		{"unicode line separators", "a\u2028b\u2029c\u0085d", "a\nb\nc\nd"},
		{"controls dropped", "a\x00b\x07c\u009fd", "abcd"},
		{"empty", "", ""},
		{"only blanks", " \n \t\n", ""},
		{"composition across dropped char", "e\u00ad\u0301", "é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, Normalize{}, d)
			if d.Text != tt.want {
				t.Errorf("got %q, want %q", d.Text, tt.want)
			}
			if len(d.Removed) != 0 {
				t.Errorf("Normalize reported removals: %v", d.Removed)
			}
		})
	}
}

func TestNormalizeGolden(t *testing.T) { golden(t, Normalize{}, asText) }

func FuzzNormalize(f *testing.F) {
	fuzzStage(f, Normalize{}, asText, "a\u0301\u00ad\u0327", "\r\n\r\n x \u2028", "\u200d\u00ad\u200c\n\u200f x\u200e \u2066")
}

// TestIsNFC: the quick check never calls a text NFC that is not, it
// knows the common cases, and nfc gives x/text's result, on text where a
// mark follows an ASCII letter, on singletons, on Hangul and on long ASCII
// runs around the cases.
func TestIsNFC(t *testing.T) {
	pad := strings.Repeat("ascii text ", 3)
	for _, s := range []string{
		"", "plain", "café", "cafe\u0301", "\u212b", "Å", "a\u0323\u0307", "a\u0307\u0323",
		"\u1100\u1161", "한국", "ﬁ", "x\u0301\u0301", "“quoted” — dash", "\xff invalid",
		"\xf6\u037e0", // an invalid byte before a rune NFC replaces (the Greek question mark)
	} {
		for _, v := range []string{s, pad + s, s + pad, pad + s + pad} {
			checkNFC(t, v)
		}
	}
	for _, s := range []string{"plain", "café über straße", "“quoted” — dash", pad + "Ærø"} {
		if !isNFC(s) {
			t.Errorf("isNFC(%q) = false: common text should pass the quick check", s)
		}
	}
}

func checkNFC(t *testing.T, s string) {
	t.Helper()
	if isNFC(s) && !norm.NFC.IsNormalString(s) {
		t.Errorf("isNFC(%q) = true, but it is not in NFC", s)
	}
	if got, want := nfc(s), norm.NFC.String(s); got != want {
		t.Errorf("nfc(%q) = %q, want %q", s, got, want)
	}
}

// FuzzIsNFC: the quick check is never wrong on any input.
func FuzzIsNFC(f *testing.F) {
	f.Add("e\u0301 café Å \u212b ﬁ a\u0323\u0307 한국 \u1100\u1161")
	f.Fuzz(checkNFC)
}

// TestPrintableRun8 compares the eight-byte tests with the byte-by-byte
// rules they stand for, on every byte in every position and on mixes.
func TestPrintableRun8(t *testing.T) {
	ref := func(w string) bool {
		for i := 0; i < 8; i++ {
			if w[i] < ' ' || w[i] > '~' || w[i] == ' ' && (i == 7 || w[i+1] == ' ') {
				return false
			}
		}
		return true
	}
	refASCII := func(w string) bool {
		for i := 0; i < 8; i++ {
			if w[i] < ' ' || w[i] > '~' {
				return false
			}
		}
		return true
	}
	check := func(w string) {
		if got := printableRun8(w); got != ref(w) {
			t.Errorf("printableRun8(%q) = %v", w, got)
		}
		if got := printableASCII8(w); got != refASCII(w) {
			t.Errorf("printableASCII8(%q) = %v", w, got)
		}
	}
	for pos := range 8 {
		for c := range 256 {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			check(string(b))
			b[(pos+1)%8] = ' '
			check(string(b))
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("a ~\x1f\x7f\x80\xff!")
	for range 200000 {
		var b [8]byte
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		check(string(b[:]))
	}
}
