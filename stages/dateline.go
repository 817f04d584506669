package stages

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dateline removes paragraphs that consist of a date (with an optional time,
// weekday, label such as "Published" and zone, and an optional author after
// "by": "Posted on June 3, 2024 by admin") and sets Meta.PublishedAt from
// the first one that is not an "Updated" time. The date keeps the precision
// the page states and no time zone is invented.
type Dateline struct {
	// Rules supplies the navigation lines a header line may join to its
	// date ("Jun 8, 2023 • 11 Minute Read"); nil means none.
	Rules *Rules
}

// Name returns "dateline".
func (Dateline) Name() string { return "dateline" }

// Process removes dateline paragraphs; on a discussion page (a forum
// thread) only those of the page header, since below it they date the
// posts. When none gives the publication time, a dated lead-in of the
// first paragraphs ("Roma, 12 marzo 2024 - Il Consiglio…", "PARIS, 3 mars
// (AFP) - …") does; the lead-in stays in the text, as wire lead-ins do.
func (s Dateline) Process(_ context.Context, d *Doc) error {
	defer func() {
		if d.Meta.PublishedAt == "" {
			d.Meta.PublishedAt = leadInDate(d.paras())
		}
	}()
	// A header line that joins a date to other furniture ("By Jane Smith |
	// March 3, 2024", "Transport · 3 March 2024") loses its date part; the
	// rest stays for the byline and headline stages.
	metaAt, metaDate := splitMetaLines(d, s.Rules.triggers(ClassNavigation))
	// A relative time goes only in the page header, above the first body
	// paragraph: further down, "2 hours ago" is the age of a listed item.
	ps := d.paras()
	header := headerEnd(d, ps)
	labelledUpdate := -1 // the index of a date an "Updated:" line labels
	dropWhere(d, ClassDateline, func(i int, pa *para) string {
		if d.Discussion && i >= header {
			return "" // the time of a post in the thread: part of it
		}
		p := pa.text
		if i+1 < len(ps) {
			// "Updated:" on its own line, its date on the next.
			if label, updated := datelineLabel(p); label {
				if _, ok := parseDateline(ps[i+1].text); ok {
					if updated {
						labelledUpdate = i + 1
					}
					return "dateline.label"
				}
			}
		}
		if len(p) > 2*maxDatelineBytes || !hasDigit(p) { // two for a compound dateline
			return ""
		}
		if i < header && len(p) <= maxDatelineBytes && mayBeRelative(p) && relativeTime.MatchString(p) {
			return "dateline.relative" // "Updated 2 hours ago": no date to keep
		}
		if !opensLikeDateline(p) {
			return ""
		}
		pd, ok := parseDateline(p)
		if !ok {
			pd, ok = parseDatelineWithAuthor(p)
		}
		if !ok {
			pd, ok = parseCompoundDateline(p)
		}
		if !ok {
			return ""
		}
		if pd.updated || i == labelledUpdate {
			return "dateline.updated"
		}
		if d.Meta.PublishedAt == "" && (metaAt < 0 || i < metaAt) {
			d.Meta.PublishedAt = pd.iso
		}
		return "dateline." + pd.kind
	})
	if d.Meta.PublishedAt == "" && metaAt >= 0 {
		d.Meta.PublishedAt = metaDate
	}
	return nil
}

// metaSeparators join the parts of a header line of page furniture.
var metaSeparators = []string{" | ", " · ", " • ", " ⋅ ", " ∙ ", " — ", " – "}

// gluedLabels are the labels of a date that crawler dumps glue to the
// byline before them ("By Rebecca NorrisPublished: Jun 25, 2025"): a meta
// line splits before them too.
var gluedLabels = []string{"Published:", "Posted:", "Published on ", "Posted on "}

// maxMetaPartWords bounds the part of a meta line besides its date: a
// byline or a section label.
const maxMetaPartWords = 6

// metaAfterDek is how far below the header a byline's meta line is still
// read: a standfirst (a sentence) may come before it, and ends the header.
const metaAfterDek = 2

// splitMetaLines cuts the date part out of every header line (above the
// first body paragraph, or a byline's line just below a standfirst that
// ended the header) that splitMetaLine splits, recording each cut. It
// returns the index of the first such line whose date is not an update
// time and that date, or -1.
func splitMetaLines(d *Doc, furniture *classRules) (at int, iso string) {
	at = -1
	ps := d.paras()
	var edited []para
	end := headerEnd(d, ps)
	for i := range min(end+metaAfterDek, len(ps)) {
		if i >= end && !startsWithAuthorMarker(ps[i].text) {
			continue // below the header, only a byline's meta line
		}
		rest, date, pd, ok := splitMetaLine(ps[i].text, furniture)
		if !ok {
			continue
		}
		d.Remove(ClassDateline, "dateline.meta-part", date)
		if at < 0 && !pd.updated {
			at, iso = i, pd.iso
		}
		if edited == nil {
			edited = append([]para(nil), ps...)
		}
		edited[i] = newPara(rest)
	}
	if edited != nil {
		d.setParas(edited)
	}
	return at, iso
}

// splitMetaLine splits p, a date and one other short part joined by one of
// metaSeparators (or, after a byline, by "on" and its like), into the date
// and the other part: a label or a byline before the date ("Transport |
// March 3, 2024", "By Jane Smith on 3 March 2024"), or after it a byline
// or a line of the furniture rules ("March 3, 2024 | By Jane Smith",
// "Jun 8, 2023 • 11 Minute Read"), which the stages after this one take
// out. A bare name after the date is left alone: nothing would explain it.
func splitMetaLine(p string, furniture *classRules) (rest, date string, pd parsedDate, ok bool) {
	if len(p) > 2*maxDatelineBytes || !hasDigit(p) {
		return "", "", parsedDate{}, false
	}
	seps := metaSeparators
	byline := startsWithAuthorMarker(p)
	if byline {
		seps = append(seps[:len(seps):len(seps)], dateConnectors...) // "By Jane Smith on March 3, 2024"
		for _, l := range gluedLabels {
			// The label stays with the date, which parseDateline reads.
			if i := strings.Index(p, l); i > 0 {
				if pd, ok = parseDateline(p[i:]); ok && wordCount(p[:i]) <= maxMetaPartWords {
					return strings.TrimRight(p[:i], " -|·•"), p[i:], pd, true
				}
			}
		}
	}
	if rest, date, pd, ok = splitMetaParts(p, furniture); ok {
		return rest, date, pd, true
	}
	for _, sep := range seps {
		before, after, found := strings.Cut(p, sep)
		if !found || strings.Contains(after, sep) {
			continue
		}
		other := before
		if pd, ok = parseDateOrCompound(after); ok {
			date = after
		} else if pd, ok = parseDateline(before); ok && (startsWithAuthorMarker(after) || isFurniture(after, furniture)) {
			date, other = before, after
		} else {
			continue
		}
		if w := wordCount(other); w == 0 || w > maxMetaPartWords || endsSentence(other) {
			return "", "", parsedDate{}, false
		}
		if _, twice := parseDateline(other); twice {
			return "", "", parsedDate{}, false // a compound dateline
		}
		return other, date, pd, true
	}
	return "", "", parsedDate{}, false
}

// parseDateOrCompound parses p as a dateline or, failing that, as a compound
// dateline ("LE MONDE | 16.03.2023 à 15h32 • Mis à jour le 16.03.2023 à
// 18h05" after its outlet).
func parseDateOrCompound(p string) (parsedDate, bool) {
	if pd, ok := parseDateline(p); ok {
		return pd, true
	}
	return parseCompoundDateline(p)
}

// maxMetaParts bounds the parts of a meta line of more than two
// ("Aaron Ricadela | Senior Writer | July 2, 2025").
const maxMetaParts = 4

// splitMetaParts splits p, three to maxMetaParts short parts joined by one
// separator, whose first or last part is a date and whose others are a
// byline, a role or a label: the date goes, the other parts stay joined.
func splitMetaParts(p string, furniture *classRules) (rest, date string, pd parsedDate, ok bool) {
	for _, sep := range metaSeparators {
		n := strings.Count(p, sep)
		if n < 2 || n >= maxMetaParts {
			continue
		}
		parts := strings.Split(p, sep)
		var others []string
		if pd, ok = parseDateline(parts[len(parts)-1]); ok {
			date, others = parts[len(parts)-1], parts[:len(parts)-1]
		} else if pd, ok = parseDateline(parts[0]); ok {
			date, others = parts[0], parts[1:]
		} else {
			return "", "", parsedDate{}, false
		}
		words := 0
		for _, o := range others {
			w := wordCount(o)
			if w == 0 || w > maxMetaPartWords || endsSentence(o) || hasDigit(o) && !isFurniture(o, furniture) {
				return "", "", parsedDate{}, false
			}
			words += w
		}
		if words > 2*maxMetaPartWords {
			return "", "", parsedDate{}, false
		}
		return strings.Join(others, sep), date, pd, true
	}
	return "", "", parsedDate{}, false
}

// dateConnectors join a byline to its date ("By Jane Smith on March 3,
// 2024", "Von Anna Muster am 3. März 2024").
var dateConnectors = []string{" on ", " am ", " le ", " el ", " il ", " op ", " em "}

// isFurniture reports whether a rule of furniture matches the paragraph s.
func isFurniture(s string, furniture *classRules) bool {
	pa := newPara(s)
	return furniture.matchID(&pa) != ""
}

// startsWithAuthorMarker reports whether s opens with an author marker
// word ("By Jane Smith", "Von Anna Muster").
func startsWithAuthorMarker(s string) bool {
	for _, m := range authorMarkers {
		if m = m[1:]; len(s) > len(m) && strings.EqualFold(s[:len(m)], m) {
			return true
		}
	}
	return false
}

// datelineLabels are the words of a dateline's label ("Last updated",
// "Publié le", "Zuletzt aktualisiert am").
var datelineLabels = wordSet(`updated update modified published posted last on
	aktualisiert veröffentlicht stand zuletzt am mis à jour publié publiée le
	actualizado actualizada publicado publicada el aggiornato pubblicato il
	atualizado atualizada em bijgewerkt gepubliceerd laatst op`)

// datelineLabel reports whether p is only a dateline's label, at most four
// words with an optional colon, one of them a verb of publishing or
// updating, and whether it labels an update.
func datelineLabel(p string) (label, updated bool) {
	if len(p) > 40 || !allLabelWords(strings.TrimRight(p, ": ")) {
		return false, false
	}
	words := strings.Fields(strings.ToLower(strings.TrimRight(p, ": ")))
	if len(words) == 0 || len(words) > 4 {
		return false, false
	}
	verb := false
	for _, w := range words {
		if !datelineLabels[w] {
			return false, false
		}
		updated = updated || updatedWords[w]
		verb = verb || updatedWords[w] || w == "posted" || w == "veröffentlicht" || w == "gepubliceerd" ||
			strings.HasPrefix(w, "publi") || strings.HasPrefix(w, "pubbli")
	}
	return verb, updated
}

// allLabelWords reports whether s has at most four words, each one of
// datelineLabels once lower-cased: the test that rules out all but label
// lines, without allocating for the many short lines that are not.
func allLabelWords(s string) bool {
	n := 0
	for w := range strings.FieldsSeq(s) {
		if n++; n > 4 {
			return false
		}
		var buf [16]byte
		if len(w) > len(buf) || !isASCII(w) {
			if !datelineLabels[strings.ToLower(w)] {
				return false
			}
			continue
		}
		if !datelineLabels[string(appendASCIILower(buf[:0], w))] { // no allocation for a map lookup
			return false
		}
	}
	return true
}

// relativeTime matches a dateline that gives only the time since
// publication ("Updated 2 hours ago", "vor 3 Stunden", "il y a 2 h",
// "hace 5 minutos", "2 ore fa", "há 3 dias", "2 uur geleden"), optionally
// after a label. It states no date, so it sets no publication time.
var relativeTime = regexp.MustCompile(`^(?i)(?:(?:updated|published|posted|last updated|aktualisiert|veröffentlicht|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|atualizado|bijgewerkt|gepubliceerd)\s*:?\s*)?` +
	`(?:\d{1,3}\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?)\s+ago` +
	`|vor\s+\d{1,3}\s+(?:sek(?:unden)?|min(?:uten)?|std|stunden?|tag(?:en)?|wochen?|monat(?:en)?)` +
	`|il y a\s+\d{1,3}\s*(?:s|secondes?|min(?:utes?)?|h|heures?|jours?|semaines?|mois)` +
	`|hace\s+\d{1,3}\s*(?:s|segundos?|min(?:utos?)?|h|horas?|días?|semanas?|meses?)` +
	`|\d{1,3}\s+(?:secondi|minuti|min|ore|ora|giorni|settimane|mesi)\s+fa` +
	`|há\s+\d{1,3}\s*(?:s|segundos?|min(?:utos?)?|h|horas?|dias?|semanas?|meses?)` +
	`|\d{1,3}\s+(?:seconden|minuten|min|uur|dagen|weken|maanden)\s+geleden` +
	`|(?:` + strings.Join(relativeDays, "|") + `),?\s+(?:(?:at|um|à|a las|alle|às|om)\s+)?\d{1,2}[:.h]\d{2}(?:\s*(?:uhr|u|h|am|pm))?)\.?$`)

// relativeDays are the words for today and yesterday, which a time of day
// follows in a relative dateline ("Today, 11:24", "Gestern um 9.30 Uhr",
// "Vandaag, 11:24").
var relativeDays = []string{"today", "yesterday", "heute", "gestern", "aujourd'hui", "aujourd’hui", "hier", "hoy", "ayer", "oggi", "ieri", "hoje", "ontem", "vandaag", "gisteren"}

// mayBeRelative reports whether relativeTime may match p: the number must
// follow "vor", "il y a", "hace", "há" or a word of relativeDays and at
// most a word more ("Today, at 11:24"), or p must end in "ago", "fa" or
// "geleden".
func mayBeRelative(p string) bool {
	k := strings.IndexAny(p, "0123456789")
	if k < 0 {
		return false
	}
	before := strings.TrimRightFunc(p[:k], unicode.IsSpace)
	for _, w := range []string{"vor", "il y a", "hace", "há"} {
		if len(before) >= len(w) && strings.EqualFold(before[len(before)-len(w):], w) {
			return true
		}
	}
	if k <= len("aujourd’hui, a las ") && startsWithRelativeDay(p) {
		return true
	}
	end := strings.TrimSuffix(p, ".")
	for _, w := range []string{"ago", "fa", "geleden"} {
		if len(end) > len(w) && strings.EqualFold(end[len(end)-len(w):], w) && unicode.IsSpace(rune(end[len(end)-len(w)-1])) {
			return true
		}
	}
	return false
}

// startsWithRelativeDay reports whether p starts with a word of
// relativeDays, under the case folding of relativeTime.
func startsWithRelativeDay(p string) bool {
	for _, w := range relativeDays {
		if hasPrefixFold(p, w) {
			return true
		}
	}
	return false
}

// datedLeadIn matches a lead-in of a place and a date, an optional agency
// in parentheses and a dash: "Roma, 12 marzo 2024 - ", "PARIS, 3 mars
// 2024 (AFP) — ", "Madrid, 4 de febrero de 2025 (EFE).- ". The date is
// group 1.
var datedLeadIn = regexp.MustCompile(`^\p{Lu}[\p{L}\p{M} .'’/-]{1,40},\s+([^-–—()]{6,40}?)\s*(?:\([^)]{1,20}\)\.?\s*)?[-–—]\s`)

// leadInDate returns the ISO date of a dated lead-in in the first
// paragraphs of ps, or "".
func leadInDate(ps []para) string {
	for i := 0; i < len(ps) && i < 4; i++ {
		head := clipBytes(ps[i].text, 120)
		if !hasDigit(head) {
			continue
		}
		if !placeComma(head) || !dashThenSpace(head) {
			continue
		}
		if m := datedLeadIn.FindStringSubmatch(head); m != nil {
			if pd, ok := parseDateline(m[1]); ok && !pd.updated {
				return pd.iso
			}
		}
	}
	return ""
}

// dashThenSpace reports whether s holds a dash (-, – or —) followed by
// white space, which datedLeadIn needs after its date: most sentences that
// open with a name and a comma have none.
func dashThenSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		n := 0
		switch {
		case s[i] == '-':
			n = 1
		case strings.HasPrefix(s[i:], "–"), strings.HasPrefix(s[i:], "—"):
			n = len("–")
		default:
			continue
		}
		if j := i + n; j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\f' || s[j] == '\r') {
			return true
		}
	}
	return false
}

// placeComma reports whether s opens the way datedLeadIn requires: a
// capital, at most 40 letters, marks, spaces and . ' ’ / - of a place
// name, then a comma.
func placeComma(s string) bool {
	n := 0 // runes read
	for _, r := range s {
		switch n++; {
		case n == 1:
			if !unicode.IsUpper(r) {
				return false
			}
		case r == ',':
			return true
		case n > 41:
			return false
		case !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) && !strings.ContainsRune(" .'’/-", r):
			return false
		}
	}
	return false
}

// datelineSeparators join the dates of a compound dateline.
var datelineSeparators = []string{" | ", " · ", " • ", " / ", ", ", " – ", " - "}

// parseCompoundDateline parses a line of datelines joined by a separator
// ("Published: 14:32 BST, 3 March 2024 | Updated: 16:05 BST, 3 March 2024"):
// every part must be a dateline, or, after the first, an update time of the
// same day ("Publié le 17 mai 2023 à 10h42, mis à jour à 12h05") or a
// relative one ("Updated 2 hours ago"). An update needs no separator before
// its label ("04/04/2024 08h30 Atualizado há 2 horas"). The date is the
// first part that is not an update time; the line counts as an update when
// all parts are.
func parseCompoundDateline(p string) (parsedDate, bool) {
	for _, sep := range datelineSeparators {
		if parts := strings.Split(p, sep); len(parts) >= 2 {
			if date, ok := parseDateParts(parts); ok {
				return date, true
			}
		}
	}
	if i := updateLabelAt(p); i > 0 {
		return parseDateParts([]string{p[:i], p[i:]})
	}
	return parsedDate{}, false
}

// parseDateParts parses the parts of a compound dateline (see
// parseCompoundDateline).
func parseDateParts(parts []string) (parsedDate, bool) {
	var date parsedDate
	for i, part := range parts {
		pd, ok := parseDateline(part)
		if !ok && i > 0 {
			if part = strings.TrimSpace(part); mayBeRelative(part) && relativeTime.MatchString(part) {
				pd, ok = parsedDate{updated: true}, true
			} else {
				pd, ok = parseDateline(part + " " + date.iso[:len("2006-01-02")])
				ok = ok && pd.updated
			}
		}
		if !ok {
			return parsedDate{}, false
		}
		if i == 0 || date.updated && !pd.updated {
			date = pd
		}
	}
	return date, true
}

// updateLabelAt returns the index in p of the first word after a space
// that marks an update time (updatedWords: "Updated", "aktualisiert", the
// "jour" of "mis à jour", whose "mis à" the date part reads as filler), -1
// if there is none.
func updateLabelAt(p string) int {
	var buf [maxUpdateWordBytes]byte
	for i := 1; i < len(p); i++ {
		if p[i-1] != ' ' {
			continue
		}
		end := strings.IndexAny(p[i:], " :,")
		if end < 0 {
			end = len(p) - i
		}
		if end <= maxUpdateWordBytes && updatedWords[string(appendASCIILower(buf[:0], p[i:i+end]))] {
			return i
		}
	}
	return -1
}

// maxUpdateWordBytes is the longest word of updatedWords ("aktualisiert"),
// all of them ASCII (TestUpdateWords).
const maxUpdateWordBytes = len("aktualisiert")

// authorMarkers introduce an author after a date ("… by admin").
var authorMarkers = []string{" by ", " von ", " par ", " por ", " door ", " di "}

// maxCreditWords bounds the author credit after a dateline: two names
// joined by "and".
const maxCreditWords = 6

// parseDatelineWithAuthor parses a dateline followed by a short author
// credit: the part before the marker must be a date and the part after it
// at most maxCreditWords words.
func parseDatelineWithAuthor(p string) (parsedDate, bool) {
	for _, m := range authorMarkers {
		i := lastIndexASCIIFold(p, m)
		if i <= 0 || wordCount(p[i+len(m):]) > maxCreditWords {
			continue
		}
		if pd, ok := parseDateline(p[:i]); ok {
			return pd, true
		}
	}
	return parsedDate{}, false
}

// opensLikeDateline reports whether p may be read by parseDateline,
// parseDatelineWithAuthor or parseCompoundDateline. Each of them needs p to
// be made of dateline words and numbers up to its end or up to an author
// marker ("… by admin"), with a number among them. Most paragraphs fail on
// their first words, without the allocations of a full parse.
func opensLikeDateline(p string) bool {
	if t := strings.TrimSpace(p); len(t) >= 10 && t[4] == '-' && isDigits(t[:4]) {
		return true // an ISO 8601 timestamp, for parseISO
	}
	var buf [24]byte
	number := false
	for i := 0; i < len(p); {
		c := p[i]
		if c == ' ' || c-'\t' <= '\r'-'\t' || c == ',' || c == '|' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\'' || c == '@' {
			i++
			continue
		}
		if c < utf8.RuneSelf && !isAlnum(c) {
			if c == '.' || c == ':' || c == '/' || c == '-' || c == '+' {
				i++ // a separator standing alone, or a zone offset's sign
				continue
			}
			return false // no dateline has this byte
		}
		if c >= '0' && c <= '9' {
			// A number group ("14:32", "3/4/2024", "21st", "8h15").
			number = true
			for i < len(p) && (isAlnum(p[i]) || p[i] == '.' || p[i] == ':' || p[i] == '/' || p[i] == '-' || p[i] >= utf8.RuneSelf) {
				r, size := utf8.DecodeRuneInString(p[i:])
				if r >= utf8.RuneSelf && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				i += size
			}
			continue
		}
		// A word: lower-case it into buf and look it up.
		n, j, long := 0, i, false
		for j < len(p) {
			r, size := utf8.DecodeRuneInString(p[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '-' {
				break
			}
			if n+utf8.UTFMax > len(buf) {
				long = true // longer than any dateline word
			} else {
				n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
			}
			j += size
		}
		if j == i {
			// A separator rune such as "·", "–" or "’" between the words.
			_, size := utf8.DecodeRuneInString(p[i:])
			i += size
			continue
		}
		w := strings.TrimRight(string(buf[:n]), ".-")
		switch {
		case !long && isAuthorMarker(w) && (number || !isDateWord(w)):
			// The author's name follows, whatever it is; a marker that is
			// also a date word ("Di", Tuesday) before any number is read
			// as the date word.
			return number
		case !long && number && updatedWords[w]:
			// An update after the date may say how long ago it was
			// ("04/04/2024 08h30 Atualizado há 2 horas").
			return true
		case long || !isDateWord(w):
			return false
		}
		i = j
	}
	return number
}

// isAuthorMarker reports whether the lower-case word w is one of
// authorMarkers.
func isAuthorMarker(w string) bool {
	for _, m := range authorMarkers {
		if len(m) == len(w)+2 && m[1:len(m)-1] == w {
			return true
		}
	}
	return false
}

// isDateWord reports whether the lower-case word w may stand in a dateline.
func isDateWord(w string) bool {
	switch w {
	case "pm", "am", "p.m", "a.m", "mis", "à", "st", "nd", "rd", "th", "er":
		return true
	}
	return monthNames[w] > 0 || updatedWords[w] || dateFiller[w]
}

// isAlnum reports whether the ASCII byte c is a letter or a digit.
func isAlnum(c byte) bool {
	return c-'0' <= 9 || (c|0x20)-'a' < 26
}

// lastIndexASCIIFold returns the index of the last instance of the
// lower-case ASCII word m in s, ignoring ASCII case, or -1. Unlike an index
// into strings.ToLower(s), it is an index into s itself.
func lastIndexASCIIFold(s, m string) int {
	for i := len(s) - len(m); i >= 0; i-- {
		j := 0
		for j < len(m) && lowerByte(s[i+j]) == m[j] {
			j++
		}
		if j == len(m) {
			return i
		}
	}
	return -1
}

// lowerByte lower-cases an ASCII letter and returns any other byte as is.
func lowerByte(c byte) byte {
	if c-'A' < 26 {
		return c | 0x20
	}
	return c
}

// hasDigit reports whether s contains an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' <= 9 {
			return true
		}
	}
	return false
}
