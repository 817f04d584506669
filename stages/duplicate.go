package stages

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Duplicate removes repeated paragraphs, keeping the first copy: a
// standfirst printed twice, the paragraph repeated across a page break.
// Paragraphs of fewer than minDuplicateWords words (subheads, "Advertisement")
// may repeat; other stages deal with them.
type Duplicate struct{}

// Name returns "duplicate".
func (Duplicate) Name() string { return "duplicate" }

// minDuplicateWords is the shortest paragraph whose repetition is removed.
const minDuplicateWords = 6

// Process removes repeated paragraphs. Paragraphs are compared without
// regard to case: hashed by their first case-folded runes, confirmed
// with strings.EqualFold.
func (Duplicate) Process(_ context.Context, d *Doc) error {
	// fold hash -> the first paragraph with it; the others with that hash,
	// which start like it, in more.
	seen := make(map[uint64]string, len(d.paras()))
	var more map[uint64][]string
	dropWhere(d, ClassDuplicate, func(_ int, pa *para) string {
		p := pa.text
		if pa.words < minDuplicateWords {
			return ""
		}
		h := foldHash(p)
		first, ok := seen[h]
		if !ok {
			seen[h] = p
			return ""
		}
		if strings.EqualFold(first, p) {
			return "duplicate.paragraph"
		}
		for _, q := range more[h] {
			if strings.EqualFold(q, p) {
				return "duplicate.paragraph"
			}
		}
		if more == nil {
			more = map[uint64][]string{}
		}
		more[h] = append(more[h], p)
		return ""
	})
	return nil
}

// foldHashRunes is how many runes of a paragraph foldHash reads: enough to
// tell paragraphs apart, and strings.EqualFold confirms a copy anyway.
const foldHashRunes = 64

// foldHash is an FNV-1a hash of the first foldHashRunes runes of s under
// simple case folding: strings that strings.EqualFold calls equal hash
// alike.
func foldHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i, runes := 0, 0; i < len(s) && runes < foldHashRunes; runes++ {
		c := rune(s[i])
		n := 1
		if c >= utf8.RuneSelf {
			c, n = utf8.DecodeRuneInString(s[i:])
			c = foldCanonical(c)
		} else if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		i += n
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// foldCanonical returns the smallest rune of r's simple case-folding orbit.
func foldCanonical(r rune) rune {
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	if m >= 'A' && m <= 'Z' {
		m += 'a' - 'A' // the ASCII path hashes lower case
	}
	return m
}
