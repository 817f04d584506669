package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sluice-news/sluice/stages"
)

// Chain runs stages in order over one document. A Chain is safe for
// concurrent use when its stages are, which every stage in package stages is.
type Chain struct {
	stages []stages.Stage
	// observe, if set, is called once per Run with how long each stage
	// took. It is how metrics get at stage timings.
	observe func(took []time.Duration)
}

// NewChain returns a chain of the given stages, run in the order given.
func NewChain(ss ...stages.Stage) *Chain {
	return &Chain{stages: ss}
}

// DefaultChain returns the standard cleaning chain with the given rules.
// Stage order matters and is explicit here:
//
//  1. decode: bytes to UTF-8 text; html-text: HTML to one block per line;
//  2. serialized-dump: PHP dumps, cut by byte counts before anything
//     changes the bytes;
//  3. repairs: entities, mojibake, then normalize (NFC, invisible
//     characters, one paragraph per line);
//  4. code, binary and template debris, then attribution tails ("…, AP
//     said.", "(AFP)"), before any classifier: what a tail leaves ("Ad!" of
//     "Ad! (AA)") must meet the classifiers, or a second run would differ;
//  5. single-paragraph classifiers: editor codes, datelines, then the tail
//     of a whole page's text dump (page-tail: the run below its article
//     and everything from a widget heading below most of its prose), so
//     that bylines and the classifiers after them judge the page without
//     the credits and headings of its related lists; bylines, photo
//     credits, navigation, ads;
//  6. block classifiers: cookie banners, newsletter prompts, related lists,
//     share rows (each a trigger and its members), copyright lines; then
//     read-more stubs, which sit at the end of the body once the widgets
//     after it are gone;
//  7. comment-form: a terminating block, after the classifiers that give
//     footers below the form their own class;
//  8. duplicate paragraphs; then main-content, the article span of a text
//     dump, after duplicate because a page that repeats its article below
//     it only shows its furniture once the copy is gone;
//  9. headline: title and section, taken only when everything else left in
//     the page header is explained, so it runs after every stage that
//     removes header lines (and the chain stays idempotent);
//  10. language, on the clean text.
func DefaultChain(rules *stages.Rules, stopwords *stages.Stopwords) *Chain {
	return NewChain(
		stages.Decode{},
		stages.HTMLText{Rules: rules},
		stages.SerializedDump{},
		stages.Entities{},
		stages.Mojibake{},
		stages.Normalize{},
		stages.CodeBlob{},
		stages.BinaryBlob{Rules: rules},
		stages.TemplatePlaceholder{Rules: rules},
		stages.Attribution{Rules: rules},
		stages.EditorCode{Rules: rules},
		stages.Dateline{Rules: rules},
		stages.PageTail{Rules: rules},
		stages.Byline{Rules: rules},
		stages.PhotoCredit{Rules: rules},
		stages.Navigation{Rules: rules},
		stages.Advertisement{Rules: rules},
		stages.CookieBanner{Rules: rules},
		stages.Newsletter{Rules: rules},
		stages.RelatedList{Rules: rules},
		stages.ShareRow{Rules: rules},
		stages.CopyrightFooter{Rules: rules},
		stages.ReadMore{Rules: rules},
		stages.CommentForm{Rules: rules},
		stages.Duplicate{},
		stages.MainContent{},
		stages.Headline{},
		stages.Language{Stopwords: stopwords},
	)
}

// Observe sets a function that Run calls once per document, after its last
// stage, with the time each stage took, in chain order (see Names); one
// call per document, not one per stage, lets the metrics record a page's
// times under one lock. When Run stopped early, took covers the stages that
// ran, the failed one last. fn must not keep took. Observe returns c.
func (c *Chain) Observe(fn func(took []time.Duration)) *Chain {
	c.observe = fn
	return c
}

// Names returns the stage names in order.
func (c *Chain) Names() []string {
	out := make([]string, len(c.stages))
	for i, s := range c.stages {
		out[i] = s.Name()
	}
	return out
}

// Run runs every stage over d in order and stops at the first error, which it
// returns as an *Error naming the stage and classifying the cause: a stage
// error wrapping stages.ErrBadInput or a deadline is ClassPermanent, a
// cancelled ctx is returned as is (the page was not judged), anything else,
// including a panic in a stage, is ClassPermanent with the stage named, so a
// page that trips a bug goes to the dead-letter queue instead of stalling a
// partition.
func (c *Chain) Run(ctx context.Context, d *stages.Doc) error {
	var took []time.Duration
	var last time.Time // when the stage before ended, if observed
	if c.observe != nil {
		took = make([]time.Duration, 0, len(c.stages))
		last = time.Now()
		defer func() { c.observe(took) }()
	}
	for _, s := range c.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := runStage(ctx, s, d)
		if c.observe != nil {
			// One clock read per stage (clock reads cost 4 % of
			// cleaning): a stage's time runs from the end of the one
			// before.
			now := time.Now()
			took = append(took, now.Sub(last))
			last = now
		}
		if err == nil {
			continue
		}
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return err
		}
		return &Error{Class: ClassPermanent, Stage: s.Name(), Err: err}
	}
	return nil
}

// runStage calls s.Process and turns a panic into an error.
func runStage(ctx context.Context, s stages.Stage, d *stages.Doc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stage panicked: %v", r)
		}
	}()
	return s.Process(ctx, d)
}
