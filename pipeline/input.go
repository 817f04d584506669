package pipeline

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/sluice-news/sluice/stages"
)

// Page is one raw page as a producer sent it.
type Page struct {
	// Key is the Kafka key of the input record, if any.
	Key []byte
	// Source names where the page came from: a file path (with ":LINE" for a
	// JSON Lines envelope) or "topic/partition@offset".
	Source      string
	URL         string
	FetchedAt   string
	ContentType string
	Body        []byte
}

// DefaultMaxBytes is the default limit on the size of one page, in bytes,
// after any decompression.
const DefaultMaxBytes = 16 << 20

// Envelope is the JSON form of an input record:
//
//	{"url": "...", "fetched_at": "...", "content_type": "text/html", "body": "..."}
//
// body is required; unknown fields are ignored so producers can add their own.
type Envelope struct {
	URL         string  `json:"url"`
	FetchedAt   string  `json:"fetched_at,omitempty"`
	ContentType string  `json:"content_type,omitempty"`
	Body        *string `json:"body"`
}

// Header names read from a raw (non-envelope) input record, compared
// case-insensitively.
const (
	HeaderContentType = "content-type"
	HeaderURL         = "url"
)

// tooLarge returns the error for a page of n bytes over the limit max.
func tooLarge(n, max int) error {
	return &Error{Class: ClassTooLarge, Stage: "input", Err: fmt.Errorf("page is %d bytes, over the limit of %d", n, max)}
}

// PageFromRecord reads a page from a Kafka record value and its headers.
// A record with a content-type header is a raw page whose URL is in the url
// header. A record without one must be a JSON envelope. Errors are classified:
// ClassTooLarge past maxBytes, ClassPermanent for anything unreadable.
func PageFromRecord(value []byte, headers map[string]string, maxBytes int) (Page, error) {
	if len(value) > maxBytes {
		return Page{}, tooLarge(len(value), maxBytes)
	}
	if ct, ok := lookup(headers, HeaderContentType); ok {
		url, _ := lookup(headers, HeaderURL)
		return Page{URL: url, ContentType: ct, Body: value}, nil
	}
	return parseEnvelope(value)
}

// parseEnvelope decodes one JSON envelope.
func parseEnvelope(b []byte) (Page, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return Page{}, permanent("empty record: want a JSON envelope or a content-type header")
	}
	if !utf8.Valid(b) {
		return Page{}, permanent("invalid JSON envelope: not valid UTF-8 (first invalid byte at offset %d); send raw bytes with a content-type header instead", stages.InvalidUTF8At(b))
	}
	var e Envelope
	if err := json.Unmarshal(b, &e); err != nil {
		return Page{}, permanent("invalid JSON envelope: %v", err)
	}
	if e.Body == nil {
		return Page{}, permanent("invalid JSON envelope: no \"body\" field")
	}
	return Page{URL: e.URL, FetchedAt: e.FetchedAt, ContentType: e.ContentType, Body: []byte(*e.Body)}, nil
}

// lookup finds a header value case-insensitively.
func lookup(h map[string]string, name string) (string, bool) {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// readLimited reads all of r, failing with ClassTooLarge past max bytes.
// It is how gzip bombs are stopped: the limit applies after decompression.
func readLimited(r io.Reader, max int) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, permanent("read: %w", err)
	}
	if len(b) > max {
		return nil, &Error{Class: ClassTooLarge, Stage: "input", Err: fmt.Errorf("page is over the limit of %d bytes", max)}
	}
	return b, nil
}

// gunzip decompresses b, at most max bytes of output.
func gunzip(b []byte, max int) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, permanent("gzip: %w", err)
	}
	defer zr.Close()
	out, err := readLimited(zr, max)
	if err != nil && ClassOf(err) != ClassTooLarge {
		return nil, permanent("gzip: %w", errors.Unwrap(err))
	}
	return out, err
}

// isGzip reports whether b starts with the gzip magic number.
func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// newGzipReader opens a gzip stream.
func newGzipReader(r io.Reader) (*gzip.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, permanent("gzip: %w", err)
	}
	return zr, nil
}
