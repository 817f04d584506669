package stages

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name, ct, raw string
		want, wantCT  string
		bad           string // substring of the expected ErrBadInput message
	}{
		{name: "utf8", raw: "Grüße aus Köln", want: "Grüße aus Köln", wantCT: "text/plain"},
		{name: "bom stripped", raw: "\xef\xbb\xbfHello", want: "Hello", wantCT: "text/plain"},
		{name: "declared latin1", ct: "text/plain; charset=iso-8859-1", raw: "Gr\xfc\xdfe", want: "Grüße", wantCT: "text/plain; charset=iso-8859-1"},
		{name: "declared cp1252 quotes", ct: "text/plain; charset=windows-1252", raw: "\x93Yes\x94", want: "“Yes”"},
		{name: "html meta charset", ct: "text/html", raw: `<html><head><meta charset="iso-8859-1"></head><body>caf` + "\xe9" + `</body></html>`, want: `<html><head><meta charset="iso-8859-1"></head><body>café</body></html>`},
		{name: "html sniffed", raw: "  <!DOCTYPE html><p>x</p>", want: "  <!DOCTYPE html><p>x</p>", wantCT: "text/html"},
		{name: "utf16 bom", raw: "\xfe\xff\x00H\x00i", want: "Hi"},
		{name: "invalid utf8", raw: "ok \xff\xfe bad", bad: "not valid UTF-8 and declares no charset (first invalid byte at offset 3)"},
		{name: "empty", raw: "", bad: "empty body"},
		{name: "blank", raw: " \n\t ", bad: "empty body"},
		{name: "binary", raw: "\x00\x01\x02\x03 binary \x00\x00\x00", bad: "binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Raw: []byte(tt.raw), ContentType: tt.ct}
			err := Decode{}.Process(context.Background(), d)
			if tt.bad != "" {
				if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), tt.bad) {
					t.Fatalf("err = %v, want ErrBadInput containing %q", err, tt.bad)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.want {
				t.Errorf("Text = %q, want %q", d.Text, tt.want)
			}
			if tt.wantCT != "" && d.ContentType != tt.wantCT {
				t.Errorf("ContentType = %q, want %q", d.ContentType, tt.wantCT)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]string{
		"<!doctype html><html>":   "text/html",
		"\n <HTML lang=en>":       "text/html",
		"<div class=x>hi</div>":   "text/html",
		"Plain <b>text</b> line":  "text/plain",
		"":                        "text/plain",
		"\xef\xbb\xbf<p>para</p>": "text/html",
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeGolden(t *testing.T) { golden(t, Decode{}, asRaw) }

func FuzzDecode(f *testing.F) {
	fuzzStage(f, Decode{}, asRaw, "\xff\xfe", "<html><meta charset=koi8-r>\xc1", "\x00\x00")
}

// TestBinary: one control character in a hundred runes makes a body binary,
// wherever it falls among the eight-byte words the test skips through.
func TestBinary(t *testing.T) {
	prose := strings.Repeat("Die Stadt plant\tein neues Viertel.\r\n“Quote” – é ü\f", 20)
	for _, tc := range []struct {
		name string
		b    string
		want bool
	}{
		{"prose with tabs, breaks and form feeds", prose, false},
		{"empty", "", false},
		{"short", "\x00\x01", true},
		{"one control in 200 runes", strings.Repeat("a", 99) + "\x07" + strings.Repeat("b", 100), false},
		{"three controls in 200 runes", "\x01" + strings.Repeat("a", 98) + "\x02" + strings.Repeat("b", 99) + "\x03", true},
		{"controls past 8 KiB are not read", strings.Repeat("a", 8<<10) + strings.Repeat("\x00", 100), false},
		{"DEL is no control here", strings.Repeat("\x7f", 50), false},
		{"non-ASCII runes count as one", strings.Repeat("ü", 99) + "\x01", false},
	} {
		for shift := range 8 { // every alignment of the words
			b := strings.Repeat(" ", shift) + tc.b
			if tc.b == "" || strings.HasPrefix(tc.name, "controls past") {
				b = tc.b
			}
			if got := binary([]byte(b)); got != tc.want {
				t.Errorf("%s (shift %d): binary = %v, want %v", tc.name, shift, got, tc.want)
			}
		}
	}
}
