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
		{"Par Claire Dubreuil | Le Quotidien", "Claire Dubreuil"},
		{"Por María José de la Fuente", "María José de la Fuente"},
		{"Door Jan van der Berg", "Jan van der Berg"},
		{"Redacción | Madrid", "Redacción"}, // the newsroom signs
		{"Redazione", "Redazione"},
		{"Staff Reporter", "Staff Reporter"},
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

func TestBylineGolden(t *testing.T) { golden(t, Byline{Rules: testRules(t)}, asNormalized) }

func FuzzByline(f *testing.F) {
	fuzzStage(f, Byline{Rules: testRules(f)}, asNormalized, "By A and B", "Von X, Y", "Par Z | W")
}
