package stages

import "context"

// ReadMore removes teaser stubs that point to the full article elsewhere
// ("Read the full article from the Source…") and sets Meta.Truncated, since a
// page with such a stub holds only a teaser. A phrase rule ("Read the full
// article") is tried on short paragraphs only, so a sentence of the article
// that happens to start with the same words stays; a pattern rule, anchored
// at both ends, also on paragraphs as long as a feed footer that quotes a
// whole headline ("The post … appeared first on …").
type ReadMore struct {
	// Rules supplies the read-more-stub phrases.
	Rules *Rules
}

// Name returns "read-more".
func (ReadMore) Name() string { return "read-more" }

// Stub lengths: the longest paragraph a phrase rule of ReadMore is tried
// on, and the longest any rule is.
const (
	maxStubWords       = 16
	maxFeedFooterWords = 40
)

// Process removes read-more stubs.
func (s ReadMore) Process(_ context.Context, d *Doc) error {
	cr := s.Rules.triggers(ClassReadMoreStub)
	if dropWhere(d, ClassReadMoreStub, func(_ int, p *para) string {
		if p.words > maxFeedFooterWords || !cr.mayMatch(p) {
			return ""
		}
		r, _ := cr.find(p, false)
		if r == nil || p.words > maxStubWords && r.Match != MatchRegexp {
			return ""
		}
		return r.ID
	}) {
		d.Meta.Truncated = true
	}
	return nil
}
