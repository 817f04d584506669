package stages

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Attribution finds an outlet credit at the end of a paragraph, as described
// by the attribution rules: a tail glued to the sentence ("…deaths and
// desertions., Independent reported."), a wire agency in parentheses
// ("…the team said. (AFP)") or a sign-off, on its own line ("— AP") or
// after the last sentence ("…the team said. — AP"). It cuts the credit
// off, so the sentence ends at its own full stop, and sets Meta.Attribution
// to the outlet. The glue, a full stop directly followed by a comma, is what
// tells a tail from an ordinary sentence that ends in "…, CBS reported.".
//
// A rule's regexp matches the end of the paragraph (anchor it with $) within
// its last attributionWindow bytes; its group "cut" is the text removed and
// "outlet" the outlet.
//
// A wire lead-in ("LONDON (Reuters) - ") stays at the start of the first
// paragraph, but its agency becomes the attribution when no tail names one.
type Attribution struct {
	// Rules supplies the attribution patterns.
	Rules *Rules
}

// Name returns "attribution".
func (Attribution) Name() string { return "attribution" }

// attributionWindow is how many bytes at the end of a paragraph a tail
// pattern sees.
const attributionWindow = 240

// Process cuts attribution tails.
func (s Attribution) Process(_ context.Context, d *Doc) error {
	ps := d.paras()
	var edited []para
	for i := range ps {
		p := ps[i].text
		// Peel tails until none is left, so the stage is idempotent on
		// "…., AP said., Reuters reported.". The last tail names the outlet.
		for p != "" {
			off := 0
			if len(p) > attributionWindow {
				off = len(p) - attributionWindow
				for off < len(p) && !utf8.RuneStart(p[off]) {
					off++
				}
			}
			if !tailCandidate(p[off:]) {
				break
			}
			r, m := s.Rules.Match(ClassAttribution, p[off:])
			if r == nil || m == nil {
				break
			}
			cut, outlet := group(r, m, "cut"), group(r, m, "outlet")
			if cut[0] < 0 || outlet[0] < 0 {
				break
			}
			d.Remove(ClassAttribution, r.ID, p[off+cut[0]:])
			if d.Meta.Attribution == "" {
				d.Meta.Attribution = strings.TrimSpace(p[off+outlet[0] : off+outlet[1]])
			}
			p = strings.TrimSpace(p[:off+cut[0]])
			if edited == nil {
				edited = append([]para(nil), ps...)
			}
			edited[i] = newPara(p)
		}
	}
	if edited != nil {
		d.setParas(edited)
		ps = d.paras()
	}
	// The lead-in opens the body: look at the first few paragraphs (the
	// headline and byline may still stand before it). A lead-in the
	// crawler left on a line of its own ("MADRID, 5 Abr. (EUROPA PRESS) -")
	// is joined to the paragraph it opens, where it belongs.
	for i := 0; i < len(ps) && i < maxLeadInParagraph; i++ {
		head := clipBytes(ps[i].text, 120)
		if strings.IndexByte(head, ')') < 0 {
			continue
		}
		m := wireLeadIn.FindStringSubmatchIndex(head)
		if m == nil {
			continue
		}
		if d.Meta.Attribution == "" {
			d.Meta.Attribution = strings.TrimSpace(head[m[2]:m[3]])
		}
		if m[1] == len(ps[i].text) && i+1 < len(ps) && startsUpper(ps[i+1].text) {
			joined := append([]para(nil), ps...)
			joined[i] = newPara(ps[i].text + " " + ps[i+1].text)
			joined[i+1].text = ""
			d.setParas(joined)
		}
		break
	}
	return nil
}

// maxLeadInParagraph is how many paragraphs from the top a wire lead-in
// is looked for: navigation, headline, dateline and byline may still stand
// before it.
const maxLeadInParagraph = 8

// wireLeadIn matches a dateline lead-in naming a wire agency, alone on
// its line or opening the paragraph: "LONDON (Reuters) - ", "PARIS, 3 mars
// (AFP) — ", "MADRID, 5 Abr. (EUROPA PRESS) -", "Madrid, 4 feb (EFE).- ".
// The agency is group 1.
var wireLeadIn = regexp.MustCompile(`^\p{Lu}[\p{L}\p{N} .,'’/-]{1,60}\((\p{Lu}?[\p{L}.&]{1,15}(?: \p{Lu}[\p{L}.&]{1,15})?)\)\.?\s*[-–—](?:\s|$)`)

// maxDashCredit is the most bytes from a dash to the end of a paragraph
// that tailCandidate takes for a credit ("— AP", "— ANSA/EFE").
const maxDashCredit = 24

// lastDash returns the index of the last dash (-, – or —) that starts in
// the last maxDashCredit bytes of p, or -1. It reads those bytes only:
// every paragraph is tested.
func lastDash(p string) int {
	for i := len(p) - 1; i >= max(0, len(p)-maxDashCredit); i-- {
		switch p[i] {
		case '-':
			return i
		case 0xE2: // – is E2 80 93, — is E2 80 94
			if i+2 < len(p) && p[i+1] == 0x80 && (p[i+2] == 0x93 || p[i+2] == 0x94) {
				return i
			}
		}
	}
	return -1
}

// group returns the start and end of the named group of match m of rule r,
// or {-1, -1}.
func group(r *Rule, m []int, name string) [2]int {
	if r.re == nil {
		return [2]int{-1, -1}
	}
	i := r.re.SubexpIndex(name)
	if i < 0 || 2*i+1 >= len(m) {
		return [2]int{-1, -1}
	}
	return [2]int{m[2*i], m[2*i+1]}
}

// tailCandidate is the shape every attribution tail has, checked before
// any regexp runs: the paragraph ends in ')' or ').' (a wire agency in
// parentheses), starts with a dash (a sign-off line), ends in a dash and a
// short credit in capitals after a sentence ("…the contracts. — AP"), or
// has a sentence end glued to a comma.
func tailCandidate(p string) bool {
	if strings.HasSuffix(p, ")") || strings.HasSuffix(p, ").") || strings.HasPrefix(p, "-") || strings.HasPrefix(p, "—") || strings.HasPrefix(p, "–") {
		return true
	}
	if c := p[len(p)-1]; c >= 'A' && c <= 'Z' {
		if i := lastDash(p); i > 0 && endsSentence(strings.TrimRight(p[:i], " -")) {
			return true
		}
	}
	for i := strings.IndexByte(p, ','); i >= 0; {
		j := i - 1
		for j >= 0 && p[j] == ' ' {
			j--
		}
		// Step back over one closing quote (ASCII or a multi-byte rune).
		if j >= 0 && (p[j] == '"' || p[j] == '\'') {
			j--
		} else if j >= 0 && p[j] >= 0x80 {
			r, n := utf8.DecodeLastRuneInString(p[:j+1])
			if strings.ContainsRune("”’»«“", r) {
				j -= n
			}
		}
		if j >= 0 {
			r, _ := utf8.DecodeLastRuneInString(p[:j+1])
			if r == '.' || r == '!' || r == '?' || r == '…' {
				return true
			}
		}
		k := strings.IndexByte(p[i+1:], ',')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}
