package stages

import (
	"context"
	"strings"
	"unicode"
)

// Byline removes author lines ("By Nadia Holt", "Von Lars Petersen", "Par
// Claire Dubreuil") and sets Meta.Byline to the names, without the leading
// word and without a role or outlet after a comma, bar or dash ("By Jane
// Roe, Transport Editor" gives "Jane Roe"). A line is a byline only when
// what follows the leading word is a list of names, and not when a
// navigation rule claims it: "By Role" and "By Industry" head the facets of
// a menu.
type Byline struct {
	// Rules supplies the byline patterns; each has a group "name".
	Rules *Rules
}

// Name returns "byline".
func (Byline) Name() string { return "byline" }

// maxBylineWords is the longest paragraph taken as a byline.
const maxBylineWords = 16

// Trigger lines of at most maxFacetWords words, each at most maxFacetGap
// paragraphs from the next, with different names, are a menu's facets or a
// listing's credits (see Process).
const (
	maxFacetWords = 4
	maxFacetGap   = 8
)

// maxSplitNameWords is the longest names paragraph after a lone leader;
// a page with more than maxSplitBylines lone leaders is a listing, whose
// items' credits stay.
const (
	maxSplitNameWords = 8
	maxSplitBylines   = 2
)

// Process removes bylines: a line of a trigger rule, or a leader word
// standing alone ("By", "Written by:", a member rule) and the names on the
// next line, as pages laid out in blocks give them.
func (s Byline) Process(_ context.Context, d *Doc) error {
	cr := s.Rules.triggers(ClassByline)
	nav := s.Rules.triggers(ClassNavigation)
	leaders := s.Rules.set(ClassByline, RoleMember)
	ps := d.paras()
	// split[i] is the rule of a paragraph of a split byline: the lone
	// leaders, one or more, and the names after them, at an index in names.
	var split map[int]string
	var names []int
	// heads[j] is the first of the lone leaders before paragraph j when j
	// holds no bare names: if j is a byline line, they go with it ("By" over
	// "By Jane Smith"), so a second run finds no leader left above a name.
	var heads map[int]int
	leader := func(i int) string {
		if ps[i].words > 3 {
			return ""
		}
		return leaders.matchID(&ps[i])
	}
	for i := 0; i+1 < len(ps); i++ {
		id := leader(i)
		if id == "" {
			continue
		}
		// A run of leaders is one: so a second run, after the first
		// took the last of them with the names, finds nothing new.
		// Lines without a word between them ("©", "•") are passed too:
		// a later stage may take them out and leave the two adjacent.
		j := i + 1
		for j < len(ps) && (leader(j) != "" || ps[j].words == 0) {
			j++
		}
		if j == len(ps) || ps[j].words > maxSplitNameWords {
			continue
		}
		if _, ok := authorNames(ps[j].text); !ok {
			if heads == nil {
				heads = map[int]int{}
			}
			heads[j] = i
			i = j - 1
			continue
		}
		if split == nil {
			split = map[int]string{}
		}
		for k := i; k <= j; k++ {
			split[k] = id
		}
		names = append(names, j)
		i = j
	}
	// The credits of a listing's items are its content; no trigger rule
	// takes one of their lines either.
	var listing map[int]string
	if len(names) > maxSplitBylines {
		listing, split, names = split, nil, nil
	}
	// The lines a trigger rule takes, with their names; facet marks the
	// ones a navigation rule claims ("By Role").
	type candidate struct {
		i        int
		id, name string
		facet    bool
		skip     bool // a facet, or a listing's credit: no byline, it stays
		keep     bool // a listing's first credit: it stays, but names the author
	}
	var cands []candidate
	for i := range ps {
		pa := &ps[i]
		if split[i] != "" || listing[i] != "" || pa.words > maxBylineWords || !cr.mayMatch(pa) {
			continue
		}
		r, m := cr.match(pa)
		if r == nil {
			continue
		}
		g := group(r, m, "name")
		if g[0] < 0 {
			continue
		}
		name, ok := authorNames(pa.text[g[0]:g[1]])
		if !ok {
			continue
		}
		cands = append(cands, candidate{i: i, id: r.ID, name: name, facet: pa.words <= maxFacetWords && nav.matchID(pa) != ""})
	}
	// Short credit lines close to one another with different names are
	// no byline: the facets of a menu ("By Role", "By Specialty") or the
	// credits of a listing's items, which are its content. A listing's
	// first credit names the page's author.
	for a := 0; a < len(cands); {
		b := a + 1
		distinct := false
		for b < len(cands) && cands[b].i-cands[b-1].i <= maxFacetGap &&
			ps[cands[b].i].words <= maxFacetWords && ps[cands[b-1].i].words <= maxFacetWords {
			distinct = distinct || !sameName(cands[a].name, cands[b].name)
			b++
		}
		menu := false
		for k := a; k < b; k++ {
			menu = menu || cands[k].facet
			cands[k].skip = cands[k].facet || distinct
		}
		cands[a].keep = distinct && !menu
		a = b
	}
	for _, c := range cands {
		if h, ok := heads[c.i]; ok && !c.skip && !c.keep {
			if split == nil {
				split = map[int]string{}
			}
			for k := h; k < c.i; k++ {
				split[k] = c.id
			}
		}
	}
	next := 0 // the first candidate not passed yet
	dropWhere(d, ClassByline, func(i int, pa *para) string {
		if id := split[i]; id != "" {
			if len(names) > 0 && names[0] == i {
				if name, _ := authorNames(pa.text); d.Meta.Byline == "" {
					d.Meta.Byline = name
				}
				names = names[1:]
			}
			return id
		}
		for next < len(cands) && cands[next].i < i {
			next++
		}
		if next == len(cands) || cands[next].i != i {
			return ""
		}
		c := cands[next]
		if c.skip && !c.keep {
			return ""
		}
		if d.Meta.Byline == "" {
			d.Meta.Byline = c.name
		}
		if c.keep {
			return ""
		}
		return c.id
	})
	return nil
}

// sameName reports whether two credits name the same people: equal but for
// case, or one the start of the other ("MixmasterFred" and
// "MixmasterFredebenisterie Frederic Lauziere").
func sameName(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// nameJoiners may stand between names; nameParticles inside a name.
var (
	nameJoiners   = map[string]bool{"and": true, "&": true, "und": true, "et": true, "y": true, "e": true, "en": true, "i": true}
	nameParticles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "del": true, "della": true,
		"di": true, "la": true, "le": true, "du": true, "dos": true, "das": true, "do": true, "ten": true, "ter": true, "bin": true, "al": true, "st.": true}
)

// authorNames cuts a role or outlet off s and reports whether the rest is a
// list of names: one to ten words, each capitalized, a particle or a joiner,
// with at least one capitalized word per name.
func authorNames(s string) (string, bool) {
	for _, sep := range []string{",", " | ", " – ", " — ", " - ", " / ", ";", " (", "•", "·"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSpace(strings.TrimRight(s, ".:"))
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 10 {
		return "", false
	}
	caps := 0
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case nameJoiners[lw] && i > 0 && i < len(words)-1:
		case nameParticles[lw] && i > 0:
		case startsCapital(w) && !strings.ContainsAny(w, "0123456789@/:"), lowerCaseAgencies[lw] && len(words) == 1:
			caps++
		default:
			return "", false
		}
	}
	if caps == 0 || nameJoiners[strings.ToLower(words[len(words)-1])] {
		return "", false
	}
	return strings.Join(words, " "), true
}

// lowerCaseAgencies are the news agencies that write their names in lower
// case; one alone is a byline ("Von dpa", which de.byline.von lets through
// as a short lower-case word).
var lowerCaseAgencies = map[string]bool{"dpa": true, "epd": true, "kna": true, "sid": true}

// startsCapital reports whether the first rune of w is an upper-case letter.
func startsCapital(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}
