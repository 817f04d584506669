package stages

import (
	"context"
	"strings"
)

// Dateline removes paragraphs that consist of a date (with an optional time,
// weekday, label such as "Published" and zone, and an optional author after
// "by": "Posted on June 3, 2024 by admin") and sets Meta.PublishedAt from
// the first one that is not an "Updated" time. The date keeps the precision
// the page states and no time zone is invented.
type Dateline struct{}

// Name returns "dateline".
func (Dateline) Name() string { return "dateline" }

// Process removes dateline paragraphs.
func (Dateline) Process(_ context.Context, d *Doc) error {
	dropWhere(d, ClassDateline, func(pa *para) string {
		p := pa.text
		if len(p) > maxDatelineBytes || !strings.ContainsAny(p, "0123456789") {
			return ""
		}
		pd, ok := parseDateline(p)
		if !ok {
			pd, ok = parseDatelineWithAuthor(p)
		}
		if !ok {
			return ""
		}
		if pd.updated {
			return "dateline.updated"
		}
		if d.Meta.PublishedAt == "" {
			d.Meta.PublishedAt = pd.iso
		}
		return "dateline." + pd.kind
	})
	return nil
}

// authorMarkers introduce an author after a date ("… by admin").
var authorMarkers = []string{" by ", " von ", " par ", " por ", " door ", " di "}

// parseDatelineWithAuthor parses a dateline followed by a short author
// credit: the part before the marker must be a date and the part after it
// at most four words.
func parseDatelineWithAuthor(p string) (parsedDate, bool) {
	lp := strings.ToLower(p)
	for _, m := range authorMarkers {
		i := strings.LastIndex(lp, m)
		if i <= 0 || wordCount(p[i+len(m):]) > 4 {
			continue
		}
		if pd, ok := parseDateline(p[:i]); ok {
			return pd, true
		}
	}
	return parsedDate{}, false
}
