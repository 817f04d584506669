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

// minNotices is how many rights notices (member rules: "All rights
// reserved") make a paragraph of any length a legal footer.
const minNotices = 2

// Process removes copyright lines, and paragraphs of legal notices holding
// minNotices rights notices or more.
func (s CopyrightFooter) Process(_ context.Context, d *Doc) error {
	lines := s.Rules.triggers(ClassCopyrightFooter)
	notices := s.Rules.set(ClassCopyrightFooter, RoleMember)
	dropWhere(d, ClassCopyrightFooter, func(p *para) string {
		if p.words <= 30 && lines.mayMatch(p) {
			if id := lines.matchID(p); id != "" {
				return id
			}
		}
		if n, id := notices.count(p, minNotices); n >= minNotices {
			return id
		}
		return ""
	})
	return nil
}
