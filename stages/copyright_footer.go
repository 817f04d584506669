package stages

import "context"

// CopyrightFooter removes copyright and rights lines ("© 2024 Example Media.
// All rights reserved.", "Alle Rechte vorbehalten").
type CopyrightFooter struct {
	// Rules supplies the copyright patterns.
	Rules *Rules
}

// Name returns "copyright-footer".
func (CopyrightFooter) Name() string { return "copyright-footer" }

// Process removes copyright lines.
func (s CopyrightFooter) Process(_ context.Context, d *Doc) error {
	dropLines(d, s.Rules, ClassCopyrightFooter, longerThan(30))
	return nil
}
