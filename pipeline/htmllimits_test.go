package pipeline

import (
	"context"
	"strings"
	"testing"
)

// TestHTMLHardPages: a 20 MB page, 100k-deep nesting, broken markup and a
// non-UTF-8 page each clean, or fail with a clear, classified error. The
// test timeout bounds their time; BenchmarkPathological reports speed.
func TestHTMLHardPages(t *testing.T) {
	chain := defaultChain(t)
	para := "<p>The council voted on Tuesday to extend the bus lane along the High Street, ending months of debate, officials said.</p>\n"
	big := "<html><body><article>" + strings.Repeat(para, 20<<20/len(para)) + "</article></body></html>"

	t.Run("20MB page within the limit", func(t *testing.T) {
		rec, err := Clean(context.Background(), chain, Page{ContentType: "text/html", Body: []byte(big)}, 32<<20)
		if err != nil {
			t.Fatal(err)
		}
		// Identical paragraphs are duplicates: one stays.
		if !strings.HasPrefix(rec.Text, "The council voted on Tuesday") {
			t.Errorf("text = %.100q", rec.Text)
		}
	})
	t.Run("20MB page over the default limit", func(t *testing.T) {
		_, err := Clean(context.Background(), chain, Page{ContentType: "text/html", Body: []byte(big)}, DefaultMaxBytes)
		if ClassOf(err) != ClassTooLarge || !strings.Contains(err.Error(), "over the limit") {
			t.Fatalf("err = %v (%s), want too_large", err, ClassOf(err))
		}
	})
	t.Run("100k-deep nesting", func(t *testing.T) {
		deep := strings.Repeat("<div>", 100000) + "text" + strings.Repeat("</div>", 100000)
		_, err := Clean(context.Background(), chain, Page{ContentType: "text/html", Body: []byte(deep)}, DefaultMaxBytes)
		if ClassOf(err) != ClassPermanent || StageOf(err) != "html-text" || !strings.Contains(err.Error(), "open stack of elements exceeds") {
			t.Fatalf("err = %v, want a permanent html-text error about nesting", err)
		}
	})
	t.Run("broken markup", func(t *testing.T) {
		broken := `<html><head><title>Bus lane story</title></head><body><div class="article"><p>First paragraph of the story, which never closes its tags <b>bold <i>both` +
			`<p>Second paragraph & an unescaped ampersand < and a stray bracket, still article text.</div></span></table><p>Third</body>`
		rec, err := Clean(context.Background(), chain, Page{ContentType: "text/html", Body: []byte(broken)}, DefaultMaxBytes)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"First paragraph of the story", "Second paragraph & an unescaped ampersand < and a stray bracket"} {
			if !strings.Contains(rec.Text, want) {
				t.Errorf("lost %q in %q", want, rec.Text)
			}
		}
	})
	t.Run("windows-1252 page declared in meta", func(t *testing.T) {
		page := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><article><p>Caf\xe9 owners in Z\xfcrich said the \x93new rules\x94 were fair, and the council agreed on Monday.</p></article></body></html>"
		rec, err := Clean(context.Background(), chain, Page{ContentType: "text/html", Body: []byte(page)}, DefaultMaxBytes)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rec.Text, "Café owners in Zürich said the “new rules” were fair") {
			t.Errorf("text = %q", rec.Text)
		}
	})
}
