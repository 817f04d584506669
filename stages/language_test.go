package stages

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func testStopwords(t testing.TB) *Stopwords {
	t.Helper()
	sw, err := DefaultStopwords()
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

func TestLanguage(t *testing.T) {
	sw := testStopwords(t)
	tests := []struct{ text, want string }{
		{"The council voted on Tuesday to extend the bus lane along the High Street, ending months of debate over the plan.", "en"},
		{"Der Gemeinderat hat am Mittwochabend mit knapper Mehrheit den Weg für einen Windpark mit acht Anlagen freigemacht.", "de"},
		{"Les habitants de Villemarais pourront monter gratuitement dans les bus de l’agglomération à partir du 2 septembre.", "fr"},
		{"El mercado municipal de abastos volverá a abrir sus puertas el próximo mes de junio, después de casi dos años cerrado.", "es"},
		{"Il consiglio comunale ha approvato il piano per la nuova linea del tram, che sarà pronta entro la fine del 2026.", "it"},
		{"O mercado municipal vai reabrir as portas no próximo mês de junho, depois de quase dois anos fechado para obras.", "pt"},
		{"De gemeenteraad heeft dinsdag ingestemd met het plan voor een nieuwe tramlijn, die in 2026 klaar moet zijn.", "nl"},
		// Not in the stopword lists: whatlanggo decides.
		{"Rada miasta zatwierdziła we wtorek plan budowy nowej linii tramwajowej, która ma być gotowa do końca 2026 roku.", "pl"},
		{"Short.", ""},
		// The page's menu is names in other languages; its sentences decide.
		{strings.Repeat("Noticias de la ciudad\nDeportes y ocio\nLa guía del fin de semana\n", 8) + "Der Gemeinderat hat am Mittwochabend mit knapper Mehrheit den Weg für einen Windpark mit acht Anlagen freigemacht.", "de"},
		// Without a sentence, the head of the text.
		{"Der Gemeinderat hat am Mittwochabend mit knapper Mehrheit den Weg für einen Windpark freigemacht", "de"},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.text}
		process(t, Language{Stopwords: sw}, d)
		if d.Meta.Lang != tt.want {
			t.Errorf("%.40q: lang %q, want %q", tt.text, d.Meta.Lang, tt.want)
		}
	}
}

func TestLanguageKeepsDeclared(t *testing.T) {
	d := &Doc{Text: "The council voted on Tuesday to extend the bus lane along the High Street.", Meta: Meta{Lang: "cy"}}
	process(t, Language{Stopwords: testStopwords(t)}, d)
	if d.Meta.Lang != "cy" {
		t.Errorf("declared language replaced: %q", d.Meta.Lang)
	}
}

func TestLoadStopwordsErrors(t *testing.T) {
	_, err := LoadStopwords(fstest.MapFS{"sw/english.txt": {Data: []byte("the")}}, "sw")
	if err == nil || !strings.Contains(err.Error(), "ISO 639-1") {
		t.Errorf("err = %v", err)
	}
}

func TestLanguageGolden(t *testing.T) { golden(t, Language{Stopwords: testStopwords(t)}, asNormalized) }

func FuzzLanguage(f *testing.F) {
	fuzzStage(f, Language{Stopwords: testStopwords(f)}, asNormalized, "the the the the the the the the the", "de la de la de la de la")
}

func TestPackedWordsAgreesWithMap(t *testing.T) {
	sw := testStopwords(t)
	n := 0
	for w, ls := range sw.words {
		if len(w) > 8 || !isASCII(w) {
			continue
		}
		n++
		for _, form := range []string{w, strings.ToUpper(w)} {
			if got := sw.short.get(packWord(form)); !slices.Equal(got, ls) {
				t.Errorf("%q: %v, want %v", form, got, ls)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d short ASCII stopwords", n)
	}
	for _, w := range []string{"x", "council", "windpark", "thee", "th", "zzzzzzzz"} {
		if got, want := sw.short.get(packWord(w)), sw.words[w]; !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", w, got, want)
		}
	}
	var empty packedWords
	if got := empty.get(packWord("the")); got != nil {
		t.Errorf("empty table: %v", got)
	}
}

func TestClipBytes(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 5, "abc"}, {"abc", 3, "abc"}, {"abcdef", 3, "abc"},
		{"aü", 2, "a"}, {"aüb", 3, "aü"}, {"üü", 1, ""}, {"€x", 2, ""}, {"", 0, ""},
	} {
		if got := clipBytes(tc.s, tc.n); got != tc.want {
			t.Errorf("clipBytes(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
