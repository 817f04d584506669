package stages

import "testing"

func TestHeadline(t *testing.T) {
	body := "The council voted on Tuesday to extend the bus lane along the High Street, ending months of debate."
	tests := []struct {
		name, in             string
		title, section, text string
	}{
		{"title and kicker", "EU dreads return of militant recruits\nIslamic Extremism\n" + body, "EU dreads return of militant recruits", "Islamic Extremism", body},
		{"kicker before title", "Football\nHarbour Town let two-goal lead slip\n" + body, "Harbour Town let two-goal lead slip", "Football", body},
		{"kicker of initials", "U.S.\nWildfire forces thousands to evacuate\n" + body, "Wildfire forces thousands to evacuate", "U.S.", body},
		{"title alone", "Tracking and targeting ISIS ‘foreign fighters’\n" + body, "Tracking and targeting ISIS ‘foreign fighters’", "", body},
		{"question headline", "Is the bus lane worth it?\n" + body, "Is the bus lane worth it?", "", body},
		{"no header", body + "\nA second paragraph.", "", "", body + "\nA second paragraph."},
		{"unexplained header line: nothing taken", "Skip to content\nBus lane extended along High Street\nBy Jane Roe, Transport Editor\n" + body, "", "", "Skip to content\nBus lane extended along High Street\nBy Jane Roe, Transport Editor\n" + body},
		{"short sentence first: not a title", "It is done.\n" + body, "", "", "It is done.\n" + body},
		{"no body: nothing taken", "Bus lane extended\nTransport", "", "", "Bus lane extended\nTransport"},
		{"lower-case line: not a title", "bus lane extended along high street\n" + body, "", "", "bus lane extended along high street\n" + body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, Headline{}, d)
			if d.Meta.Title != tt.title || d.Meta.Section != tt.section || d.Text != tt.text {
				t.Errorf("got title %q section %q text %q\nwant title %q section %q text %q", d.Meta.Title, d.Meta.Section, d.Text, tt.title, tt.section, tt.text)
			}
			checkIdempotent(t, Headline{}, d.Text)
		})
	}
}

func TestHeadlineWithKnownTitle(t *testing.T) {
	body := "The council voted on Tuesday to extend the bus lane along the High Street, ending months of debate."
	// The header line is the known title (the <title> adds the site name): it goes.
	d := &Doc{Text: "Bus lane extended along High Street\n" + body, Meta: Meta{Title: "Bus lane extended along High Street | Example News"}}
	process(t, Headline{}, d)
	if d.Text != body || d.Meta.Title != "Bus lane extended along High Street | Example News" || len(d.Removed) != 1 || d.Removed[0].Class != ClassTitle {
		t.Errorf("matching title: text %q, title %q, removed %+v", d.Text, d.Meta.Title, d.Removed)
	}
	// A header line that is not the known title (a dek) stays.
	d = &Doc{Text: "A plan years in the making\n" + body, Meta: Meta{Title: "Bus lane extended along High Street"}}
	process(t, Headline{}, d)
	if d.Text != "A plan years in the making\n"+body || len(d.Removed) != 0 {
		t.Errorf("other header line: text %q, removed %+v", d.Text, d.Removed)
	}
}

func TestHeadlineGolden(t *testing.T) { golden(t, Headline{}, asNormalized) }

func FuzzHeadline(f *testing.F) {
	fuzzStage(f, Headline{}, asNormalized, "A b\nC d\nThe quick brown fox jumps over the lazy dog near the river bank today.", "X Y\n\n1 2 3")
}
