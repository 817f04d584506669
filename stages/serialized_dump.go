package stages

import (
	"context"
	"strings"
	"unicode/utf8"
)

// SerializedDump removes PHP debug and serialization output that a template
// printed into the page: var_dump (`string(2866) "…"`, `array(2) {…}`,
// `object(C)#1 (2) {…}`, `int(5)`, `bool(true)`, `float(1.5)`, `NULL`),
// serialize() (`a:2:{…}`, `s:5:"hello";`, `O:3:"Foo":1:{…}`) and print_r
// (`Array ( [k] => v )`, `stdClass Object ( … )`).
//
// A dump is cut by its own byte and element counts, never by guessing where
// it ends, so a payload may hold quotes, braces, newlines and JSON. Only a dump
// that fills its lines from start to end is removed: one quoted inside a
// sentence ("strings such as a:1:{i:0;s:5:"hello";}") is prose and stays.
//
// SerializedDump runs on decoded text before Normalize, because folding white
// space would break the byte counts.
type SerializedDump struct{}

// Name returns "serialized-dump".
func (SerializedDump) Name() string { return "serialized-dump" }

// maxDumpDepth bounds the nesting a dump may have; deeper input is not a dump.
const maxDumpDepth = 64

// maxDumpPasses bounds the passes of Process. Removing a dump can complete
// another around it (an `array(1) {…}` whose body held one extra line that
// is a dump of its own), so Process repeats until nothing changes; real
// pages need two passes, and only contrived nesting needs more.
const maxDumpPasses = 16

// Process removes every serialized dump block from d.Text.
func (SerializedDump) Process(ctx context.Context, d *Doc) error {
	if strings.IndexByte(d.Text, '(') < 0 && strings.IndexByte(d.Text, ':') < 0 {
		return nil
	}
	// Byte counts are read on the text as Normalize will leave it, as far
	// as the characters it drops go: a second run sees them gone, and must
	// judge a dump as the first did.
	d.Text = dropControls(d.Text)
	for range maxDumpPasses {
		changed, err := removeDumps(ctx, d)
		if err != nil || !changed {
			return err
		}
	}
	return nil
}

// removeDumps makes one pass of Process and reports whether it removed any
// dump.
func removeDumps(ctx context.Context, d *Doc) (bool, error) {
	text := d.Text
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		j := skipBlanks(text, i)
		if end, rule := dumpBlock(text, j); end > j && lineEndsAt(text, end) {
			if b.Cap() == 0 {
				b.Grow(len(text))
			}
			b.WriteString(text[last:i])
			d.Remove(ClassSerializedDump, rule, text[j:end])
			last = nextLine(text, end)
			i = last
			continue
		}
		i = nextLine(text, i)
	}
	if last == 0 {
		return false, nil
	}
	b.WriteString(text[last:])
	d.Text = b.String()
	return true, nil
}

// dumpBlock parses one or more dumps starting at i, separated by white space,
// and returns the end of the last one and the rule id of the first; end is i
// when there is none.
func dumpBlock(s string, i int) (end int, rule string) {
	end = i
	for {
		e, r := dumpValue(s, end)
		if e < 0 {
			return end, rule
		}
		if rule == "" {
			rule = r
		}
		end = e
		if k := skipSpace(s, end); k > end && k < len(s) {
			if e2, _ := dumpValue(s, k); e2 >= 0 {
				end = k
				continue
			}
		}
		return end, rule
	}
}

// dumpValue parses one dump of any format at i and returns its end and rule
// id, or -1.
func dumpValue(s string, i int) (int, string) {
	if i >= len(s) {
		return -1, ""
	}
	p := dumpParser{s: s}
	switch c := s[i]; {
	case c == 'a' || c == 'O' || c == 's' || c == 'i' || c == 'b' || c == 'd' || c == 'N' || c == 'C' || c == 'E':
		if len(s) > i+1 && (s[i+1] == ':' || (c == 'N' && s[i+1] == ';')) {
			if e := p.serialized(i, 0); e >= 0 && (e-i > 4 || c == 'a' || c == 'O') {
				return e, "php.serialize"
			}
		}
	}
	if e := p.varDump(i, 0); e >= 0 {
		return e, "php.var-dump"
	}
	if e := p.printR(i, 0); e >= 0 {
		return e, "php.print-r"
	}
	return -1, ""
}

// dumpParser holds the text being parsed. Every method takes a start offset
// and returns the end offset of what it parsed, or -1.
type dumpParser struct{ s string }

// lit returns the end of the literal t at i, or -1.
func (p dumpParser) lit(i int, t string) int {
	if strings.HasPrefix(p.s[min(i, len(p.s)):], t) {
		return i + len(t)
	}
	return -1
}

// uint parses decimal digits at i and returns their value (saturated) and end.
func (p dumpParser) uint(i int) (int, int) {
	n, j := 0, i
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' && j-i < 12 {
		n = n*10 + int(p.s[j]-'0')
		j++
	}
	if j == i {
		return 0, -1
	}
	return n, j
}

// number parses a PHP integer or float literal (also INF, NAN, -0, 1.0E+25).
func (p dumpParser) number(i int) int {
	for _, w := range []string{"INF", "-INF", "NAN"} {
		if e := p.lit(i, w); e >= 0 {
			return e
		}
	}
	j := i
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	_, e := p.uint(j)
	if e < 0 {
		return -1
	}
	j = e
	if j < len(p.s) && p.s[j] == '.' {
		if _, e := p.uint(j + 1); e >= 0 {
			j = e
		}
	}
	if j < len(p.s) && (p.s[j] == 'E' || p.s[j] == 'e') {
		k := j + 1
		if k < len(p.s) && (p.s[k] == '+' || p.s[k] == '-') {
			k++
		}
		if _, e := p.uint(k); e >= 0 {
			j = e
		}
	}
	return j
}

// counted parses `N:"<N bytes>"` at i, the length-prefixed string of serialize().
func (p dumpParser) counted(i int) int {
	n, j := p.uint(i)
	if j < 0 || p.lit(j, `:"`) < 0 {
		return -1
	}
	j += 2 + n
	if j >= len(p.s) || p.s[j] != '"' {
		return -1
	}
	return j + 1
}

// serialized parses one value in PHP serialize() format.
func (p dumpParser) serialized(i, depth int) int {
	if depth > maxDumpDepth || i+1 >= len(p.s) {
		return -1
	}
	s := p.s
	switch s[i] {
	case 'N':
		return p.lit(i, "N;")
	case 'b':
		if e := p.lit(i, "b:0;"); e >= 0 {
			return e
		}
		return p.lit(i, "b:1;")
	case 'i', 'd', 'r', 'R':
		if s[i+1] != ':' {
			return -1
		}
		if e := p.number(i + 2); e >= 0 {
			return p.lit(e, ";")
		}
		return -1
	case 's', 'E':
		if s[i+1] != ':' {
			return -1
		}
		if e := p.counted(i + 2); e >= 0 {
			return p.lit(e, ";")
		}
		return -1
	case 'a':
		if s[i+1] != ':' {
			return -1
		}
		n, j := p.uint(i + 2)
		if j < 0 || p.lit(j, ":{") < 0 {
			return -1
		}
		return p.serializedMembers(j+2, n, depth)
	case 'O', 'C':
		if s[i+1] != ':' {
			return -1
		}
		j := p.counted(i + 2)
		if j < 0 || p.lit(j, ":") < 0 {
			return -1
		}
		n, j := p.uint(j + 1)
		if j < 0 || p.lit(j, ":{") < 0 {
			return -1
		}
		if s[i] == 'C' { // custom serialization: n raw bytes
			j += 2 + n
			if j >= len(s) || s[j] != '}' {
				return -1
			}
			return j + 1
		}
		return p.serializedMembers(j+2, n, depth)
	}
	return -1
}

// serializedMembers parses n key/value pairs and the closing brace.
func (p dumpParser) serializedMembers(j, n, depth int) int {
	for k := 0; k < n; k++ {
		if j >= len(p.s) || (p.s[j] != 'i' && p.s[j] != 's') {
			return -1
		}
		if j = p.serialized(j, depth+1); j < 0 {
			return -1
		}
		if j = p.serialized(j, depth+1); j < 0 {
			return -1
		}
	}
	return p.lit(j, "}")
}

// varDump parses one value in var_dump() format.
func (p dumpParser) varDump(i, depth int) int {
	if depth > maxDumpDepth || i >= len(p.s) {
		return -1
	}
	switch p.s[i] {
	case 'N':
		return p.lit(i, "NULL")
	case 'b':
		if e := p.lit(i, "bool(true)"); e >= 0 {
			return e
		}
		return p.lit(i, "bool(false)")
	case 'i':
		if e := p.lit(i, "int("); e >= 0 {
			if e = p.number(e); e >= 0 {
				return p.lit(e, ")")
			}
		}
		return -1
	case 'f':
		if e := p.lit(i, "float("); e >= 0 {
			if e = p.number(e); e >= 0 {
				return p.lit(e, ")")
			}
		}
		return -1
	case 's':
		j := p.lit(i, "string(")
		if j < 0 {
			return -1
		}
		n, j := p.uint(j)
		if j < 0 || p.lit(j, `) "`) < 0 {
			return -1
		}
		j += 3 + n
		if j >= len(p.s) || p.s[j] != '"' {
			return -1
		}
		return j + 1
	case 'a':
		j := p.lit(i, "array(")
		if j < 0 {
			return -1
		}
		n, j := p.uint(j)
		if j < 0 || p.lit(j, ") {") < 0 {
			return -1
		}
		return p.varDumpMembers(j+3, n, depth)
	case 'o':
		j := p.lit(i, "object(")
		if j < 0 {
			return -1
		}
		j = p.ident(j)
		if j < 0 || p.lit(j, ")#") < 0 {
			return -1
		}
		_, j = p.uint(j + 2)
		if j < 0 || p.lit(j, " (") < 0 {
			return -1
		}
		n, j := p.uint(j + 2)
		if j < 0 || p.lit(j, ") {") < 0 {
			return -1
		}
		return p.varDumpMembers(j+3, n, depth)
	case 'e':
		if j := p.lit(i, "enum("); j >= 0 {
			if k := strings.IndexByte(p.s[j:min(len(p.s), j+256)], ')'); k > 0 {
				return j + k + 1
			}
		}
	}
	return -1
}

// varDumpMembers parses n `[key]=> value` entries and the closing brace.
func (p dumpParser) varDumpMembers(j, n, depth int) int {
	for k := 0; k < n; k++ {
		j = skipSpace(p.s, j)
		if p.lit(j, "[") < 0 {
			return -1
		}
		e := strings.Index(p.s[j:min(len(p.s), j+1024)], "]=>")
		if e < 0 {
			return -1
		}
		j = skipSpace(p.s, j+e+3)
		if j = p.varDump(j, depth+1); j < 0 {
			return -1
		}
	}
	return p.lit(skipSpace(p.s, j), "}")
}

// ident parses a PHP class name (letters, digits, '_', '\').
func (p dumpParser) ident(i int) int {
	j := i
	for j < len(p.s) {
		c := p.s[j]
		if c == '_' || c == '\\' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			j++
			continue
		}
		break
	}
	if j == i {
		return -1
	}
	return j
}

// printR parses one array or object in print_r() format. print_r has no
// counts, so a scalar value ends at the end of its line, at the next
// "[key] =>" or at the closing parenthesis.
func (p dumpParser) printR(i, depth int) int {
	if depth > maxDumpDepth {
		return -1
	}
	j := p.lit(i, "Array")
	if j < 0 {
		if j = p.ident(i); j < 0 || p.lit(j, " Object") < 0 {
			return -1
		}
		j += len(" Object")
	}
	j = skipSpace(p.s, j)
	if p.lit(j, "(") < 0 {
		return -1
	}
	j++
	for {
		j = skipSpace(p.s, j)
		if j >= len(p.s) {
			return -1
		}
		if p.s[j] == ')' {
			return j + 1
		}
		if p.s[j] != '[' {
			return -1
		}
		e := strings.Index(p.s[j:min(len(p.s), j+1024)], "] =>")
		if e < 0 {
			return -1
		}
		j += e + len("] =>")
		if j < len(p.s) && p.s[j] == ' ' {
			j++
		}
		if k := skipSpace(p.s, j); p.lit(k, "Array") >= 0 || objectAt(p.s, k) {
			if e := p.printR(k, depth+1); e >= 0 {
				j = e
				continue
			}
		}
		j = p.printRScalar(j)
	}
}

// objectAt reports whether "Name Object" starts at i.
func objectAt(s string, i int) bool {
	p := dumpParser{s: s}
	j := p.ident(i)
	return j > 0 && p.lit(j, " Object") >= 0
}

// printRScalar returns the end of a print_r scalar value starting at i.
func (p dumpParser) printRScalar(i int) int {
	for j := i; j < len(p.s); j++ {
		switch p.s[j] {
		case '\n':
			return j
		case ' ':
			k := skipSpace(p.s, j)
			if k < len(p.s) && p.s[k] == ')' {
				return j
			}
			if k < len(p.s) && p.s[k] == '[' {
				if e := strings.IndexByte(p.s[k:min(len(p.s), k+256)], ']'); e > 0 && p.lit(k+e, "] =>") >= 0 {
					return j
				}
			}
		}
	}
	return len(p.s)
}

// skipSpace returns the offset of the first non-white-space byte at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// skipBlanks is skipSpace without crossing a line break.
func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// lineEndsAt reports whether only blanks follow i up to a line break or the end.
func lineEndsAt(s string, i int) bool {
	i = skipBlanks(s, i)
	return i == len(s) || s[i] == '\n' || s[i] == '\r'
}

// nextLine returns the start of the line after the one holding i.
func nextLine(s string, i int) int {
	if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
		return i + k + 1
	}
	return len(s)
}

// dropControls returns s without C0 control characters other than line
// breaks and tabs, and without invisible ones: characters Normalize drops.
// C1 controls stay: they are the evidence the mojibake repair reads.
func dropControls(s string) string {
	var b strings.Builder
	last := 0 // s[last:i] is not written yet
	for i, end := 0, 0; i < len(s); {
		// Eight bytes of printable ASCII are passed at once; then byte by
		// byte to the end of the word that was not.
		if i >= end {
			if i+8 <= len(s) && printableASCII8(s[i:i+8]) {
				i += 8
				continue
			}
			end = i + 8
		}
		c := s[i]
		if c >= ' ' && c < 0x7f || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r < ' ' || r == 0x7f || invisible(r) {
			if last == 0 && b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			last = i + n
		}
		i += n
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
