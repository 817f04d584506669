package stages

import "testing"

func TestCodeBlob(t *testing.T) {
	tests := []struct{ in, rule string }{
		{`{"@context":"https://schema.org","@type":"NewsArticle","headline":"X"}`, "code-blob.json-ld"},
		{`[{"id":1},{"id":2}]`, "code-blob.json"},
		{`(adsbygoogle = window.adsbygoogle || []).push({});`, "code-blob.script"},
		{`googletag.cmd.push(function() { googletag.display('div-gpt-ad-1-0'); });`, "code-blob.script"},
		{`window.__INITIAL_STATE__ = {"article":{"id":"c7d21f"},"ads":{"lazy":true}};`, "code-blob.script"},
		{`.ad-slot { display: none !important; margin: 0; }`, "code-blob.css"},
		{`He wrote (in a letter) that the plan {as drafted} was fine.`, ""},
		{`The function returned an error; the team fixed it (twice).`, ""},
		{`Scores: Arsenal 2 Chelsea 1 (half-time 1-1).`, ""},
		{`{not json at all}`, ""},
		{`{{ad_slot_2}}`, ""},              // a template tag: TemplatePlaceholder's
		{`{% include "promo.html" %}`, ""}, // likewise
		{`{{{"a":1}}}`, "code-blob.css"},   // braces inside: no template tag, still code
	}
	for _, tt := range tests {
		d := &Doc{Text: "Body paragraph.\n" + tt.in}
		process(t, CodeBlob{}, d)
		got := ""
		if len(d.Removed) == 1 {
			got = d.Removed[0].Rule
		}
		if got != tt.rule {
			t.Errorf("%q: rule %q, want %q", tt.in, got, tt.rule)
		}
	}
}

func TestCodeBlobGolden(t *testing.T) { golden(t, CodeBlob{}, asNormalized) }

func FuzzCodeBlob(f *testing.F) {
	fuzzStage(f, CodeBlob{}, asNormalized, "{}", "a();b();c();", "[1,2]")
}
