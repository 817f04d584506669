package stages

import "testing"

func TestDuplicate(t *testing.T) {
	p := "The number of patients waiting for hip and knee replacements has dropped below 5,000."
	tests := []struct{ name, in, want string }{
		{"repeated standfirst", p + "\n" + p + "\nMore text here.", p + "\nMore text here."},
		{"repeat across a page break, case differs", p + "\nMiddle paragraph of the story.\n" + "THE NUMBER OF PATIENTS WAITING FOR HIP AND KNEE REPLACEMENTS HAS DROPPED BELOW 5,000.", p + "\nMiddle paragraph of the story."},
		// Paragraphs that start alike share a hash; each is told apart.
		{"same start, different ends", p + " It fell in May.\n" + p + " It rose in June.\n" + p + " It fell in May.\n" + p + " It rose in June.\n" + p + " It held in July.",
			p + " It fell in May.\n" + p + " It rose in June.\n" + p + " It held in July."},
		{"short lines may repeat", "What they said\nText one of the story.\nWhat they said", "What they said\nText one of the story.\nWhat they said"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, Duplicate{}, d)
			if d.Text != tt.want {
				t.Errorf("got %q\nwant %q", d.Text, tt.want)
			}
		})
	}
}

func TestDuplicateGolden(t *testing.T) { golden(t, Duplicate{}, asNormalized) }

func FuzzDuplicate(f *testing.F) { fuzzStage(f, Duplicate{}, asNormalized, "a b c d e f\na b c d e f") }
