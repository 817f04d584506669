package pipeline

import (
	"context"
	"strings"
	"testing"
)

func TestSafeHTML(t *testing.T) {
	chain := defaultChain(t)
	page := `<html><head><title>Bus lane extended</title></head><body><article><h1>Bus lane extended</h1>
<p>The council voted on <a href="https://example.test/council" onclick="steal()">Tuesday</a> to extend the bus lane along the High Street, ending months of debate.</p>
<script>alert(1)</script><p style="color:red">Shop owners said it would <b>cut trade</b>; cyclists welcomed it, officials said on Wednesday.</p>
<iframe src="https://evil.test"></iframe><p>Share this:</p><p>Facebook</p>
<img src="javascript:alert(1)"><img src="https://example.test/a.jpg" alt="bus"></article></body></html>`
	rec, err := CleanFormat(context.Background(), chain, Page{ContentType: "text/html", Body: []byte(page)}, DefaultMaxBytes, true)
	if err != nil {
		t.Fatal(err)
	}
	if rec.HTML == nil {
		t.Fatal("no html field")
	}
	h := *rec.HTML
	for _, want := range []string{`<a href="https://example.test/council" rel="nofollow">Tuesday</a>`, "<b>cut trade</b>", `<img src="https://example.test/a.jpg" alt="bus"/>`} {
		if !strings.Contains(h, want) {
			t.Errorf("html lacks %q:\n%s", want, h)
		}
	}
	for _, bad := range []string{"<script", "alert(", "onclick", "<iframe", "javascript:", "style=", "Share this", "Facebook", "<h1"} {
		if strings.Contains(h, bad) {
			t.Errorf("html keeps %q:\n%s", bad, h)
		}
	}
	validate(t, compileSchema(t), encodeRecord(rec))

	plain, err := CleanFormat(context.Background(), chain, Page{ContentType: "text/plain", Body: []byte("First <para> & more.\nSecond paragraph.")}, DefaultMaxBytes, true)
	if err != nil {
		t.Fatal(err)
	}
	if *plain.HTML != "<p>First &lt;para&gt; &amp; more.</p>\n<p>Second paragraph.</p>\n" {
		t.Errorf("text page html = %q", *plain.HTML)
	}
	without, _ := Clean(context.Background(), chain, Page{ContentType: "text/plain", Body: []byte("Text.")}, DefaultMaxBytes)
	if without.HTML != nil || strings.Contains(string(encodeRecord(without)), `"html"`) {
		t.Error("html present without being asked for")
	}
}
