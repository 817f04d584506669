package stages

import (
	"strings"
	"testing"
)

func TestMainContent(t *testing.T) {
	prose := []string{
		"The council of Portwell voted on Tuesday to rebuild the storm wall along the old harbour, after the gales broke it in three places.",
		"The work will cost about four million pounds and should be finished before the winter storms, the council's engineer told the meeting.",
		"Fishermen on the quay said they had asked for the repair for years, and that the new wall should be higher than the old one.",
	}
	article := strings.Join(prose, "\n")
	menu := "Home\nWorld\nPolitics\nBusiness\nSport\nCulture\nSign In"
	related := "Related\nStorm Closes Harbour\nFishing Fleet Counts the Cost\nNew Ferry Timetable\nAbout us\nContact"
	title := "Harbour town votes to rebuild its storm wall"
	tour := strings.TrimSpace(strings.Repeat("June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL\nAug. 2 -- DTE Energy Music Theatre, Clarkston, MI\n", 6))
	offers := strings.TrimSpace(strings.Repeat("1) Lego Star Wars 75188 Resistance Bomber\nhttp://amzn.to/2iJFhRj\n", 6))
	tests := []struct {
		name, in, want string
		removed        map[Class]int // removals by class
	}{
		{"menu and related list around the article", menu + "\n" + article + "\n" + related, article,
			map[Class]int{ClassNavigation: 7, ClassRelatedList: 6}},
		{"the headline before the article stays", menu + "\n" + title + "\n" + article, title + "\n" + article,
			map[Class]int{ClassNavigation: 7}},
		{"a headline far above the article goes", menu + "\n" + title + "\nShare\nTweet\nEmail\n" + article, article,
			map[Class]int{ClassNavigation: 11}},
		// What lies inside the article stays, whatever its shape.
		{"subhead, short quote, result line and list inside",
			menu + "\n" + prose[0] + "\nWhat residents say\n“No.”\nPortwell 2 Eastham 1\nsand bags\nstone\n" + prose[1] + "\n" + prose[2],
			prose[0] + "\nWhat residents say\n“No.”\nPortwell 2 Eastham 1\nsand bags\nstone\n" + prose[1] + "\n" + prose[2],
			map[Class]int{ClassNavigation: 7}},
		// A table of figures between two runs of prose of one article
		// weighs far against it; the second run, weighing a good share of
		// the first, joins it anyway (joinShare).
		{"article cut in two by a table", menu + "\n" + article + "\n" + strings.Repeat("5.2\n15.98\n", 10) + prose[0] + "\n" + prose[1] + "\n" + related,
			article + "\n" + strings.Repeat("5.2\n15.98\n", 10) + prose[0] + "\n" + prose[1],
			map[Class]int{ClassNavigation: 7, ClassRelatedList: 6}},
		{"article cut in three by tables", menu + "\n" + article + "\n" + strings.Repeat("5.2\n15.98\n", 10) + prose[0] + "\n" + prose[1] + "\n" + strings.Repeat("4.9\n", 20) + prose[2] + "\n" + related,
			article + "\n" + strings.Repeat("5.2\n15.98\n", 10) + prose[0] + "\n" + prose[1] + "\n" + strings.Repeat("4.9\n", 20) + prose[2],
			map[Class]int{ClassNavigation: 7, ClassRelatedList: 6}},
		// A few lines around an article are not enough evidence: the
		// headline, byline and tags stay for the stages that read them.
		{"short header and tail stay", "Headline of the story\nBy Jane Smith\n" + article + "\nTags\nHarbour",
			"Headline of the story\nBy Jane Smith\n" + article + "\nTags\nHarbour", nil},
		// Figures weigh half a label: four result lines end an article.
		{"results at the end stay", menu + "\n" + article + "\nArsenal 2 Chelsea 1\nLiverpool 3 Everton 0\nSpurs 1 Leeds 1\nCity 4 Wolves 0",
			article + "\nArsenal 2 Chelsea 1\nLiverpool 3 Everton 0\nSpurs 1 Leeds 1\nCity 4 Wolves 0",
			map[Class]int{ClassNavigation: 7}},
		// A line ending in a colon introduces a list of the article's
		// own: items of one shape, or of two in turn, each with a figure.
		{"dates a line introduces stay", menu + "\n" + article + "\nThe band will play on these dates:\n" + tour + "\n" + related,
			article + "\nThe band will play on these dates:\n" + tour,
			map[Class]int{ClassNavigation: 7, ClassRelatedList: 6}},
		{"offers and their links stay", menu + "\n" + article + "\nHere are the offers not to miss:\n" + offers + "\n" + related,
			article + "\nHere are the offers not to miss:\n" + offers,
			map[Class]int{ClassNavigation: 7, ClassRelatedList: 6}},
		{"headlines a line introduces go", menu + "\n" + article + "\nRead more in our series on the harbour:\n" + related,
			article + "\nRead more in our series on the harbour:", map[Class]int{ClassNavigation: 7, ClassRelatedList: 6}},
		{"no prose, nothing removed", menu, menu, nil},
		{"one paragraph", prose[0], prose[0], nil},
		{"empty", "", "", nil},
		// Wrapped lines of prose weigh as prose: most words start in lower case.
		{"hard-wrapped prose", menu + "\nVeteran actress Ada Brown, who in 2008 won the award for best actress in a\nleading role, has shared photos of the gala evening in the old town hall\nwith her followers.",
			"Veteran actress Ada Brown, who in 2008 won the award for best actress in a\nleading role, has shared photos of the gala evening in the old town hall\nwith her followers.",
			map[Class]int{ClassNavigation: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, MainContent{}, d)
			if d.Text != tt.want {
				t.Errorf("got\n%s\nwant\n%s", d.Text, tt.want)
			}
			got := map[Class]int{}
			for _, r := range d.Removed {
				got[r.Class]++
				if !strings.HasPrefix(r.Rule, "main-content.") {
					t.Errorf("rule %q", r.Rule)
				}
			}
			for _, c := range Classes {
				if got[c] != tt.removed[c] {
					t.Errorf("%d removals of class %s, want %d", got[c], c, tt.removed[c])
				}
			}
		})
	}
}

// TestMainContentHTML: an HTML page's content was chosen by HTMLText; its
// text is left as it is.
func TestMainContentHTML(t *testing.T) {
	in := "Home\nWorld\nPolitics\nBusiness\nSport\nCulture\nSign In\nThe council of Portwell voted on Tuesday to rebuild the storm wall along the old harbour, after the gales broke it."
	d := &Doc{Text: in, HTML: "<p>…</p>"}
	process(t, MainContent{}, d)
	if d.Text != in || len(d.Removed) != 0 {
		t.Errorf("HTML page changed: %q, %v", d.Text, d.Removed)
	}
}

func TestLineWeight(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"World", -linePenalty},
		{"Arsenal 2 Chelsea 1", -linePenalty / 2},
		{"Log In", -linePenalty},
		{"Published on Oct 21, 2025", 1 - linePenalty},
		{"The work will cost about four million pounds.", 7 - linePenalty + sentenceBonus},
		{"Über die Arbeit wird am Dienstag entschieden.", 4 - linePenalty + sentenceBonus},
		{"  spaced   words  ", 2 - linePenalty},
		{"The council said on Tuesday that the wall would be rebuilt before the...", -linePenalty},
	}
	for _, tt := range tests {
		p := newPara(tt.in)
		if got := lineWeight(&p); got != tt.want {
			t.Errorf("lineWeight(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestMainContentGolden(t *testing.T) { golden(t, MainContent{}, asNormalized) }

func FuzzMainContent(f *testing.F) {
	fuzzStage(f, MainContent{}, asNormalized, "Home\nNews\nSport\nWeather\nEvents\nContact\nthe long line of prose goes on and on for a while.")
}
