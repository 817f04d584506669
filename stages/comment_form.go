package stages

import "context"

// CommentForm removes a page's comment area: from a comment-form header
// ("Leave a Reply", "Your email address will not be published") to the end of
// the page, the way boilerpipe treats terminating blocks. Stages that run
// before it have already taken out footers and other debris below the form
// with their own class. A header inside the page header (a "Leave a comment"
// link next to the byline) only removes that paragraph.
type CommentForm struct {
	// Rules supplies the comment-form headers.
	Rules *Rules
}

// Name returns "comment-form".
func (CommentForm) Name() string { return "comment-form" }

// maxCommentHeaderWords is the longest paragraph that can be a comment-form header.
const maxCommentHeaderWords = 20

// Process removes the comment area.
func (s CommentForm) Process(_ context.Context, d *Doc) error {
	ps := paragraphs(d.Text)
	body := headerEnd(ps)
	for i, p := range ps {
		if d.words(p) > maxCommentHeaderWords {
			continue
		}
		r, _ := s.Rules.matchDoc(d, ClassCommentForm, p)
		if r == nil {
			continue
		}
		if i < body {
			d.Remove(ClassCommentForm, r.ID, p)
			ps[i] = ""
			continue
		}
		for _, q := range ps[i:] {
			d.Remove(ClassCommentForm, r.ID, q)
		}
		ps = ps[:i]
		break
	}
	d.Text = joinParagraphs(ps)
	return nil
}
