package stages

import "testing"

// TestClassIndex checks that Class.index is the position in Classes of
// every class, and -1 for anything else.
func TestClassIndex(t *testing.T) {
	for i, c := range Classes {
		if got := c.index(); got != i {
			t.Errorf("%q.index() = %d, want %d", c, got, i)
		}
		if !c.Valid() {
			t.Errorf("%q is not Valid", c)
		}
	}
	for _, c := range []Class{"", "Title", "navigation ", "ads"} {
		if got := c.index(); got != -1 || c.Valid() {
			t.Errorf("%q.index() = %d, Valid %v; want -1, false", c, got, c.Valid())
		}
	}
}
