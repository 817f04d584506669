package stages

import "context"

// ReadMore removes teaser stubs that point to the full article elsewhere
// ("Read the full article from the Source…") and sets Meta.Truncated, since a
// page with such a stub holds only a teaser. Only short paragraphs are
// considered, so a sentence of the article that happens to start with the
// same words stays.
type ReadMore struct {
	// Rules supplies the read-more-stub phrases.
	Rules *Rules
}

// Name returns "read-more".
func (ReadMore) Name() string { return "read-more" }

// maxStubWords is the longest paragraph ReadMore treats as a stub.
const maxStubWords = 16

// Process removes read-more stubs.
func (s ReadMore) Process(_ context.Context, d *Doc) error {
	if dropLines(d, s.Rules, ClassReadMoreStub, longerThan(maxStubWords)) {
		d.Meta.Truncated = true
	}
	return nil
}
