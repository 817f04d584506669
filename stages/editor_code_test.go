package stages

import "testing"

func TestEditorCode(t *testing.T) {
	rules := testRules(t)
	tests := []struct{ name, in, want string }{
		{"desk slash code", "Body text.\nE/S 212-11", "Body text."},
		{"desk code dash", "Body text.\nAB/CD 12", "Body text."},
		{"agency and editor, slashed", "Body text.\n/dpa/ab", "Body text."},
		{"prose with code-like start kept", "E/S 212-11 was the code printed on the ballot, officials said.", "E/S 212-11 was the code printed on the ballot, officials said."},
		{"result line kept", "Arsenal 2 Chelsea 1", "Arsenal 2 Chelsea 1"},
		{"date kept", "24/02 2016", "24/02 2016"},
		{"wire rule line", "Body text.\n___\nAssociated Press writer Jane Doe contributed.", "Body text.\nAssociated Press writer Jane Doe contributed."},
		{"section break kept", "Body text.\n* * *\nMore text.", "Body text.\n* * *\nMore text."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, EditorCode{Rules: rules}, d)
			if d.Text != tt.want {
				t.Errorf("got %q, want %q", d.Text, tt.want)
			}
		})
	}
}

func TestEditorCodeGolden(t *testing.T) { golden(t, EditorCode{Rules: testRules(t)}, asNormalized) }

func FuzzEditorCode(f *testing.F) {
	fuzzStage(f, EditorCode{Rules: testRules(f)}, asNormalized, "E/S 212-11", "X/Y 1-2-3")
}
