package stages

import "testing"

func TestCopyrightFooter(t *testing.T) {
	rules := testRules(t)
	for in, removed := range map[string]bool{
		"© 2024 Portside Daily. All rights reserved.":                                      true,
		"Copyright 2023 Example Media Group":                                               true,
		"© 2024 Nordsee-Bote. Alle Rechte vorbehalten.":                                    true,
		"Le Quotidien – Tous droits réservés":                                              true,
		"The court ruled that the copyright belonged to the photographer, not the agency.": false,
	} {
		d := &Doc{Text: in}
		process(t, CopyrightFooter{Rules: rules}, d)
		if got := len(d.Removed) == 1; got != removed {
			t.Errorf("%q: removed %v, want %v", in, got, removed)
		}
	}
}

func TestCopyrightFooterGolden(t *testing.T) {
	golden(t, CopyrightFooter{Rules: testRules(t)}, asNormalized)
}

func FuzzCopyrightFooter(f *testing.F) {
	fuzzStage(f, CopyrightFooter{Rules: testRules(f)}, asNormalized, "© 2024 X", "All rights reserved.")
}
