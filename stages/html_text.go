package stages

import (
	"context"
	"mime"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// HTMLText turns an HTML page into plain text, one block element per line,
// leaving out elements that never hold article text (scripts, styles,
// navigation, headers, footers, asides, forms, iframes, hidden elements). It
// reads the title from og:title or <title> and the language from <html lang>.
// It does nothing when d.ContentType is not HTML.
//
// This is the plain baseline extractor; the text stages that follow it remove
// the debris that remains.
type HTMLText struct{}

// Name returns "html-text".
func (HTMLText) Name() string { return "html-text" }

// skipTags are elements whose content is never article text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true,
	"nav": true, "header": true, "footer": true, "aside": true, "form": true,
	"iframe": true, "object": true, "embed": true, "button": true, "select": true,
	"head": true, "figure": true, "figcaption": true,
}

// blockTags are elements that start a new line.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "li": true, "ul": true, "ol": true, "blockquote": true,
	"pre": true, "table": true, "tr": true, "td": true, "th": true, "section": true,
	"article": true, "main": true, "dd": true, "dt": true, "dl": true, "hr": true,
	"body": true, "address": true, "center": true,
}

// IsHTML reports whether the media type ct is HTML.
func IsHTML(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// Process extracts the text of an HTML page.
func (HTMLText) Process(ctx context.Context, d *Doc) error {
	if !IsHTML(d.ContentType) {
		return nil
	}
	root, err := html.Parse(strings.NewReader(d.Text))
	if err != nil {
		return badInput("HTML does not parse: %v", err)
	}
	doc := goquery.NewDocumentFromNode(root)
	if d.Meta.Title == "" {
		t, _ := doc.Find(`meta[property="og:title"]`).Attr("content")
		if t = strings.TrimSpace(t); t == "" {
			t = strings.TrimSpace(doc.Find("title").First().Text())
		}
		d.Meta.Title = t
	}
	if d.Meta.Lang == "" {
		if l, ok := doc.Find("html").Attr("lang"); ok {
			l = strings.ToLower(strings.SplitN(strings.SplitN(strings.TrimSpace(l), "-", 2)[0], "_", 2)[0])
			if len(l) == 2 && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z' {
				d.Meta.Lang = l
			}
		}
	}
	var b strings.Builder
	b.Grow(len(d.Text) / 2)
	// Walk iteratively: deeply nested pages must not exhaust the stack.
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: root}}
	for steps := 0; len(stack) > 0; steps++ {
		if steps&0xfff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			b.WriteByte('\n')
			continue
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			continue
		case html.ElementNode:
			if skipTags[n.Data] || hidden(n) {
				continue
			}
			if blockTags[n.Data] {
				b.WriteByte('\n')
				stack = append(stack, frame{n: n, exit: true})
			}
		case html.CommentNode, html.DoctypeNode:
			continue
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
	d.Text = b.String()
	return nil
}

// hidden reports whether an element is hidden from readers.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}
