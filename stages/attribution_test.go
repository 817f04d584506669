package stages

import "testing"

func TestAttribution(t *testing.T) {
	rules := testRules(t)
	tests := []struct{ name, in, want, outlet string }{
		{"glued tail", "He said the group was struggling after battlefield deaths and desertions., Independent reported.", "He said the group was struggling after battlefield deaths and desertions.", "Independent"},
		{"glued tail, pt", "Prefeituras terão até março para aderir ao programa., informou a Agência Brasil.", "Prefeituras terão até março para aderir ao programa.", "Agência Brasil"},
		{"glued tail, it", "I lavori inizieranno a marzo., ha riferito l'ANSA.", "I lavori inizieranno a marzo.", "ANSA"},
		{"glued tail, nl", "De werkzaamheden beginnen in maart., meldt de NOS.", "De werkzaamheden beginnen in maart.", "NOS"},
		{"attribution inside a sentence stays, it", "Il progetto, secondo Legambiente, è insufficiente.", "Il progetto, secondo Legambiente, è insufficiente.", ""},
		{"glued tail with the", "Prices rose again in May., the Financial Times reported.", "Prices rose again in May.", "Financial Times"},
		{"glued after quote", "“We view it as the opposite.”, Reuters reported.", "“We view it as the opposite.”", "Reuters"},
		{"ordinary sentence kept", "The group recruited 20,000 foreigners, CBS reported.", "The group recruited 20,000 foreigners, CBS reported.", ""},
		{"lower-case subject kept", "It rained., officials said.", "It rained., officials said.", ""},
		{"dash credit after the last sentence", "The minister resigned on Friday. — AP", "The minister resigned on Friday.", "AP"},
		{"dash credit, two agencies", "Il ministro si è dimesso venerdì. - ANSA/EFE", "Il ministro si è dimesso venerdì.", "ANSA/EFE"},
		{"quote credit kept", "“We will win.” — Maria Lopez", "“We will win.” — Maria Lopez", ""},
		{"dash inside a sentence kept", "The vote – the third this year – passed.", "The vote – the third this year – passed.", ""},
		{"German agency in lower case", "Die Preise zogen an. (dpa)", "Die Preise zogen an.", "dpa"},
		{"wire lead-in", "LONDON (Reuters) - Shares fell on Monday.", "LONDON (Reuters) - Shares fell on Monday.", "Reuters"},
		{"lead-in alone on its line joins its paragraph", "MADRID, 5 Abr. (EUROPA PRESS) -\nEl precio de la vivienda subió.\nOtro párrafo.",
			"MADRID, 5 Abr. (EUROPA PRESS) - El precio de la vivienda subió.\nOtro párrafo.", "EUROPA PRESS"},
		{"wire lead-in, spanish", "Madrid, 4 feb (EFE).- El Gobierno aprobó la ley.", "Madrid, 4 feb (EFE).- El Gobierno aprobó la ley.", "EFE"},
		{"agency in parentheses after the full stop, then a stop", "Le opposizioni hanno criticato la manovra. (ANSA).", "Le opposizioni hanno criticato la manovra.", "ANSA"},
		{"an abbreviation in parentheses, then a stop, stays", "It may not work with other boards. (TBC).", "It may not work with other boards. (TBC).", ""},
		{"with an agency, french", "L'inflation est tombée à 2,4 % en mars.\n(Avec AFP)", "L'inflation est tombée à 2,4 % en mars.", "AFP"},
		{"agency alone on the last line", "Het kabinet trekt extra geld uit.\n(ANP)", "Het kabinet trekt extra geld uit.", "ANP"},
		{"a word in parentheses alone stays", "The minister spoke on Friday.\n(Video)", "The minister spoke on Friday.\n(Video)", ""},
		{"lead-in line before a lower-case line stays", "PARIS (AFP) -\nand then", "PARIS (AFP) -\nand then", "AFP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, Attribution{Rules: rules}, d)
			if d.Text != tt.want || d.Meta.Attribution != tt.outlet {
				t.Errorf("got %q (%q), want %q (%q)", d.Text, d.Meta.Attribution, tt.want, tt.outlet)
			}
		})
	}
}

func TestAttributionGolden(t *testing.T) { golden(t, Attribution{Rules: testRules(t)}, asNormalized) }

func FuzzAttribution(f *testing.F) {
	fuzzStage(f, Attribution{Rules: testRules(f)}, asNormalized, "a., B reported.", "x., Y said., Z reported.")
}
