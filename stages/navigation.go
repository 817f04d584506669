package stages

import (
	"context"
	"strings"
	"unicode"
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

// Process removes navigation, and a tag label standing alone ("Tags",
// "Keywords:", a member rule of the class) with the keywords after it.
func (s Navigation) Process(_ context.Context, d *Doc) error {
	cr := s.Rules.triggers(ClassNavigation)
	// line is the rule that removes p on its own, "" for none.
	line := func(p *para) string {
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
	}
	gone := func(p *para) bool { return line(p) != "" }
	// The heading of another widget ends a run of keywords ("Deel dit
	// artikel" under the tags): its stage takes it, with its class.
	others := otherWidgets(s.Rules, keywordEnders[:], ClassNavigation)
	tags := tagRuns(d.paras(), s.Rules.set(ClassNavigation, RoleMember), gone, others.match)
	dropWhere(d, ClassNavigation, func(i int, p *para) string {
		if id := tags[i]; id != "" {
			return id
		}
		return line(p)
	})
	return nil
}

// keywordEnders are the classes whose triggers end a run of keywords: not
// all of blockClasses, for a menu of keywords holds "More" and
// "Advertising", which end no run.
var keywordEnders = [...]Class{ClassShareRow, ClassRelatedList, ClassNewsletterPrompt, ClassCommentForm, ClassCookieBanner}

// maxTagLabelWords is the longest tag label ("Explore more on these topics").
const maxTagLabelWords = 5

// Keywords after a tag label: one paragraph listing them, or a run of
// minTagLines to maxTagLines short lines of at most maxTagWords words.
const (
	minTagLines = 2
	maxTagLines = 60
	maxTagWords = 4
	// maxKeywordWords is the longest keyword in a list ("stock car santa
	// cruz do sul").
	maxKeywordWords = 6
)

// tagRuns returns, by paragraph index, the rule of each paragraph that is a
// tag label standing alone (a rule of labels) or one of the keywords after
// it. A label with no keywords after it is left alone: it may be a subhead.
// Paragraphs for which gone is true are removed anyway: the keywords are
// judged as if they were not there, as a second run finds them; a paragraph
// for which widget is true ends the keywords.
func tagRuns(ps []para, labels *classRules, gone, widget func(*para) bool) map[int]string {
	var runs map[int]string
	for i := 0; i+1 < len(ps); i++ {
		if ps[i].words > maxTagLabelWords {
			continue
		}
		id := labels.matchID(&ps[i])
		if id == "" {
			continue
		}
		n := keywordLines(ps[i+1:], gone, widget)
		if n == 0 {
			continue
		}
		if runs == nil {
			runs = map[int]string{}
		}
		for j := i; j <= i+n; j++ {
			if j == i || !gone(&ps[j]) { // a gone line keeps its own rule
				runs[j] = id
			}
		}
		i += n
	}
	return runs
}

// keywordLines returns how many paragraphs at the start of ps are keywords:
// one list of comma-separated keywords, or a run of short lines that end no
// sentence; 0 when neither starts ps. Paragraphs for which gone is true are
// passed over (and counted in the result, which they are part of); one for
// which widget is true ends the run.
func keywordLines(ps []para, gone, widget func(*para) bool) int {
	f := 0 // the first paragraph that stays
	for f < len(ps) && gone(&ps[f]) {
		f++
	}
	if f < len(ps) && keywordList(ps[f].text) {
		return f + 1
	}
	n, kept := 0, 0
	for ; n < len(ps) && kept < maxTagLines; n++ {
		p := &ps[n]
		if gone(p) {
			continue
		}
		if p.words > maxTagWords || endsSentence(p.text) || widget(p) {
			break
		}
		if !hasLetter(p.text) {
			return 0 // "Category" heading a column of a table of figures
		}
		kept++
	}
	if kept < minTagLines {
		return 0
	}
	for m := n; m < len(ps); m++ {
		if !gone(&ps[m]) {
			if !hasLetter(ps[m].text) {
				return 0
			}
			break
		}
	}
	return n
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// keywordList reports whether p is at least two comma-separated keywords of
// one to maxKeywordWords words each, none ending a sentence.
func keywordList(p string) bool {
	items := strings.Split(p, ",")
	if len(items) < 2 {
		return false
	}
	for _, it := range items {
		if w := wordCount(it); w < 1 || w > maxKeywordWords || endsSentence(it) {
			return false
		}
	}
	return true
}

// homeWords name a site's home page, the first step of a breadcrumb trail.
var homeWords = map[string]bool{
	"home": true, "homepage": true, "home page": true, "startseite": true, "start": true,
	"accueil": true, "inicio": true, "portada": true, "início": true,
	"página inicial": true, "pagina iniziale": true, "homepagina": true, "voorpagina": true,
}

// breadcrumbSeps are the separators breadcrumbs use.
var breadcrumbSeps = []string{" › ", " » ", " > ", " / ", " | ", " · ", " → ", " :: ", " ▸ "}

// sepOpeners holds the second byte of every separator of breadcrumbSeps,
// the one after its space.
var sepOpeners = func() (t [256]bool) {
	for _, sep := range breadcrumbSeps {
		t[sep[1]] = true
	}
	return t
}()

// maySeparate reports whether p may hold a separator of breadcrumbSeps: a
// space before a byte that opens one. It spares most paragraphs a search
// for each separator.
func maySeparate(p string) bool {
	for i := 0; i+1 < len(p); i++ {
		if p[i] == ' ' && sepOpeners[p[i+1]] {
			return true
		}
	}
	return false
}

// breadcrumb reports whether p is a trail like "Startseite › Region ›
// Nordfriesland": three to eight segments of one to four words, none ending
// a sentence, or two when the first is the home page ("Portada >
// Internacional").
func breadcrumb(p string) bool {
	if !maySeparate(p) {
		return false
	}
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
