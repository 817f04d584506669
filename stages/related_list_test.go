package stages

import "testing"

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

func TestRelatedListGolden(t *testing.T) { golden(t, RelatedList{Rules: testRules(t)}, asNormalized) }

func FuzzRelatedList(f *testing.F) {
	fuzzStage(f, RelatedList{Rules: testRules(f)}, asNormalized, "Related posts:\nA b\nC d", "Lees ook\nX")
}
