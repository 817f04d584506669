package stages

import "context"

// PhotoCredit removes photo captions' credit lines ("Photo: Dana Whitfield",
// "Foto: Lars Petersen/dpa", "Photograph: Kestrel Sports Images").
type PhotoCredit struct {
	// Rules supplies the photo-credit patterns.
	Rules *Rules
}

// Name returns "photo-credit".
func (PhotoCredit) Name() string { return "photo-credit" }

// Process removes photo credits.
func (s PhotoCredit) Process(_ context.Context, d *Doc) error {
	dropLines(d, s.Rules, ClassPhotoCredit, longerThan(25))
	return nil
}
