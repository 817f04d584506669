package stages

import "context"

// Duplicate removes repeated paragraphs, keeping the first copy: a
// standfirst printed twice, the paragraph repeated across a page break.
// Paragraphs of fewer than minDuplicateWords words (subheads, "Advertisement")
// may repeat; other stages deal with them.
type Duplicate struct{}

// Name returns "duplicate".
func (Duplicate) Name() string { return "duplicate" }

// minDuplicateWords is the shortest paragraph whose repetition is removed.
const minDuplicateWords = 6

// Process removes repeated paragraphs.
func (Duplicate) Process(_ context.Context, d *Doc) error {
	ps := paragraphs(d.Text)
	seen := make(map[string]bool, len(ps))
	changed := false
	for i, p := range ps {
		if d.words(p) < minDuplicateWords {
			continue
		}
		k := d.lower(p)
		if !seen[k] {
			seen[k] = true
			continue
		}
		d.Remove(ClassDuplicate, "duplicate.paragraph", p)
		ps[i] = ""
		changed = true
	}
	if changed {
		d.Text = joinParagraphs(ps)
	}
	return nil
}
