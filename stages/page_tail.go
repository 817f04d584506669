package stages

import "context"

// PageTail removes what a whole page lists below its article, on the plain
// text of a whole page (a crawler's dump, see Doc.wholePage): the run of lines
// after the article span when it weighs enough against it (as MainContent
// would remove it later), and everything from the first heading of a
// widget below the article (a related list, a share row, a newsletter or
// comment form, a footer, a menu) to the end — a terminating block, as
// boilerpipe has them: the teasers, author boxes and link lists under it
// are prose too, so the span alone keeps them.
//
// It runs before the stages that remove bylines and widgets, so that
// they judge the page without its tail (the credits of a related
// list's items make a page look like a listing) and so that it still sees
// the widgets' headings. A text that is not a whole page, and an HTML
// page, are left alone.
type PageTail struct {
	// Rules supplies the widget headings (the trigger rules of tailClasses).
	Rules *Rules
}

// Name returns "page-tail".
func (PageTail) Name() string { return "page-tail" }

// tailClasses are the classes whose trigger rules head a page's tail.
var tailClasses = [...]Class{
	ClassRelatedList, ClassShareRow, ClassNewsletterPrompt, ClassCommentForm,
	ClassCopyrightFooter, ClassNavigation,
}

// A widget heading ends the article when it follows at least minTailWords
// words of the article's prose and at least tailShare of all the prose of
// the span; unless it follows mostShare of that prose, no paragraphs of
// prose may run on after it (see proseRuns): a "Related" box inside an
// article is no end. Headings have at most maxTailHeadingWords words.
const (
	minTailWords        = 80
	tailShare           = 0.5
	mostShare           = 0.8
	maxTailHeadingWords = 8
)

// Process removes the page's tail.
func (s PageTail) Process(_ context.Context, d *Doc) error {
	a, _, ok := d.wholePage() // false for an HTML page
	if !ok {
		return nil
	}
	ps := d.paras()
	// The tail starts at cut: below the span with the prose that joins
	// it, or at a widget heading inside that.
	_, b, _ := articleRun(ps)
	cut := b
	if i := s.heading(ps[a:b]); i >= 0 {
		cut = a + i
	} else if runWeight(ps[b:]) > -minRunPenalty {
		return nil
	}
	for i := cut; i < len(ps); i++ {
		// A widget's own line (the heading at cut, "Share this:", "©
		// 2024 Site") keeps its class and rule, as the stage that would
		// have removed it reports it.
		if c, id := s.widget(&ps[i]); id != "" {
			d.Remove(c, id, ps[i].text)
			continue
		}
		rule := "page-tail.below-article"
		if i < b {
			rule = "page-tail.below-heading"
		}
		d.Remove(ClassRelatedList, rule, ps[i].text)
	}
	d.setParas(ps[:cut])
	return nil
}

// widget returns the class and rule of the first trigger rule of
// tailClasses that p matches, or else of a comment counter or comment-list
// heading (the member rules of comment-form, which head comments on a
// whole page), and "" when p is no widget heading.
func (s PageTail) widget(p *para) (Class, string) {
	if p.words > maxTailHeadingWords {
		return "", ""
	}
	for _, c := range tailClasses {
		if id := s.Rules.triggers(c).matchID(p); id != "" {
			return c, id
		}
	}
	if id := s.Rules.set(ClassCommentForm, RoleMember).matchID(p); id != "" {
		return ClassCommentForm, id
	}
	return "", ""
}

// heading returns the index in span (the article span of a whole page) of
// the widget heading that ends the article, -1 if there is none.
func (s PageTail) heading(span []para) int {
	total := 0
	for i := range span {
		if isBody(&span[i]) {
			total += span[i].words
		}
	}
	runs := proseRuns(span)
	before := 0
	for i := range span {
		p := &span[i]
		if before >= minTailWords && float64(before) >= tailShare*float64(total) &&
			(float64(before) >= mostShare*float64(total) || runs[i+1] <= 1) {
			if _, id := s.widget(p); id != "" {
				return i
			}
		}
		if isBody(p) {
			before += p.words
		}
	}
	return -1
}

// proseRuns returns, for each i up to len(ps), how many times in ps[i:]
// a paragraph of prose follows another: more than one is the article
// going on after a heading inside it, not a list of teasers, each between
// its headline and its byline. One pass from the end, so that asking at
// every heading stays linear.
func proseRuns(ps []para) []int {
	runs := make([]int, len(ps)+1)
	for i := len(ps) - 2; i >= 0; i-- {
		runs[i] = runs[i+1]
		if isBody(&ps[i]) && isBody(&ps[i+1]) {
			runs[i]++
		}
	}
	return runs
}
