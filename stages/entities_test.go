package stages

import "testing"

func TestEntities(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Harlow &amp; Finch", "Harlow & Finch"},
		{"&#163;1.2bn and &#x20AC;5", "£1.2bn and €5"},
		{"the country&#8217;s", "the country’s"},
		{"double &amp;#8217; escaped &amp;amp; twice", "double ’ escaped & twice"},
		{"&lt;b&gt; stays text", "<b> stays text"},
		{"AT&T and R&D stay", "AT&T and R&D stay"},
		{"no semicolon &amp here", "no semicolon &amp here"},
		{"unknown &foo; entity", "unknown &foo; entity"},
		{"&copy; 2024", "© 2024"},
		{"trailing &", "trailing &"},
		// Characters Normalize drops are invisible inside a reference, so
		// that no reference forms after this stage; elsewhere they stay (for
		// Mojibake, then Normalize).
		{"0&am&#1;p0;", "0&0;"},
		{"Harlow &am&shy;p; Finch", "Harlow & Finch"},
		{"Harlow &am\u00adp; Finch", "Harlow & Finch"},
		{"zero\u200bwidth, bell\x07, cr\u00c3\u00a8me, \u00c3\u00adndice", "zero\u200bwidth, bell\x07, cr\u00c3\u00a8me, \u00c3\u00adndice"},
		{"tab\tand\nnewline &am\np; stay", "tab\tand\nnewline &am\np; stay"},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, Entities{}, d)
		if d.Text != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, d.Text, tt.want)
		}
		checkIdempotent(t, Entities{}, d.Text)
	}
}

func TestEntitiesGolden(t *testing.T) { golden(t, Entities{}, asText) }

func FuzzEntities(f *testing.F) {
	fuzzStage(f, Entities{}, asText, "&amp;amp;#38;", "&#38;#x26;", "&#0;&#xD800;&#99999999;")
}
