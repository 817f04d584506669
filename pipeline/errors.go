package pipeline

import (
	"errors"
	"fmt"
)

// ErrorClass says how the runner treats a failed record.
type ErrorClass string

// The error classes.
const (
	// ClassTransient: the broker or network failed; retry with backoff, the
	// partition waits and nothing is skipped.
	ClassTransient ErrorClass = "transient"
	// ClassPermanent: the record itself is bad; send it to the dead-letter
	// queue at once.
	ClassPermanent ErrorClass = "permanent"
	// ClassTooLarge: the record exceeds a size limit; dead-letter it.
	ClassTooLarge ErrorClass = "too_large"
)

// Error is a classified failure of one record. Use errors.As to get at it.
type Error struct {
	Class ErrorClass
	// Stage is the stage that failed, or "input" when the record could not be
	// read as a page at all.
	Stage string
	Err   error
}

// Error returns "STAGE: MESSAGE".
func (e *Error) Error() string { return fmt.Sprintf("%s: %v", e.Stage, e.Err) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ClassOf returns the class of err: the class of the first *Error in its
// chain, else ClassTransient (an unclassified error is assumed to be the
// environment's, so the record is retried rather than dead-lettered).
func ClassOf(err error) ErrorClass {
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return ClassTransient
}

// StageOf returns the stage named by the first *Error in err's chain, or "".
func StageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Stage
	}
	return ""
}

// permanent returns a ClassPermanent error for the input step.
func permanent(format string, args ...any) error {
	return &Error{Class: ClassPermanent, Stage: "input", Err: fmt.Errorf(format, args...)}
}
