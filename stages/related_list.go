package stages

import (
	"context"
	"strings"
)

// RelatedList removes lists of links to other articles: a heading ("Related
// posts:", "À lire aussi") followed by headline-shaped paragraphs or by
// excerpts cut short with an ellipsis. A heading with no list after it is
// left alone: it may be a subhead.
type RelatedList struct {
	// Rules supplies the related-list headings.
	Rules *Rules
}

// Name returns "related-list".
func (RelatedList) Name() string { return "related-list" }

// maxRelatedWords is the longest paragraph taken as a related headline.
const maxRelatedWords = 20

// Process removes related lists.
func (s RelatedList) Process(_ context.Context, d *Doc) error {
	removeBlocks(d, s.Rules, blockSpec{
		class:           ClassRelatedList,
		maxTriggerWords: 30,
		// Headings are short; only "RELATED: Headline" items run longer
		// ("Lire aussi | Titre" too).
		skipTrigger: func(p *para) bool { return p.words > 8 && !strings.ContainsAny(p.text, ":|") },
		maxMembers:  15,
		needMember:  true,
		selfContained: func(p string) bool {
			// "RELATED: Headline" carries its item after the colon
			// or a bar.
			i := strings.IndexAny(p, ":|")
			return i > 0 && wordCount(p[i+1:]) >= 3 && startsUpper(p[i+1:])
		},
		member: func(p *para) (string, bool) {
			if p.words <= maxRelatedWords && !endsSentenceStrict(p.text) && startsUpper(p.text) {
				return "related-list.headline", true
			}
			if endsWithEllipsis(p.text) {
				return "related-list.teaser", true // an excerpt cut short
			}
			return "", false
		},
	})
	return nil
}

// endsWithEllipsis reports whether p ends with an ellipsis ("…", "...",
// "[…]", "[...]"), the mark of an excerpt cut short.
func endsWithEllipsis(p string) bool {
	p = strings.TrimSuffix(p, "]")
	return strings.HasSuffix(p, "…") || strings.HasSuffix(p, "...")
}
