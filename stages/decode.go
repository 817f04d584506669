package stages

import (
	"bytes"
	"context"
	encbinary "encoding/binary"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Decode turns d.Raw into d.Text: it honours a charset declared in
// d.ContentType (and, for HTML, in a <meta> tag), strips a byte-order mark and
// requires valid UTF-8 otherwise (HTML falls back to windows-1252 as browsers do). When d.ContentType is empty it sniffs the
// bytes and sets it to "text/html" or "text/plain".
//
// Decode fails with ErrBadInput for an empty or blank body, for bytes that are
// neither valid UTF-8 nor in a declared charset, and for binary data.
type Decode struct{}

// Name returns "decode".
func (Decode) Name() string { return "decode" }

// Process decodes d.Raw into d.Text.
func (Decode) Process(_ context.Context, d *Doc) error {
	raw := d.Raw
	if len(bytes.TrimSpace(raw)) == 0 {
		return badInput("empty body")
	}
	if d.ContentType == "" {
		d.ContentType = Sniff(raw)
	}
	enc, name := declaredEncoding(raw, d.ContentType)
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		raw = raw[3:]
		fallthrough
	case enc == nil || name == "utf-8":
		if !utf8.Valid(raw) {
			return badInput("body is not valid UTF-8 and declares no charset (first invalid byte at offset %d)", InvalidUTF8At(raw))
		}
	default:
		b, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return badInput("body does not decode as %s: %v", name, err)
		}
		raw = b
	}
	if binary(raw) {
		return badInput("body is binary, not text")
	}
	d.Text = string(raw)
	return nil
}

// declaredEncoding returns the encoding a page declares: a UTF-16 BOM or the
// charset parameter of its content type. An HTML page that declares nothing
// there and is not valid UTF-8 is decoded as a browser would: by its <meta>
// charset, else as windows-1252. It returns nil when the bytes are to be read
// as UTF-8.
func declaredEncoding(raw []byte, contentType string) (encoding.Encoding, string) {
	if bytes.HasPrefix(raw, []byte("\xfe\xff")) || bytes.HasPrefix(raw, []byte("\xff\xfe")) {
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16"
	}
	// Without parameters there is no charset to parse for (and no map to
	// allocate): "text/plain", "text/html".
	mt, params := strings.ToLower(strings.TrimSpace(contentType)), map[string]string(nil)
	if strings.IndexByte(contentType, ';') >= 0 {
		mt, params, _ = mime.ParseMediaType(contentType)
	}
	if label := params["charset"]; label != "" {
		if e, name := charset.Lookup(label); e != nil {
			return e, name
		}
	}
	if (mt == "text/html" || mt == "application/xhtml+xml") && !utf8.Valid(raw) {
		e, name, _ := charset.DetermineEncoding(raw, contentType)
		return e, name
	}
	return nil, ""
}

// InvalidUTF8At returns the offset of the first byte of b that is not
// valid UTF-8, or len(b) when b is valid.
func InvalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// binary reports whether more than one in a hundred of the first 8 KiB of
// runes of b are control characters other than tab, newline, carriage
// return and form feed: such a body is not text.
func binary(b []byte) bool {
	if len(b) > 8<<10 {
		b = b[:8<<10]
	}
	// The control characters are single bytes; runes are counted only
	// when there are any. Eight bytes with none under ' ' are passed at
	// once.
	bad := 0
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if !underSpace(encbinary.LittleEndian.Uint64(b[i:])) {
			continue
		}
		for _, c := range b[i : i+8] {
			bad += int(controlByte[c])
		}
	}
	for _, c := range b[i:] {
		bad += int(controlByte[c])
	}
	return bad > 0 && bad*100 > utf8.RuneCount(b)
}

// controlByte is 1 for the C0 controls binary counts.
var controlByte = func() (t [256]uint8) {
	for c := range 0x20 {
		if c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			t[c] = 1
		}
	}
	return t
}()

// Sniff returns "text/html" when b starts (after blanks and a BOM) with an
// HTML document or element, and "text/plain" otherwise.
func Sniff(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	if len(b) > 512 {
		b = b[:512]
	}
	s := strings.ToLower(string(b))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title", "<div", "<p>", "<p ", "<article", "<section", "<main", "<h1", "<table", "<script", "<style", "<?xml"} {
		if strings.HasPrefix(s, p) {
			return "text/html"
		}
	}
	return "text/plain"
}
