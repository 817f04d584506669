package stages

import "testing"

func TestPhotoCredit(t *testing.T) {
	rules := testRules(t)
	tests := []struct {
		in      string
		removed bool
	}{
		{"Photo: Dana Whitfield", true},
		{"Photograph: Kestrel Sports Images", true},
		{"Image: Cerro Alto Observatory/Handout", true},
		{"Foto: Lars Petersen/dpa", true},
		{"Photo : Jean Dupont / AFP", true},
		{"(Photo by Sam Lee/Getty Images)", true},
		{"Foto ANSA", true},
		{"Foto Ansa", true},
		{"Foto LaPresse", true},
		{"Bildquelle: picture alliance / dpa", true},
		{"Photo Essay", false}, // a subhead
		{"FOTO LAPRESSE/Mario Rossi", true},
		{"Photo ID", false}, // a subhead about identity cards
		{"The mayor opens the new bus lane on Tuesday. Photo: Jane Smith", true},
		{"Solar watches are great for extending your battery life. (Photo: Getty Images)", true},
		{"The minister said the photo was fake. Image: a crowd that never gathered, she added.", false},
		{"Photo of the day: the council's new electric bus made its first trip through the town centre on Monday morning.", false},
		{"The photo showed the flood wall at Quay Street.", false},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, PhotoCredit{Rules: rules}, d)
		if got := len(d.Removed) == 1; got != tt.removed {
			t.Errorf("%q: removed %v, want %v", tt.in, got, tt.removed)
		}
	}
}

func TestPhotoCreditGolden(t *testing.T) { golden(t, PhotoCredit{Rules: testRules(t)}, asNormalized) }

func FuzzPhotoCredit(f *testing.F) {
	fuzzStage(f, PhotoCredit{Rules: testRules(f)}, asNormalized, "Photo: X", "Foto: Y/dpa")
}
