package stages

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Headline lifts the headline and the section label (kicker) out of the page
// header, the paragraphs before the first paragraph of prose. When the title
// is already known (an HTML page's metadata), only a header line that is
// that title is taken.
//
// The headline is the longest header paragraph shaped like a headline (2 to 30
// words, starting with a capital or digit, not ending in a full stop, comma,
// colon or semicolon). A section label is a header paragraph of one to four
// words right before or after the headline. Headline only acts when these
// explain the whole header: if any other paragraph stays there, it takes
// nothing, because it cannot tell which line is the headline; stages that run
// earlier remove navigation, datelines and bylines from the header. This also
// makes it idempotent: its output has no header left to read.
type Headline struct{}

// Name returns "headline".
func (Headline) Name() string { return "headline" }

// Process removes the headline and section label.
func (Headline) Process(_ context.Context, d *Doc) error {
	ps := d.paras()
	end := headerEnd(d, ps)
	if end == 0 || end == len(ps) {
		return nil
	}
	title := -1
	for i := 0; i < end; i++ {
		if headlineShaped(&ps[i]) && (title < 0 || ps[i].words > ps[title].words) {
			title = i
		}
	}
	if title < 0 {
		return nil
	}
	// A title already known (from an HTML page's metadata) is the only
	// header line that may go as the title: a dek or subtitle stays.
	if d.Meta.Title != "" && !sameTitle(ps[title].text, d.Meta.Title) {
		return nil
	}
	section := -1
	for i := 0; i < end; i++ {
		if i == title {
			continue
		}
		if (i == title-1 || i == title+1) && sectionShaped(&ps[i]) && section < 0 {
			section = i
			continue
		}
		return nil // an unexplained header paragraph
	}
	if d.Meta.Title == "" {
		d.Meta.Title = ps[title].text
	}
	d.Remove(ClassTitle, "headline.header", ps[title].text)
	if section >= 0 {
		if d.Meta.Section == "" {
			d.Meta.Section = ps[section].text
		}
		d.Remove(ClassSectionLabel, "headline.kicker", ps[section].text)
	}
	// The title and the section label are the whole header.
	d.setParas(ps[end:])
	return nil
}

// headlineShaped reports whether p looks like a headline.
func headlineShaped(p *para) bool {
	if p.words < 2 || p.words > 30 || !startsUpper(p.text) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p.text)
	return r != '.' && r != ',' && r != ':' && r != ';'
}

// sectionShaped reports whether p looks like a section label ("Islamic Extremism").
func sectionShaped(pa *para) bool {
	p := pa.text
	if pa.words < 1 || pa.words > 4 || len(p) > 40 || !startsUpper(p) || endsSentence(p) && !endsWithInitials(p) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p)
	return r != ',' && r != ':' && r != ';'
}

// endsWithInitials reports whether the last word of p is initials with
// their full stops ("U.S.", "E.U."), which end no sentence in a label.
func endsWithInitials(p string) bool {
	w := p[strings.LastIndexByte(p, ' ')+1:]
	return len(w) <= len("U.S.A.") && strings.Count(w, ".") >= 2 && strings.HasSuffix(w, ".")
}

// sameTitle reports whether header line p is the known title t: equal after
// folding case and spaces, or one contains the other (a <title> often adds
// the site name: "Headline | Site").
func sameTitle(p, t string) bool {
	fp, ft := strings.ToLower(strings.Join(strings.Fields(p), " ")), strings.ToLower(strings.Join(strings.Fields(t), " "))
	return fp == ft || strings.Contains(ft, fp) || strings.Contains(fp, ft)
}
