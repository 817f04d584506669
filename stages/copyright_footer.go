package stages

import "context"

// CopyrightFooter removes copyright and rights lines ("© 2024 Example Media.
// All rights reserved.", "Alle Rechte vorbehalten"), and the long legal
// footers that repeat such notices for every data provider.
type CopyrightFooter struct {
	// Rules supplies the copyright patterns.
	Rules *Rules
}

// Name returns "copyright-footer".
func (CopyrightFooter) Name() string { return "copyright-footer" }

// A paragraph of any length among the last footerParas of the page that
// holds minNotices rights notices or more (member rules: "All rights
// reserved") is a legal footer.
const (
	minNotices  = 2
	footerParas = 5
)

// Process removes copyright lines, and the legal footer at the end of the
// page.
func (s CopyrightFooter) Process(_ context.Context, d *Doc) error {
	lines := s.Rules.triggers(ClassCopyrightFooter)
	notices := s.Rules.set(ClassCopyrightFooter, RoleMember)
	footer := len(d.paras()) - footerParas
	dropWhere(d, ClassCopyrightFooter, func(i int, p *para) string {
		if p.words <= 30 {
			if id := lines.matchID(p); id != "" {
				return id
			}
		}
		if i >= footer {
			if n, id := notices.count(p, minNotices); n >= minNotices {
				return id
			}
		}
		return ""
	})
	return nil
}
