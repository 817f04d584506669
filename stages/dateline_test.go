package stages

import (
	"fmt"
	"testing"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		in, want string
		updated  bool
	}{
		{"Wed Feb 24, 2016 14:03:32", "2016-02-24T14:03:32", false},
		{"26 Sep 2019 at 4:12pm", "2019-09-26T16:12", false},
		{"Published June 23, 2025 10:39AM", "2025-06-23T10:39", false},
		{"Monday 3rd March 2024", "2024-03-03", false},
		{"14.03.2024, 09:30 Uhr", "2024-03-14T09:30", false},
		{"Actualizado: 02/06/2024 00:15h", "2024-06-02T00:15", true},
		{"Stand: 12.03.2024 14:35 Uhr", "2024-03-12T14:35", false},
		{"April 12, 2024 10:15 AM GMT+1", "2024-04-12T10:15", false}, // the offset is read, not kept
		{"12.03.2024, 14:35 Uhr (UTC+01:00)", "2024-03-12T14:35", false},
		{"Sat 21 Sep 2024 19.34 BST", "2024-09-21T19:34", false},
		{"2023-10-17 16:05", "2023-10-17T16:05", false},
		{"2024-07-09", "2024-07-09", false},
		{"March 5, 2024", "2024-03-05", false},
		{"Published: 12 March 2024 - 10:15", "2024-03-12T10:15", false},
		{"Posted on January 22nd, 2024 at 3:45 pm", "2024-01-22T15:45", false},
		{"Nov 18, 2019 @17:19 PM", "2019-11-18T17:19", false},
		{"Updated: 12 March 2024 14:00", "2024-03-12T14:00", true},
		{"Le 12 mars 2024 à 8h15", "2024-03-12T08:15", false},
		{"Publié le 12 mars 2024 à 08:15", "2024-03-12T08:15", false},
		{"15 de enero de 2024", "2024-01-15", false},
		{"Lunedì 3 giugno 2024, ore 18:20", "2024-06-03T18:20", false},
		{"Veröffentlicht am 14. März 2024", "2024-03-14", false},
		{"3 maart 2024 om 14:05", "2024-03-03T14:05", false},
		{"2024-11-04T06:00:00Z", "2024-11-04T06:00:00", false},
		{"2024-11-04T06:00:00+01:00", "2024-11-04T06:00:00", false},
		{"2024-11-04T06:00:00+0100", "2024-11-04T06:00:00", false},
		{"03/14/2024", "2024-03-14", false},
		{"14/03/2024", "2024-03-14", false},
		{"12:30 PM, October 3, 2023", "2023-10-03T12:30", false},
		{"14/05/2024 às 08h30", "2024-05-14T08:30", false},
		{"Terça-feira, 14 de maio de 2024", "2024-05-14", false},
		{"Publié le 12/11/2024 à 07h45", "2024-11-12T07:45", false},        // day first outside English
		{"Pubblicato il 03/04/2024 alle 07:45", "2024-04-03T07:45", false}, // likewise
		{"Published 03/04/2024 at 7:45 am", "2024-03-04T07:45", false},     // US order in English
		{"03/04/2024", "2024-03-04", false},                                // and with no words
	}
	for _, tt := range tests {
		pd, ok := parseDateline(tt.in)
		if !ok {
			t.Errorf("parseDateline(%q) failed, want %s", tt.in, tt.want)
			continue
		}
		if pd.iso != tt.want || pd.updated != tt.updated {
			t.Errorf("parseDateline(%q) = %s updated=%v, want %s updated=%v", tt.in, pd.iso, pd.updated, tt.want, tt.updated)
		}
	}
}

func TestParseDatelineRejects(t *testing.T) {
	for _, in := range []string{
		"Arsenal 2 Chelsea 1",
		"3rd Street, 2024",
		"The meeting is on March 5, 2024 at the town hall.",
		"2024",
		"March 2024",
		"Feb 30, 2024",
		"2024-13-01",
		"Call 555-1234",
		"Page 3 of 12",
		"25:61 on 1 May 2024",
		"E/S 212-11",
		"",
	} {
		if pd, ok := parseDateline(in); ok {
			t.Errorf("parseDateline(%q) = %q, want no date", in, pd.iso)
		}
	}
}

func TestDateline(t *testing.T) {
	d := &Doc{Text: "Updated: 12 March 2024 14:00\nPublished: 11 March 2024 09:00\nThe council met on Monday to discuss the plan for the new bridge over the river.\nMarch 5, 2024"}
	process(t, Dateline{}, d)
	if d.Meta.PublishedAt != "2024-03-11T09:00" {
		t.Errorf("PublishedAt = %q; the update time must not be used", d.Meta.PublishedAt)
	}
	if d.Text != "The council met on Monday to discuss the plan for the new bridge over the river." {
		t.Errorf("Text = %q", d.Text)
	}
	if len(d.Removed) != 3 || d.Removed[0].Rule != "dateline.updated" || d.Removed[1].Class != ClassDateline {
		t.Errorf("Removed = %+v", d.Removed)
	}
}

// TestDatelineLabelAlone: a label on its own line ("Updated:") goes with
// the date on the next line, and an update label keeps that date out of
// the publication time; a label before prose stays.
func TestDatelineLabelAlone(t *testing.T) {
	const story = "The council met on Monday to discuss the plan for the new bridge over the river."
	checkDatelines(t, []datelineCase{
		{"Updated:\nNov 19, 2019\nPosted on:\nNov 18, 2019\n" + story, story, "2019-11-18"},
		{"Zuletzt aktualisiert am\n14.03.2024\n" + story, story, ""},
		{"Publié le :\n3 mars 2024\n" + story, story, "2024-03-03"},
		{"Updated:\n" + story, "Updated:\n" + story, ""},
		{"Last night\nNov 19, 2019\n" + story, "Last night\n" + story, "2019-11-19"},
	})
}

// datelineCase is a text for Dateline, the text it leaves and the
// publication time it finds.
type datelineCase struct{ in, text, published string }

// checkDatelines runs Dateline over every case.
func checkDatelines(t *testing.T, cases []datelineCase) {
	t.Helper()
	for _, tt := range cases {
		d := &Doc{Text: tt.in}
		process(t, Dateline{Rules: testRules(t)}, d)
		if d.Text != tt.text || d.Meta.PublishedAt != tt.published {
			t.Errorf("%q:\ntext %q, published %q\nwant %q, %q", tt.in, d.Text, d.Meta.PublishedAt, tt.text, tt.published)
		}
	}
}

func TestDatelineWithAuthor(t *testing.T) {
	for in, want := range map[string]string{
		"Posted on June 3, 2024 by admin":                                    "2024-06-03",
		"Published on December 2nd, 2025 by Chen Zhao and Daryl Fairweather": "2025-12-02",
		"Publié le 3 juin 2024 par la rédaction":                             "2024-06-03",
		"June 3, 2024 by the way this is prose and not a byline at all":      "",
	} {
		d := &Doc{Text: in}
		process(t, Dateline{}, d)
		if d.Meta.PublishedAt != want {
			t.Errorf("%q: PublishedAt %q, want %q", in, d.Meta.PublishedAt, want)
		}
	}
}

func TestDatelineCompound(t *testing.T) {
	for in, want := range map[string]string{
		"Published: 14:32 BST, 3 March 2024 | Updated: 16:05 BST, 3 March 2024":           "2024-03-03T14:32",
		"Updated: 16:05, 4 March 2024 | Published: 14:32, 3 March 2024":                   "2024-03-03T14:32",
		"Veröffentlicht am 14. März 2024 · Aktualisiert am 15. März 2024":                 "2024-03-14",
		"Veröffentlicht am 14.03.2024, 09:30 Uhr · Aktualisiert am 14.03.2024, 11:45 Uhr": "2024-03-14T09:30", // longer than one dateline
		"Sport | Football | 3 March 2024":                                                 "2024-03-03",       // a section path and a date: the date goes, the path stays (see TestDatelineMetaLine)
		"04/04/2024 08h30 Atualizado há 2 horas":                                          "2024-04-04T08:30", // an update without a separator, and relative
		"3 March 2024 Updated 2 hours ago":                                                "2024-03-03",
		"Publié le 17 mai 2023 à 10h42, mis à jour à 12h05":                               "2023-05-17T10:42", // an update of the same day gives its time only
	} {
		d := &Doc{Text: in}
		process(t, Dateline{}, d)
		if d.Meta.PublishedAt != want || (want == "") != (d.Text == in) {
			t.Errorf("%q: PublishedAt %q, text %q; want %q", in, d.Meta.PublishedAt, d.Text, want)
		}
	}
}

func TestDatelineRelative(t *testing.T) {
	for in, removed := range map[string]bool{
		"Updated 2 hours ago": true,
		"vor 3 Stunden":       true,
		"il y a 2 h":          true,
		"hace 5 minutos":      true,
		"2 ore fa":            true,
		"há 3 dias":           true,
		"2 uur geleden":       true,
		// Today or yesterday and a time of day.
		"Today, 11:24":         true,
		"Yesterday at 9:30 pm": true,
		"Gestern um 9.30 Uhr":  true,
		"Vandaag, 11:24":       true,
		"Aujourd’hui à 10h42":  true,
		"Hoy, 10:42":           true,
		"Today":                false, // a label (a programme's name) without a time
		"3 days ago, the council voted to close the road.": false,
	} {
		d := &Doc{Text: "The council met on Monday.\n" + in + "\nThe council met on Monday to discuss the plan for the new bridge over the river."}
		process(t, Dateline{}, d)
		if got := len(d.Removed) == 1 && d.Removed[0].Rule == "dateline.relative"; got != removed || d.Meta.PublishedAt != "" {
			t.Errorf("%q: removed %v (want %v), published_at %q", in, got, removed, d.Meta.PublishedAt)
		}
	}
}

// TestDatelineRelativeBelowHeader: below the first body paragraph a
// relative time is the age of a listed item (a job board), and stays.
func TestDatelineRelativeBelowHeader(t *testing.T) {
	body := "The council met on Monday to discuss the plan for the new bridge over the river."
	in := body + "\nSoftware engineer, remote\n2 hours ago"
	d := &Doc{Text: in}
	process(t, Dateline{}, d)
	if d.Text != in {
		t.Errorf("text %q, want it unchanged", d.Text)
	}
}

func TestDatelineGolden(t *testing.T) { golden(t, Dateline{}, asNormalized) }

func FuzzDateline(f *testing.F) {
	fuzzStage(f, Dateline{}, asNormalized, "Wed Feb 24, 2016 14:03:32\nText.", "1.1.2000", "31/12/1999 23:59")
}

func TestDatelineLeadIn(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Roma, 12 marzo 2024 - Il Consiglio dei ministri ha approvato oggi la riforma delle pensioni.", "2024-03-12"},
		{"PARIS, 3 mars 2024 (AFP) — Le gouvernement a présenté mardi son plan pour l'hôpital.", "2024-03-03"},
		{"Madrid, 15 de enero de 2024 – El Gobierno aprobó este martes la nueva ley.", "2024-01-15"},
		{"Madrid, 4 de febrero de 2025 (EFE).- El Consejo de Ministros aprobó la ley.", "2025-02-04"},
		// No date in the lead-in, or not at the start: nothing.
		{"WASHINGTON (Reuters) - The Senate voted on Tuesday.", ""},
		{"Washington, the capital - a city of monuments, was quiet on Tuesday.", ""},
		{"The council met on 12 March 2024 - and voted for the plan.", ""},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.text}
		process(t, Dateline{}, d)
		if d.Meta.PublishedAt != tt.want {
			t.Errorf("%q: published_at %q, want %q", tt.text, d.Meta.PublishedAt, tt.want)
		}
		if d.Text != tt.text {
			t.Errorf("%q: the lead-in must stay, got %q", tt.text, d.Text)
		}
	}
	// A dateline paragraph wins over a lead-in.
	d := &Doc{Text: "March 5, 2024\nRoma, 12 marzo 2024 - Il Consiglio ha approvato la riforma."}
	process(t, Dateline{}, d)
	if d.Meta.PublishedAt != "2024-03-05" {
		t.Errorf("published_at %q, want the dateline's 2024-03-05", d.Meta.PublishedAt)
	}
}

// datelineExamples are datelines of every form the parsers read, for the
// tests of opensLikeDateline.
var datelineExamples = []string{
	"Wed Feb 24, 2016 14:03:32", "1.1.2000", "31/12/1999 23:59", "2024-03-14T09:30:00+01:00",
	"Posted on June 3, 2024 by admin", "Publié le 3 juin 2024 par la rédaction",
	"Published: 14:32 BST, 3 March 2024 | Updated: 16:05 BST, 3 March 2024",
	"Veröffentlicht am 14.03.2024, 09:30 Uhr · Aktualisiert am 14.03.2024, 11:45 Uhr",
	"Mis à jour le 12/11/2024 à 08h15", "segunda-feira, 3 de junho de 2024 às 14:00",
	"(3 March 2024)", "[Updated] 3/4/2024 5 p.m.", "le 1er mars 2024", "March 21st, 2024",
	"Sábado, 2 de marzo de 2024 - 10:45 h", "Giovedì 14 marzo 2024, ore 9:30",
	"donderdag 14 maart 2024, 09:30", "Last updated: 2 Mar 2024",
	"Updated 2 hours ago", "Published: 5 mins ago.", "vor 3 Stunden", "Aktualisiert vor 10 Minuten",
	"il y a 2 h", "Publié il y a 3 jours", "hace 5 minutos", "Actualizado hace 1 día", "2 ore fa",
	"há 3 dias", "2 uur geleden", "Bijgewerkt: 12 minuten geleden", "14 marzo 2024 di Mario Rossi",
	"Roma, 12 marzo 2024 - Il Consiglio", "PARIS, 3 mars 2024 (AFP) — Le gouvernement",
	"Saint-Étienne-du-Rouvray, 3 mars 2024 - Le maire", "Nov 18, 2019 @5:26 PM",
	"Today, 11:24", "Gestern um 9.30 Uhr", "Aujourd’hui à 10h42", "Madrid, 4 de febrero de 2025 (EFE).- El Consejo",
}

// TestOpensLikeDateline checks the quick tests opensLikeDateline and
// mayBeRelative against the parsers and relativeTime: they pass every
// example, and a paragraph they fail is never read as a dateline. It
// covers every paragraph of the corpora, in several casings.
func TestOpensLikeDateline(t *testing.T) {
	for _, p := range datelineExamples {
		if !readsAsDateline(p) && !relativeTime.MatchString(p) && !datedLeadIn.MatchString(p) {
			t.Errorf("%q: not read as a dateline", p)
		}
		for _, v := range casings(p) {
			checkOpensLikeDateline(t, v)
		}
	}
	n := 0
	for _, v := range corpusParagraphs(t) {
		checkOpensLikeDateline(t, v)
		n++
	}
	for _, p := range []string{"The 5 things to know", "Sport | 3 March 2024", "By Jane Doe, 3 March 2024", "§ 3 March 2024", ""} {
		checkOpensLikeDateline(t, p)
	}
	if n < 1000 {
		t.Fatalf("only %d paragraphs checked", n)
	}
}

func checkOpensLikeDateline(t *testing.T, p string) {
	t.Helper()
	if !mayBeRelative(p) && relativeTime.MatchString(p) {
		t.Errorf("%q: a relative time, but mayBeRelative ruled it out", p)
	}
	if !(placeComma(p) && dashThenSpace(p)) && datedLeadIn.MatchString(p) {
		t.Errorf("%q: a dated lead-in, but placeComma or dashThenSpace ruled it out", p)
	}
	if opensLikeDateline(p) {
		return
	}
	if readsAsDateline(p) {
		t.Errorf("%q: read as a dateline, but opensLikeDateline ruled it out", p)
	}
}

// readsAsDateline reports whether one of the dateline parsers reads p.
func readsAsDateline(p string) bool {
	_, ok1 := parseDateline(p)
	_, ok2 := parseDatelineWithAuthor(p)
	_, ok3 := parseCompoundDateline(p)
	return ok1 || ok2 || ok3
}

func FuzzOpensLikeDateline(f *testing.F) {
	for _, p := range datelineExamples {
		f.Add(p)
	}
	f.Fuzz(checkOpensLikeDateline)
}

// TestAllLabelWords: the allocation-free precheck of datelineLabel agrees
// with lower-casing the whole line.
func TestAllLabelWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Updated", true}, {"Last updated on", true}, {"Publié le", true}, {"ZULETZT AKTUALISIERT AM", true},
		{"MIS À JOUR LE", true}, {"Home", false}, {"Posted on the web today", false}, {"Updated Monday", false},
		{"Veröffentlichtxxxxxxxxxxxxxxxxxx", false},
	} {
		if got := allLabelWords(tc.in); got != tc.want {
			t.Errorf("allLabelWords(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestDatelineMetaLine: a header line that joins a date to a byline or a
// section label loses the date part, which gives the publication time; the
// rest stays for the byline and headline stages.
func TestDatelineMetaLine(t *testing.T) {
	body := "The council voted on Tuesday to extend the bus lane along the High Street, ending months of debate over the plan."
	checkDatelines(t, []datelineCase{
		{"By Jane Smith | March 3, 2024\n" + body, "By Jane Smith\n" + body, "2024-03-03"},
		{"Transport · 3 March 2024 14:05\n" + body, "Transport\n" + body, "2024-03-03T14:05"},
		{"March 3, 2024 | By Jane Smith\n" + body, "By Jane Smith\n" + body, "2024-03-03"},
		{"By Lisa Jennings on Dec. 19, 2025\n" + body, "By Lisa Jennings\n" + body, "2025-12-19"},
		{"Von Anna Muster am 3. März 2024\n" + body, "Von Anna Muster\n" + body, "2024-03-03"},
		{"Jun 08, 2023 • 11 Minute Read\n" + body, "11 Minute Read\n" + body, "2023-06-08"},
		{"LE MONDE | 16.03.2023 à 15h32 • Mis à jour le 16.03.2023 à 18h05\n" + body, "LE MONDE\n" + body, "2023-03-16T15:32"}, // an outlet and a compound dateline
		{"Jun 08, 2023 • 11 minutes\n" + body, "Jun 08, 2023 • 11 minutes\n" + body, ""},                                       // no reading word
		// A dateline line above wins: it comes first.
		{"March 1, 2024\nTransport | March 3, 2024\n" + body, "Transport\n" + body, "2024-03-01"},
		// More parts, the date first or last.
		{"Aaron Ricadela | Senior Writer | July 2, 2025\n" + body, "Aaron Ricadela | Senior Writer\n" + body, "2025-07-02"},
		{"Sport | Football | 3 March 2024\n" + body, "Sport | Football\n" + body, "2024-03-03"},
		// A byline's line just below a standfirst, which ends the header.
		{"Hosting trends\nIt's a year for bold colour, organic florals and progressive dining.\nBy Rebecca Norris | Jun 25, 2025\n" + body,
			"Hosting trends\nIt's a year for bold colour, organic florals and progressive dining.\nBy Rebecca Norris\n" + body, "2025-06-25"},
		{"Hosting trends\nIt's a year for bold colour, organic florals and progressive dining.\nTransport | Jun 25, 2025\n" + body,
			"Hosting trends\nIt's a year for bold colour, organic florals and progressive dining.\nTransport | Jun 25, 2025\n" + body, ""},
		// A label a crawler glued to the byline.
		{"By Rebecca NorrisPublished: Jun 25, 2025\n" + body, "By Rebecca Norris\n" + body, "2025-06-25"},
		// Left alone: a bare name after the date, the date between parts,
		// a part that is a sentence or has figures, two dates, and any line
		// below the header.
		{"March 3, 2024 | Jane Smith\n" + body, "March 3, 2024 | Jane Smith\n" + body, ""},
		{"Results | Arsenal 2 Chelsea 1 | March 3, 2024\n" + body, "Results | Arsenal 2 Chelsea 1 | March 3, 2024\n" + body, ""},
		{"Jane Smith | The council met. | March 3, 2024\n" + body, "Jane Smith | The council met. | March 3, 2024\n" + body, ""},
		{"Jane Smith · March 3, 2024 · 5 min read\n" + body, "Jane Smith · March 3, 2024 · 5 min read\n" + body, ""},
		{body + "\nArsenal 2 Chelsea 1 | March 3, 2024", body + "\nArsenal 2 Chelsea 1 | March 3, 2024", ""},
	})
}

// TestDatelineDiscussion: on a discussion page only the header's dateline
// goes; below it, a date is the time of a post, part of the thread.
func TestDatelineDiscussion(t *testing.T) {
	post := "I planted my tomatoes in April this year and the frost got half of them, so next year I will wait until May."
	d := &Doc{Discussion: true, Text: "March 3, 2024\n" + post + "\nMarch 4, 2024, 9:15pm\n" + post + " Again."}
	process(t, Dateline{}, d)
	if want := post + "\nMarch 4, 2024, 9:15pm\n" + post + " Again."; d.Text != want || d.Meta.PublishedAt != "2024-03-03" {
		t.Errorf("text %q, published %q", d.Text, d.Meta.PublishedAt)
	}
}

func TestAppendPadded(t *testing.T) {
	for _, tc := range []struct{ n, width int }{{0, 2}, {7, 2}, {12, 2}, {123, 2}, {2024, 4}, {999, 4}, {-1, 2}, {-12, 4}} {
		if got, want := string(appendPadded([]byte("x"), tc.n, tc.width)), fmt.Sprintf("x%0*d", tc.width, tc.n); got != want {
			t.Errorf("appendPadded(%d, %d) = %q, want %q", tc.n, tc.width, got, want)
		}
	}
	for _, p := range []string{"30 February 2024", "31/04/2024", "29 February 2023"} {
		if pd, ok := parseDateline(p); ok {
			t.Errorf("parseDateline(%q) = %q: no such day", p, pd.iso)
		}
	}
	if pd, ok := parseDateline("29 February 2024, 9:05 pm"); !ok || pd.iso != "2024-02-29T21:05" {
		t.Errorf("parseDateline(leap day) = %q, %v", pd.iso, ok)
	}
}

// TestUpdateWords: updateLabelAt looks words up in updatedWords by their
// ASCII lower case, in a buffer of maxUpdateWordBytes.
func TestUpdateWords(t *testing.T) {
	for w := range updatedWords {
		if len(w) > maxUpdateWordBytes || asciiLower(w) != w || !isASCII(w) {
			t.Errorf("%q: longer than maxUpdateWordBytes or not lower-case ASCII", w)
		}
	}
	if i := updateLabelAt("04/04/2024 08h30 Atualizado há 2 horas"); i != len("04/04/2024 08h30 ") {
		t.Errorf("updateLabelAt = %d", i)
	}
}
