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
// Class.index must agree with it (TestClassIndex).
var Classes = [...]Class{
	ClassTitle, ClassSectionLabel, ClassDateline, ClassByline, ClassPhotoCredit,
	ClassAttribution, ClassEditorCode, ClassSerializedDump, ClassCodeBlob,
	ClassReadMoreStub, ClassCommentForm, ClassShareRow, ClassCookieBanner,
	ClassNewsletterPrompt, ClassAdvertisement, ClassRelatedList, ClassNavigation,
	ClassCopyrightFooter, ClassTemplatePlaceholder, ClassBinaryBlob, ClassDuplicate,
}

// Valid reports whether c is one of [Classes].
func (c Class) Valid() bool { return c.index() >= 0 }

// index returns the position of c in Classes, -1 if c is not valid. It is
// a switch, not a search or a map, because rule sets are looked up by class
// for every page.
func (c Class) index() int {
	switch c {
	case ClassTitle:
		return 0
	case ClassSectionLabel:
		return 1
	case ClassDateline:
		return 2
	case ClassByline:
		return 3
	case ClassPhotoCredit:
		return 4
	case ClassAttribution:
		return 5
	case ClassEditorCode:
		return 6
	case ClassSerializedDump:
		return 7
	case ClassCodeBlob:
		return 8
	case ClassReadMoreStub:
		return 9
	case ClassCommentForm:
		return 10
	case ClassShareRow:
		return 11
	case ClassCookieBanner:
		return 12
	case ClassNewsletterPrompt:
		return 13
	case ClassAdvertisement:
		return 14
	case ClassRelatedList:
		return 15
	case ClassNavigation:
		return 16
	case ClassCopyrightFooter:
		return 17
	case ClassTemplatePlaceholder:
		return 18
	case ClassBinaryBlob:
		return 19
	case ClassDuplicate:
		return 20
	}
	return -1
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
	// Discussion is true when the page says it is a discussion (a forum
	// topic, a Q&A page): its replies are its content, so a comment header
	// heads no comment area to remove.
	Discussion bool
	// Removed lists every removal in the order the stages made them.
	Removed []Removal

	pc paraCache // the paragraphs of Text, see paras
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
	return clipBytes(s, n) + "…"
}

// clipBytes returns at most n bytes of s, cut at a rune boundary.
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// para is one paragraph of a Doc's text with the facts that many stages
// ask about it, each computed at most once.
type para struct {
	text      string
	words     int    // wordCount(text)
	runes     int    // utf8.RuneCountInString(text)
	key       string // foldKeyHead(text, keyLimit), when keyLimit > 0
	keyCut    bool   // key is only the head of foldKey(text)
	keyLimit  int
	lower     string // lower-cased text, when hasLower
	hasLower  bool
	weight    int // lineWeight(text), when hasWeight
	hasWeight bool
	// cand holds the regexp rules of candIx that may match, once computed.
	cand   ruleBits
	candIx *ruleIndex
}

// newPara returns the paragraph p with its word and rune counts.
func newPara(p string) para {
	words, runes := countWords(p)
	return para{text: p, words: words, runes: runes}
}

// maxKeyBytes bounds the keys of line and prefix rules: they are short, and
// prose paragraphs are long, so only the head of a paragraph's folded key
// is computed.
const maxKeyBytes = 256

// foldKey returns foldKeyHead(p.text, limit), memoized: the folded key, or
// its head and true when the key is longer than limit.
func (p *para) foldKey(limit int) (string, bool) {
	if p.keyLimit == 0 || p.keyCut && limit > p.keyLimit {
		p.key, p.keyCut = foldKeyHead(p.text, limit)
		p.keyLimit = limit
	}
	return p.key, p.keyCut
}

// candidates returns ix.candidates(p.text), memoized.
func (p *para) candidates(ix *ruleIndex) ruleBits {
	if p.candIx != ix {
		p.cand, p.candIx = ix.candidates(p.text, p.runes == len(p.text)), ix
	}
	return p.cand
}

// lowerText returns strings.ToLower of the paragraph, with the long s as
// "s": the form rule prefilters search, which agrees with the regexp
// engine's case folding on the literals they keep.
func (p *para) lowerText() string {
	if !p.hasLower {
		p.lower, p.hasLower = strings.ToLower(p.text), true
		if strings.ContainsRune(p.lower, 'ſ') {
			p.lower = strings.ReplaceAll(p.lower, "ſ", "s")
		}
	}
	return p.lower
}

// paraCache holds the paragraphs of one version of a Doc's text.
type paraCache struct {
	text  string // the Doc.Text the paragraphs make up
	ps    []para
	whole pageFacts // see Doc.wholePage
}

// pageFacts is what Doc.wholePage found, once known.
type pageFacts struct {
	a, b      int
	ok, known bool
}

// paras returns the paragraphs of d.Text, which must be normalized text
// (see Doc.Text). The slice is d's: callers may use the facts of its
// elements but change the paragraphs only through setParas or dropParas.
// It stays valid until d.Text changes; a stage that rewrites d.Text
// directly is fine, the next call splits the new text, keeping the facts
// of the paragraphs that did not change.
func (d *Doc) paras() []para {
	if d.pc.text == d.Text && (d.pc.ps != nil || d.Text == "") {
		return d.pc.ps
	}
	old := d.pc.ps
	ps := make([]para, 0, strings.Count(d.Text, "\n")+1)
	j := 0 // old paragraphs before j were reused or passed
	for p := range strings.SplitSeq(d.Text, "\n") {
		// Text edits are local, so an unchanged paragraph is found at
		// the next position of the old list or close after it.
		found := false
		for k := j; k < len(old) && k < j+3; k++ {
			if old[k].text == p {
				ps, j, found = append(ps, old[k]), k+1, true
				break
			}
		}
		if !found {
			ps = append(ps, newPara(p))
		}
	}
	if d.Text == "" {
		ps = ps[:0]
	}
	d.pc = paraCache{text: d.Text, ps: ps}
	return ps
}

// setParas makes ps, in order, the paragraphs of d.Text. Empty paragraphs
// are dropped. ps may be (part of) the slice paras returned: it is
// compacted in place, and the caller's copy of it is stale afterwards.
func (d *Doc) setParas(ps []para) {
	n := 0
	for i := range ps {
		if ps[i].text != "" {
			n += len(ps[i].text) + 1
		}
	}
	out := ps[:0]
	var b strings.Builder
	b.Grow(n)
	for i := range ps {
		if ps[i].text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(ps[i].text)
		out = append(out, ps[i])
	}
	d.Text = b.String()
	d.pc = paraCache{text: d.Text, ps: out}
}

// dropParas removes every paragraph i of d.paras() with ids[i] != "",
// recording each removal under class c and rule ids[i]. ids has one entry
// per paragraph.
func (d *Doc) dropParas(c Class, ids []string) {
	ps := d.paras()
	for i := range ps {
		if ids[i] != "" {
			d.Remove(c, ids[i], ps[i].text)
			ps[i].text = ""
		}
	}
	d.setParas(ps)
}
