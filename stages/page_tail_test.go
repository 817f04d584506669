package stages

import (
	"strings"
	"testing"
)

func TestPageTail(t *testing.T) {
	menu := strings.Repeat("Home\nWorld\nPolitics\nBusiness\nSport\nCulture\nSign In\n", 2)
	article := strings.TrimSpace(strings.Repeat("The council of Portwell voted on Tuesday to rebuild the storm wall along the old harbour, after the gales broke it in three places.\n", 4))
	teasers := "\nFerry Timetable Changes\nBy Jane Smith\nThe ferry company said on Monday that the winter timetable would start two weeks earlier than planned this year.\nFishing Fleet Counts the Cost\nBy Tom Brown\nThe fishermen of the east coast lost more than a hundred pots in the storms of October, their association said."
	comments := "\nharbourfan\nI walked along the old wall last winter and the cracks were plain to see from the beach below it.\nmarina_k\nAbout time too, the council has known about the state of that wall for as long as I have lived here."
	footer := "\nAbout Us\nContact\nPrivacy Policy\nTerms of Use\nCareers\nAdvertise"
	tests := []struct {
		name, in, want string
		removed        map[Class]int
	}{
		{"teasers under a related heading", menu + article + "\nYou may also like" + teasers, menu + article,
			map[Class]int{ClassRelatedList: 7}},
		{"a colon after the heading", menu + article + "\nYou may like to read:" + teasers, menu + article,
			map[Class]int{ClassRelatedList: 7}},
		{"a comment counter heads the tail", menu + article + "\nLoad All Comments" + comments, menu + article,
			map[Class]int{ClassCommentForm: 1, ClassRelatedList: 4}},
		{"a share row heads the tail", menu + article + "\nShare this:" + teasers, menu + article,
			map[Class]int{ClassShareRow: 1, ClassRelatedList: 6}},
		// Lines a later stage would have removed keep their class and rule.
		{"furniture below the article", menu + article + footer, menu + article,
			map[Class]int{ClassRelatedList: 4, ClassNavigation: 2}},
		// A few lines above an article are its own header, not a page's
		// menus: the text is left to the other stages.
		{"not a whole page", "Harbour\nNews\n" + article + "\nYou may also like" + teasers + footer, "Harbour\nNews\n" + article + "\nYou may also like" + teasers + footer, nil},
		// A heading halfway through, with paragraphs of prose running on
		// after it, is inside the article.
		{"the article goes on after the heading", menu + article + "\nYou may also like\nFerry Timetable Changes\n" + article,
			menu + article + "\nYou may also like\nFerry Timetable Changes\n" + article, nil},
		{"too little article above the heading", menu + "The council voted on Tuesday to rebuild the storm wall along the old harbour.\nYou may also like" + teasers,
			menu + "The council voted on Tuesday to rebuild the storm wall along the old harbour.\nYou may also like" + teasers, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, PageTail{Rules: testRules(t)}, d)
			if d.Text != tt.want {
				t.Errorf("got\n%s\nwant\n%s", d.Text, tt.want)
			}
			got := map[Class]int{}
			for _, r := range d.Removed {
				got[r.Class]++
			}
			for _, c := range Classes {
				if got[c] != tt.removed[c] {
					t.Errorf("%d removals of class %s, want %d (%v)", got[c], c, tt.removed[c], d.Removed)
				}
			}
		})
	}
}

// TestPageTailHTML: an HTML page's content was chosen from its markup.
func TestPageTailHTML(t *testing.T) {
	menu := strings.Repeat("Home\nWorld\nPolitics\nBusiness\nSport\nCulture\nSign In\n", 2)
	in := menu + strings.Repeat("The council of Portwell voted on Tuesday to rebuild the storm wall along the old harbour.\n", 5) + "About Us\nContact\nPrivacy Policy\nTerms of Use\nCareers"
	d := &Doc{Text: in, HTML: "<p>…</p>"}
	process(t, PageTail{Rules: testRules(t)}, d)
	if d.Text != in || len(d.Removed) != 0 {
		t.Errorf("HTML page changed: %v", d.Removed)
	}
}

func TestPageTailGolden(t *testing.T) { golden(t, PageTail{Rules: testRules(t)}, asNormalized) }

func FuzzPageTail(f *testing.F) {
	fuzzStage(f, PageTail{Rules: testRules(f)}, asNormalized, strings.Repeat("Home\nNews\nSport\n", 5)+"the long line of prose goes on and on for a while, and on and on and on.\nRelated\nx")
}
