package stages

import "testing"

func TestNavigation(t *testing.T) {
	rules := testRules(t)
	tests := []struct {
		in, rule string
	}{
		{"Skip to content", "en.navigation.skip-to-content"},
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
		{"Tags: the debate over them is old.", ""},
		{"Posted in 2019, the video went viral.", ""},
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

func TestNavigationGolden(t *testing.T) { golden(t, Navigation{Rules: testRules(t)}, asNormalized) }

func FuzzNavigation(f *testing.F) {
	fuzzStage(f, Navigation{Rules: testRules(f)}, asNormalized, "a › b › c", "1 2 3 Next »")
}
