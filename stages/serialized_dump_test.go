package stages

import (
	"strings"
	"testing"
)

func TestSerializedDump(t *testing.T) {
	payload := `[{"id":"1","title":"He said \"no\"\nand left"}]`
	vd := func(s string) string { return `string(` + itoa(len(s)) + `) "` + s + `"` }
	tests := []struct {
		name, in, want string
		rules          []string
	}{
		{"var_dump string with quotes and newlines", "Body.\n" + vd(payload) + "\nMore body.", "Body.\nMore body.", []string{"php.var-dump"}},
		{"var_dump string, count wrong: kept", "Body.\nstring(3) \"abcd\"", "Body.\nstring(3) \"abcd\"", nil},
		{"var_dump array one line", `array(2) { [0]=> string(8) "politics" [1]=> string(6) "budget" }` + "\nText.", "Text.", []string{"php.var-dump"}},
		{"var_dump array multi-line", "array(2) {\n  [\"a\"]=>\n  int(1)\n  [\"b\"]=>\n  array(1) {\n    [0]=>\n    bool(true)\n  }\n}\nText.", "Text.", []string{"php.var-dump"}},
		{"var_dump array count short: kept", "array(3) { [0]=> int(1) }", "array(3) { [0]=> int(1) }", nil},
		{"var_dump object", `object(App\Post)#12 (2) { ["id":protected]=> int(7) ["t"]=> float(1.5E+3) }`, "", []string{"php.var-dump"}},
		{"var_dump scalars in a row", "int(5) NULL bool(false) float(-0.25)\nText.", "Text.", []string{"php.var-dump"}},
		{"serialize array", `a:3:{s:5:"title";s:14:"Recent threads";s:6:"number";i:5;s:9:"show_date";b:1;}` + "\nText.", "Text.", []string{"php.serialize"}},
		{"serialize object", `O:8:"stdClass":1:{s:1:"a";a:1:{i:0;d:0.5;}}`, "", []string{"php.serialize"}},
		{"serialize inside prose: kept", `Strings such as a:1:{i:0;s:5:"hello";}, which record lengths.`, `Strings such as a:1:{i:0;s:5:"hello";}, which record lengths.`, nil},
		{"serialize length wrong: kept", `a:1:{i:0;s:9:"hello";}`, `a:1:{i:0;s:9:"hello";}`, nil},
		{"print_r compact", "Array ( [post_id] => 48213 [views] => Array ( [today] => 311 [total] => 15872 ) [tags] => Array ( ) )\nText.", "Text.", []string{"php.print-r"}},
		{"print_r multi-line", "Array\n(\n    [0] => first value\n    [1] => stdClass Object\n        (\n            [name] => x\n        )\n\n)\nText.", "Text.", []string{"php.print-r"}},
		{"prose about var_dump: kept", "Call var_dump() and you get string(5) \"hello\" back.", "Call var_dump() and you get string(5) \"hello\" back.", nil},
		{"word before dump: kept", "substring(3) \"abc\"", "substring(3) \"abc\"", nil},
		{"unterminated array: kept", "array(1) {\n [0]=>\n", "array(1) {\n [0]=>\n", nil},
		// The NULL line is a dump; without it the rest is one too.
		{"dump completed by removing another", "array(1) {[]=>array(1) {[]=>NULL\nNULL\n}}\nText.", "Text.", []string{"php.var-dump", "php.var-dump"}},
		{"indented dump", "  string(2) \"ab\"  \nText.", "Text.", []string{"php.var-dump"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{Text: tt.in}
			process(t, SerializedDump{}, d)
			if d.Text != tt.want {
				t.Errorf("text:\n got %q\nwant %q", d.Text, tt.want)
			}
			var rules []string
			for _, r := range d.Removed {
				if r.Class != ClassSerializedDump {
					t.Errorf("class %q", r.Class)
				}
				rules = append(rules, r.Rule)
			}
			if strings.Join(rules, ",") != strings.Join(tt.rules, ",") {
				t.Errorf("rules = %v, want %v", rules, tt.rules)
			}
		})
	}
}

func TestSerializedDumpRemovalTextClipped(t *testing.T) {
	s := strings.Repeat("x", 5000)
	d := &Doc{Text: "string(5000) \"" + s + "\""}
	process(t, SerializedDump{}, d)
	if len(d.Removed) != 1 || len(d.Removed[0].Text) > MaxRemovalText+len("…") || !strings.HasSuffix(d.Removed[0].Text, "…") {
		t.Fatalf("removal not clipped: %d bytes", len(d.Removed[0].Text))
	}
}

func TestSerializedDumpGolden(t *testing.T) { golden(t, SerializedDump{}, asText) }

func FuzzSerializedDump(f *testing.F) {
	fuzzStage(f, SerializedDump{}, asText,
		`string(3) "abc"`, `a:1:{i:0;s:1:"x";}`, "Array ( [a] => 1 )", `object(A)#1 (0) { }`,
		"str\nstring(1) \"x\"", "array(1) { [0]=> array(1) { [0]=> NULL } }")
}

// TestSerializedDumpControlCharacters: byte counts are read without the
// control characters Normalize drops, so a second run, on normalized text,
// judges a dump as the first did.
func TestSerializedDumpControlCharacters(t *testing.T) {
	body := "The council voted on Tuesday."
	for _, in := range []string{
		"string(5) \"ab\x00cde\"\n" + body,      // 5 once the NUL is gone
		"string(6) \"ab\x01\x02cdef\"\n" + body, // 6 once both are gone
	} {
		d := &Doc{Text: in}
		process(t, SerializedDump{}, d)
		if d.Text != body {
			t.Errorf("%q: text %q, want the dump removed", in, d.Text)
		}
	}
	d := &Doc{Text: "string(6) \"ab\x00cde\"\n" + body} // 6 counts the NUL: not a dump as Normalize will leave it
	process(t, SerializedDump{}, d)
	if !strings.HasPrefix(d.Text, "string(6)") {
		t.Errorf("text %q, want the line kept", d.Text)
	}
}
