package stages

import (
	"strings"
	"testing"
)

func TestNavigation(t *testing.T) {
	rules := testRules(t)
	tests := []struct {
		in, rule string
	}{
		{"Skip to content", "en.navigation.skip-to-content"},
		{"Privacy Policy", "en.navigation.legal.privacy-policy"},
		{"Terms & Conditions", "en.navigation.legal.terms-amp-conditions"},
		{"Do Not Sell or Share My Personal Information", "en.navigation.legal.do-not-sell-or-share-my-personal-information"},
		{"Impressum", "de.navigation.legal.impressum"},
		{"Mentions légales", "fr.navigation.legal.mentions-légales"},
		{"Política de privacidad", "es.navigation.legal.política-de-privacidad"},
		{"Sitemap", "en.navigation.site.sitemap"},
		{"Mappa del sito", "it.navigation.site.mappa-del-sito"},
		{"Our privacy policy changed in May, the regulator said.", ""},
		{"Terms of use", "en.navigation.legal.terms-of-use"},
		{"Scroll to top", "en.navigation.scroll-to-top"},
		{"Your cart is empty", "en.navigation.your-cart-is-empty"},
		{"Il carrello è vuoto", "it.navigation.carrello-vuoto"},
		{"Terug naar boven", "nl.navigation.terug-naar-boven"},
		{"Do Not Sell/Share My Personal Information", "en.navigation.legal.do-not-sell-slash-share"},
		{"5 Min Read", "en.navigation.reading-time"},
		{"Reading time: 4 minutes", "en.navigation.reading-time"},
		{"Lesezeit: 3 Min.", "de.navigation.reading-time"},
		{"3 min de lecture", "fr.navigation.reading-time"},
		{"Tiempo de lectura: 2 min", "es.navigation.reading-time"},
		{"By Role", "en.navigation.facet-by"},
		{"By Use Case", "en.navigation.facet-by"},
		{"Sort by: Date", "en.navigation.sort-by-value"},
		{"Sort by Date", "en.navigation.facet-by"},
		{"By Jane Smith", ""},
		{"Shop by category", ""}, // a shop's heading, its content
		{"Nach Branche", "de.navigation.facet-nach"},
		{"Nach Angaben der Polizei", ""},
		{"Par secteur", "fr.navigation.facet-par"},
		{"Par Claire Dubreuil", ""},
		{"Por sector", "es.navigation.facet-por"},
		{"Per settore", "it.navigation.facet-per"},
		{"Por setor", "pt.navigation.facet-por"},
		{"Per sector", "nl.navigation.facet-per"},
		{"5 min", ""}, // a time in a recipe's list, not a reading time
		{"Read the 5 min guide to the new rules.", ""},
		{"Zum Inhalt springen", "de.navigation.zum-inhalt-springen"},
		{"Home » News » Local", "navigation.breadcrumb"},
		{"Startseite › Region › Nordfriesland", "navigation.breadcrumb"},
		{"Accueil > Actualités > Société", "navigation.breadcrumb"},
		{"Portada > Internacional", "navigation.breadcrumb"}, // two steps from the home page
		{"Politics > Europe", ""},                            // two steps, no home: could be prose
		{"Pages: 1 2 Next »", "en.navigation.pagination-numbers"},
		{"« Previous 1 2", "en.navigation.pagination-numbers"},
		{"« Previous", "en.navigation.pagination-prev"},
		{"Page 3 of 12", "en.navigation.page-of"},
		{"Arsenal 2 Chelsea 1", ""},
		{"Rain > 40 mm / day is expected, forecasters said.", ""},
		{"Income / Expenses / Balance", "navigation.breadcrumb"},
		{"2024", ""},
		{"Tags: gardening, vegetables, balcony", "any.navigation.tag-list"},
		{"Schlagwörter: Bahn, Streik, GDL", "any.navigation.tag-list"},
		{"Posted in Garden | Tagged balcony, herbs", "any.navigation.posted-in-tagged"},
		{"Posted in News | Leave a comment", "any.navigation.posted-in-comments"},
		{"Filed under Local | 12 Comments", "any.navigation.posted-in-comments"},
		{"Tags: the debate over them is old.", ""},
		{"Posted in 2019, the video went viral.", ""},
		{"Table of Contents", "en.navigation.table-of-contents"},
		{"Click to expand...", "en.navigation.click-to-expand"},
		{"Posts: 1,386", "en.navigation.forum-member-stat"},
		{"Joined: Aug 2019", "en.navigation.forum-member-stat"},
		{"Registered: 2020-08-27", "en.navigation.forum-member-stat"},
		{"Reaction score 12k", "en.navigation.forum-member-stat"},
		{"1011 silver badges32 bronze badges", "en.navigation.forum-badges"},
		{"30.5k18 gold badges90 silver badges174 bronze badges", "en.navigation.forum-badges"},
		{"answered Feb 12, 2011 at 1:01", "en.navigation.qa-answered-at"},
		{"edited 3 days ago", "en.navigation.qa-answered-at"},
		{"14 Answers", "en.navigation.qa-answer-count"},
		{"Not open for further replies.", "en.navigation.forum-closed-thread"},
		{"1 of 40", "any.navigation.bare-counter"},
		{"Schlagworte: Inflation, Statistisches Bundesamt, Preise", "any.navigation.tag-list"},
		{"Answered prayers filled the church on Sunday.", ""},
		{"Joined the army in 1944, he served two years.", ""},
		{"Points were deducted for the late start.", ""},
		{"Sort: Best Match", "en.navigation.sort-by-value"},
		{"1–24 of 312 products", "en.navigation.result-count"},
		{"Loaded 48 results", "en.navigation.result-count"},
		{"Products (24)", "en.navigation.products-count"},
		{"Write a review", "en.navigation.write-a-review"},
		{"Sortieren nach", "de.navigation.sortieren-nach"},
		{"24 results were disputed by the losing party.", ""},
		{"Image 3 of 12", "any.navigation.gallery-counter"},
		{"Bild 2 von 8", "any.navigation.gallery-counter"},
		{"Video", "en.navigation.video"},
		{"This slideshow requires JavaScript.", "en.navigation.requires-javascript"},
		{"Image 3 of the report shows the flood line.", ""},
		{"- Next Auto News", "en.navigation.prev-next-item"},
		{"Previous Story »", "en.navigation.prev-next-item"},
		{"Next year's budget story will be told in March.", ""},
		{"Beiträge: 1.386", "de.navigation.forum-member-stat"},
		{"Registriert: 12. März 2019", "de.navigation.forum-member-stat"},
		{"Inscrit le 3 mars 2019", "fr.navigation.forum-member-stat"},
		{"Mensajes: 245", "es.navigation.forum-member-stat"},
		{"Iscritto il 12/03/2019", "it.navigation.forum-member-stat"},
		{"Membro desde 2019", "pt.navigation.forum-member-stat"},
		{"Lid sinds mei 2019", "nl.navigation.forum-member-stat"},
		{"Antworten", "de.navigation.forum-antworten"},
		{"Mensajes de apoyo llegaron desde 2019 a la familia.", ""},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, Navigation{Rules: rules}, d)
		got := ""
		if len(d.Removed) == 1 {
			got = d.Removed[0].Rule
		}
		if got != tt.rule {
			t.Errorf("%q: rule %q, want %q", tt.in, got, tt.rule)
		}
	}
}

func TestNavigationTagLabelAlone(t *testing.T) {
	rules := testRules(t)
	const story = "The council voted on Tuesday to extend the bus lane along the High Street."
	tests := []struct {
		in, want string // want: the text left
	}{
		{story + "\nTags\ncalendar 2018, stock car brasil, stock car santa cruz do sul", story},
		{story + "\nSchlagwörter:\nBahn, Streik, GDL", story},
		{story + "\nMeer over\nWoningmarkt\nCBS", story},
		{story + "\nExplore more on these topics\nWork & careers\nEconomics", story},
		{story + "\nMeer over\nWoningmarkt\nCBS\nDeel dit artikel", story + "\nDeel dit artikel"}, // a share row's heading ends the keywords
		{story + "\nTags\nadopt a pet\nwater\nhealth alert", story},
		{story + "\nTags\nbus lane\nhigh street\n" + story, story + "\n" + story}, // the run ends at prose
		// No keywords after the label: a subhead.
		{"Topics\n" + story, "Topics\n" + story},
		{"Tags\nOne short line", "Tags\nOne short line"},
		// A table's column of figures under "Category" is no tag list.
		{story + "\nCategory\nVenue and food\n15,000\nPhotography\n2,500", story + "\nCategory\nVenue and food\n15,000\nPhotography\n2,500"},
		// A label inside a sentence-like line is the tag-list rule's, not this one's.
		{story + "\nTags: the debate over them is old.", story + "\nTags: the debate over them is old."},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, Navigation{Rules: rules}, d)
		if d.Text != tt.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.in, d.Text, tt.want)
		}
		for _, r := range d.Removed {
			if r.Rule != "any.navigation.tag-label-alone" || strings.Contains(r.Text, "council") {
				t.Errorf("%q: removal %+v", tt.in, r)
			}
		}
	}
}

// TestNavigationTagRunPastRemovedLine: a line the stage removes on its own
// ("Loading...") is judged as absent inside and after a tag run, as a
// second run finds the keywords, and keeps its own rule.
func TestNavigationTagRunPastRemovedLine(t *testing.T) {
	const story = "The council voted on Tuesday to extend the bus lane along the High Street."
	d := &Doc{Text: story + "\nTags\nbus lane\nLoading...\nhigh street\nLoading..."}
	process(t, Navigation{Rules: testRules(t)}, d)
	if d.Text != story {
		t.Errorf("got %q, want the story alone", d.Text)
	}
	for _, r := range d.Removed {
		want := "any.navigation.tag-label-alone"
		if r.Text == "Loading..." {
			want = "en.navigation.loading"
		}
		if r.Rule != want {
			t.Errorf("%q removed by %q, want %q", r.Text, r.Rule, want)
		}
	}
	checkIdempotent(t, Navigation{Rules: testRules(t)}, d.Text)
}

func TestNavigationGolden(t *testing.T) { golden(t, Navigation{Rules: testRules(t)}, asNormalized) }

func FuzzNavigation(f *testing.F) {
	fuzzStage(f, Navigation{Rules: testRules(f)}, asNormalized, "a › b › c", "1 2 3 Next »")
}

// TestMaySeparate: the shortcut before the separator search misses no
// separator, and passes over text with none.
func TestMaySeparate(t *testing.T) {
	for _, sep := range breadcrumbSeps {
		for _, p := range []string{"a" + sep + "b", sep + "b", "x y" + sep, "Home" + sep + "News" + sep + "Local"} {
			if !maySeparate(p) {
				t.Errorf("maySeparate(%q) = false, want true", p)
			}
		}
	}
	for _, p := range []string{"", " ", "Home>News", "The minister resigned on Monday.", "ratio 3:1 and 4/5", "a b "} {
		if maySeparate(p) {
			t.Errorf("maySeparate(%q) = true, want false", p)
		}
	}
}
