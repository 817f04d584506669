package stages

import "testing"

func TestReadMore(t *testing.T) {
	rules := testRules(t)
	tests := []struct {
		name, in, want string
		truncated      bool
	}{
		{"full article stub", "Teaser text…\nRead the full article from the Source…", "Teaser text…", true},
		{"full story stub", "Teaser.\nRead the full story at Example News", "Teaser.", true},
		{"continue reading on a site", "Teaser…\nContinue reading this story on the Evening Post website.", "Teaser…", true},
		{"weiterlesen auf", "Anriss…\nWeiterlesen auf spiegel.de", "Anriss…", true},
		{"quote kept", "“Read more books,” the slogan says, printed on every poster in the county library.", "“Read more books,” the slogan says, printed on every poster in the county library.", false},
		{"feed footer with a long headline", "Teaser…\nThe post Council votes to extend the bus lane along the High Street after months of heated debate over parking appeared first on Riverside Ledger.", "Teaser…", true},
		{"feed footer, german", "Anriss…\nDer Beitrag Stadtrat beschließt neue Busspur in der Hauptstraße nach monatelangem Streit erschien zuerst auf Lokalbote.", "Anriss…", true},
		{"feed footer, italian", "Anteprima…\nL’articolo Il consiglio approva la nuova corsia per gli autobus proviene da Gazzetta Locale.", "Anteprima…", true},
		{"italian law kept", "L'articolo 18 dello Statuto proviene da una legge del 1970, ricordano i sindacati.", "L'articolo 18 dello Statuto proviene da una legge del 1970, ricordano i sindacati.", false},
		{"click here for the full article", "Teaser…\nClick here to read the full article.", "Teaser…", true},
		{"long sentence kept", "Read the full article of the law and you will find that the council has no power to close the road, the campaigners said in a statement.", "Read the full article of the law and you will find that the council has no power to close the road, the campaigners said in a statement.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, ReadMore{Rules: rules}, d)
			if d.Text != tt.want || d.Meta.Truncated != tt.truncated {
				t.Errorf("got %q truncated=%v, want %q truncated=%v", d.Text, d.Meta.Truncated, tt.want, tt.truncated)
			}
		})
	}
}

func TestReadMoreGolden(t *testing.T) { golden(t, ReadMore{Rules: testRules(t)}, asNormalized) }

func FuzzReadMore(f *testing.F) {
	fuzzStage(f, ReadMore{Rules: testRules(f)}, asNormalized, "Read the full article", "read more at x")
}
