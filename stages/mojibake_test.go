package stages

import "testing"

func TestMojibake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"RenÃ©eâ€™s cafÃ© reopens", "Renée’s café reopens"},
		{"crÃ¨me brÃ»lÃ©e and jalapeÃ±o", "crème brûlée and jalapeño"},
		{"Read more Â»", "Read more »"},
		{"a queue â€” two years", "a queue — two years"},
		{"double: cafÃƒÂ©", "double: café"},
		{"emoji ðŸ˜€", "emoji 😀"},
		{"correct text: café, naïve, São Paulo, SÃO PAULO, CHÂTEAU", "correct text: café, naïve, São Paulo, SÃO PAULO, CHÂTEAU"},
		{"£1.5m and €3", "£1.5m and €3"},
		{"lone Ã at the end Ã", "lone Ã at the end Ã"},
		{"triple: cafÃƒÆ’Ã‚Â©", "triple: café"},
		// Each layer undone would expose one more; no fixed point within the
		// bound, so the text is not mojibake and stays.
		{"cascade ÂÂÂÂÂÂÂÂ»", "cascade ÂÂÂÂÂÂÂÂ»"},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, Mojibake{}, d)
		if d.Text != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, d.Text, tt.want)
		}
		checkIdempotent(t, Mojibake{}, d.Text)
	}
}

func TestMojibakeGolden(t *testing.T) { golden(t, Mojibake{}, asText) }

func FuzzMojibake(f *testing.F) {
	fuzzStage(f, Mojibake{}, asText, "Ã©â€™Â»", "ÃƒÂ©", "ðŸ˜")
}
