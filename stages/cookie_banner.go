package stages

import "context"

// CookieBanner removes cookie and consent notices: a paragraph that starts
// like one ("This website uses cookies…", "Utilizamos cookies…") and the
// buttons and links around it ("Accept", "Privacy Overview", "Aceptar").
// A sentence about cookies inside an article does not start that way, so it
// stays.
type CookieBanner struct {
	// Rules supplies the cookie-banner phrases.
	Rules *Rules
}

// Name returns "cookie-banner".
func (CookieBanner) Name() string { return "cookie-banner" }

// Process removes cookie banners.
func (s CookieBanner) Process(_ context.Context, d *Doc) error {
	removeBlocks(d, s.Rules, blockSpec{
		class:           ClassCookieBanner,
		maxTriggerWords: 80,
		maxMembers:      12,
		backward:        true,
		member:          memberRule(s.Rules, ClassCookieBanner),
	})
	return nil
}
