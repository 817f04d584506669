package stages

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MainContent finds the article in the plain text of a whole page (a
// crawler's text dump, where menus, share rows, related lists and footers
// come along, one block per line) and removes the runs of lines before and
// after it.
//
// Each line weighs for or against being article text (lineWeight): prose
// is mostly words that start in lower case and ends its sentences, menus
// and link lists are runs of short capitalised labels. The article is the
// run of lines with the highest total weight, the maximum subarray, as in
// Finn et al.'s Body Text Extraction, joined by the heaviest runs on either
// side when they weigh a good share of it (an article cut in parts by
// tables, see articleRun). Lines inside the run stay whatever their shape
// (subheads, short quotes, result lines, lists); a run outside it goes
// only when it weighs at least minRunPenalty against the article, so an
// article with just a headline and a byline above it keeps them for the
// stages that read them. The headline of the page stays when it is the
// last headline-shaped line of the header run, so that Headline can lift
// it.
//
// MainContent runs after the stages that remove debris by rule, which give
// what they know its own class, and after Duplicate (a page that repeats
// its article below it shows its furniture only once the copy is gone);
// the runs it removes are reported as navigation before the article and
// as a related list after it. An HTML page is left alone: HTMLText already
// chose its content.
type MainContent struct{}

// Name returns "main-content".
func (MainContent) Name() string { return "main-content" }

// Line weights, tuned on the visible text dumps (shared/corpus/textdump,
// word F1 over a grid of linePenalty 3–7 and sentenceBonus 1–3): a line
// weighs its words that start in lower case, plus sentenceBonus if it ends
// a sentence, minus linePenalty. A menu label ("World", "Log In") weighs
// -linePenalty, and so does a headline in sentence case of six words
// ("Storm closes harbour for a week"): the related list under an article
// weighs against it. A line of prose of n words weighs about n/2. A line
// that ends in an ellipsis, an excerpt cut short, weighs -linePenalty
// whatever its words (word F1 0.912/0.915 -> 0.914/0.916); a line with no
// word in lower case but with a digit ("Arsenal 2 Chelsea 1") half that,
// so that a few result lines at the end of an article stay (0.915 ->
// 0.914 on ScrapingHub, WCXB the same).
const (
	linePenalty   = 6
	sentenceBonus = 3
	// minRunPenalty is the least total weight against a run outside the
	// article for it to go: about four menu labels.
	minRunPenalty = 24
	// minPageHead is the least weight of the lines above the article
	// against it for a text to be a whole page (Doc.wholePage): ten menu
	// labels. An article's own header (headline, kicker, dateline, photo
	// credit) weighs less, even in German, where nouns start in upper case.
	minPageHead = 60
)

// lineWeight returns the weight of p for the article span, memoized.
func lineWeight(p *para) int {
	if !p.hasWeight {
		switch {
		case endsWithEllipsis(p.text):
			// An excerpt cut short: a teaser of another page.
			p.weight = -linePenalty
		case endsSentence(p.text):
			p.weight = lowerWords(p.text) - linePenalty + sentenceBonus
		default:
			p.weight = lowerWords(p.text) - linePenalty
			if p.weight == -linePenalty && hasDigit(p.text) {
				// Figures (a result line, a row of a table) are the
				// article's data as often as a menu's dates.
				p.weight = -linePenalty / 2
			}
		}
		p.hasWeight = true
	}
	return p.weight
}

// lowerWords counts the words of s (runs between spaces) that start with a
// lower-case letter.
func lowerWords(s string) int {
	n := 0
	space := true // the byte before i is a space, or i is 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if space && c != ' ' {
			if c < utf8.RuneSelf {
				n += int(isLowerASCII[c])
			} else if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsLower(r) {
				n++
			}
		}
		space = c == ' '
	}
	return n
}

// isLowerASCII is 1 for 'a' to 'z', 0 for other ASCII.
var isLowerASCII = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = 1
	}
	return t
}()

// Process removes the runs of lines around the article.
func (MainContent) Process(_ context.Context, d *Doc) error {
	if d.HTML != "" {
		return nil
	}
	ps := d.paras()
	a, b, ok := articleRun(ps)
	if !ok {
		return nil
	}
	cutBefore := runWeight(ps[:a]) <= -minRunPenalty
	cutAfter := runWeight(ps[b:]) <= -minRunPenalty
	if !cutBefore && !cutAfter {
		return nil
	}
	title := -1
	if cutBefore {
		title = headlineBefore(ps[:a])
	}
	for i := range ps {
		switch {
		case i < a && cutBefore && i != title:
			// The run before the article is the page's furniture.
			d.Remove(ClassNavigation, "main-content.before", ps[i].text)
		case i >= b && cutAfter:
			// The run after it is what a page lists below an article.
			d.Remove(ClassRelatedList, "main-content.after", ps[i].text)
		default:
			continue
		}
		ps[i].text = ""
	}
	d.setParas(ps)
	return nil
}

// runWeight returns the total lineWeight of ps.
func runWeight(ps []para) int {
	w := 0
	for i := range ps {
		w += lineWeight(&ps[i])
	}
	return w
}

// headlineBefore returns the index of the headline among the last
// paragraphs of the page header ps, -1 if none is shaped like one: the last
// headline-shaped line, when no more than maxTitleGap lines follow it.
func headlineBefore(ps []para) int {
	for i := len(ps) - 1; i >= 0 && i >= len(ps)-1-maxTitleGap; i-- {
		if headlineShaped(&ps[i]) && ps[i].words >= minTitleWords {
			return i
		}
	}
	return -1
}

// A headline kept by MainContent has at least minTitleWords words and at
// most maxTitleGap lines (a standfirst, a share row) between it and the
// article.
const (
	minTitleWords = 4
	maxTitleGap   = 2
)

// articleSpan returns the run ps[a:b] of the highest total lineWeight; ok
// is false when no run weighs more than nothing.
func articleSpan(ps []para) (a, b int, ok bool) {
	best, sum, start := 0, 0, 0
	for i := range ps {
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += lineWeight(&ps[i])
		if sum > best {
			best, a, b = sum, start, i+1
		}
	}
	return a, b, best > 0
}

// An article interrupted by long stretches of lines that are not prose (a
// table of figures between the reviews of a product roundup and its
// buying guide, a list of pros and cons under each review) is several runs
// of prose. The run of the highest weight on either side of the article
// span joins it when it weighs at least joinShare of the span, up to
// maxJoins times on each side, so finding them stays linear: menus and
// footers hold no such run. Tuned on the visible dumps: joinShare 0.2
// gives word F1 0.900/0.921, 0.3 0.915/0.918, 0.4 0.909/0.914; one join a
// side 0.914/0.916, four 0.915/0.918, eight the same.
const (
	joinShare = 0.3
	maxJoins  = 4
)

// articleRun returns the article span ps[a:b] with the runs of prose that
// join it (see joinShare) and the list its last line introduces (see
// listAfter); ok is false when no line reads as prose.
func articleRun(ps []para) (a, b int, ok bool) {
	a, b, ok = articleSpan(ps)
	if !ok {
		return a, b, ok
	}
	core := runWeight(ps[a:b])
	for k := 0; k < maxJoins; k++ {
		a1, b1, ok := articleSpan(ps[:a])
		if !ok || float64(runWeight(ps[a1:b1])) < joinShare*float64(core) {
			break
		}
		a = a1
	}
	for k := 0; k < maxJoins; k++ {
		a2, b2, ok := articleSpan(ps[b:])
		if !ok || float64(runWeight(ps[b+a2:b+b2])) < joinShare*float64(core) {
			break
		}
		b += b2
	}
	return a, listAfter(ps, b), true
}

// A line that ends in a colon introduces what follows: the tour dates
// under "The band's 2020 tour dates:", the numbered offers under "Here are
// the deals:". The lines after it that repeat one shape (see itemShape),
// alone or alternating with a second (an offer and its link), are the
// article's, however little prose they hold: at least minListItems of
// them, each of at most maxItemWords words and with a figure (a date, a
// price, a number): a list of headlines under "Learn more in our series:"
// is a related list. The introducing line has at least minLeadInWords
// words, so a widget's "Share:" or "Follow us:" introduces nothing.
const (
	minListItems   = 3
	maxItemWords   = 30
	minLeadInWords = 5
)

// listAfter returns the end of the list that the last line of the article
// span ps[:b] or the line after it introduces, b if there is none.
func listAfter(ps []para, b int) int {
	if b < len(ps) && leadsIn(&ps[b]) {
		if j := listFrom(ps, b+1); j > b+1 {
			return j
		}
	}
	if b > 0 && leadsIn(&ps[b-1]) {
		return listFrom(ps, b)
	}
	return b
}

// leadsIn reports whether p may introduce a list.
func leadsIn(p *para) bool {
	return p.words >= minLeadInWords && strings.HasSuffix(p.text, ":")
}

// listFrom returns the end of the list of items that starts at ps[b], b if
// there is none.
func listFrom(ps []para, b int) int {
	if b+minListItems > len(ps) {
		return b
	}
	first, second := itemShape(ps[b].text), itemShape(ps[b+1].text)
	if !first.digit || !second.digit {
		return b // a list of headlines, a menu
	}
	j := b
	for ; j < len(ps) && ps[j].words <= maxItemWords; j++ {
		want := first
		if (j-b)%2 == 1 {
			want = second
		}
		if itemShape(ps[j].text) != want {
			break
		}
	}
	if j-b < minListItems {
		return b
	}
	return j
}

// shape is what itemShape tells of a line.
type shape struct {
	first byte // 'u' a link, '9' a digit, 'A' an upper-case letter, 'a' a lower-case one, '-' anything else
	digit bool // the line holds a digit
}

// itemShape returns the shape of a list item p: how it starts and whether it
// holds a figure. The items of one list share it ("June 9 -- Coral Sky
// Amphitheatre", "Aug. 2 -- Riverbend Music Center"); the menu below the
// list does not ("Subscribe").
func itemShape(p string) shape {
	sh := shape{first: '-', digit: hasDigit(p)}
	r, _ := utf8.DecodeRuneInString(p)
	switch {
	case strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "www."):
		sh.first = 'u'
	case unicode.IsDigit(r):
		sh.first = '9'
	case unicode.IsUpper(r):
		sh.first = 'A'
	case unicode.IsLower(r):
		sh.first = 'a'
	}
	return sh
}

// wholePage reports whether d's text is the plain text of a whole page,
// menus and all (a crawler's dump): the lines before its article span
// d.paras()[a:b] weigh at least minPageHead against it. An HTML page's text
// is what HTMLText chose, never a whole page. The answer is computed once
// per version of d.Text: several stages ask.
func (d *Doc) wholePage() (a, b int, ok bool) {
	ps := d.paras()
	w := &d.pc.whole
	if !w.known {
		w.known = true
		if d.HTML == "" {
			a, b, ok := articleSpan(ps)
			w.a, w.b, w.ok = a, b, ok && runWeight(ps[:a]) <= -minPageHead
		}
	}
	return w.a, w.b, w.ok
}
