package stages

import "testing"

func TestNewsletter(t *testing.T) {
	rules := testRules(t)
	body := "Local officials said they were already discussing road and water upgrades around the site."
	tests := []struct{ name, in, want string }{
		{"heading, blurb, field, button", body + "\nGet the Tech Brief newsletter\nThe day's most important tech news, delivered to your inbox every weekday.\nEnter your email address\nSubscribe", body},
		{"sign up line with field", body + "\nSign up to Business Briefing – the morning email with the stories that matter\nEnter your email address\nSign up", body},
		{"single line prompt", body + "\nSign up for the Metro Report newsletter: Get the day's local news, every weekday morning. Get it sent to your inbox.", body},
		{"italian, privacy box", body + "\nIscriviti alla nostra newsletter\nAccetto la privacy policy", body},
		{"german, newsletter first", body + "\nAbonnieren Sie unseren Newsletter\nIhre E-Mail-Adresse\nAbonnieren", body},
		{"paywall, to read subscribe", body + "\nTo read the full story, subscribe now.", body},
		{"join our newsletter", body + "\nJoin our newsletter\nPlease enter a valid email address.\nSubmit", body},
		{"thanks and recaptcha, german", body + "\nVielen Dank für Ihre Anmeldung!\nDiese Website ist durch reCAPTCHA geschützt und es gelten die Datenschutzerklärung und die Nutzungsbedingungen von Google.", body},
		{"thanks, spanish", body + "\n¡Gracias por suscribirte!", body},
		{"honeypot field and thanks", body + "\nLeave this field blank\nThanks for signing up!", body},
		{"no-spam promise after the prompt", body + "\nJoin our newsletter\nNo spam, we promise. You can unsubscribe at any time.", body},
		{"form messages", body + "\nThank you! Your submission has been received!\nOops! Something went wrong while submitting the form.", body},
		{"recaptcha notice", body + "\nThis site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.", body},
		{"french", body + "\nInscrivez-vous à notre newsletter\nRecevez chaque matin l’essentiel de l’actualité de votre région.\nVotre adresse e-mail\nJe m’inscris", body},
		{"prose about newsletters stays", "The paper said it would sign up 10,000 readers to its newsletter by June, its editor told staff on Monday.\n" + body, "The paper said it would sign up 10,000 readers to its newsletter by June, its editor told staff on Monday.\n" + body},
		{"field alone stays", "Subscribe\n" + body, "Subscribe\n" + body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, Newsletter{Rules: rules}, d)
			if d.Text != tt.want {
				t.Errorf("got %q\nwant %q", d.Text, tt.want)
			}
		})
	}
}

func TestNewsletterGolden(t *testing.T) { golden(t, Newsletter{Rules: testRules(t)}, asNormalized) }

func FuzzNewsletter(f *testing.F) {
	fuzzStage(f, Newsletter{Rules: testRules(f)}, asNormalized, "Sign up for our newsletter\nx y\nSubscribe", "Subscribe")
}
