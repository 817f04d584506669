package stages

import (
	"context"
	"encoding/json"
	"mime"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLText finds the article in an HTML page and turns it into plain text,
// one block element per line, for the text stages that follow. It does
// nothing when d.ContentType is not HTML.
//
// It reads the title (og:title, else <title>), the language (<html lang>)
// and the publication time (article:published_time and kin) first. Then it
// prunes what never holds article text: scripts, styles, navigation,
// headers, footers, asides, figures, form controls, hidden elements, and
// containers whose class or id names boilerplate (comments, share, related,
// newsletter, cookie, ad, sidebar, …) unless it also names content. It
// scores every text block by its length and commas, credits the score to
// its parent and grandparent, weighs containers by class and link density,
// and keeps the best container with the siblings that score close to it.
// A page where no container stands out is kept whole.
type HTMLText struct {
	// Rules, if set, supplies the related-list headings: a heading that
	// matches one ("Related posts", "Você pode gostar...") is pruned with
	// the run of linked items that follows it.
	Rules *Rules
}

// Name returns "html-text".
func (HTMLText) Name() string { return "html-text" }

// IsHTML reports whether the media type ct is HTML.
func IsHTML(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// skipTags are elements whose content is never article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Button: true, atom.Select: true, atom.Input: true,
	atom.Textarea: true, atom.Label: true, atom.Head: true, atom.Figure: true, atom.Figcaption: true,
	atom.Canvas: true, atom.Dialog: true, atom.Menu: true, atom.Link: true, atom.Meta: true,
}

// structuralTags are the skipTags that mark page regions by their role
// (navigation, header, footer, aside). Broken markup can leave the whole
// page inside one of them, so prune keeps one that holds most of the prose.
var structuralTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Menu: true, atom.Dialog: true,
}

// blockTags are elements that start a new line.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Hr: true,
	atom.Body: true, atom.Address: true, atom.Center: true, atom.Form: true, atom.Fieldset: true,
}

// Container names. A class or id token ("article-comments", "entry_content")
// is split at '-', '_' and ':'. Its last part that is a content word or a
// strong boilerplate word decides it ("article-comments" is boilerplate,
// "entry-content" content); a weak boilerplate word, short and used as a
// qualifier too ("Page-ad-margins"), counts only as the last part. "widget"
// alone is a sidebar's block; as the last part of a longer token it names
// a site builder's block of any kind ("elementor-widget"), and the other
// parts decide.
var (
	strongBoilerplate = wordSet(`comment comments share sharing sharebar social related recommended recommendations
		newsletter subscribe subscription signup cookie cookies consent gdpr advert advertisement
		adslot adunit dfp sidebar breadcrumb breadcrumbs pagination navbar navigation outbrain
		taboola disqus caption credit credits byline timestamp dateline skiplink masthead cta donate donation paywall
		author bio`)
	weakBoilerplate = wordSet(`ad ads nav menu tags banner promo promotion widget toolbar popup modal pager
		trending sponsor sponsored footer`)
	contentWords = wordSet(`article articlebody content entry story body main prose text embed embedded tweet`)
)

// wordSet returns the set of white-space separated words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// The verdicts of names.kind.
const (
	nameContent     = 1
	nameNeither     = 0
	nameWeak        = -1 // only weak boilerplate words
	nameBoilerplate = -2 // a strong boilerplate word
)

// names judges elements by their class and id words. On a discussion
// page (a forum topic, a Q&A page) the words that name comments name its
// content: the replies. A caption is a photo's on a page that declares
// itself an article; on other pages (a product, a collection) it is the
// text under an item's picture: its description.
type names struct{ discussion, article bool }

// strong reports whether the class or id word w names boilerplate.
func (nm names) strong(w string) bool {
	switch {
	case nm.discussion && commentWords[w], !nm.article && w == "caption":
		return false
	}
	return strongBoilerplate[w]
}

// disclosureWords name the panels a control opens in place: tabs,
// expanders, toggles, FAQ answers.
var disclosureWords = wordSet(`tab tabs tabcontent expander expandable toggle faq answer`)

// consentWords are the strongBoilerplate words that name consent notices.
var consentWords = wordSet(`cookie cookies consent gdpr`)

// nameTokens returns the class and id tokens of n, lower-cased.
func nameTokens(n *html.Node) []string {
	return strings.Fields(strings.ToLower(attr(n, "class") + " " + attr(n, "id")))
}

// tokenParts splits a class or id token at '-', '_' and ':'
// ("article-comments" is "article", "comments").
func tokenParts(tok string) []string {
	return strings.FieldsFunc(tok, func(r rune) bool { return r == '-' || r == '_' || r == ':' })
}

// nameHas reports whether a part of a class or id token of n is in words.
func nameHas(n *html.Node, words map[string]bool) bool {
	for _, tok := range nameTokens(n) {
		for _, part := range tokenParts(tok) {
			if words[part] {
				return true
			}
		}
	}
	return false
}

// commentWords are the strongBoilerplate words that name comments.
var commentWords = wordSet(`comment comments`)

// kind classifies an element by its class and id tokens (content wins
// when both occur).
func (nm names) kind(n *html.Node) int {
	kind := nameNeither
	for _, tok := range nameTokens(n) {
		parts := tokenParts(tok)
		last := len(parts) - 1
		switch {
		case last > 0 && parts[last] == "widget":
			// A site builder's block ("elementor-widget",
			// "hs_cos_wrapper_widget"): its other words decide.
			parts = parts[:last]
		case last == 0 && parts[0] == "widget":
			kind = min(kind, nameWeak)
			continue
		case last >= 0 && weakBoilerplate[parts[last]]:
			kind = nameBoilerplate
			continue
		}
		for i := len(parts) - 1; i >= 0; i-- {
			if contentWords[parts[i]] {
				return nameContent
			}
			if nm.strong(parts[i]) {
				kind = nameBoilerplate
				break
			}
		}
	}
	return kind
}

// Process extracts the article text of an HTML page.
func (s HTMLText) Process(ctx context.Context, d *Doc) error {
	if !IsHTML(d.ContentType) {
		return nil
	}
	doc, err := parseHTML(d.Text)
	if err != nil {
		return err
	}
	readHTMLMeta(doc, d)
	var nm names
	nm.article, nm.discussion = declares(doc)
	text, nodes, err := s.extract(ctx, doc, nm, len(d.Text))
	if err != nil {
		return err
	}
	if !nm.discussion && wordCount(text) < minArticleWords {
		// Next to nothing is left once the comments are pruned: the page
		// shares a link for discussion, and its comments are its content.
		// (prune changed the tree, so the page is parsed again.)
		if doc, err = parseHTML(d.Text); err != nil {
			return err
		}
		thread := names{discussion: true, article: nm.article}
		t, n, err := s.extract(ctx, doc, thread, len(d.Text))
		if err != nil {
			return err
		}
		if wordCount(t) >= minArticleWords {
			text, nodes, nm = t, n, thread
		}
	}
	d.Discussion = nm.discussion
	var h strings.Builder
	for _, n := range nodes {
		if err := html.Render(&h, n); err != nil {
			return err
		}
	}
	d.HTML = h.String()
	d.Text = text
	return nil
}

// parseHTML parses a page with scripting off, as a crawler does: <noscript>
// content is parsed as markup, and unwrapNoscript keeps it where it is the
// page's content.
func parseHTML(page string) (*goquery.Document, error) {
	root, err := html.ParseWithOptions(strings.NewReader(page), html.ParseOptionEnableScripting(false))
	if err != nil {
		return nil, badInput("HTML does not parse: %v", err)
	}
	if err := reparseIframeText(root); err != nil {
		return nil, err
	}
	return goquery.NewDocumentFromNode(root), nil
}

// reparseIframeText parses again the markup an unclosed <iframe> swallowed.
// An iframe's content is raw text up to its end tag, so a tracking pixel
// written "<iframe …/>" inside <noscript> (read as markup, scripting off)
// turns the rest of the page into one text node. That text is parsed as
// the body's content and put after the noscript (or the iframe).
func reparseIframeText(n *html.Node) error {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.Iframe {
			if err := reparseIframeText(c); err != nil {
				return err
			}
			continue
		}
		t := c.FirstChild
		if t == nil || t.Type != html.TextNode || !strings.Contains(t.Data, "</") {
			continue
		}
		nodes, err := html.ParseFragmentWithOptions(strings.NewReader(t.Data),
			&html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}, html.ParseOptionEnableScripting(false))
		if err != nil {
			return badInput("HTML does not parse: %v", err)
		}
		c.RemoveChild(t)
		at := c
		for a := c.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
			if a.DataAtom == atom.Noscript {
				at = a
			}
		}
		for i := len(nodes) - 1; i >= 0; i-- {
			at.Parent.InsertBefore(nodes[i], at.NextSibling)
		}
	}
	return nil
}

// extract prunes the parsed page doc, judging names by nm, and returns its
// main content as text (one block per line) and the nodes it came from.
// size, the page's length, sizes the text buffer.
func (s HTMLText) extract(ctx context.Context, doc *goquery.Document, nm names, size int) (string, []*html.Node, error) {
	declared := nm.article
	body := doc.Nodes[0]
	if b := doc.Find("body").First(); b.Length() > 0 {
		body = b.Get(0)
	}
	unwrapNoscript(body)
	if err := prune(ctx, body, nm); err != nil {
		return "", nil, err
	}
	if s.Rules != nil {
		pruneRelated(body, s.Rules.triggers(ClassRelatedList))
	}
	var b strings.Builder
	b.Grow(size / 4)
	nodes := mainContent(body, nm)
	// A page that neither declares itself an article nor has an article's
	// prose (a listing, a product, a forum thread) is read whole: its
	// content is not one block of paragraphs. Its link lists stay when they
	// are its items (see listsAreContent).
	article := declared
	for _, n := range nodes {
		if paragraphText(n, false) >= minArticleProse {
			article = true
		}
	}
	if !article {
		if textBlockArticle(nodes, body) != nil {
			article = true
		} else if len(nodes) == 1 && nodes[0] == body {
			// No container of paragraphs stood out; an article written as
			// text and <br>s still may.
			if n := textBlockArticle([]*html.Node{largestProseBlock(body)}, body); n != nil {
				nodes, article = []*html.Node{n}, true
			}
		}
	}
	if !article {
		nodes = []*html.Node{body}
	}
	// Link lists are left out first; the cases below read them back.
	if err := writeNodes(ctx, &b, nodes, true); err != nil {
		return "", nil, err
	}
	written, bodyWords := len(strings.Fields(b.String())), len(strings.Fields(textOf(body)))
	if article && !declared && nodes[0] != body && float64(written) < minArticlePageShare*float64(bodyWords) {
		// A page that does not declare itself an article, whose chosen
		// containers hold too little of its text outside link lists, is
		// no article: one section of a landing page, one post of a thread,
		// a product's description beside its details. (The body's words
		// bound that text, so most articles stop at the test above
		// without writing it.)
		var all strings.Builder
		if err := writeText(ctx, &all, body, true); err != nil {
			return "", nil, err
		}
		if allWords := len(strings.Fields(all.String())); float64(written) < minArticlePageShare*float64(allWords) {
			b.Reset()
			b.WriteString(all.String())
			nodes, article, written = []*html.Node{body}, false, allWords
		}
	}
	switch {
	case !article && listsAreContent(written, bodyWords):
		// A listing: its link lists are its items.
		b.Reset()
		if err := writeNodes(ctx, &b, nodes, false); err != nil {
			return "", nil, err
		}
	case article && tooLittleText(written, bodyWords):
		// The article's containers held next to no text outside link
		// rails: the page is a listing of linked teasers after all.
		b.Reset()
		nodes = []*html.Node{body}
		if err := writeNodes(ctx, &b, nodes, false); err != nil {
			return "", nil, err
		}
	case article && mostlyLinkLists(written, nodes):
		// An index page: a short introduction, and its content in the
		// link lists of the same container.
		b.Reset()
		if err := writeNodes(ctx, &b, nodes, false); err != nil {
			return "", nil, err
		}
	}
	return b.String(), nodes, nil
}

// writeNodes writes the text of each of nodes (see writeText), a line
// break after each.
func writeNodes(ctx context.Context, b *strings.Builder, nodes []*html.Node, skipLinkLists bool) error {
	for _, n := range nodes {
		if err := writeText(ctx, b, n, skipLinkLists); err != nil {
			return err
		}
		b.WriteByte('\n')
	}
	return nil
}

// The tests below take word counts (white-space separated): written, of
// the text written with link lists left out; bodyWords, of the page body.

// tooLittleText reports whether the text extracted as an article is too
// little to be one, next to the text of the whole page body: fewer than
// minArticleWords words, or less than minArticleShare of the body's words.
func tooLittleText(written, bodyWords int) bool {
	return bodyWords >= minArticleWords && (written < minArticleWords || float64(written) < minArticleShare*float64(bodyWords))
}

// mostlyLinkLists reports whether the text written from nodes is short
// (under maxIndexIntroWords words) and less than maxIndexIntroShare of the
// nodes' words: the lists are the content.
func mostlyLinkLists(written int, nodes []*html.Node) bool {
	if written >= maxIndexIntroWords {
		return false
	}
	all := 0
	for _, c := range nodes {
		all += len(strings.Fields(textOf(c)))
	}
	return float64(written) < maxIndexIntroShare*float64(all)
}

// listsAreContent reports whether the link lists of a page that is no
// article are its content: the text written from the body has under
// maxIndexIntroWords words or under minUnlistedShare of the body's words.
// Otherwise the lists are menus and related links beside a product's, a
// service's or a thread's own text.
func listsAreContent(written, bodyWords int) bool {
	return written < maxIndexIntroWords || float64(written) < minUnlistedShare*float64(bodyWords)
}

// textBlockArticle returns the one of nodes that holds an article written
// as text and <br>s rather than paragraphs, or nil: its own text is
// article-long, reads as sentences, not code, and is most of the page's
// text outside links.
func textBlockArticle(nodes []*html.Node, body *html.Node) *html.Node {
	total, linked := textLengths(body)
	for _, n := range nodes {
		own := ownText(n)
		if n != body && len(own) >= minArticleProse && float64(len(own)) >= minOwnShare*float64(total-linked) &&
			codeKind(own) == "" && sentenceEnds(own) >= 2 {
			return n
		}
	}
	return nil
}

// largestProseBlock returns the block element under root with the most own
// text that reads as sentences (two sentence ends at least), or root.
func largestProseBlock(root *html.Node) *html.Node {
	best, bestLen := root, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipTags[c.DataAtom] {
				continue
			}
			if blockTags[c.DataAtom] {
				if own := ownText(c); len(own) > bestLen && sentenceEnds(own) >= 2 {
					best, bestLen = c, len(own)
				}
			}
			walk(c)
		}
	}
	walk(root)
	return best
}

// sentenceEnds counts the sentence ends in s: terminal punctuation followed
// by a space or the end.
func sentenceEnds(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '!', '?':
			if i+1 == len(s) || s[i+1] == ' ' {
				n++
			}
		}
	}
	return n
}

// articleTypes are the schema.org types (in JSON-LD) of article pages.
var articleTypes = []string{`"Article"`, `"NewsArticle"`, `"BlogPosting"`, `"Report"`, `"ReportageNewsArticle"`, `"AnalysisNewsArticle"`, `"OpinionNewsArticle"`, `"TechArticle"`, `"ScholarlyArticle"`}

// discussionTypes are the schema.org types (in JSON-LD) of discussion pages.
var discussionTypes = []string{`"DiscussionForumPosting"`, `"QAPage"`}

// declares reports what the page says it is, reading its JSON-LD scripts
// once: an article (og:type "article" or a JSON-LD object of an article
// type) and a discussion (a JSON-LD object of a discussion type).
func declares(doc *goquery.Document) (article, discussion bool) {
	if t, _ := doc.Find(`meta[property="og:type"]`).First().Attr("content"); strings.EqualFold(strings.TrimSpace(t), "article") {
		article = true
	}
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		js := s.Text()
		article = article || ldHasType(js, articleTypes)
		discussion = discussion || ldHasType(js, discussionTypes)
		return !article || !discussion
	})
	return article, discussion
}

// ldHasType reports whether the JSON-LD text js has an object whose @type
// is one of types (quoted JSON strings).
func ldHasType(js string, types []string) bool {
	for _, t := range types {
		if strings.Contains(js, `"@type":`+t) || strings.Contains(js, `"@type": `+t) {
			return true
		}
	}
	return false
}

// readHTMLMeta fills empty metadata from the page: the title (the <h1>
// headline, else og:title, twitter:title, JSON-LD headline or <title>, each
// without a site-name suffix), the language
// (<html lang>), the publication time (article:published_time and kin,
// JSON-LD datePublished, <time datetime>), the byline (meta author, JSON-LD
// author, rel=author) and, when the producer gave no URL, the canonical URL.
func readHTMLMeta(doc *goquery.Document, d *Doc) {
	meta := func(sel string) string {
		v, _ := doc.Find(sel).First().Attr("content")
		return strings.TrimSpace(v)
	}
	ld := jsonLDArticle(doc)
	if d.Meta.Title == "" {
		site := meta(`meta[property="og:site_name"]`)
		for _, t := range []string{
			pageHeadline(doc),
			stripSiteName(meta(`meta[property="og:title"]`), site),
			stripSiteName(meta(`meta[name="twitter:title"]`), site),
			ld.headline,
			stripSiteName(strings.TrimSpace(doc.Find("title").First().Text()), site),
		} {
			if t != "" {
				d.Meta.Title = t
				break
			}
		}
	}
	if d.Meta.Lang == "" {
		if l, ok := doc.Find("html").Attr("lang"); ok {
			l = strings.ToLower(strings.SplitN(strings.SplitN(strings.TrimSpace(l), "-", 2)[0], "_", 2)[0])
			if len(l) == 2 && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z' {
				d.Meta.Lang = l
			}
		}
	}
	if d.Meta.PublishedAt == "" {
		candidates := []string{meta(`meta[property="article:published_time"]`), meta(`meta[itemprop="datePublished"]`),
			meta(`meta[name="pubdate"]`), meta(`meta[name="date"]`), ld.published}
		if v, ok := doc.Find(`time[itemprop="datePublished"], time[pubdate], article time[datetime]`).First().Attr("datetime"); ok {
			candidates = append(candidates, strings.TrimSpace(v))
		}
		// Microdata on any element, and JSON-LD of other types (a WebPage's
		// datePublished) come last.
		if s := doc.Find(`[itemprop="datePublished"]`).First(); s.Length() > 0 {
			for _, a := range []string{"content", "datetime"} {
				if v, ok := s.Attr(a); ok {
					candidates = append(candidates, strings.TrimSpace(v))
				}
			}
		}
		candidates = append(candidates, ld.anyPublished)
		for _, v := range candidates {
			if pd, ok := parseDateline(v); ok && v != "" && !pd.updated {
				d.Meta.PublishedAt = pd.iso
				break
			}
		}
	}
	if d.Meta.Byline == "" {
		candidates := []string{meta(`meta[name="author"]`), ld.author}
		for _, sel := range []string{`[itemprop="author"] [itemprop="name"]`, `[itemprop="author"]`, `[rel="author"]`, `.byline`, `.author-name`, `.author`,
			`[class*="author-name"], [class*="authorName"], [class*="author_name"]`, `[class*="byline"]`, `[class*="author"]`} {
			candidates = append(candidates, doc.Find(sel).First().Text())
		}
		for _, v := range candidates {
			v = stripAuthorLabel(strings.Join(strings.Fields(v), " "))
			if name, ok := authorNames(v); ok && v != "" {
				d.Meta.Byline = name
				break
			}
		}
	}
	if d.URL == "" {
		if href, ok := doc.Find(`link[rel="canonical"]`).First().Attr("href"); ok && strings.HasPrefix(href, "http") {
			d.URL = strings.TrimSpace(href)
		}
	}
}

// authorLabels are the words that introduce an author's name in a byline.
var authorLabels = []string{"written by ", "posted by ", "published by ", "reviewed by ", "author: ", "by ",
	"von ", "par ", "por ", "di ", "door ", "autor: ", "auteur : ", "auteur: ", "autore: "}

// stripAuthorLabel returns s without a leading author label ("By ",
// "Written by ", "Von ").
func stripAuthorLabel(s string) string {
	for _, l := range authorLabels {
		if len(s) > len(l) && strings.EqualFold(s[:len(l)], l) {
			return s[len(l):]
		}
	}
	return s
}

// pageHeadline returns the headline the page shows: its first <h1> of 3 to
// 40 words (a logo's <h1> is shorter), or "".
func pageHeadline(doc *goquery.Document) string {
	h := ""
	doc.Find("h1").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		t := spacedText(s.Get(0))
		if w := wordCount(t); w >= 3 && w <= 40 {
			h = t
			return false
		}
		return true
	})
	return h
}

// spacedText returns the text of n with white space folded, a line break
// or a block boundary counting as a space ("Top MBA Programs<br>Your Guide").
func spacedText(n *html.Node) string { return foldedText(n, true) }

// stripSiteName removes a site-name suffix or prefix from a <title>
// ("Headline | Example News", "Example News - Headline"): the named site
// when og:site_name gives it, else the shorter side of a " | " or " - ".
func stripSiteName(title, site string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		left, right := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		switch {
		case site != "" && strings.EqualFold(right, site):
			return left
		case site != "" && strings.EqualFold(left, site):
			return right
		case site == "" && wordCount(right) < wordCount(left) && wordCount(right) <= 4:
			return left
		}
	}
	return title
}

// ldArticle holds what sluice reads from a JSON-LD article object, and the
// first datePublished of any JSON-LD object.
type ldArticle struct{ headline, published, author, anyPublished string }

// jsonLDArticle returns the first JSON-LD object of an article type on the
// page (looking into arrays and @graph).
func jsonLDArticle(doc *goquery.Document) ldArticle {
	var out ldArticle
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return true
		}
		if out.anyPublished == "" {
			out.anyPublished = findString(v, "datePublished", 0)
		}
		if obj := findArticle(v, 0); obj != nil {
			out.headline, _ = obj["headline"].(string)
			out.published, _ = obj["datePublished"].(string)
			out.author = ldName(obj["author"])
			return false
		}
		return true
	})
	out.headline = strings.TrimSpace(out.headline)
	return out
}

// findString returns the first string value of key in v, looking into
// arrays and objects, or "".
func findString(v any, key string, depth int) string {
	if depth > 4 {
		return ""
	}
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x[key].(string); ok {
			return s
		}
		for _, c := range x {
			if s := findString(c, key, depth+1); s != "" {
				return s
			}
		}
	case []any:
		for _, c := range x {
			if s := findString(c, key, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// findArticle searches v for an object whose @type is an article type.
func findArticle(v any, depth int) map[string]any {
	if depth > 4 {
		return nil
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if o := findArticle(e, depth+1); o != nil {
				return o
			}
		}
	case map[string]any:
		if isArticleType(x["@type"]) {
			return x
		}
		if g, ok := x["@graph"]; ok {
			return findArticle(g, depth+1)
		}
	}
	return nil
}

// isArticleType reports whether a JSON-LD @type names an article type.
func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		for _, a := range articleTypes {
			if `"`+x+`"` == a {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldName returns the name of a JSON-LD author: a string, a Person, or the
// names of a list joined with " and ".
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		n, _ := x["name"].(string)
		return n
	case []any:
		var names []string
		for _, e := range x {
			if n := ldName(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, " and ")
	}
	return ""
}

// unwrapNoscript replaces every <noscript> element that holds an
// article's worth of prose by its children: sites that render with
// JavaScript (Discourse forums) put the page's content there for crawlers.
// Other <noscript> elements ("enable JavaScript", tracking pixels) stay, for
// prune to drop.
func unwrapNoscript(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom == atom.Noscript {
			if paragraphText(c, true) >= minArticleProse {
				for g := c.FirstChild; g != nil; {
					gn := g.NextSibling
					c.RemoveChild(g)
					n.InsertBefore(g, c)
					g = gn
				}
				n.RemoveChild(c)
			}
		} else if c.Type == html.ElementNode {
			unwrapNoscript(c)
		}
		c = next
	}
}

// prune removes, in place, the subtrees of n that never hold article text.
// A region tag, a container named as boilerplate or a hidden element that
// holds more than half of the page's prose is a layout wrapper ("container
// penci_sidebar", an unclosed <aside>, a page hidden until its fade-in
// script runs), not boilerplate, and is kept — unless it is named as a
// consent notice, which wraps no page: its privacy prose outweighs a page
// that scripts fill in.
func prune(ctx context.Context, n *html.Node, nm names) error {
	total := paragraphText(n, true)
	steps := 0
	var walk func(n *html.Node) error
	walk = func(n *html.Node) error {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if steps++; steps&0xfff == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			switch {
			case c.Type == html.CommentNode:
				n.RemoveChild(c)
			case c.Type == html.ElementNode && skipTags[c.DataAtom] && !structuralTags[c.DataAtom] && !holdsText(c):
				n.RemoveChild(c)
			case c.Type == html.ElementNode && (c.DataAtom == atom.Pre || c.DataAtom == atom.Code):
				// Code is kept as written: a highlighter's class names
				// ("token comment", "hljs-comment") name no boilerplate.
				pruneTags(c)
			case c.Type == html.ElementNode && (structuralTags[c.DataAtom] || nm.boilerplate(c) || hidden(c)) &&
				(2*paragraphText(c, true) <= total || nameHas(c, consentWords)):
				n.RemoveChild(c)
			case c.Type == html.ElementNode:
				if err := walk(c); err != nil {
					return err
				}
			}
			c = next
		}
		return nil
	}
	return walk(n)
}

// holdsText reports whether n, an element prune skips, holds text after
// all: a figure of text rather than of a picture — a quotation, a code
// listing, a table — or the caption of one, or the button of an accordion
// that names its panel (the question of a FAQ).
func holdsText(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Button:
		// The ARIA accordion: <h3><button aria-expanded>Question</button></h3>.
		return (attr(n, "aria-expanded") != "" || attr(n, "aria-controls") != "") && n.Parent != nil && subheadings[n.Parent.DataAtom]
	case atom.Figcaption:
		return n.Parent != nil && n.Parent.DataAtom == atom.Figure && holdsText(n.Parent)
	case atom.Figure:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Blockquote || c.DataAtom == atom.Pre || c.DataAtom == atom.Table) {
				return true
			}
		}
	}
	return false
}

// pruneTags removes the comments and skipTags elements below n (a copy
// button in a code block), nothing else.
func pruneTags(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode, c.Type == html.ElementNode && skipTags[c.DataAtom]:
			n.RemoveChild(c)
		case c.Type == html.ElementNode:
			pruneTags(c)
		}
		c = next
	}
}

// subheadings are the heading elements below the page's title: they head
// a related list, or an accordion's question.
var subheadings = map[atom.Atom]bool{atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true}

// minRelatedItems is the fewest linked items after a related-list heading
// that make it a related list.
const minRelatedItems = 2

// maxTeaserProse is the most prose (see paragraphText) an item of a related
// list holds: a teaser, not an article.
const maxTeaserProse = 1000

// pruneRelated removes from root every related list: a heading (h2–h6)
// that matches a trigger of headings, with the elements that follow it in
// its container when there are at least minRelatedItems and each holds a
// link and at most maxTeaserProse of prose (teaser cards, a list of
// headlines). Paragraphs are never items: prose citing links after a
// "Further reading" is the article's. A heading wrapped alone in a
// container counts as that container.
func pruneRelated(root *html.Node, headings *classRules) {
	var found []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if subheadings[c.DataAtom] {
				p := newPara(foldedText(c, true))
				if p.words > 0 && p.words <= 12 && headings.matchID(&p) != "" {
					found = append(found, c)
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, h := range found {
		if h.Parent == nil {
			continue // removed with an earlier list
		}
		for h.Parent != root && h.Parent != nil && nextElement(h) == nil && prevElement(h) == nil {
			h = h.Parent
		}
		var items []*html.Node
		for c := nextElement(h); c != nil; c = nextElement(c) {
			if c.DataAtom == atom.P || !hasLink(c) || paragraphText(c, true) > maxTeaserProse {
				break
			}
			items = append(items, c)
		}
		if len(items) < minRelatedItems {
			continue
		}
		for _, c := range append(items, h) {
			c.Parent.RemoveChild(c)
		}
	}
}

// nextElement returns the next sibling of n that is an element, or nil.
func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// prevElement returns the previous sibling of n that is an element, or nil.
func prevElement(n *html.Node) *html.Node {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// hasLink reports whether n is or holds a link with an href.
func hasLink(n *html.Node) bool {
	if n.Type == html.ElementNode && n.DataAtom == atom.A && attr(n, "href") != "" {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasLink(c) {
			return true
		}
	}
	return false
}

// paragraphText is the length of the prose under n: the own text (see
// ownText) of every element, counted when it is long enough to be prose;
// of <p> elements only unless leaves is set.
func paragraphText(n *html.Node, leaves bool) int {
	total := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipTags[c.DataAtom] {
				continue
			}
			if c.DataAtom == atom.P || leaves && blockTags[c.DataAtom] {
				if l := len(ownText(c)); l >= minSiblingText {
					total += l
				}
			}
			walk(c)
		}
	}
	walk(n)
	return total
}

// ownText returns the text n holds itself, white space folded: its text
// nodes and inline descendants, not the text of block children. A blog post
// written as text and <br>s inside a div has it; a wrapper div has none.
func ownText(n *html.Node) string { return foldedText(n, false) }

// foldedText returns the text under n with white space folded and a line
// break as a space; block children count with a space around them when
// withBlocks is set, and not at all otherwise.
func foldedText(n *html.Node, withBlocks bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type != html.ElementNode || skipTags[c.DataAtom]:
			case c.DataAtom == atom.Br:
				b.WriteByte(' ')
			case blockTags[c.DataAtom]:
				if withBlocks {
					b.WriteByte(' ')
					walk(c)
					b.WriteByte(' ')
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// boilerplate reports whether an element's class or id names boilerplate
// and not content. The page's top containers are never boilerplate.
func (nm names) boilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Body, atom.Main, atom.Article, atom.Html:
		return false
	}
	switch attr(n, "role") {
	case "navigation", "complementary", "banner", "contentinfo":
		return true
	}
	switch nm.kind(n) {
	case nameBoilerplate:
		return true
	case nameWeak:
		// "widget", "promo", "banner" also name the blocks a site builder
		// makes its articles of: one that holds prose with few links is
		// content.
		return paragraphText(n, true) < minWidgetProse || linkDensity(n) > maxWidgetLinkDensity
	}
	return false
}

// attr returns the value of attribute key of n.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hidden reports whether an element is hidden from readers. A collapsed
// panel that a control opens (a tab, an accordion's answer) is not: it is
// the page's text, one click away.
func hidden(n *html.Node) bool {
	// The attributes first: most elements have none that hide them, and
	// disclosurePanel may walk the subtree.
	return hiddenByAttr(n) && !disclosurePanel(n)
}

// hiddenByAttr reports whether an attribute of n hides it: hidden,
// aria-hidden, or a style that does not display it.
func hiddenByAttr(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			// React's streamed server rendering puts finished content in
			// <div hidden id="S:0"> until its script moves it into place.
			return !strings.HasPrefix(attr(n, "id"), "S:")
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

// disclosurePanel reports whether n is the panel of a tab, accordion or
// expander: role "tabpanel", labelled by its control (aria-labelledby),
// or named as one (see disclosureWords).
func disclosurePanel(n *html.Node) bool {
	role, c := attr(n, "role"), strings.ToLower(attr(n, "class")+" "+attr(n, "id"))
	switch {
	case role == "dialog" || role == "alertdialog" || attr(n, "aria-modal") == "true" ||
		strings.Contains(c, "modal") || strings.Contains(c, "popup") || strings.Contains(c, "dialog"):
		return false // a dialog is labelled by its heading, not opened in place
	case role == "tabpanel" || strings.Contains(c, "accordion") || strings.Contains(c, "collapse") ||
		nameHas(n, disclosureWords) || attr(n, "aria-labelledby") != "":
		// A collapsed menu is a panel of links.
		return linkDensity(n) <= maxLinkDensity
	}
	return false
}

// Content-scoring constants, after the readability family of extractors.
const (
	minBlockText      = 25  // shortest text block that scores
	siblingShare      = 0.2 // a sibling scoring this share of the best joins it
	minSiblingText    = 80  // a paragraph sibling this long with few links joins too
	maxLinkDensity    = 0.5 // lists and tables with more link text than this are skipped
	maxDivLinkDensity = 0.7 // and divs and sections with more than this (article pages)
	minBestScore      = 20  // a best container scoring less is no article
	minKeptShare      = 0.7 // the chosen containers must hold this share of the page's prose
	minArticleProse   = 200 // bytes of paragraph prose that make a page an article
	// An article's text has at least minArticleWords words and
	// minArticleShare of the words of the page body, or the page is read
	// whole.
	minArticleWords = 30
	minArticleShare = 0.1
	// An article's containers whose text outside link lists is under
	// maxIndexIntroWords words and maxIndexIntroShare of their words are an
	// index page (a list of languages, a category): the lists are read too.
	maxIndexIntroWords = 200
	maxIndexIntroShare = 0.25
	// A page that is no article keeps its link lists when the text outside
	// them is under maxIndexIntroWords words or minUnlistedShare of its
	// words (see listsAreContent).
	minUnlistedShare = 0.5
	// The containers chosen on a page that does not declare itself an
	// article must hold minArticlePageShare of its text outside link
	// lists, or the page is read as no article.
	minArticlePageShare = 0.4
	minOwnShare         = 0.5 // a text block holding this share of the page's unlinked text is its article
	// A container named by a weak boilerplate word with this much prose
	// and at most this link density is content.
	minWidgetProse       = 400
	maxWidgetLinkDensity = 0.25
)

// mainContent returns the nodes that hold the article, in document order.
func mainContent(body *html.Node, nm names) []*html.Node {
	scores := map[*html.Node]float64{}
	var order []*html.Node
	credit := func(n *html.Node, s float64) {
		if n == nil || n.Type != html.ElementNode {
			return
		}
		if _, ok := scores[n]; !ok {
			scores[n] = tagWeight(n) + nm.classWeight(n)
			order = append(order, n)
		}
		scores[n] += s
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			scoreBlock(c, credit)
			walk(c)
		}
	}
	walk(body)
	var best *html.Node
	bestScore := 0.0
	for _, n := range order {
		s := scores[n] * (1 - linkDensity(n))
		scores[n] = s
		if best == nil || s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == nil || bestScore < minBestScore {
		return []*html.Node{body}
	}
	parent := best.Parent
	if parent == nil {
		return []*html.Node{best}
	}
	var out []*html.Node
	for s := parent.FirstChild; s != nil; s = s.NextSibling {
		if s == best {
			out = append(out, s)
			continue
		}
		if s.Type != html.ElementNode {
			continue
		}
		if sc, ok := scores[s]; ok && sc >= bestScore*siblingShare {
			out = append(out, s)
			continue
		}
		if s.DataAtom == atom.P {
			t := textOf(s)
			if len(t) >= minSiblingText && linkDensity(s) < 0.25 {
				out = append(out, s)
			}
		}
	}
	// The choice must hold most of the page's prose; when the article is
	// spread over containers the scores did not join, take their nearest
	// common container.
	kept := 0
	for _, n := range out {
		kept += paragraphText(n, false)
	}
	total := paragraphText(body, false)
	if float64(kept) >= minKeptShare*float64(total) {
		return out
	}
	// Climb to the nearest ancestor of the best container that holds
	// enough of the prose, rather than taking the whole page.
	for n := best.Parent; n != nil && n != body; n = n.Parent {
		if float64(paragraphText(n, false)) >= minKeptShare*float64(total) {
			return []*html.Node{n}
		}
	}
	return []*html.Node{body}
}

// scoreBlock scores the own text of n and credits the containers: a
// paragraph (p, pre, td, blockquote) credits its parent and grandparent, a
// container holding text itself (a blog post as text and <br>s) credits
// itself and its parent.
func scoreBlock(n *html.Node, credit func(*html.Node, float64)) {
	if !blockTags[n.DataAtom] || n.DataAtom == atom.Br {
		return
	}
	t := ownText(n)
	if len(t) < minBlockText {
		return
	}
	s := 1 + float64(strings.Count(t, ",")) + min(float64(len(t))/100, 3)
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Td, atom.Blockquote, atom.Li, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Dd, atom.Th:
		n = n.Parent
	}
	credit(n, s)
	if n != nil && n.Parent != nil {
		credit(n.Parent, s/2)
		if n.Parent.Parent != nil {
			credit(n.Parent.Parent, s/3)
		}
	}
}

// tagWeight is the starting score of a container by its tag.
func tagWeight(n *html.Node) float64 {
	switch n.DataAtom {
	case atom.Article:
		return 10
	case atom.Div, atom.Main, atom.Section:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

// classWeight rewards content class names and penalizes boilerplate ones.
func (nm names) classWeight(n *html.Node) float64 {
	switch k := nm.kind(n); {
	case k == nameContent:
		return 25
	case k == nameBoilerplate || k == nameWeak && nm.boilerplate(n):
		return -25
	}
	return 0
}

// textOf returns the text of n with white space folded.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// linkDensity is the share of n's text inside links.
func linkDensity(n *html.Node) float64 { return linkShare(n, false) }

// linkDensityOutsideLists is linkDensity of n without its lists and
// tables; 0 when they hold all its text.
func linkDensityOutsideLists(n *html.Node) float64 { return linkShare(n, true) }

// linkShare is the share of n's text inside links, leaving out the text of
// lists and tables when skipLists is set.
func linkShare(n *html.Node, skipLists bool) float64 {
	total, linked := textLengthsOf(n, skipLists)
	if total == 0 {
		return 0
	}
	return float64(linked) / float64(total)
}

// textLengths returns the bytes of n's text and of the part inside links,
// white space trimmed per text node.
func textLengths(n *html.Node) (total, linked int) { return textLengthsOf(n, false) }

// textLengthsOf is textLengths, leaving out lists and tables when skipLists
// is set.
func textLengthsOf(n *html.Node, skipLists bool) (total, linked int) {
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			l := len(strings.TrimSpace(n.Data))
			total += l
			if inLink {
				linked += l
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if skipLists {
				switch c.DataAtom {
				case atom.Ul, atom.Ol, atom.Table, atom.Dl:
					continue
				}
			}
			walk(c, inLink || c.DataAtom == atom.A)
		}
	}
	walk(n, false)
	return total, linked
}

// writeText writes the text of n, one block element per line, leaving out
// h1 (the headline belongs in title) and link-dense lists and tables. It
// walks iteratively so that deep pages do not exhaust the stack.
func writeText(ctx context.Context, b *strings.Builder, root *html.Node, skipLinkLists bool) error {
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
			switch n.DataAtom {
			case atom.H1:
				continue
			case atom.Ul, atom.Ol, atom.Table, atom.Dl:
				if skipLinkLists && linkDensity(n) > maxLinkDensity {
					continue
				}
			case atom.Div, atom.Section:
				// A link rail goes. Lists are judged on their own, so a
				// container of link lists and prose (an index page) is
				// not a rail.
				if skipLinkLists && n != root && len(textOf(n)) >= minBlockText && linkDensity(n) > maxDivLinkDensity &&
					linkDensityOutsideLists(n) > maxDivLinkDensity {
					continue
				}
			}
			if blockTags[n.DataAtom] {
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
	return nil
}
