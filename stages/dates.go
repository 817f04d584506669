package stages

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// monthNames maps lower-case month names and abbreviations in en, de, fr, es,
// it, pt and nl to month numbers.
var monthNames = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"january jan januar jän jänner janvier janv enero ene gennaio gen janeiro januari",
		"february feb februar février févr fév febrero febbraio fevereiro fev februari",
		"march mar märz mär mars marzo março maart mrt",
		"april apr avril avr abril abr aprile",
		"may mai mayo maggio mag maio mei",
		"june jun juni juin junio giugno giu junho",
		"july jul juli juillet juil julio luglio lug julho",
		"august aug août agosto ago augustus",
		"september sep sept septembre septiembre setiembre settembre set setembro",
		"october oct oktober okt octobre octubre ottobre ott outubro out",
		"november nov novembre noviembre novembro",
		"december dec dezember dez décembre déc diciembre dic dicembre dezembro",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

// englishFiller and otherFiller are the words that may stand in a dateline
// besides the date itself — weekdays, labels, prepositions, clock words and
// zone abbreviations (zones are read but never turned into an offset) — of
// English datelines and of the other languages.
const (
	englishFiller = `
		monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun
		published posted last date on at the of
		utc gmt bst cet cest est edt cst cdt mst mdt pst pdt et pt ct ist aest aedt z`
	otherFiller = `
		montag mo dienstag di mittwoch mi donnerstag do freitag fr samstag sa sonntag so
		lundi lun mardi mar mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim
		lunes martes miércoles miercoles jueves viernes sábado sabado domingo
		lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica
		segunda terça terca quarta quinta sexta feira sábado domingo
		segunda-feira terça-feira terca-feira quarta-feira quinta-feira sexta-feira
		maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
		um am uhr le à a las de del el il alle ore h hs hrs às as em
		veröffentlicht stand publié publiée publicado publicada pubblicato gepubliceerd op om
		mez mesz`
)

// dateFiller holds the filler words of every language.
var dateFiller = wordSet(englishFiller + otherFiller)

// englishDateWords are the words of dateFiller and updatedWords that English
// datelines use; a dateline with other words is in a language that writes
// the day first.
var englishDateWords = wordSet(englishFiller + " updated update modified edited st nd rd th")

// updatedWords mark a "last updated" time, which is never the publication time.
var updatedWords = map[string]bool{
	"updated": true, "update": true, "aktualisiert": true, "modified": true, "edited": true,
	"actualizado": true, "actualizada": true, "aggiornato": true, "atualizado": true, "bijgewerkt": true, "jour": true,
}

// maxDatelineBytes is the longest paragraph read as a dateline.
const maxDatelineBytes = 80

// parsedDate is a date read from a dateline.
type parsedDate struct {
	iso     string // "2016-02-24T14:03:32", as precise as the text
	updated bool   // the line states an update time
	kind    string // "iso", "numeric" or "named": which notation the date used
}

// parseDateline reads a paragraph that consists of a date (and optionally a
// time, weekday, label and zone) and nothing else. It reports false for any
// paragraph holding other words.
func parseDateline(p string) (parsedDate, bool) {
	if len(p) > maxDatelineBytes || len(p) < 6 {
		return parsedDate{}, false
	}
	s := strings.ToLower(strings.TrimSpace(p))
	if iso, ok := parseISO(s); ok {
		return parsedDate{iso: iso, kind: "iso"}, true
	}
	var (
		year, month, day       int
		hour, minute, sec      = -1, -1, -1
		pm, am, updated, named bool
		// slashed: the date was a slash date that reads either way
		// (03/04/2024); foreign: a word of the line is not English.
		slashed, foreign bool
	)
	toks := dateTokens(s)
	for k, t := range toks {
		switch {
		case t == "":
		case isDigits(t[:1]):
			y, mo, d, h, mi, se, ok := numericToken(t, year > 0 && month > 0 && day > 0)
			if !ok {
				return parsedDate{}, false
			}
			switch {
			case y > 0 && year == 0:
				year, month, day = y, mo, d
				slashed = mo <= 12 && d <= 12 && strings.Count(t, "/") == 2
			case h >= 0 && hour < 0:
				hour, minute, sec = h, mi, se
			case d > 0 && day == 0 && d <= 31:
				day = d
			case y == 0 && mo == 0 && d == 0 && h < 0 && mi >= 1900 && year == 0:
				year = mi
			case d > 0 && hour < 0 && k+1 < len(toks) && (toks[k+1] == "pm" || toks[k+1] == "am" || toks[k+1] == "p.m" || toks[k+1] == "a.m"):
				hour, minute = d, 0
			default:
				return parsedDate{}, false
			}
		case monthNames[t] > 0 && month == 0:
			month, named = monthNames[t], true
		case t == "pm" || t == "p.m":
			pm = true
		case t == "am" || t == "a.m":
			am = true
		case updatedWords[t]:
			updated = true
			foreign = foreign || !englishDateWords[t]
		case zoneOffset(t):
		case dateFiller[t] || t == "mis" || t == "à" || t == "st" || t == "nd" || t == "rd" || t == "th" || t == "er":
			foreign = foreign || !englishDateWords[t] && len(t) > 1
		default:
			return parsedDate{}, false
		}
	}
	if slashed && foreign {
		// 12/11/2024 is November 12 outside English: the words around it
		// ("Publié le", "às", "Uhr") tell.
		month, day = day, month
	}
	if year == 0 || month == 0 || day == 0 || month > 12 || day > 31 || year < 1900 || year > 2200 {
		return parsedDate{}, false
	}
	if t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC); t.Day() != day {
		return parsedDate{}, false // February 30 rolled over into March
	}
	b := make([]byte, 0, len("2006-01-02T15:04:05"))
	b = append(appendPadded(b, year, 4), '-')
	b = append(appendPadded(b, month, 2), '-')
	b = appendPadded(b, day, 2)
	if hour >= 0 {
		if pm && hour < 12 {
			hour += 12
		}
		if am && hour == 12 {
			hour = 0
		}
		if hour > 23 || minute > 59 || sec > 59 {
			return parsedDate{}, false
		}
		b = append(appendPadded(append(b, 'T'), hour, 2), ':')
		b = appendPadded(b, minute, 2)
		if sec >= 0 {
			b = appendPadded(append(b, ':'), sec, 2)
		}
	}
	iso := string(b)
	kind := "numeric"
	if named {
		kind = "named"
	}
	return parsedDate{iso: iso, updated: updated, kind: kind}, true
}

// zoneOffset reports whether t is a zone written as an offset from UTC
// ("gmt+1", "utc-05:00"). Like a zone's name it is read and dropped: an
// offset is not kept (see parsedDate).
func zoneOffset(t string) bool {
	rest, ok := strings.CutPrefix(t, "gmt")
	if !ok {
		rest, ok = strings.CutPrefix(t, "utc")
	}
	if !ok || len(rest) < 2 || rest[0] != '+' && rest[0] != '-' {
		return false
	}
	for _, c := range []byte(rest[1:]) {
		if (c < '0' || c > '9') && c != ':' {
			return false
		}
	}
	return true
}

// appendPadded appends n in decimal, padded with zeros to width digits, as
// fmt's %0*d does (a negative n keeps its sign in front).
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		return fmt.Appendf(b, "%0*d", width, n)
	}
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(n), 10)
	for range width - len(d) {
		b = append(b, '0')
	}
	return append(b, d...)
}

// parseISO reads an RFC 3339 / ISO 8601 timestamp, keeping its local time
// and dropping the zone (sluice never converts or invents zones).
func parseISO(s string) (string, bool) {
	// Every layout starts "2006-": spare the parser the rest.
	if len(s) < 10 || s[4] != '-' || !isDigits(s[:4]) {
		return "", false
	}
	s = strings.ToUpper(s)
	// RFC 3339, also with a zone without a colon (+0000) as many sites
	// write it, and without a zone.
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Second() == 0 && !strings.Contains(s[min(len(s), 16):], ":") {
				return t.Format("2006-01-02T15:04"), true
			}
			return t.Format("2006-01-02T15:04:05"), true
		}
	}
	return "", false
}

// dateTokens splits a lower-case dateline into words and number groups,
// dropping separators. "14.03.2024, 09:30" gives ["14.03.2024", "09:30"];
// a number glued to letters ("21st", "8h15") stays one token.
func dateTokens(s string) []string {
	var out []string
	start := -1
	flush := func(i int) {
		if start >= 0 {
			out = appendDateToken(out, strings.TrimRight(s[start:i], ".:/-"))
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		case r == '.' || r == ':' || r == '/' || r == '-' || r == '+':
			// inside a number group, an abbreviation such as "p.m." or a
			// zone offset ("GMT+1"); standing alone, a separator
			if start < 0 {
				continue
			}
		case strings.ContainsRune(" ,|·•–—()[]'’@", r):
			flush(i)
		default:
			return []string{"\x00"} // a character no dateline has
		}
	}
	flush(len(s))
	return out
}

// gluedSuffixes are the words a page may write onto the number before them
// ("4:12pm", "2nd"); appendDateToken parts them.
var gluedSuffixes = []string{"am", "pm", "st", "nd", "rd", "th"}

// appendDateToken appends t to out, as two tokens when a number carries one
// of gluedSuffixes, or a time its hour mark ("00:15h"; "10h" and "8h15" are
// times on their own, see numericToken).
func appendDateToken(out []string, t string) []string {
	if n := len(t) - 1; n > 0 && t[n] == 'h' && t[n-1] >= '0' && t[n-1] <= '9' && strings.IndexByte(t, ':') > 0 {
		return append(out, t[:n], "h")
	}
	for _, suf := range gluedSuffixes {
		if n := len(t) - len(suf); n > 0 && strings.HasSuffix(t, suf) && t[n-1] >= '0' && t[n-1] <= '9' {
			return append(out, t[:n], suf)
		}
	}
	return append(out, t)
}

// numericToken reads a token starting with a digit: a full date
// (2024-03-14, 14.03.2024, 03/14/2024), a time (14:03, 14:03:32, 19.34 once
// a date is known, 8h15), a day ("21st", "14"), or a year ("2016", returned
// in mi with every other field zero). ok is false for anything else.
func numericToken(t string, haveDate bool) (y, mo, d, h, mi, se int, ok bool) {
	h, mi, se = -1, -1, -1
	// Strip an ordinal suffix: 21st, 1er, 3rd.
	for _, suf := range []string{"st", "nd", "rd", "th", "er", "º", "ª"} {
		if strings.HasSuffix(t, suf) && isDigits(t[:len(t)-len(suf)]) {
			t = t[:len(t)-len(suf)]
			break
		}
	}
	if isDigits(t) {
		n := atoi(t)
		if len(t) == 4 {
			return 0, 0, 0, -1, n, -1, true
		}
		if len(t) <= 2 {
			return 0, 0, n, -1, -1, -1, n >= 1
		}
		return
	}
	if i := strings.IndexByte(t, 'h'); i > 0 && isDigits(t[:i]) && (i == len(t)-1 || isDigits(t[i+1:])) {
		m := 0
		if i < len(t)-1 {
			m = atoi(t[i+1:])
		}
		return 0, 0, 0, atoi(t[:i]), m, -1, true
	}
	var parts []string
	var seps []byte
	last := 0
	for i := 0; i < len(t); i++ {
		if c := t[i]; c == '.' || c == ':' || c == '/' || c == '-' {
			parts = append(parts, t[last:i])
			seps = append(seps, c)
			last = i + 1
		}
	}
	parts = append(parts, t[last:])
	for _, p := range parts {
		if !isDigits(p) || len(p) > 4 {
			return
		}
	}
	switch {
	case len(parts) == 3 && seps[0] == seps[1] && seps[0] != ':' && len(parts[0]) == 4:
		return atoi(parts[0]), atoi(parts[1]), atoi(parts[2]), -1, -1, -1, true
	case len(parts) == 3 && seps[0] == seps[1] && seps[0] != ':' && (len(parts[2]) == 4 || len(parts[2]) == 2):
		a, b, c := atoi(parts[0]), atoi(parts[1]), atoi(parts[2])
		if len(parts[2]) == 2 {
			c += 2000
		}
		if seps[0] == '/' && a <= 12 && b > 12 || seps[0] == '/' && a <= 12 && b <= 12 {
			return c, a, b, -1, -1, -1, true // US month/day/year
		}
		return c, b, a, -1, -1, -1, true
	case len(parts) == 3 && seps[0] == ':' && seps[1] == ':':
		return 0, 0, 0, atoi(parts[0]), atoi(parts[1]), atoi(parts[2]), true
	case len(parts) == 2 && (seps[0] == ':' || seps[0] == '.' && haveDate) && len(parts[1]) == 2:
		return 0, 0, 0, atoi(parts[0]), atoi(parts[1]), -1, true
	case len(parts) == 2 && seps[0] == '.' && parts[1] == "":
		return 0, 0, atoi(parts[0]), -1, -1, -1, true
	}
	return
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
