package stages

import (
	"bufio"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// Language sets Meta.Lang, when it is still empty, to the ISO 639-1 code of
// the text's language. The fast path counts the function words of each
// language in Stopwords over langSample bytes of the page's prose (see
// proseSample): news prose in a language sluice has a list for is decided
// there in microseconds. When the count is not clear (another language, a
// list of names), whatlanggo decides among many more languages. Lang stays
// empty when the text is too short or neither is sure.
type Language struct {
	// Stopwords supplies the function words per language.
	Stopwords *Stopwords
}

// Name returns "language".
func (Language) Name() string { return "language" }

// Language detection limits.
const (
	langSample        = 512  // bytes of text examined
	langMinBytes      = 40   // shorter text gets no language
	langMinWords      = 8    // words needed for the stopword count
	langMinShare      = 0.15 // the winner's stopwords among all words
	langMinLead       = 1.5  // the winner's count over the runner-up's
	langMinConfidence = 0.5  // whatlanggo's confidence needed
)

// Process detects the language of d.Text.
func (s Language) Process(_ context.Context, d *Doc) error {
	if d.Meta.Lang != "" || len(d.Text) < langMinBytes {
		return nil
	}
	sample := proseSample(d)
	if code := s.Stopwords.detect(sample); code != "" {
		d.Meta.Lang = code
		return nil
	}
	info := whatlanggo.DetectWithOptions(sample, langOptions)
	if info.Confidence < langMinConfidence {
		return nil
	}
	if code := info.Lang.Iso6391(); len(code) == 2 {
		d.Meta.Lang = code
	}
	return nil
}

// proseSample returns up to langSample bytes of d's sentences: paragraphs of
// at least bodyMinWords words that end a sentence, joined by newlines. A
// page's menus and link lists are names, which tell little about its
// language and send the count to the slow path. Without such paragraphs it
// is the head of d.Text.
func proseSample(d *Doc) string {
	var b []byte
	ps := d.paras()
	for i := range ps {
		p := &ps[i]
		if p.words < bodyMinWords || !endsSentence(p.text) {
			continue
		}
		if len(b) > 0 {
			b = append(b, '\n')
		}
		if len(b)+len(p.text) >= langSample {
			return string(b) + clipBytes(p.text, langSample-len(b))
		}
		b = append(b, p.text...)
	}
	if len(b) == 0 {
		return clipBytes(d.Text, langSample)
	}
	return string(b)
}

// Stopwords holds function-word lists per language, read-only once built.
type Stopwords struct {
	langs  []string          // ISO 639-1 codes, sorted
	words  map[string][]int8 // word -> indexes into langs
	maxLen int               // the longest word, in bytes
	// short holds the words of words that are ASCII and at most 8 bytes
	// long, for the count's lookups: hashing strings for a Go map was most
	// of its time.
	short packedWords
}

// packedWords is a set of ASCII words of 1 to 8 bytes, each packed into a
// uint64 (see packWord), mapped to their languages: an open-addressing
// table with linear probing, at most half full.
type packedWords struct {
	keys  []uint64 // 0 marks an empty slot: no word packs to 0
	vals  [][]int8
	shift uint // 64 - log2(len(keys))
}

// packWord packs the ASCII word w of at most 8 bytes, lower-cased, into a
// uint64, its first byte lowest.
func packWord(w string) uint64 {
	var k uint64
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(asciiFoldTable[w[i]])
	}
	return k
}

// newPackedWords returns the table of the ASCII words of at most 8 bytes of m.
func newPackedWords(m map[string][]int8) packedWords {
	n := 0
	for w := range m {
		if len(w) <= 8 && isASCII(w) {
			n++
		}
	}
	bits := uint(1)
	for 1<<bits < 2*n {
		bits++
	}
	t := packedWords{keys: make([]uint64, 1<<bits), vals: make([][]int8, 1<<bits), shift: 64 - bits}
	for w, ls := range m {
		if len(w) <= 8 && isASCII(w) {
			k := packWord(w)
			i := t.slot(k)
			t.keys[i], t.vals[i] = k, ls
		}
	}
	return t
}

// slot returns the index of k in t, or of the empty slot where it belongs.
func (t *packedWords) slot(k uint64) int {
	mask := len(t.keys) - 1
	i := int((k * 0x9E3779B97F4A7C15) >> t.shift)
	for t.keys[i] != k && t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	return i
}

// get returns the languages of the packed word k.
func (t *packedWords) get(k uint64) []int8 {
	if len(t.keys) == 0 {
		return nil
	}
	return t.vals[t.slot(k)]
}

//go:embed stopwords/*.txt
var builtinStopwords embed.FS

// DefaultStopwords returns the embedded lists (stopwords/LANG.txt).
func DefaultStopwords() (*Stopwords, error) {
	return LoadStopwords(builtinStopwords, "stopwords")
}

// LoadStopwords reads dir/LANG.txt files of fsys: white-space separated
// words, lines starting with '#' ignored.
func LoadStopwords(fsys fs.FS, dir string) (*Stopwords, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	sw := &Stopwords{words: map[string][]int8{}}
	for _, name := range names {
		code := strings.TrimSuffix(path.Base(name), ".txt")
		if len(code) != 2 {
			return nil, fmt.Errorf("%s: file name must be an ISO 639-1 code", name)
		}
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		idx := int8(len(sw.langs))
		sw.langs = append(sw.langs, code)
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if strings.HasPrefix(line, "#") {
				continue
			}
			for _, w := range strings.Fields(strings.ToLower(line)) {
				if l := sw.words[w]; len(l) == 0 || l[len(l)-1] != idx {
					sw.words[w] = append(l, idx)
				}
				sw.maxLen = max(sw.maxLen, len(w))
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	sw.short = newPackedWords(sw.words)
	return sw, nil
}

// detect returns the language whose function words clearly dominate s, or "".
func (sw *Stopwords) detect(s string) string {
	if sw == nil || len(sw.langs) == 0 {
		return ""
	}
	// A word listed for several languages counts for each of them in part,
	// so shared words ("de", "la", "a") do not blur the Romance languages.
	var counts [64]float64
	words := 0
	var buf [32]byte
	for i := 0; i < len(s); {
		for i < len(s) && !isWordByte(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		// Scan one word, packing its first eight bytes, lower-cased, as
		// packWord does, and noting whether it is ASCII.
		j := i
		var packed uint64
		var high byte
		for ; i < len(s) && isWordByte(s[i]); i++ {
			high |= s[i]
			if n := i - j; n < 8 {
				packed |= uint64(asciiFoldTable[s[i]]) << (8 * n)
			}
		}
		words++
		w := s[j:i]
		if len(w) > 3*sw.maxLen { // lower-casing shrinks a rune to a third at most (K, the Kelvin sign, to k)
			continue
		}
		var ls []int8
		switch {
		case high < utf8.RuneSelf && len(w) > sw.maxLen:
			continue // lower-casing ASCII keeps the length
		case high < utf8.RuneSelf && len(w) <= 8:
			ls = sw.short.get(packed)
		case high < utf8.RuneSelf && len(w) <= len(buf):
			ls = sw.words[string(appendASCIILower(buf[:0], w))] // no allocation for a map lookup
		default:
			ls = sw.words[strings.ToLower(w)]
		}
		for _, l := range ls {
			counts[l] += shareOf[len(ls)]
		}
	}
	if words < langMinWords {
		return ""
	}
	best, second := -1, 0.0
	for l := range sw.langs {
		switch {
		case best < 0 || counts[l] > counts[best]:
			if best >= 0 {
				second = counts[best]
			}
			best = l
		case counts[l] > second:
			second = counts[l]
		}
	}
	if counts[best] < langMinShare*float64(words) || counts[best] < langMinLead*second {
		return ""
	}
	return sw.langs[best]
}

// shareOf[n] is what a word listed for n languages counts for each:
// 1/n, for every n a []int8 of languages can have.
var shareOf = func() (t [129]float64) {
	for n := 1; n < len(t); n++ {
		t[n] = 1 / float64(n)
	}
	return t
}()

// isWordByte reports whether b belongs to a word: letters, digits, the
// apostrophe and any byte of a multi-byte rune.
func isWordByte(b byte) bool { return langWordByte[b] }

// langWordByte is isWordByte as a table.
var langWordByte = func() (t [256]bool) {
	for b := range t {
		t[b] = b >= 0x80 || b == '\'' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	return t
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// langOptions restricts whatlanggo to the languages of European and world
// news sluice is likely to see, which keeps near relatives apart.
var langOptions = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Deu: true, whatlanggo.Fra: true, whatlanggo.Spa: true,
	whatlanggo.Ita: true, whatlanggo.Por: true, whatlanggo.Nld: true, whatlanggo.Pol: true,
	whatlanggo.Swe: true, whatlanggo.Dan: true, whatlanggo.Nob: true, whatlanggo.Fin: true,
	whatlanggo.Ces: true, whatlanggo.Ron: true, whatlanggo.Hun: true, whatlanggo.Hrv: true,
	whatlanggo.Slv: true, whatlanggo.Ell: true, whatlanggo.Rus: true, whatlanggo.Ukr: true,
	whatlanggo.Bul: true, whatlanggo.Tur: true, whatlanggo.Arb: true, whatlanggo.Heb: true,
	whatlanggo.Cmn: true, whatlanggo.Jpn: true, whatlanggo.Kor: true, whatlanggo.Hin: true,
	whatlanggo.Ind: true, whatlanggo.Vie: true, whatlanggo.Lit: true, whatlanggo.Lav: true,
	whatlanggo.Est: true,
}}
