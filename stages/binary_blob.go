package stages

import "context"

// BinaryBlob removes data URIs and runs of base64 that stand as a paragraph
// of their own.
type BinaryBlob struct {
	// Rules supplies the binary-blob patterns.
	Rules *Rules
}

// Name returns "binary-blob".
func (BinaryBlob) Name() string { return "binary-blob" }

// Process removes binary blobs.
func (s BinaryBlob) Process(_ context.Context, d *Doc) error {
	dropLines(d, s.Rules, ClassBinaryBlob, 0, nil)
	return nil
}
