package stages

import "testing"

func TestTemplatePlaceholder(t *testing.T) {
	rules := testRules(t)
	tests := []struct {
		in      string
		removed bool
	}{
		{"{{author}}", true},
		{"[[embed-video]]", true},
		{"{PLACEHOLDER}", true},
		{"{Stadt}", false}, // a word in braces is not a placeholder
		{"{{ post.title }}", true},
		{"{{> promo_box}}", true},
		{"{{#if premium}}", true},
		{"{{ user.name | upper }}", true},
		{`{% include "ad.html" %}`, true},
		{"%%sitename%%", true},
		{"${headline}", true},
		{`[caption id="attachment_5521" align="aligncenter" width="1024"] Volunteers stack sandbags.[/caption]`, true},
		{`[gallery ids="4411,4412" columns="3"]`, true},
		{"[/embed]", true},
		{"[Editor's note: this story has been updated.]", false},
		{"The {{braces}} in the council's template were a mistake, the clerk said.", false},
		{"[1] Footnote text follows here.", false},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, TemplatePlaceholder{Rules: rules}, d)
		if got := len(d.Removed) == 1; got != tt.removed {
			t.Errorf("%q: removed %v, want %v", tt.in, got, tt.removed)
		}
	}
}

func TestTemplatePlaceholderGolden(t *testing.T) {
	golden(t, TemplatePlaceholder{Rules: testRules(t)}, asNormalized)
}

func FuzzTemplatePlaceholder(f *testing.F) {
	fuzzStage(f, TemplatePlaceholder{Rules: testRules(f)}, asNormalized, "{{x}}", `[a b="c"]d[/a]`)
}
