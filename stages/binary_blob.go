package stages

import (
	"context"
	"strings"
)

// BinaryBlob removes data URIs and runs of base64 that stand as a paragraph
// of their own. A blob is one token, so paragraphs with a space are skipped
// before any rule runs.
type BinaryBlob struct {
	// Rules supplies the binary-blob patterns.
	Rules *Rules
}

// Name returns "binary-blob".
func (BinaryBlob) Name() string { return "binary-blob" }

// Process removes binary blobs.
func (s BinaryBlob) Process(_ context.Context, d *Doc) error {
	dropLines(d, s.Rules, ClassBinaryBlob, func(p *para) bool { return strings.IndexByte(p.text, ' ') >= 0 })
	return nil
}
