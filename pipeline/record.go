package pipeline

import (
	"context"
	"crypto/sha256"
	_ "embed" // for the output schema
	"encoding/binary"
	"encoding/hex"

	"github.com/sluice-news/sluice/stages"
)

// SchemaVersion is the version of the Record format. It changes only when a
// field changes meaning or goes away; new fields may appear within a version.
const SchemaVersion = 1

// RecordSchema is the JSON Schema (draft 2020-12) of a Record.
//
//go:embed schema/record.schema.json
var RecordSchema []byte

// Record is the clean document sluice writes for every page, as one JSON
// object. Metadata fields are null when unknown.
type Record struct {
	SchemaVersion int     `json:"schema_version"`
	Source        string  `json:"source"`
	URL           *string `json:"url"`
	Title         *string `json:"title"`
	Section       *string `json:"section"`
	PublishedAt   *string `json:"published_at"`
	Byline        *string `json:"byline"`
	Attribution   *string `json:"attribution"`
	Truncated     bool    `json:"truncated"`
	Lang          *string `json:"lang"`
	// Text is the article, one paragraph a line, separated by "\n".
	Text    string           `json:"text"`
	Removed []stages.Removal `json:"removed"`
	// HTML is the clean article as sanitized HTML (see SafeHTML), present
	// only when asked for (sluice clean --format html).
	HTML *string `json:"html,omitempty"`
	// ContentHash is "sha256:" and the hex SHA-256 of the record's content
	// fields (url, metadata and text; not source or removed), so the same page
	// cleaned by the same rules always has the same hash.
	ContentHash string `json:"content_hash"`
}

// NewRecord builds the output record of a cleaned document.
func NewRecord(d *stages.Doc) *Record {
	r := &Record{
		SchemaVersion: SchemaVersion,
		Source:        d.Source,
		URL:           nonEmpty(d.URL),
		Title:         nonEmpty(d.Meta.Title),
		Section:       nonEmpty(d.Meta.Section),
		PublishedAt:   nonEmpty(d.Meta.PublishedAt),
		Byline:        nonEmpty(d.Meta.Byline),
		Attribution:   nonEmpty(d.Meta.Attribution),
		Truncated:     d.Meta.Truncated,
		Lang:          nonEmpty(d.Meta.Lang),
		Text:          d.Text,
		Removed:       d.Removed,
	}
	if r.Removed == nil {
		r.Removed = []stages.Removal{}
	}
	r.ContentHash = r.hash()
	return r
}

// hash computes ContentHash: SHA-256 over the content fields in a fixed
// order, each as a presence byte, its length (8 bytes, big endian) and its
// bytes, so that no two different records hash the same input.
func (r *Record) hash() string {
	truncated := "false"
	if r.Truncated {
		truncated = "true"
	}
	fields := [...]*string{r.URL, r.Title, r.Section, r.PublishedAt, r.Byline, r.Attribution, r.Lang, &truncated, &r.Text}
	size := 0
	for _, s := range fields {
		size += 9
		if s != nil {
			size += len(*s)
		}
	}
	// One buffer and one Sum256: a hash.Hash would copy every string
	// into a fresh byte slice first.
	msg := make([]byte, 0, size)
	for _, s := range fields {
		if s == nil {
			msg = append(msg, 0, 0, 0, 0, 0, 0, 0, 0, 0)
			continue
		}
		msg = append(msg, 1)
		msg = binary.BigEndian.AppendUint64(msg, uint64(len(*s)))
		msg = append(msg, *s...)
	}
	sum := sha256.Sum256(msg)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Clean runs chain over one page and returns its record. A gzipped body is
// decompressed first, to at most maxBytes. Errors are classified (see Error).
func Clean(ctx context.Context, chain *Chain, p Page, maxBytes int) (*Record, error) {
	return CleanFormat(ctx, chain, p, maxBytes, false)
}

// CleanFormat is Clean, with the record's html field filled when withHTML
// is set.
func CleanFormat(ctx context.Context, chain *Chain, p Page, maxBytes int, withHTML bool) (*Record, error) {
	body := p.Body
	if isGzip(body) {
		var err error
		if body, err = gunzip(body, maxBytes); err != nil {
			return nil, err
		}
	}
	if len(body) > maxBytes {
		return nil, tooLarge(len(body), maxBytes)
	}
	d := &stages.Doc{Source: p.Source, URL: p.URL, ContentType: p.ContentType, Raw: body}
	if err := chain.Run(ctx, d); err != nil {
		return nil, err
	}
	rec := NewRecord(d)
	if withHTML {
		h := SafeHTML(d)
		rec.HTML = &h
	}
	return rec, nil
}
