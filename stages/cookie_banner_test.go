package stages

import "testing"

func TestCookieBanner(t *testing.T) {
	rules := testRules(t)
	body := "The regulator fined the retailer £1.5 million for designing a banner that made refusing far harder than accepting."
	prose := `Investigators found that the banner, which read "We use cookies to give you the best shopping experience", hid the reject button.`
	tests := []struct{ name, in, want string }{
		{"banner with buttons after", body + "\nThis website uses cookies to improve your experience. Cookie settings ACCEPT\nPrivacy Overview\nNecessary\nAlways Enabled\nSAVE & ACCEPT", body},
		{"buttons before and after", "Aceptar\nUtilizamos cookies para asegurar que damos la mejor experiencia.\nAceptar\nPolítica de cookies\n" + body, body},
		{"german, website", "Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.\nAlle akzeptieren\n" + body, body},
		{"german", "Wir verwenden Cookies, um Ihnen ein optimales Erlebnis zu bieten.\nAlle akzeptieren\nEinstellungen\n" + body, body},
		{"consent framework text", body + "\nWe and our partners process data to provide:\nList of Partners (vendors)\nAccept All Reject All Show Purposes", body},
		{"prose about cookies stays", prose + "\n" + body, prose + "\n" + body},
		{"buttons alone stay", "Accept\n" + body, "Accept\n" + body},
		{"privacy heading starts the banner", "We value your privacy\nWe and our partners use cookies to store and access information on your device.\nReject all\nAccept all\n" + body, body},
		{"privacy heading, italian", "Rispettiamo la tua privacy\nQuesto sito utilizza cookie tecnici e di profilazione.\nAccetta\n" + body, body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, CookieBanner{Rules: rules}, d)
			if d.Text != tt.want {
				t.Errorf("got %q\nwant %q", d.Text, tt.want)
			}
		})
	}
}

func TestCookieBannerGolden(t *testing.T) { golden(t, CookieBanner{Rules: testRules(t)}, asNormalized) }

func FuzzCookieBanner(f *testing.F) {
	fuzzStage(f, CookieBanner{Rules: testRules(f)}, asNormalized, "We use cookies.\nAccept\nOK", "OK\nThis site uses cookies")
}
