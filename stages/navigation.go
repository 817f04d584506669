package stages

import (
	"context"
	"strings"
)

// Navigation removes skip links, menus, pagination ("Pages: 1 2 Next »") and
// breadcrumbs ("Home » News » Local"). A breadcrumb is found by its shape:
// at least three short segments joined by one separator (›, », >, /, |, ·, →).
type Navigation struct {
	// Rules supplies the navigation phrases and pagination patterns.
	Rules *Rules
}

// Name returns "navigation".
func (Navigation) Name() string { return "navigation" }

// Process removes navigation.
func (s Navigation) Process(_ context.Context, d *Doc) error {
	cr := s.Rules.triggers(ClassNavigation)
	dropWhere(d, ClassNavigation, func(p *para) string {
		if p.words > 12 {
			return ""
		}
		if id := cr.matchID(p); id != "" {
			return id
		}
		if breadcrumb(p.text) {
			return "navigation.breadcrumb"
		}
		return ""
	})
	return nil
}

// breadcrumbSeps are the separators breadcrumbs use.
// homeWords name a site's home page, the first step of a breadcrumb trail.
var homeWords = map[string]bool{
	"home": true, "homepage": true, "home page": true, "startseite": true, "start": true,
	"accueil": true, "inicio": true, "portada": true, "início": true,
	"página inicial": true, "pagina iniziale": true, "homepagina": true, "voorpagina": true,
}

var breadcrumbSeps = []string{" › ", " » ", " > ", " / ", " | ", " · ", " → ", " :: ", " ▸ "}

// breadcrumb reports whether p is a trail like "Startseite › Region ›
// Nordfriesland": three to eight segments of one to four words, none ending
// a sentence, or two when the first is the home page ("Portada >
// Internacional").
func breadcrumb(p string) bool {
	for _, sep := range breadcrumbSeps {
		if !strings.Contains(p, sep) {
			continue
		}
		segs := strings.Split(p, sep)
		if len(segs) > 8 || len(segs) < 3 && !(len(segs) == 2 && homeWords[strings.ToLower(strings.TrimSpace(segs[0]))]) {
			continue
		}
		ok := true
		for _, seg := range segs {
			w := wordCount(seg)
			if w < 1 || w > 4 || endsSentence(seg) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
