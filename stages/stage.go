package stages

import (
	"context"
	"errors"
	"fmt"
)

// Stage is one step of cleaning.
//
// Process inspects d and changes it in place: it may rewrite d.Text, fill
// empty fields of d.Meta and append to d.Removed, and nothing else. Every piece
// of text it takes out of d.Text must be recorded with [Doc.Remove]; text is
// never dropped silently. Process must be deterministic (the same Doc gives the
// same result), idempotent (running it on its own output, as a fresh Doc with
// the same Text, changes nothing), must leave d.Text valid UTF-8, and must not
// keep d or anything reachable from it after it returns.
//
// Process returns nil when it is done, including when it found nothing to do.
// It returns an error wrapping [ErrBadInput] when the page itself cannot be
// cleaned (it is not text, it is empty, it is too deeply nested): the runner
// then routes the page to the dead-letter queue and the error text becomes the
// reason. Any other error is treated as a fault of the stage, not of the page.
// A stage that may run long must return ctx.Err() promptly once ctx is done.
//
// Name returns a short, stable, lowercase identifier ("comment-form") used in
// logs, metrics and error reports.
type Stage interface {
	Name() string
	Process(ctx context.Context, d *Doc) error
}

// ErrBadInput marks errors caused by the page rather than by sluice.
// Test for it with errors.Is.
var ErrBadInput = errors.New("bad input")

// badInput returns an error wrapping ErrBadInput with a reason.
func badInput(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadInput, fmt.Sprintf(format, args...))
}

// Func adapts a function to the Stage interface, the way http.HandlerFunc
// adapts a function to http.Handler. Use it for stages that hold no state.
type Func struct {
	// ID is returned by Name.
	ID string
	// Fn is called by Process.
	Fn func(ctx context.Context, d *Doc) error
}

// Name returns f.ID.
func (f Func) Name() string { return f.ID }

// Process calls f.Fn(ctx, d).
func (f Func) Process(ctx context.Context, d *Doc) error { return f.Fn(ctx, d) }

var _ Stage = Func{}
