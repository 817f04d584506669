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
	cr := s.Rules.triggers(ClassCommentForm)
	if cr == nil {
		return nil
	}
	ps := d.paras()
	body := headerEnd(ps)
	var ids []string
	for i := range ps {
		if ps[i].words > maxCommentHeaderWords {
			continue
		}
		id := cr.matchID(&ps[i])
		if id == "" {
			continue
		}
		if ids == nil {
			ids = make([]string, len(ps))
		}
		if i < body {
			ids[i] = id
			continue
		}
		for j := i; j < len(ps); j++ {
			ids[j] = id
		}
		break
	}
	if ids != nil {
		d.dropParas(ClassCommentForm, ids)
	}
	return nil
}
