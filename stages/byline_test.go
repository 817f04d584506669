package stages

import "testing"

func TestByline(t *testing.T) {
	rules := testRules(t)
	tests := []struct{ in, want string }{
		{"By Nadia Holt", "Nadia Holt"},
		{"By Leah Montrose and Desmond Achebe", "Leah Montrose and Desmond Achebe"},
		{"By Jane Roe, Transport Editor", "Jane Roe"},
		{"BY CORINNE VASQUEZ-HALE", "CORINNE VASQUEZ-HALE"},
		{"Von Lars Petersen", "Lars Petersen"},
		{"Von dpa", "dpa"}, // an agency that writes its name in lower case
		{"Par Claire Dubreuil | Le Quotidien", "Claire Dubreuil"},
		{"Por María José de la Fuente", "María José de la Fuente"},
		{"Door Jan van der Berg", "Jan van der Berg"},
		{"Door Locks", ""},                  // English: a Dutch byline gives a first and a last name
		{"Redacción | Madrid", "Redacción"}, // the newsroom signs
		{"Redazione", "Redazione"},
		{"Staff Reporter", "Staff Reporter"},
		{"By Staff", "Staff"},
		{"Newsroom", ""}, // alone, a menu link
		{"Staff", ""},
		{"Autorin: Anna Muster", "Anna Muster"},
		{"Auteur : Jean Dupont", "Jean Dupont"},
		{"Escrito por María García", "María García"},
		{"Scritto da Marco Rossi", "Marco Rossi"},
		{"Geschreven door Jan de Vries", "Jan de Vries"},
		{"Auteur Directors", ""}, // a heading about film, no label
		{"Redaktion der Zeitung sagt, der Streik sei beendet.", ""},
		{"By the time the bus arrived, the queue had gone.", ""},
		{"By 2030 the council wants every bus to be electric.", ""},
		{"Par ailleurs, la mairie a confirmé la date.", ""},
		{"Von Montag an gilt der neue Fahrplan für alle Linien der Stadt.", ""},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, Byline{Rules: rules}, d)
		if d.Meta.Byline != tt.want {
			t.Errorf("%q: byline %q, want %q", tt.in, d.Meta.Byline, tt.want)
		}
		if removed := d.Text == ""; removed != (tt.want != "") {
			t.Errorf("%q: text %q after the stage", tt.in, d.Text)
		}
	}
}

func TestBylineSplit(t *testing.T) {
	rules := testRules(t)
	body := "The council voted on Tuesday to extend the bus lane along the High Street."
	tests := []struct{ in, want, text string }{
		{"Written by\nRebecca Edwards\n" + body, "Rebecca Edwards", body},
		{"By\nLeah Montrose and Desmond Achebe\n" + body, "Leah Montrose and Desmond Achebe", body},
		{body + "\nAuthor:\nNirmita Panchal", "Nirmita Panchal", body},
		{"Von\nLars Petersen\n" + body, "Lars Petersen", body},
		{"Por:\nMaría José de la Fuente\n" + body, "María José de la Fuente", body},
		// A run of leaders is one leader: a second run finds the same.
		{"Author\nAuthor\nNirmita Panchal\n" + body, "Nirmita Panchal", body},
		{"By\nby\nA\n" + body, "A", body},
		// Not names after the leader: everything stays.
		{"By\nthe way, the council met.\n" + body, "", ""},
		{"By\n" + body, "", ""},
		// A listing credits each of its items: the credits are its content.
		{"By\nAnn Lee\nFirst story\nBy\nBo Chan\nSecond story\nBy\nCy Diaz\nThird story", "", ""},
		{"By\nBY Ann Lee\nFirst story\nBy\nBo Chan\nSecond story\nBy\nCy Diaz\nThird story", "", ""},
		// A line without words between leader and names is passed.
		{"By\n•\nAnn Lee\n" + body, "Ann Lee", body},
		// A lone leader over a byline line goes with it.
		{"By\nby Jane Smith\n" + body, "Jane Smith", body},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, Byline{Rules: rules}, d)
		want := tt.text
		if tt.want == "" {
			want = tt.in
		}
		if d.Meta.Byline != tt.want || d.Text != want {
			t.Errorf("%q: byline %q, text %q; want %q, %q", tt.in, d.Meta.Byline, d.Text, tt.want, want)
		}
	}
}

// TestBylineFacetsAndListings: short credit lines close together with
// different names are a menu's facets or a listing's credits: they stay
// (the navigation stage takes facets its rules know), and only a listing's
// first credit names the author.
func TestBylineFacetsAndListings(t *testing.T) {
	rules := testRules(t)
	body := "The council voted on Tuesday to extend the bus lane along the High Street."
	tests := []struct{ in, want, text string }{
		// Facets the navigation rules know are no bylines, in any language.
		{"Solutions\nBy Role\nRemote Work\nBy Use Case\nMarketing\n" + body, "", ""},
		{"Nach Branche\nHandel\n" + body, "", ""},
		// A facet they do not know, next to one they know. (Two unknown
		// ones read as a listing's credits: the lines stay, the first
		// names the author.)
		{"By Role\nNurses\nBy Specialty\nCardiology\n" + body, "", ""},
		// A listing: every credit stays, the first names the author.
		{"First story\nWritten by Everfit Team\nNov 03, 2025\nSecond story\nWritten by Patryk Piekarczyk\nOct 14, 2025", "Everfit Team", ""},
		// The same name twice, one with junk glued on, is one byline.
		{"How to Make Furniture\nBy MixmasterFred\nin Woodworking\nBy MixmasterFredebenisterie Frederic\n" + body, "MixmasterFred", "How to Make Furniture\nin Woodworking\n" + body},
		// Credits far apart are bylines as before.
		{"By Nadia Holt\n" + body + "\n" + body + "\n" + body + "\n" + body + "\n" + body + "\n" + body + "\n" + body + "\n" + body + "\nBy Jane Roe", "Nadia Holt",
			body + "\n" + body + "\n" + body + "\n" + body + "\n" + body + "\n" + body + "\n" + body + "\n" + body},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, Byline{Rules: rules}, d)
		want := tt.text
		if want == "" {
			want = tt.in
		}
		if d.Meta.Byline != tt.want || d.Text != want {
			t.Errorf("%q: byline %q, text %q; want %q, %q", tt.in, d.Meta.Byline, d.Text, tt.want, want)
		}
	}
}

func TestBylineGolden(t *testing.T) { golden(t, Byline{Rules: testRules(t)}, asNormalized) }

func FuzzByline(f *testing.F) {
	fuzzStage(f, Byline{Rules: testRules(f)}, asNormalized, "By A and B", "Von X, Y", "Par Z | W")
}
