package stages

import (
	"strings"
	"testing"
)

func TestRelatedList(t *testing.T) {
	rules := testRules(t)
	body := "The board said it expected the list to keep shrinking through the autumn."
	tests := []struct{ name, in, want string }{
		{"dutch, you might like", body + "\nDit vind je misschien ook leuk\nNieuwe tramlijn in 2026 klaar\nBusbaan langer", body},
		{"trending now", body + "\nTrending now\nNight bus pilot extended to Sundays\nNew MRI scanner to cut waiting times", body},
		{"list of headlines", body + "\nRelated posts:\nAmbulance delays ease at St Columba's\nNew MRI scanner to cut diagnosis times\nHealth board confirms plans", body},
		{"list stops at prose", body + "\nÀ lire aussi\nLe tram arrive en 2026\nThe council will vote again next month on the plan, officials said on Friday.", body + "\nThe council will vote again next month on the plan, officials said on Friday."},
		{"list stops at another widget", body + "\nRelated posts:\nNight bus pilot extended\nLeave a Reply", body + "\nLeave a Reply"},
		{"heading alone is a subhead", body + "\nRelated\n" + body + " Again.", body + "\nRelated\n" + body + " Again."},
		{"heading at the end of the page goes", body + "\nRelated", body},
		{"heading right before another widget goes", body + "\nRelated\n12 thoughts on “The plan”", body + "\n12 thoughts on “The plan”"},
		{"heading that is another widget's trigger is left to it", body + "\nRead more »", body + "\nRead more »"},
		{"excerpts cut short are items", body + "\nVocê pode gostar...\nA vida requer da gente otimismo e coragem para esperar o melhor e fazer o melhor acontecer, sempre …\nO que une uma família é o amor, o carinho e o querer bem de todos os dias [...]", body},
		{"inline items in several languages", body + "\nSEE MORE: Residents split over parking charges\nMehr dazu: Bahn streicht Nachtzüge\nEn savoir plus : Le tram arrive en 2026\nVer más: El Gobierno aprueba el plan", body},
		{"a sentence after a see-more label stays", body + "\nSee more: The council said it would vote again in March.", body + "\nSee more: The council said it would vote again in March."},
		{"excerpts stop at a finished paragraph", body + "\nYou may also like\nThe council will vote again next month on the plan, officials said…\nThe council will vote again next month on the plan, officials said on Friday.", body + "\nThe council will vote again next month on the plan, officials said on Friday."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, RelatedList{Rules: rules}, d)
			if d.Text != tt.want {
				t.Errorf("got %q\nwant %q", d.Text, tt.want)
			}
		})
	}
}

// TestRelatedListPageTail: below the article of a whole page's dump, a
// related-list heading ends the article; teasers with their bylines go
// with it, even where each teaser is prose.
func TestRelatedListPageTail(t *testing.T) {
	rules := testRules(t)
	menu := "Home\nWorld\nPolitics\nBusiness\nSport\nCulture\nSign In\n"
	article := strings.TrimSpace(strings.Repeat("The council of Portwell voted on Tuesday to rebuild the storm wall along the old harbour, after the gales broke it in three places.\n", 4))
	teasers := "You may also like\nFerry Timetable Changes\nJane Smith\nThe ferry company said on Monday that the winter timetable would start two weeks earlier than planned this year.\nFishing Fleet Counts the Cost\nTom Brown\nThe fishermen of the east coast lost more than a hundred pots in the storms of October, their association said."
	inline := "You may also like\nFerry Timetable Changes\n" + article + "\n" + article
	tests := []struct{ name, in, want string }{
		{"teasers after the article of a dump", menu + article + "\n" + teasers, menu + article},
		// Without a menu above, the text is an article, not a whole page:
		// the heading takes its headline list only.
		{"not a whole page", article + "\n" + teasers, article + "\nThe ferry company said on Monday that the winter timetable would start two weeks earlier than planned this year.\nFishing Fleet Counts the Cost\nTom Brown\nThe fishermen of the east coast lost more than a hundred pots in the storms of October, their association said."},
		// A heading halfway through, with paragraphs of prose running on
		// after it, is inside the article.
		{"the article goes on after the heading", menu + article + "\n" + inline, menu + article + "\n" + article + "\n" + article},
		{"too little article before the heading", menu + "The council voted on Tuesday.\n" + teasers, menu + "The council voted on Tuesday.\nThe ferry company said on Monday that the winter timetable would start two weeks earlier than planned this year.\nFishing Fleet Counts the Cost\nTom Brown\nThe fishermen of the east coast lost more than a hundred pots in the storms of October, their association said."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, RelatedList{Rules: rules}, d)
			if d.Text != tt.want {
				t.Errorf("got\n%s\nwant\n%s", d.Text, tt.want)
			}
		})
	}
}

func TestRelatedListGolden(t *testing.T) { golden(t, RelatedList{Rules: testRules(t)}, asNormalized) }

func FuzzRelatedList(f *testing.F) {
	fuzzStage(f, RelatedList{Rules: testRules(f)}, asNormalized, "Related posts:\nA b\nC d", "Lees ook\nX")
}
