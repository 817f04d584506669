package stages

import (
	"context"
	"errors"
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
	want := "Bus lane extended along High Street\nThe council voted on Tuesday to extend the bus lane.\nShop owners had argued the lane would cut trade.\nCyclists welcomed it.\nFirst point\nSecond point"
	if d.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Meta.Title != "Bus lane extended along High Street" || d.Meta.Lang != "en" {
		t.Errorf("meta = %+v", d.Meta)
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
	fuzzStage(f, Func{ID: "html-text", Fn: func(ctx context.Context, d *Doc) error {
		d.ContentType = "text/html"
		if err := (HTMLText{}).Process(ctx, d); err != nil {
			return err
		}
		return Normalize{}.Process(ctx, d)
	}}, asRaw, "<p>a<p>b", "<div><script>x</script>", "<table><tr><td>1<td>2</table>")
}
