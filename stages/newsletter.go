package stages

import "context"

// Newsletter removes newsletter and sign-up prompts: a heading that asks the
// reader to subscribe, the email field and button after it, and one line of
// blurb between them.
type Newsletter struct {
	// Rules supplies the newsletter phrases.
	Rules *Rules
}

// Name returns "newsletter".
func (Newsletter) Name() string { return "newsletter" }

// Process removes newsletter prompts.
func (s Newsletter) Process(_ context.Context, d *Doc) error {
	removeBlocks(d, s.Rules, blockSpec{
		class:           ClassNewsletterPrompt,
		maxTriggerWords: 40,
		maxMembers:      6,
		bridge:          25,
		member:          memberRule(s.Rules, ClassNewsletterPrompt),
	})
	return nil
}
