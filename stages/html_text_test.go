package stages

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestHTMLText(t *testing.T) {
	page := `<!doctype html><html lang="en-GB"><head><title>Bus lane extended | Example News</title>
<meta property="og:title" content="Bus lane extended along High Street"><style>p{color:red}</style>
<script>var x = "<p>not text</p>";</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header>Example News</header>
<article><h1>Bus lane extended along High Street</h1>
<p>The council voted on <b>Tuesday</b> to extend the bus lane.</p>
<p>Shop owners had argued&nbsp;the lane would cut trade.<br>Cyclists welcomed it.</p>
<div style="display: none">hidden promo</div><p hidden>also hidden</p>
<ul><li>First point</li><li>Second point</li></ul>
<form><label>Email</label><input name=e></form></article>
<footer>© 2024 Example News</footer></body></html>`
	d := &Doc{Text: page, ContentType: "text/html; charset=utf-8"}
	process(t, HTMLText{}, d)
	process(t, Normalize{}, d)
	// The h1 headline goes to Meta.Title, not the text.
	want := "The council voted on Tuesday to extend the bus lane.\nShop owners had argued the lane would cut trade.\nCyclists welcomed it.\nFirst point\nSecond point"
	if d.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Meta.Title != "Bus lane extended along High Street" || d.Meta.Lang != "en" {
		t.Errorf("meta = %+v", d.Meta)
	}
}

// prose returns a paragraph of prose of about n words.
func prose(n int, word string) string {
	return "<p>" + strings.TrimSpace(strings.Repeat(word+" words, ", n/2)) + " end.</p>"
}

func TestHTMLTextMainContent(t *testing.T) {
	article := prose(40, "Article") + prose(40, "Story") + prose(40, "Report")
	tests := []struct {
		name, page string
		want, not  []string
	}{
		{"boilerplate containers pruned",
			`<body><div class="entry-content">` + article + `</div>
			<div class="comments-area">` + prose(30, "Comment") + `</div>
			<div class="sharedaddy sd-sharing">Share this</div>
			<div id="related-posts"><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></div></body>`,
			[]string{"Article words", "Story words", "Report words"}, []string{"Comment words", "Share this", "Other story"}},
		{"wrapper named like a sidebar kept",
			`<body><div class="container penci_sidebar"><div class="post">` + article + `</div></div></body>`,
			[]string{"Article words", "Report words"}, nil},
		{"page inside one form kept (ASP.NET)",
			`<body><form id="form1"><div class="article">` + article + `</div></form></body>`,
			[]string{"Article words", "Report words"}, nil},
		{"article chosen over link lists",
			`<body><div class="col"><div class="text">` + article + `</div></div>
			<div class="col2"><ul><li><a href="/1">Link one here</a></li><li><a href="/2">Link two here</a></li><li><a href="/3">Link three</a></li></ul></div></body>`,
			[]string{"Article words"}, []string{"Link one"}},
		{"page inside an unclosed aside kept",
			`<body><aside class="announcement-banner"><a href="/x">Announcement</a><main><article>` + article + `</article></main></body>`,
			[]string{"Article words", "Report words"}, nil},
		{"prose among link lists of a declared article kept (an index page)",
			`<head><meta property="og:type" content="article"></head><body><div class="mw-parser-output">` + prose(40, "Intro") +
				`<ul>` + strings.Repeat(`<li><a href="/x">Linked language name</a></li>`, 40) + `</ul></div></body>`,
			[]string{"Intro words"}, []string{"Linked language name"}},
		{"embedded social post in the story kept, share bar dropped",
			`<body><div class="entry-content">` + article + `<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Quoted post from the campaign launch, with a link.</p></blockquote></div>
			<div class="social-share"><a href="/s">Share on Facebook</a></div></div></body>`,
			[]string{"Quoted post from the campaign", "Report words"}, []string{"Share on Facebook"}},
		{"link rail inside the article container skipped",
			`<body><article>` + article + `<div class="rail"><a href="/1">Teaser story number one</a> <a href="/2">Teaser story number two</a> <a href="/3">Teaser three</a></div></article></body>`,
			[]string{"Article words", "Report words"}, []string{"Teaser story"}},
		{"qualifier words do not prune (Page-ad-margins)",
			`<body><div class="Page-ad-margins">` + article + `</div></body>`,
			[]string{"Article words"}, nil},
		{"content rendered for crawlers in <noscript> (Discourse)",
			`<body><div id="app">Loading…</div><noscript><div id="main-outlet">` + article + `</div></noscript>
			<noscript>Please enable JavaScript to view the comments.</noscript></body>`,
			[]string{"Article words", "Report words"}, []string{"enable JavaScript"}},
		{"page hidden until a fade-in script runs",
			`<body><div style="visibility:hidden;min-height:100vh"><article>` + article + `</article>
			<div hidden>Hidden promo text</div></div></body>`,
			[]string{"Article words", "Report words"}, []string{"Hidden promo text"}},
		{"React streamed content in <div hidden id=S:0>",
			`<body><main><div>` + prose(40, "Shell") + `</div></main><div hidden id="S:0">` + article + `</div></body>`,
			[]string{"Article words"}, nil},
		{"site-builder widgets of prose kept, link widgets dropped",
			`<body><div class="hs_cos_wrapper_widget">` + prose(80, "Article") + `</div><div class="hs_cos_wrapper_widget">` + prose(80, "Story") + `</div>
			<div class="sidebar-widget"><a href="/1">Popular link one here</a> <a href="/2">Popular link two here</a> <a href="/3">Popular link three</a></div></body>`,
			[]string{"Article words", "Story words"}, []string{"Popular link"}},
		{"collapsed tab and accordion panels kept; a hidden dialog and a collapsed menu dropped",
			`<body><main>` + article + `<div role="tabpanel" hidden><p>Tab panel answer about coverage limits and deductibles.</p></div>
			<dd class="cmp-accordion__panel" aria-hidden="true"><p>Accordion answer about claims made after an accident.</p></dd>
			<div id="x-panel" aria-labelledby="x-button" style="display:none"><p>Labelled panel about renewal dates and notices.</p></div>
			<div class="faq__answer" style="display:none"><p>Answer of a question about waiting periods.</p></div>
			<div role="dialog" aria-labelledby="d-title" hidden><p>Choose a store near you for pickup of the item.</p></div>
			<div class="collapse navbar-collapse" style="display:none"><a href="/1">Menu link one</a> <a href="/2">Menu link two</a></div></main></body>`,
			[]string{"Article words", "Tab panel answer", "Accordion answer", "Labelled panel", "Answer of a question"}, []string{"Choose a store", "Menu link"}},
		{"consent notice longer than the page dropped",
			`<body><div id="onetrust-consent-sdk"><div role="dialog"><h2>Privacy Preference Center</h2><p>` + prose(120, "Cookie") + `</p></div></div>
			<main><h1>New case arrived</h1><ul><li><a href="/t/1">Thread one about the new case</a></li><li><a href="/t/2">Thread two about fans</a></li></ul></main></body>`,
			[]string{"Thread one"}, []string{"Cookie words", "Privacy Preference"}},
		{"photo caption of a declared article dropped",
			`<head><meta property="og:type" content="article"></head><body><article>` + article + `<div class="photo-caption">Crowds gather at the harbour at dawn.</div></article></body>`,
			[]string{"Article words"}, []string{"Crowds gather"}},
		{"caption under an item of another page kept",
			`<body><main>` + strings.Repeat(`<div class="card"><img src="/m.jpg"><div class="card-caption">Stoneware mug glazed by hand in earthy tones, holds twelve ounces.</div></div>`, 3) + `</main></body>`,
			[]string{"Stoneware mug glazed"}, nil},
		{"author box dropped",
			`<body><article>` + article + `<div class="author-box"><h3>About the Author</h3><p>Jane Roe is the executive editor of the health letter and writes about exercise.</p></div></article></body>`,
			[]string{"Article words"}, []string{"About the Author", "Jane Roe"}},
		{"replies of a discussion page kept",
			`<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"QAPage","mainEntity":{"@type":"Question"}}</script></head>
			<body><div class="question">` + prose(60, "Question") + `</div><div class="comment">` + prose(60, "Answer") + `</div></body>`,
			[]string{"Question words", "Answer words"}, nil},
		{"comments of another page dropped",
			`<body><div class="question">` + prose(60, "Question") + `</div><div class="comment">` + prose(60, "Answer") + `</div></body>`,
			[]string{"Question words"}, []string{"Answer words"}},
		{"figures of text kept (a block editor's table, a quotation, a code listing), a picture's dropped",
			`<body><article>` + article + `<figure class="wp-block-table"><table><tr><td>Nevada</td><td>Median price rose 12 percent</td></tr></table></figure>
			<figure><blockquote><p>Best teacher I have had in years.</p></blockquote><figcaption>Olivia, student</figcaption></figure>
			<figure class="listing"><pre>fn main() { println!("listing one"); }</pre><figcaption>Listing 1: hello</figcaption></figure>
			<figure><img src="/p.jpg"><figcaption>Crowds at the harbour at dawn</figcaption></figure></article></body>`,
			[]string{"Median price rose", "Best teacher", "Olivia, student", "listing one", "Listing 1: hello"}, []string{"Crowds at the harbour"}},
		{"highlighted code kept whole: a comment token is code",
			`<body><article>` + article + `<pre><code><span class="token comment"># initialize the repository</span>
git init<button>Copy</button></code></pre></article></body>`,
			[]string{"# initialize the repository", "git init"}, []string{"Copy"}},
		{"question of an accordion kept, a menu button dropped",
			`<body><main>` + article + `<h3><button aria-expanded="false" aria-controls="a1" id="q1">How long does delivery take?</button></h3>
			<div id="a1" role="region" aria-labelledby="q1" hidden><p>Most orders arrive within three working days.</p></div>
			<button aria-expanded="false" aria-controls="menu">Open the menu</button></main></body>`,
			[]string{"How long does delivery take?", "Most orders arrive"}, []string{"Open the menu"}},
		{"page after a self-closed tracking iframe in <noscript> kept",
			`<body><noscript><iframe src="https://www.googletagmanager.com/ns.html" height="0" width="0" /></noscript><main>` + article + `</main></body>`,
			[]string{"Article words", "Report words"}, []string{"googletagmanager"}},
		{"comments of a shared link kept: nothing else is left",
			`<body><h1><a href="https://example.org/post">Rust project goals for 2024</a></h1><div class="comments"><div class="comment">` + prose(40, "Reply") + `</div><div class="comment">` + prose(40, "Agree") + `</div></div></body>`,
			[]string{"Reply words", "Agree words"}, nil},
		{"short blocks of a site builder kept (elementor-widget), its share widget and a sidebar widget dropped",
			`<body><main><div class="elementor-widget elementor-widget-text-editor"><p>` + prose(30, "Intro") + `</p></div>` +
				strings.Repeat(`<div class="elementor-widget elementor-widget-icon-box"><h3>Greater visibility</h3><p>Campaigns put the brand before more buyers, who then remember it. `+prose(20, "Box")+`</p></div>`, 4) +
				`<div class="elementor-widget elementor-widget-share-buttons"><a href="/s">Share on Facebook</a></div></main>
			<div class="widget"><a href="/1">Popular link one here</a> <a href="/2">Popular link two here</a></div></body>`,
			[]string{"Intro words", "Campaigns put the brand"}, []string{"Share on Facebook", "Popular link"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.page, ContentType: "text/html"}
			process(t, HTMLText{}, d)
			for _, w := range tt.want {
				if !strings.Contains(d.Text, w) {
					t.Errorf("lost %q:\n%s", w, d.Text)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(d.Text, w) {
					t.Errorf("kept %q:\n%s", w, d.Text)
				}
			}
		})
	}
}

func TestHTMLTextArticleAsTextAndBreaks(t *testing.T) {
	sentences := strings.Repeat("The crew found two of the five cars broken into, with the batteries gone, overnight. ", 4)
	sidebar := `<div class="col-3"><ul>` + strings.Repeat(`<li><a href="/c">Category name</a></li>`, 30) + `</ul></div>`
	// An article written as text and <br>s, no <p>: the page is an
	// article, so the sidebar's link list goes.
	d := &Doc{Text: `<body><div class="row">` + sidebar + `<div class="col-9">` + sentences + `<br><br>` + sentences + `<br></div></div></body>`, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if !strings.Contains(d.Text, "batteries gone") || strings.Contains(d.Text, "Category name") {
		t.Errorf("text-and-breaks article: want the story without the sidebar, got:\n%s", d.Text)
	}
	// A block of JSON state is no article text: the page stays whole.
	state := `{"widget":"grid","items":[` + strings.Repeat(`{"id":"B0123","title":"Headphones. Wireless. Black."},`, 20) + `{"id":"end"}]}`
	d = &Doc{Text: `<body><div class="row">` + sidebar + `<div class="grid-state">` + state + `</div></div></body>`, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if !strings.Contains(d.Text, "Category name") {
		t.Errorf("JSON state taken for an article; the listing lost its links:\n%s", d.Text)
	}
}

func TestHTMLTextListingKeptWhole(t *testing.T) {
	// No article prose and no article declaration: a listing keeps its
	// link lists, which are its content.
	page := `<body><div class="grid"><h2>Best trail shoes</h2><ul>
		<li><a href="/a">Salomon Speedcross 6 trail running shoe</a></li>
		<li><a href="/b">Hoka Speedgoat 5 cushioned trail shoe</a></li>
		<li><a href="/c">Brooks Cascadia 17 everyday trail shoe</a></li></ul></div>
		<div class="other"><p>Short note.</p></div></body>`
	d := &Doc{Text: page, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if !strings.Contains(d.Text, "Hoka Speedgoat 5") {
		t.Errorf("listing lost its items:\n%s", d.Text)
	}
	// The same page declaring itself an article, with prose that outweighs
	// the list, drops link-dense lists (see TestHTMLTextIndexPage for a
	// declared article that is mostly lists).
	page = strings.Replace(page, "<p>Short note.</p>", prose(40, "Story"), 1)
	d = &Doc{Text: `<head><meta property="og:type" content="article"></head>` + page, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if strings.Contains(d.Text, "Hoka Speedgoat 5") {
		t.Errorf("declared article kept a link list:\n%s", d.Text)
	}
}

func TestHTMLTextTeaserListing(t *testing.T) {
	// A section front of linked teaser cards has paragraph prose, but all of
	// it inside links: read as an article it would lose every card, so the
	// page is read whole.
	card := `<div class="card"><a href="/%d"><h2>Council votes on the bus lane, story %d</h2>
		<p>The council voted on Tuesday to extend the bus lane along the High Street, ending months of debate among traders and residents.</p></a></div>`
	var b strings.Builder
	b.WriteString(`<body><div class="cards">`)
	for i := range 6 {
		fmt.Fprintf(&b, card, i, i)
	}
	b.WriteString(`</div></body>`)
	d := &Doc{Text: b.String(), ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if n := strings.Count(d.Text, "ending months of debate"); n != 6 {
		t.Errorf("%d of 6 teasers kept:\n%s", n, d.Text)
	}
	// An article next to a link rail keeps the article alone.
	d = &Doc{Text: `<body><article><p>` + strings.Repeat("The council voted on Tuesday to extend the bus lane. ", 8) +
		`</p></article><div class="rail">` + b.String() + `</div></body>`, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if strings.Contains(d.Text, "ending months of debate") || !strings.Contains(d.Text, "extend the bus lane") {
		t.Errorf("article page:\n%s", d.Text)
	}
}

func TestHTMLTextMetadata(t *testing.T) {
	page := `<html lang="en-US"><head><title>Bus lane extended | Example News</title>
<meta property="og:site_name" content="Example News"><link rel="canonical" href="https://example.test/bus-lane">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
{"@type":"NewsArticle","headline":"Bus lane extended","datePublished":"2024-05-02T09:15:00+02:00",
"author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Poe"}]}]}</script></head>
<body><header><h1>Example</h1></header><article><h1>Bus lane extended along the High Street</h1>
<p>The council voted on Tuesday to extend the bus lane along the High Street, ending months of debate.</p></article></body></html>`
	d := &Doc{Text: page, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	want := Meta{Title: "Bus lane extended along the High Street", PublishedAt: "2024-05-02T09:15:00", Byline: "Jane Roe and John Poe", Lang: "en"}
	if d.Meta != want || d.URL != "https://example.test/bus-lane" {
		t.Errorf("meta = %+v, url %q\nwant %+v", d.Meta, d.URL, want)
	}
	for title, want := range map[string]string{
		"Bus lane extended | Example News":  "Bus lane extended",
		"Example News - Bus lane extended":  "Bus lane extended",
		"What is cloud computing? | Google": "What is cloud computing?",
		"No separator here":                 "No separator here",
	} {
		site := ""
		if strings.Contains(title, "Example News") {
			site = "Example News"
		}
		if got := stripSiteName(title, site); got != want {
			t.Errorf("stripSiteName(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestHTMLTextPublishedAt(t *testing.T) {
	d := &Doc{Text: `<html><head><meta property="article:published_time" content="2024-05-02T09:15:00+02:00"></head><body><p>x</p></body></html>`, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if d.Meta.PublishedAt != "2024-05-02T09:15:00" {
		t.Errorf("PublishedAt = %q", d.Meta.PublishedAt)
	}
}

func TestHTMLTextIgnoresText(t *testing.T) {
	d := &Doc{Text: "<p>kept as is</p>", ContentType: "text/plain"}
	process(t, HTMLText{}, d)
	if d.Text != "<p>kept as is</p>" {
		t.Errorf("plain text was changed: %q", d.Text)
	}
}

func TestHTMLTextDeepNesting(t *testing.T) {
	// Pages nested deeper than the parser's limit fail with a clear
	// ErrBadInput, in bounded time, instead of exhausting memory.
	page := strings.Repeat("<div>", 100000) + "deep text" + strings.Repeat("</div>", 100000)
	d := &Doc{Text: page, ContentType: "text/html"}
	err := HTMLText{}.Process(context.Background(), d)
	if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "open stack of elements exceeds") {
		t.Fatalf("err = %v, want ErrBadInput about nesting", err)
	}
	// Moderate nesting parses and keeps its text.
	d = &Doc{Text: strings.Repeat("<div>", 300) + "deep text" + strings.Repeat("</div>", 300), ContentType: "text/html"}
	process(t, HTMLText{}, d)
	process(t, Normalize{}, d)
	if d.Text != "deep text" {
		t.Errorf("text = %q", d.Text)
	}
}

func TestHTMLTextHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := &Doc{Text: strings.Repeat("<p>x</p>", 10000), ContentType: "text/html"}
	if err := (HTMLText{}).Process(ctx, d); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestHTMLTextGolden(t *testing.T) {
	// Golden inputs are HTML; run with an HTML content type.
	golden(t, Func{ID: "html-text", Fn: func(ctx context.Context, d *Doc) error {
		d.ContentType = "text/html"
		if err := (HTMLText{}).Process(ctx, d); err != nil {
			return err
		}
		return Normalize{}.Process(ctx, d)
	}}, asText)
}

func FuzzHTMLText(f *testing.F) {
	rules := testRules(f)
	fuzzStage(f, Func{ID: "html-text", Fn: func(ctx context.Context, d *Doc) error {
		d.ContentType = "text/html"
		if err := (HTMLText{Rules: rules}).Process(ctx, d); err != nil {
			return err
		}
		return Normalize{}.Process(ctx, d)
	}}, asRaw, "<p>a<p>b", "<div><script>x</script>", "<table><tr><td>1<td>2</table>",
		`<h2>Related posts</h2><div><a href="/a">A</a></div><div><a href="/b">B</a></div>`,
		`<noscript><iframe src="x" /></noscript><p>a</p><iframe/><b>c</b></iframe>`)
}

func TestHTMLTextBylineFromAuthorBlock(t *testing.T) {
	for page, want := range map[string]string{
		`<div class="author-by-line-wrapper"><p class="author-by-line-text">By <a href="/a">Scott Pletcher</a></p></div><article>` + prose(40, "Article") + `</article>`: "Scott Pletcher",
		`<div class="the-author">Written by Isaiah Shelton</div><article>` + prose(40, "Article") + `</article>`:                                                         "Isaiah Shelton",
		`<div class="author-bio">Our team of 40 writers covers the news every day.</div><article>` + prose(40, "Article") + `</article>`:                                 "",
	} {
		d := &Doc{Text: "<body>" + page + "</body>", ContentType: "text/html"}
		process(t, HTMLText{}, d)
		if d.Meta.Byline != want {
			t.Errorf("byline %q, want %q, from %.60s", d.Meta.Byline, want, page)
		}
	}
}

func TestHTMLTextPublishedAtSources(t *testing.T) {
	for page, want := range map[string]string{
		`<head><meta property="article:published_time" content="2024-05-02T09:15:00+0200"></head>`:                                                        "2024-05-02T09:15:00",
		`<body><span itemprop="datePublished" content="2023-11-20">Nov 20</span></body>`:                                                                  "2023-11-20",
		`<head><script type="application/ld+json">{"@type":"WebPage","datePublished":"2022-01-05T10:00:00Z","dateModified":"2024-01-01"}</script></head>`: "2022-01-05T10:00:00",
		`<head><script type="application/ld+json">{"@type":"WebPage","dateModified":"2024-01-01"}</script></head>`:                                        "",
	} {
		d := &Doc{Text: page + "<body><p>x</p></body>", ContentType: "text/html"}
		process(t, HTMLText{}, d)
		if d.Meta.PublishedAt != want {
			t.Errorf("published %q, want %q, from %.70s", d.Meta.PublishedAt, want, page)
		}
	}
}

func TestHTMLTextBlockArticleBesideLists(t *testing.T) {
	// A short news item written as text and <br>s in a column, next to a
	// column of category, tag and archive lists: no container of
	// paragraphs stands out, and the lists hold more text than the item.
	var side strings.Builder
	side.WriteString(`<div class="well"><b>Categories</b><ul>`)
	for _, c := range []string{"Administration", "Agriculture", "Culture", "Economy", "Education", "Health", "Sports", "Transport", "Tourism", "Urbanism"} {
		fmt.Fprintf(&side, `<li><a href="/news?cat=%s">%s</a></li>`, c, c)
	}
	side.WriteString(`</ul><b>Archive</b><ul>`)
	for y := 2005; y < 2019; y++ {
		fmt.Fprintf(&side, `<li>%d<ul><li><a href="/news?y=%d&m=1">January</a> (12)</li><li><a href="/news?y=%d&m=2">February</a> (9)</li></ul></li>`, y, y, y)
	}
	side.WriteString(`</ul></div>`)
	item := `The home care team reported this morning that two of its five cars had been broken into. ` +
		`The cars were found without their batteries and with marks of vandalism. A police report was filed. ` +
		`Patients booked for this morning are being given new appointments.`
	page := `<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav><div class="row">` +
		`<div class="col-3">` + side.String() + `</div><div class="col-9"><p class="title">Home care cars broken into</p>` +
		`<small>05/10/2018 - Category: <a href="/news?cat=health">Health</a></small><br><br><img src="/a.jpg">` + item +
		`<br><br><br></div></div></body>`
	d := &Doc{Text: page, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if !strings.Contains(d.Text, "two of its five cars") || strings.Contains(d.Text, "Agriculture") || strings.Contains(d.Text, "February") {
		t.Errorf("got:\n%s", d.Text)
	}
}

func TestHTMLTextRelatedHeading(t *testing.T) {
	story := `<p>` + strings.Repeat("The council voted on Tuesday to extend the bus lane along the High Street. ", 6) + `</p>`
	card := func(tag string, i int) string {
		return fmt.Sprintf(`<%s class="post-%d"><a href="/p/%d"><img src="/%d.jpg"></a><a href="/share?p=%d">Share</a>`+
			`<p>Teaser %d: the mayor opened the new library on Monday, after two years of building work and a long …</p></%s>`, tag, i, i, i, i, i, tag)
	}
	cards := func(tag string) string {
		var b strings.Builder
		for i := range 4 {
			b.WriteString(card(tag, i))
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, body string
		kept, gone []string
	}{
		{"cards after a heading", `<article>` + story + `</article><section><h3 class="title">Você pode gostar...</h3>` + cards("article") + `</section>`,
			[]string{"extend the bus lane"}, []string{"Você pode gostar", "Teaser"}},
		{"a wrapped heading", `<article>` + story + `</article><div class="x"><div class="head"><h2>You may also like</h2></div>` + cards("div") + `</div>`,
			[]string{"extend the bus lane"}, []string{"You may also like", "Teaser"}},
		{"paragraphs citing links", `<article>` + story + `<h2>Further reading</h2><p>See <a href="/a">the council's report</a> and <a href="/b">the traders' reply</a>.</p>` +
			`<p>The <a href="/c">minutes</a> are online.</p></article>`,
			[]string{"Further reading", "the traders' reply", "minutes are online"}, nil},
		{"a heading no list follows", `<article>` + story + `<h2>Related</h2><div>` + story + `</div></article>`,
			[]string{"Related"}, nil},
		{"a subhead that is no related heading", `<article>` + story + `<h3>The library</h3>` + cards("div") + `</article>`,
			[]string{"The library", "Teaser 3"}, nil},
	} {
		d := &Doc{Text: `<body>` + tc.body + `</body>`, ContentType: "text/html"}
		process(t, HTMLText{Rules: testRules(t)}, d)
		for _, s := range tc.kept {
			if !strings.Contains(d.Text, s) {
				t.Errorf("%s: %q lost:\n%s", tc.name, s, d.Text)
			}
		}
		for _, s := range tc.gone {
			if strings.Contains(d.Text, s) {
				t.Errorf("%s: %q kept:\n%s", tc.name, s, d.Text)
			}
		}
	}
}

func TestHTMLTextIndexPage(t *testing.T) {
	// A page of link lists under a short introduction, in the container the
	// article scoring chose: the lists are the content.
	var lists strings.Builder
	for _, letter := range "ABCDEFGH" {
		fmt.Fprintf(&lists, "<h2>%c</h2><ul>", letter)
		for i := range 12 {
			fmt.Fprintf(&lists, `<li><a href="/wiki/%c%d">%c-lang %d (systems)</a></li>`, letter, i, letter, i)
		}
		lists.WriteString("</ul>")
	}
	intro := `<p>This is an index to notable programming languages, in current or historical use. Dialects of BASIC and esoteric languages are not included.</p>`
	head := `<head><meta property="og:type" content="article"></head>`
	d := &Doc{Text: head + `<body><div class="body">` + intro + lists.String() + `</div></body>`, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if !strings.Contains(d.Text, "H-lang 11 (systems)") || !strings.Contains(d.Text, "notable programming languages") {
		t.Errorf("index page:\n%s", d.Text)
	}
	// An article of 200 words or more keeps its link lists out.
	article := strings.Repeat(prose(40, "Article"), 6)
	d = &Doc{Text: head + `<body><div class="body">` + article + lists.String() + `</div></body>`, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if strings.Contains(d.Text, "-lang") || !strings.Contains(d.Text, "Article words") {
		t.Errorf("article page:\n%s", d.Text)
	}
}

func TestHTMLTextNoArticleDropsSideLists(t *testing.T) {
	// A product page: its own text in short spec lines, no article prose,
	// and a rail of links to other products. The rail is no content.
	var specs, rail strings.Builder
	for i := range 60 {
		fmt.Fprintf(&specs, "<div class=\"spec\">Feature %d keeps the drink cold for twelve hours</div>", i)
	}
	rail.WriteString(`<ul class="also">`)
	for i := range 12 {
		fmt.Fprintf(&rail, `<li><a href="/p/%d">Other tumbler model %d in steel</a></li>`, i, i)
	}
	rail.WriteString(`</ul>`)
	d := &Doc{Text: `<body><div class="product">` + specs.String() + `</div>` + rail.String() + `</body>`, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if !strings.Contains(d.Text, "Feature 59 keeps") || strings.Contains(d.Text, "Other tumbler model") {
		t.Errorf("product page:\n%.600s", d.Text)
	}
}

func TestHTMLTextLandingPageSections(t *testing.T) {
	// A landing page: one section with a long paragraph the scoring
	// picks, and more sections whose text outweighs it. Undeclared, it is
	// no article: every section is read.
	section := func(i int, text string) string {
		return fmt.Sprintf(`<section class="s%d"><div class="inner"><h2>Benefit %d</h2><div class="copy"><span>%s</span></div></div></section>`, i, i, text)
	}
	long := `<section class="intro"><div>` + strings.Repeat("<p>Our platform watches every device in your company, day and night, at home, at work, and on the road, and it stops attacks before they spread.</p>", 3) + `</div></section>`
	var sections strings.Builder
	for i := range 8 {
		sections.WriteString(section(i, fmt.Sprintf("Section %d explains how the service protects laptops, phones and servers from intrusions, in the office and at home", i)))
	}
	page := `<body>` + long + sections.String() + `</body>`
	d := &Doc{Text: page, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if !strings.Contains(d.Text, "Section 7 explains") || !strings.Contains(d.Text, "stops attacks") {
		t.Errorf("landing page:\n%s", d.Text)
	}
	// An undeclared page whose article holds most of its text keeps the
	// article reading: the side sections go.
	article := `<article><div class="body">` + strings.Repeat(prose(40, "Story"), 6) + `</div></article>`
	d = &Doc{Text: `<body>` + article + `<aside2>` + section(1, "Section 1 explains how the service protects laptops") + section(2, "Section 2 explains how the service protects phones") + `</aside2></body>`, ContentType: "text/html"}
	process(t, HTMLText{}, d)
	if strings.Contains(d.Text, "Section 2 explains") || !strings.Contains(d.Text, "Story words") {
		t.Errorf("undeclared article read whole:\n%s", d.Text)
	}
}
