package stages

import "context"

// TemplatePlaceholder removes template variables and shortcodes a CMS failed
// to expand: "{{author}}", "%%title%%", "[caption id=… ]…[/caption]",
// "[gallery ids=…]". A caption inside a shortcode goes with it.
type TemplatePlaceholder struct {
	// Rules supplies the placeholder patterns.
	Rules *Rules
}

// Name returns "template-placeholder".
func (TemplatePlaceholder) Name() string { return "template-placeholder" }

// Process removes placeholders.
func (s TemplatePlaceholder) Process(_ context.Context, d *Doc) error {
	dropLines(d, s.Rules, ClassTemplatePlaceholder, nil)
	return nil
}
