package stages

import "testing"

func TestAdvertisement(t *testing.T) {
	rules := testRules(t)
	body := "The plant will employ about 1,300 people when it reaches full production."
	for in, want := range map[string]string{
		body + "\nAdvertisement\n" + body + " More.":      body + "\n" + body + " More.",
		"Story continues below advertisement\n" + body:    body,
		"Publicité\nAnzeige\nPublicidad\n" + body:         body,
		"Continue reading the main story\n" + body:        body,
		"Continue Reading Below\n" + body:                 body,
		"Weiterlesen nach der Anzeige\n" + body:           body,
		"La suite après cette publicité\n" + body:         body,
		"Continúa tras la publicidad\n" + body:            body,
		"L'articolo prosegue dopo la pubblicità\n" + body: body,
		"A matéria continua após a publicidade\n" + body:  body,
		"Lees verder na de advertentie\n" + body:          body,
		"CLICK HERE TO GET THE FOX NEWS APP\n" + body:     body,
		"This post may contain affiliate links. If you buy through them, I earn a small commission at no cost to you.\n" + body: body,
		"We may earn commission from links on this page, but we only recommend products we back.\n" + body:                      body,
		"Your Ad Choices\n" + body:                                       body,
		"The company may earn a commission on each sale, analysts said.": "The company may earn a commission on each sale, analysts said.",
		"Get the native feel in your PWA app":                            "Get the native feel in your PWA app",
		"The advertisement ran in three papers last week.":               "The advertisement ran in three papers last week.",
	} {
		d := &Doc{Text: in}
		process(t, Advertisement{Rules: rules}, d)
		if d.Text != want {
			t.Errorf("%q: got %q, want %q", in, d.Text, want)
		}
	}
}

func TestAdvertisementGolden(t *testing.T) {
	golden(t, Advertisement{Rules: testRules(t)}, asNormalized)
}

func FuzzAdvertisement(f *testing.F) {
	fuzzStage(f, Advertisement{Rules: testRules(f)}, asNormalized, "Advertisement", "Anzeige\nx")
}
