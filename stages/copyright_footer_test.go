package stages

import (
	"strings"
	"testing"
)

func TestCopyrightFooter(t *testing.T) {
	rules := testRules(t)
	for in, removed := range map[string]bool{
		"© 2024 Portside Daily. All rights reserved.":                                        true,
		"Copyright 2023 Example Media Group":                                                 true,
		"© 2024 Nordsee-Bote. Alle Rechte vorbehalten.":                                      true,
		"Le Quotidien – Tous droits réservés":                                                true,
		"The court ruled that the copyright belonged to the photographer, not the agency.":   false,
		"This material may not be published, broadcast, rewritten or redistributed.":         true,
		"Material on GearLab is copyrighted. Reproduction without permission is prohibited.": true,
		"All trademarks property of their respective owners":                                 true,
		// A legal footer naming its data providers, long but two notices.
		"Most stock quote data provided by BATS. Market indices are shown in real time, except for the DJIA, which is delayed by two minutes. " +
			"Morningstar: Copyright 2018 Morningstar, Inc. All Rights Reserved. Factset: FactSet Research Systems Inc. 2018. All rights reserved. " +
			"Dow Jones is a registered trademark of Dow Jones Trademark Holdings LLC.": true,
		"Quelle: Beispiel AG, alle Rechte vorbehalten. Kursdaten: Börse AG, alle Rechte vorbehalten, Angaben ohne Gewähr, verzögert um fünfzehn Minuten, mit freundlicher Genehmigung der Anbieter.": true,
		// One notice in a long paragraph is prose about it.
		"The publisher printed the words all rights reserved on every page of the book, but the court found that the phrase alone protected nothing that the law did not already protect, and it dismissed the claim against the blogger.": false,
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
	fuzzStage(f, CopyrightFooter{Rules: testRules(f)}, asNormalized, "© 2024 X", "All rights reserved.",
		"Data: A. All rights reserved. B. All rights reserved. C and D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z.")
}

func TestCopyrightFooterLegalNoticeAtTheEnd(t *testing.T) {
	rules := testRules(t)
	notice := "Quote data by Example Exchange, all rights reserved; index data by Example Indices, all rights reserved, and licensed for use to the publisher, delayed by fifteen minutes."
	story := "The council voted on Tuesday to extend the bus lane along the High Street."
	// At the end of the page: a footer.
	d := &Doc{Text: story + "\n" + story + " Again.\n" + notice}
	process(t, CopyrightFooter{Rules: rules}, d)
	if len(d.Removed) != 1 || d.Removed[0].Rule != "en.copyright-footer.notice" {
		t.Errorf("footer at the end: removed %+v", d.Removed)
	}
	// Followed by footerParas paragraphs of the story: the story quotes it.
	text := notice
	for i := range footerParas {
		text += "\n" + story + strings.Repeat(" More.", i)
	}
	d = &Doc{Text: text}
	process(t, CopyrightFooter{Rules: rules}, d)
	if len(d.Removed) != 0 {
		t.Errorf("notice inside the story removed: %+v", d.Removed)
	}
}
