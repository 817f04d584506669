package stages

import "context"

// CommentForm removes a page's comment area: from a comment-form header
// ("Leave a Reply", "Your email address will not be published") to the end of
// the page, the way boilerpipe treats terminating blocks. Stages that run
// before it have already taken out footers and other debris below the form
// with their own class. A header inside the page header (a "Leave a comment"
// link next to the byline), or above far more text than precedes it, only
// removes that paragraph, as does every header on a discussion page (see
// Doc.Discussion). On the plain text of a whole page (a crawler's dump, see
// Doc.wholePage) a comment counter or comment-list heading (the member
// rules: "[ 167 comments ]", "Top Rated Comments") is a header too, a
// weaker one: it ends the page only below 100 words of the article's prose.
// Elsewhere counters stand by a byline or under teasers and stay, unless
// right above the header that ends the page.
type CommentForm struct {
	// Rules supplies the comment-form headers.
	Rules *Rules
}

// Name returns "comment-form".
func (CommentForm) Name() string { return "comment-form" }

// maxCommentHeaderWords is the longest paragraph that can be a comment-form header.
const maxCommentHeaderWords = 20

// A comment area ends a page of prose: a header with fewer than
// minWordsBeforeTail words before it and more than maxTailRatio times as
// many after it (a site's "Join the conversation" banner above a forum
// thread) heads no comment area; it is removed alone.
const (
	minWordsBeforeTail = 100
	maxTailRatio       = 4
)

// endsPage reports whether a comment-form header with before words above it
// and after words below it may end the page: see minWordsBeforeTail.
func endsPage(before, after int) bool {
	return before >= minWordsBeforeTail || after <= maxTailRatio*before
}

// sentenceTail reports whether p is the end of a sentence wrapped onto its
// own line ("…in response to" / "comments."): it starts in lower case and
// ends the sentence. A heading ends no sentence, even one a page's style
// sets in lower case ("comments"). The test looks at p alone, so a second
// run, after other stages took the line before, judges p alike.
func sentenceTail(p string) bool {
	return startsLower(p) && endsSentence(p)
}

// Process removes the comment area.
func (s CommentForm) Process(_ context.Context, d *Doc) error {
	cr := s.Rules.triggers(ClassCommentForm)
	if cr == nil {
		return nil
	}
	// On a whole page, counters and comment-list headings head comments.
	members := s.Rules.set(ClassCommentForm, RoleMember)
	_, _, whole := d.wholePage()
	ps := d.paras()
	body := headerEnd(d, ps)
	total := 0
	for i := range ps {
		total += ps[i].words
	}
	var ids []string
	upTo := 0  // words of ps[:i+1]
	prose := 0 // words of the article's prose in ps[body:i]
	for i := range ps {
		upTo += ps[i].words
		before, above := upTo-ps[i].words, prose
		if i >= body && isBody(&ps[i]) {
			prose += ps[i].words
		}
		if ps[i].words > maxCommentHeaderWords || sentenceTail(ps[i].text) {
			continue
		}
		id := cr.matchID(&ps[i])
		if id == "" && whole {
			// A counter is weaker evidence than a form's header: it
			// heads comments only below 100 words of the article's
			// prose, not below its menus (a "No comments" link by the
			// byline); in the page header it goes alone, as a header does.
			if id = members.matchID(&ps[i]); id != "" {
				before = above
			}
		}
		if id == "" {
			continue
		}
		if ids == nil {
			ids = make([]string, len(ps))
		}
		if i < body || d.Discussion || !endsPage(before, total-upTo) {
			ids[i] = id
			continue
		}
		for j := i; j < len(ps); j++ {
			ids[j] = id
		}
		// The counters right above the header are the comment area's
		// ("No comments:" above Blogger's "Post a Comment").
		for j := i - 1; j >= body && ps[j].words <= maxCommentHeaderWords; j-- {
			id := members.matchID(&ps[j])
			if id == "" {
				break
			}
			ids[j] = id
		}
		break
	}
	if ids != nil {
		d.dropParas(ClassCommentForm, ids)
	}
	return nil
}
