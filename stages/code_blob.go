package stages

import (
	"context"
	"encoding/json"
	"strings"
)

// CodeBlob removes code that a page printed as text: JSON and JSON-LD
// objects, JavaScript ("(adsbygoogle = window.adsbygoogle || []).push({});",
// "window.__INITIAL_STATE__ = {…};") and CSS rules. A paragraph is code when
// it is valid JSON, or when it ends like a statement or block (";", "}",
// ")") and has the punctuation density and tokens of code. Prose that
// mentions code keeps its sentence shape and stays.
type CodeBlob struct{}

// Name returns "code-blob".
func (CodeBlob) Name() string { return "code-blob" }

// Process removes code paragraphs.
func (CodeBlob) Process(_ context.Context, d *Doc) error {
	dropWhere(d, ClassCodeBlob, func(_ int, p *para) string { return codeKind(p.text) })
	return nil
}

// codeTokens are substrings that only code has.
var codeTokens = []string{"function(", "function (", "=>", "();", ").push(", "window.", "document.", "var ", "const ", "let ", "{", "});", "!important"}

// templateTag reports whether p is one template tag ("{{ad_slot_2}}",
// "{{> promo}}", "{% include 'promo' %}"): a placeholder, left to
// TemplatePlaceholder, whose rules match exactly these shapes.
func templateTag(p string) bool {
	if len(p) > maxTemplateTag {
		return false
	}
	if strings.HasPrefix(p, "{{") && strings.HasSuffix(p, "}}") {
		return !strings.ContainsAny(p[2:len(p)-2], "{}")
	}
	return strings.HasPrefix(p, "{%") && strings.HasSuffix(p, "%}")
}

// maxTemplateTag is the longest template tag the placeholder rules match.
const maxTemplateTag = 204

// codeKind returns the rule id for a code paragraph, or "".
func codeKind(p string) string {
	if len(p) < 8 || templateTag(p) {
		return ""
	}
	first, last := p[0], p[len(p)-1]
	if (first == '{' && last == '}') || (first == '[' && last == ']') {
		if json.Valid([]byte(p)) {
			if strings.Contains(p, `"@context"`) {
				return "code-blob.json-ld"
			}
			return "code-blob.json"
		}
	}
	if last != ';' && last != '}' && last != ')' {
		return ""
	}
	sym := 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '{', '}', '(', ')', '[', ']', ';', '=', '<', '>', '|', '&':
			sym++
		}
	}
	if sym < 4 || sym*100 < len(p)*4 {
		return ""
	}
	for _, t := range codeTokens {
		if strings.Contains(p, t) {
			if strings.Contains(p, ":") && strings.Contains(p, "{") && !strings.ContainsAny(p, "(=") {
				return "code-blob.css"
			}
			return "code-blob.script"
		}
	}
	return ""
}
