package stages

import "context"

// EditorCode removes desk, slug and wire codes that editing systems leave
// on a line of their own ("E/S 212-11", "dpa:240314-99-321457/4"), as
// described by the editor-code rules.
type EditorCode struct {
	// Rules supplies the editor-code patterns.
	Rules *Rules
}

// Name returns "editor-code".
func (EditorCode) Name() string { return "editor-code" }

// Process removes editor-code paragraphs.
func (s EditorCode) Process(_ context.Context, d *Doc) error {
	dropLines(d, s.Rules, ClassEditorCode, longerThan(8))
	return nil
}
