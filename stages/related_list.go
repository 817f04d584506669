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
	// An HTML page's content was chosen from its markup: no page tail.
	if d.HTML == "" {
		if i, id := s.pageTail(d.paras()); i >= 0 {
			ps := d.paras()
			ids := make([]string, len(ps))
			ids[i] = id
			for j := i + 1; j < len(ps); j++ {
				ids[j] = "related-list.page-tail"
			}
			d.dropParas(ClassRelatedList, ids)
		}
	}
	removeBlocks(d, s.Rules, blockSpec{
		class:           ClassRelatedList,
		maxTriggerWords: 30,
		// Headings are short; only "RELATED: Headline" items run longer.
		skipTrigger: func(p *para) bool { return p.words > 8 && !strings.Contains(p.text, ":") },
		maxMembers:  15,
		needMember:  true,
		selfContained: func(p string) bool {
			// "RELATED: Headline" carries its item after the colon.
			i := strings.Index(p, ":")
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

// A related-list heading below the article of a whole page's dump ends the
// article (a terminating block, as boilerpipe has them): the teasers,
// author boxes and link lists after it are what the page lists below every
// article. It must follow at least minTailWords words of the article's
// prose and at least tailShare of all the prose from the article's start;
// unless it follows mostShare of that prose, no paragraphs of prose may
// run on after it (see proseRuns).
const (
	minTailWords = 80
	tailShare    = 0.5
	mostShare    = 0.8
)

// pageTail returns the index of the related-list heading that ends the
// article of a whole page's dump (see wholePage) and its rule, -1 if
// there is none.
func (s RelatedList) pageTail(ps []para) (int, string) {
	a, b, ok := wholePage(ps)
	if !ok {
		return -1, ""
	}
	triggers := s.Rules.triggers(ClassRelatedList)
	total := 0
	for i := a; i < b; i++ {
		if isBody(&ps[i]) {
			total += ps[i].words
		}
	}
	before := 0
	for i := a; i < b; i++ {
		if before >= minTailWords && float64(before) >= tailShare*float64(total) && ps[i].words <= maxTailHeadingWords {
			if id := triggers.matchID(&ps[i]); id != "" && (float64(before) >= mostShare*float64(total) || !proseRuns(ps[i+1:])) {
				return i, id
			}
		}
		if isBody(&ps[i]) {
			before += ps[i].words
		}
	}
	return -1, ""
}

// maxTailHeadingWords is the longest heading that ends a page's article.
const maxTailHeadingWords = 8

// proseRuns reports whether ps holds paragraphs of prose one after another,
// more than once: the article going on after a heading inside it, not a
// list of teasers, each between its headline and its byline.
func proseRuns(ps []para) bool {
	n := 0
	for i := 1; i < len(ps); i++ {
		if isBody(&ps[i]) && isBody(&ps[i-1]) {
			if n++; n > 1 {
				return true
			}
		}
	}
	return false
}
