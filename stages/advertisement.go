package stages

import "context"

// Advertisement removes ad labels and dividers that stand on a line of their
// own ("Advertisement", "Story continues below advertisement", "Anzeige")
// and affiliate disclosures ("This post may contain affiliate links. …").
// The ad code next to them is a code blob.
type Advertisement struct {
	// Rules supplies the advertisement phrases.
	Rules *Rules
}

// Name returns "advertisement".
func (Advertisement) Name() string { return "advertisement" }

// Process removes ad labels.
func (s Advertisement) Process(_ context.Context, d *Doc) error {
	dropLines(d, s.Rules, ClassAdvertisement, longerThan(maxAdWords))
	return nil
}

// maxAdWords is the longest paragraph tried: labels are a few words, an
// affiliate disclosure is two sentences at most.
const maxAdWords = 50
