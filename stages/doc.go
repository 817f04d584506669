// Package stages holds the document type that flows through sluice and the
// stages that clean it.
//
// A stage is a small, deterministic transformation of a [Doc]: it decodes the
// raw bytes, removes one kind of debris, repairs the text or lifts metadata out
// of it. Stages know nothing of Kafka, offsets, metrics or flags; the pipeline
// package runs them in order and does the timing, counting and error routing.
//
// Every removal a stage makes is recorded in [Doc.Removed] with its debris
// [Class], the id of the rule that matched and the removed text, so a person
// can see why a sentence is gone.
package stages

import (
	"strings"
	"unicode/utf8"
)

// Class names a kind of debris or metadata that a stage removes from the text.
// The values are the class names of the golden corpus.
type Class string

// The debris classes. A Removal carries exactly one of them.
const (
	ClassTitle               Class = "title"
	ClassSectionLabel        Class = "section-label"
	ClassDateline            Class = "dateline"
	ClassByline              Class = "byline"
	ClassPhotoCredit         Class = "photo-credit"
	ClassAttribution         Class = "attribution"
	ClassEditorCode          Class = "editor-code"
	ClassSerializedDump      Class = "serialized-dump"
	ClassCodeBlob            Class = "code-blob"
	ClassReadMoreStub        Class = "read-more-stub"
	ClassCommentForm         Class = "comment-form"
	ClassShareRow            Class = "share-row"
	ClassCookieBanner        Class = "cookie-banner"
	ClassNewsletterPrompt    Class = "newsletter-prompt"
	ClassAdvertisement       Class = "advertisement"
	ClassRelatedList         Class = "related-list"
	ClassNavigation          Class = "navigation"
	ClassCopyrightFooter     Class = "copyright-footer"
	ClassTemplatePlaceholder Class = "template-placeholder"
	ClassBinaryBlob          Class = "binary-blob"
	ClassDuplicate           Class = "duplicate"
)

// Classes lists every debris class, in the order of the corpus README.
var Classes = []Class{
	ClassTitle, ClassSectionLabel, ClassDateline, ClassByline, ClassPhotoCredit,
	ClassAttribution, ClassEditorCode, ClassSerializedDump, ClassCodeBlob,
	ClassReadMoreStub, ClassCommentForm, ClassShareRow, ClassCookieBanner,
	ClassNewsletterPrompt, ClassAdvertisement, ClassRelatedList, ClassNavigation,
	ClassCopyrightFooter, ClassTemplatePlaceholder, ClassBinaryBlob, ClassDuplicate,
}

// Valid reports whether c is one of [Classes].
func (c Class) Valid() bool {
	for _, k := range Classes {
		if c == k {
			return true
		}
	}
	return false
}

// Removal records one piece of text a stage took out of the document.
type Removal struct {
	Class Class  `json:"class"`
	Rule  string `json:"rule"`
	Text  string `json:"text"`
}

// MaxRemovalText is the longest Removal.Text kept, in bytes; longer removed
// text is cut at a rune boundary and ends in "…".
const MaxRemovalText = 256

// Meta is the metadata lifted out of a page. An empty string means unknown.
type Meta struct {
	Title   string
	Section string
	// PublishedAt is an ISO 8601 date or date-time, exactly as precise as the
	// page states it ("2016-02-24", "2016-02-24T14:03"); no zone is invented.
	PublishedAt string
	Byline      string
	Attribution string
	// Truncated is true when the page holds only a teaser of the article.
	Truncated bool
	// Lang is an ISO 639-1 code.
	Lang string
}

// Doc is one page on its way through a chain of stages.
type Doc struct {
	// Source names where the page came from (a file path, or topic/partition@offset).
	// Stages treat it as opaque.
	Source string
	// URL is the page address, if the producer gave one.
	URL string
	// ContentType is the media type of Raw as declared by the producer, for
	// example "text/html; charset=windows-1252". Empty means unknown: Decode sniffs.
	ContentType string
	// Raw is the page as received. Stages read it and never modify it.
	Raw []byte
	// Text is the working text. After Decode it is valid UTF-8; after
	// Normalize it holds one paragraph per line, separated by a single '\n',
	// NFC-normalized, with no empty lines and no leading or trailing blanks.
	Text string
	// HTML is, for an HTML page, the main content HTMLText extracted, as
	// HTML. Text stages do not update it; the removals in Removed say what
	// they took out of its text.
	HTML string
	// Meta is the metadata found so far.
	Meta Meta
	// Removed lists every removal in the order the stages made them.
	Removed []Removal

	cache map[string]*paraFacts // see facts
}

// Remove records that text of class c was removed by rule. It does not change
// d.Text; the caller does that.
func (d *Doc) Remove(c Class, rule, text string) {
	d.Removed = append(d.Removed, Removal{Class: c, Rule: rule, Text: clip(strings.TrimSpace(text), MaxRemovalText)})
}

// clip returns s cut to at most n bytes at a rune boundary, marked with "…"
// when it was cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// paraFacts are facts about one paragraph that many stages ask for; Doc
// computes each once.
type paraFacts struct {
	text     string // the paragraph
	words    int
	key      string // foldKey of the paragraph
	lower    string // strings.ToLower of the paragraph
	hasKey   bool
	hasLower bool
	grams    *bigrams // letter pairs, for rule prefilters
}

// bigrams returns the paragraph's letter pairs, memoized.
func (f *paraFacts) bigrams() *bigrams {
	if f.grams == nil {
		g := bigramsOf(f.text)
		f.grams = &g
	}
	return f.grams
}

// facts returns the memoized facts of paragraph p. The cache lives as long
// as the Doc and is keyed by the paragraph's text, so it stays right when a
// stage rewrites d.Text.
func (d *Doc) facts(p string) *paraFacts {
	if f, ok := d.cache[p]; ok {
		return f
	}
	if d.cache == nil {
		d.cache = make(map[string]*paraFacts, 64)
	}
	f := &paraFacts{text: p, words: wordCount(p)}
	d.cache[p] = f
	return f
}

// words returns wordCount(p), memoized.
func (d *Doc) words(p string) int { return d.facts(p).words }

// lowerText returns strings.ToLower of the paragraph, with the long s as
// "s": the form rule prefilters search, which agrees with the regexp
// engine's case folding on the literals they keep.
func (f *paraFacts) lowerText() string {
	if !f.hasLower {
		f.lower, f.hasLower = strings.ToLower(f.text), true
		if strings.ContainsRune(f.lower, 'ſ') {
			f.lower = strings.ReplaceAll(f.lower, "ſ", "s")
		}
	}
	return f.lower
}
