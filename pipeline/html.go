package pipeline

import (
	"html"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/microcosm-cc/bluemonday"
	"github.com/sluice-news/sluice/stages"
)

// safeHTMLPolicy is bluemonday's policy for user-generated content: links,
// images and text formatting stay, with safe attributes and URL schemes;
// scripts, styles, iframes, forms and event handlers go. A Policy is safe
// for concurrent use once built.
var safeHTMLPolicy = bluemonday.UGCPolicy()

// SafeHTML returns the clean article of d as sanitized HTML. For an HTML
// page it is the extracted main content without the headline and without
// the blocks whose text the text stages removed as debris; for a text page,
// one <p> per paragraph of the clean text.
func SafeHTML(d *stages.Doc) string {
	if d.HTML == "" {
		var b strings.Builder
		for _, p := range strings.Split(d.Text, "\n") {
			if p != "" {
				b.WriteString("<p>")
				b.WriteString(html.EscapeString(p))
				b.WriteString("</p>\n")
			}
		}
		return b.String()
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(d.HTML))
	if err != nil {
		return ""
	}
	removed := make([]string, 0, len(d.Removed))
	for _, r := range d.Removed {
		if t := foldSpace(strings.TrimSuffix(r.Text, "…")); t != "" {
			removed = append(removed, t)
		}
	}
	doc.Find("h1").Remove()
	doc.Find("p, li, h2, h3, h4, h5, h6, blockquote, pre, dd, dt, figcaption, div").Each(func(_ int, s *goquery.Selection) {
		if s.Children().Filter("p, li, div, ul, ol, table, blockquote").Length() > 0 {
			return // a container: its blocks are judged one by one
		}
		t := foldSpace(s.Text())
		for _, r := range removed {
			if t == r || strings.HasPrefix(t, r) && len(r) >= stages.MaxRemovalText/2 {
				s.Remove()
				return
			}
		}
	})
	body, err := doc.Find("body").Html()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(safeHTMLPolicy.Sanitize(body))
}

// foldSpace folds runs of white space to one space and trims.
func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
