package stages

import "testing"

func TestShareRow(t *testing.T) {
	rules := testRules(t)
	body := "The authority said it would review the timetable in September."
	tests := []struct{ name, in, want string }{
		{"share and like rows", body + "\nShare this:\nTwitter\nFacebook\nLike this:\nLike Loading...", body},
		{"click to share", body + "\nShare this:\nClick to share on Facebook (Opens in new window)\nClick to share on X (Opens in new window)", body},
		{"german", body + "\nTeilen mit:\nKlicken, um über Facebook zu teilen (Wird in neuem Fenster geöffnet)\nGefällt mir:\nGefällt mir Wird geladen …", body},
		{"stops at related list", body + "\nShare this:\nTwitter\nRelated posts:", body + "\nRelated posts:"},
		{"subhead after body stays", body + "\nWhat they said\n" + body + " Again.", body + "\nWhat they said\n" + body + " Again."},
		{"network names alone stay", "Facebook\n" + body, "Facebook\n" + body},
		{"share counters", body + "\n1.2K Shares\n" + body + " Again.\n3.456 Mal geteilt", body + "\n" + body + " Again."},
		{"share counter in a sentence, german", body + "\nDieser Artikel wurde 1.234 Mal geteilt", body},
		{"share or comment", body + "\nShare or comment on this article:", body},
		{"object named", body + "\nShare this article on Facebook\nPartager cet article sur X", body},
		{"a count in prose stays", body + "\n500 shares were sold on Monday.", body + "\n500 shares were sold on Monday."},
		{"follow us and its networks", body + "\nFollow us\nFacebook\nInstagram\nYouTube\nTikTok", body},
		{"spanish, wordpress", body + "\nCompartir esto:\nX\nFacebook", body},
		{"follow us, dutch", body + "\nVolg ons\nInstagram\nLinkedIn", body},
		{"feedback prompt and its buttons", body + "\nWas this article helpful?\nYes\nNo", body},
		{"feedback prompt, german", body + "\nWar dieser Artikel hilfreich?\nJa\nNein", body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, ShareRow{Rules: rules}, d)
			if d.Text != tt.want {
				t.Errorf("got %q\nwant %q", d.Text, tt.want)
			}
		})
	}
}

func TestShareRowGolden(t *testing.T) { golden(t, ShareRow{Rules: testRules(t)}, asNormalized) }

func FuzzShareRow(f *testing.F) {
	fuzzStage(f, ShareRow{Rules: testRules(f)}, asNormalized, "Share this:\nX\nY", "Facebook")
}
