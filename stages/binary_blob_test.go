package stages

import (
	"strings"
	"testing"
)

func TestBinaryBlob(t *testing.T) {
	rules := testRules(t)
	b64 := strings.Repeat("iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijC", 3)
	tests := []struct {
		in      string
		removed bool
	}{
		{"data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", true},
		{"data:image/svg+xml;charset=utf-8;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmciLz4=", true},
		{b64, true},
		{"The image was sent as data:image/png;base64,iVBOR… inside an email, police said.", false},
		{"Supercalifragilisticexpialidocious", false},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		process(t, BinaryBlob{Rules: rules}, d)
		if got := len(d.Removed) == 1; got != tt.removed {
			t.Errorf("%.40q: removed %v, want %v", tt.in, got, tt.removed)
		}
	}
}

func TestBinaryBlobGolden(t *testing.T) { golden(t, BinaryBlob{Rules: testRules(t)}, asNormalized) }

func FuzzBinaryBlob(f *testing.F) {
	fuzzStage(f, BinaryBlob{Rules: testRules(f)}, asNormalized, "data:a/b;base64,AAAAAAAAAAAA")
}
