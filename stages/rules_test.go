package stages

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefaultRulesValid(t *testing.T) {
	rs := testRules(t)
	if rs.Len() == 0 {
		t.Fatal("no embedded rules")
	}
	for _, r := range rs.all {
		if !strings.HasPrefix(r.ID, strings.SplitN(r.ID, ".", 2)[0]+".") || !strings.Contains(r.Source, ".tsv:") {
			t.Errorf("rule %q from %q: ids start with the language of their file", r.ID, r.Source)
		}
	}
}

func TestParseRulesErrors(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"fields", "x.a\tcomment-form\tline", "want 4 or 5 tab-separated fields"},
		{"role", "x.a\tcomment-form\tline\tfoo\tsometimes", `unknown role "sometimes"`},
		{"class", "x.a\tno-such-class\tline\tfoo", `unknown class "no-such-class"`},
		{"match", "x.a\tcomment-form\tglob\tfoo", `unknown match "glob"`},
		{"regexp", "x.a\tcomment-form\tregexp\t(", "missing closing )"},
		{"duplicate", "x.a\tcomment-form\tline\tfoo\nx.a\tcomment-form\tline\tbar", `duplicate id "x.a"`},
		{"empty pattern", "x.a\tcomment-form\tline\t ", "empty pattern"},
		{"punctuation pattern", "x.a\tcomment-form\tprefix\t…:", "pattern of only trailing punctuation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"r/x.tsv": {Data: []byte("# comment\n\n" + tt.file + "\n")}}
			_, err := LoadRules(fsys, "r")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRulesMatch(t *testing.T) {
	rs, err := NewRules([]Rule{
		{ID: "t.line", Class: ClassCommentForm, Match: MatchLine, Pattern: "Leave a Reply"},
		{ID: "t.prefix", Class: ClassReadMoreStub, Match: MatchPrefix, Pattern: "Read the full article"},
		{ID: "t.re", Class: ClassEditorCode, Match: MatchRegexp, Pattern: `^[A-Z]/[A-Z] \d+$`},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkMatches(t, rs, []matchCase{
		{ClassCommentForm, "LEAVE  a reply:", "t.line"},
		{ClassCommentForm, "Leave a reply here", ""},
		{ClassReadMoreStub, "Read the full article from the Source…", "t.prefix"},
		{ClassReadMoreStub, "Read the full articles", ""},
		{ClassEditorCode, "E/S 212", "t.re"},
		{ClassEditorCode, "Leave a Reply", ""},
		{ClassDuplicate, "anything", ""},
	})
}

// matchCase is a paragraph p, a class c and the id of the rule of c that
// should match p, "" for none.
type matchCase struct {
	c       Class
	p, want string
}

// checkMatches checks rs.Match on every case.
func checkMatches(t *testing.T, rs *Rules, cases []matchCase) {
	t.Helper()
	for _, tt := range cases {
		r, _ := rs.Match(tt.c, tt.p)
		got := ""
		if r != nil {
			got = r.ID
		}
		if got != tt.want {
			t.Errorf("Match(%s, %q) = %q, want %q", tt.c, tt.p, got, tt.want)
		}
	}
}

// TestDefaultRuleExamples: phrases of the embedded rules, each matched by
// the rule meant for it (and prose that must not match), so that an edit
// of a rule file that loses one fails here, not only in a corpus score.
func TestDefaultRuleExamples(t *testing.T) {
	checkMatches(t, testRules(t), []matchCase{
		{ClassCopyrightFooter, "La reproduction totale ou partielle d'un article, sans l'autorisation écrite et préalable du Monde, est strictement interdite.", "fr.copyright-footer.reproduction-interdite"},
		{ClassCopyrightFooter, "La reproduction des cellules a été observée au microscope.", ""},
		{ClassNewsletterPrompt, "Dit artikel is mede mogelijk gemaakt door onze abonnees. Word ook abonnee.", "nl.newsletter-prompt.paywall.mogelijk-gemaakt"},
		{ClassNewsletterPrompt, "Receba as notícias no seu e-mail", "pt.newsletter-prompt.receba-noticias"},
		{ClassRelatedList, "Recommended Videos", "en.related-list.heading-phrase"},
		{ClassRelatedList, "Lire aussi | Réforme des retraites : ce qui change pour vous", "fr.related-list.inline-item"},
		{ClassPhotoCredit, "— Foto: Reuters", "any.photo-credit.label"},
		{ClassShareRow, "Comparte esta noticia", "es.share-row.comparte-esta-noticia"},
		{ClassShareRow, "Compartilhe esta notícia", "pt.share-row.compartilhe-esta-noticia"},
		{ClassShareRow, "Share or comment on this article:", "en.share-row.share-or-comment"},
		{ClassCommentForm, "Jetzt kommentieren", "de.comment-form.jetzt-kommentieren"},
		{ClassCommentForm, "Log in om te reageren", "nl.comment-form.log-in-om-te-reageren"},
		{ClassCommentForm, "Sign in to comment", "en.comment-form.log-in-to-comment"},
		{ClassNewsletterPrompt, "Wil je meer lezen? Neem een abonnement.", "nl.newsletter-prompt.paywall.wil-je-verder-lezen"},
		{ClassAdvertisement, "Ad Feedback", "en.advertisement.ad-feedback"},
		{ClassNavigation, "Lesedauer: 2 Minuten", "de.navigation.reading-time"},
		{ClassCopyrightFooter, "Acquire Licensing Rights, opens new tab", "en.copyright-footer.acquire-licensing-rights"},
		{ClassPhotoCredit, "Image source, PA Media", "en.photo-credit.source-caption-comma"},
		{ClassPhotoCredit, "Image caption, Junior doctors have staged a series of walkouts", "en.photo-credit.source-caption-comma"},
		{ClassNavigation, "Articolo successivo", "it.navigation.prev-next-article"},
		{ClassNavigation, "« Vorheriger Artikel", "de.navigation.prev-next-article"},
		{ClassNavigation, "Article précédent", "fr.navigation.prev-next-article"},
		{ClassNavigation, "Noticia siguiente", "es.navigation.prev-next-article"},
		{ClassNavigation, "Próximo artigo", "pt.navigation.prev-next-article"},
		{ClassNavigation, "Volgend artikel →", "nl.navigation.prev-next-article"},
	})
}
