package stages

import (
	"strings"
	"testing"
)

func TestCommentForm(t *testing.T) {
	rules := testRules(t)
	body := "The council voted on Tuesday to extend the bus lane along the High Street, ending months of debate."
	story100 := strings.TrimSpace(strings.Repeat(body+" ", 6))
	notice := "By choosing I Accept, you consent to our use of cookies and other tracking technologies.\n" + strings.Repeat("World\n", 90)
	thread := strings.TrimSpace(strings.Repeat("I planted my tomatoes in April this year and the frost got half of them, so next year I will wait until May.\n", 12))
	tests := []struct{ name, in, want string }{
		{"wordpress form to the end", body + "\nLeave a Reply\nYour email address will not be published. Required fields are marked *\nName *\nPost Comment", body},
		{"email notice alone", body + "\nYour email address will not be published. Required fields are marked *", body},
		{"comments closed", body + "\nComments are closed.", body},
		{"wordpress checkbox and akismet", story100 + "\nName *\nSave my name, email, and website in this browser for the next time I comment.\nThis site uses Akismet to reduce spam. Learn how your comment data is processed.", story100 + "\nName *"},
		{"akismet, german", story100 + "\nDiese Website verwendet Akismet, um Spam zu reduzieren. Erfahre mehr darüber, wie deine Kommentardaten verarbeitet werden.", story100},
		{"substack discussion to the end", story100 + "\nDiscussion about this post\nGreat piece, thanks.\n147 more comments...", story100},
		{"crawler glued the form title", story100 + "\nLeave a ReplyCancel reply\nComment *", story100},
		{"reply form of a reply", story100 + "\nLeave a Reply to Anna Cancel reply\nYour email address will not be published.", story100},
		{"reply form, italian", story100 + "\nRispondi a Anna Annulla risposta", story100},
		{"a comment count stays", story100 + "\n33 Comments\n" + story100, story100 + "\n33 Comments\n" + story100},
		{"comment link, german", story100 + "\nJetzt kommentieren", story100},
		{"more comments", story100 + "\n12 more comments…", story100},
		// A crawler's dump of a whole page: a sentence of a cookie notice
		// and a long menu above the comment counter do not make it the end
		// of an article; the article starts after it (articleSpan).
		{"counter in a dump's header drops the line", notice + "15\ncomments\n" + story100,
			notice + "15\n" + story100},
		// Below the article of a whole page, a counter or a heading of
		// the comment list heads the comments.
		{"counter below a dump's article", notice + story100 + "\n[ 167 comments ]\nTop Rated Comments\nGreat review, thanks!", notice + story100},
		{"counter after the word below a dump's article", notice + story100 + "\nComments (12)\nGreat review, thanks!", notice + story100},
		{"comment-list heading below a dump's article, german", notice + story100 + "\nNeueste Kommentare\nDanke für den Artikel!", notice + story100},
		// Above the article, below a line of prose (a disclosure), a
		// counter follows too little of the article to end it.
		{"counter above a dump's article drops the line", notice + "We independently review everything we recommend, and we may earn a commission.\nNo Comments\n" + story100,
			notice + "We independently review everything we recommend, and we may earn a commission.\n" + story100},
		{"counter in a dump's page header goes alone", notice + "Harbour wall to be rebuilt\nOne comment so far\n" + story100,
			notice + "Harbour wall to be rebuilt\n" + story100},
		{"counter above a form goes with it", body + "\n2 Comments\nLeave a Reply\nName *", body},
		{"link in header only drops the line", "Leave a comment\n" + body + "\nSecond paragraph of the story.", body + "\nSecond paragraph of the story."},
		// A banner above a forum thread: little before it, far more after.
		{"banner above a thread drops the line", "Welcome to the longest-running garden forum, where growers have met for 25 years.\nJoin the conversation\n" + thread,
			"Welcome to the longest-running garden forum, where growers have met for 25 years.\n" + thread},
		// The same header after a story of 100 words or more ends the page,
		// however long the comments below it.
		{"long comments after a story", story100 + "\nJoin the conversation\n" + thread, story100},
		// A sentence wrapped across lines: "comments." continues the line before.
		{"wrapped sentence kept", story100 + "\nTag the patch v2 when it was sent again in response to\ncomments.\nNumber the patches of a series.",
			story100 + "\nTag the patch v2 when it was sent again in response to\ncomments.\nNumber the patches of a series."},
		// Judged alone, so that a second run, after the line before it is
		// gone, judges it alike.
		{"sentence tail first", "comments.\n" + body, "comments.\n" + body},
		// A heading set in lower case by the page's style still heads comments.
		{"lower-case heading after a sentence", story100 + "\ncomments\nGreat review, thanks!", story100},
		{"prose about comments kept", "Readers who leave a reply on the council website will have to give their email address, which will not be published, officials said.", "Readers who leave a reply on the council website will have to give their email address, which will not be published, officials said."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, CommentForm{Rules: rules}, d)
			if d.Text != tt.want {
				t.Errorf("got %q, want %q", d.Text, tt.want)
			}
			for _, r := range d.Removed {
				if r.Class != ClassCommentForm {
					t.Errorf("class %q", r.Class)
				}
			}
		})
	}
}

// TestCommentFormDiscussion: on a discussion page (a forum topic) the
// replies after a comment header are the content; the header alone goes.
func TestCommentFormDiscussion(t *testing.T) {
	story := strings.TrimSpace(strings.Repeat("The council voted on Tuesday to extend the bus lane along the High Street. ", 8))
	reply := "I planted my tomatoes in April and the frost got half of them, so next year I will wait."
	for _, discussion := range []bool{false, true} {
		d := &Doc{Text: story + "\nComments\n" + reply, Discussion: discussion}
		process(t, CommentForm{Rules: testRules(t)}, d)
		want := story
		if discussion {
			want = story + "\n" + reply
		}
		if d.Text != want {
			t.Errorf("discussion=%v: got %q, want %q", discussion, d.Text, want)
		}
	}
}

func TestCommentFormGolden(t *testing.T) { golden(t, CommentForm{Rules: testRules(t)}, asNormalized) }

func FuzzCommentForm(f *testing.F) {
	fuzzStage(f, CommentForm{Rules: testRules(f)}, asNormalized, "Leave a Reply\nx", "a\nComments are closed")
}
