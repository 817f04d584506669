package stages

import (
	"context"
	"strings"
)

// Attribution finds an outlet credit glued to the end of a paragraph
// ("…deaths and desertions., Independent reported.") as described by the
// attribution rules, cuts it off so the sentence ends at its own full stop,
// and sets Meta.Attribution to the outlet. The glue, a full stop directly
// followed by a comma, is what tells a tail from an ordinary sentence that
// ends in "…, CBS reported.".
//
// A rule's regexp must have a group "keep" (the text that stays) and a group
// "outlet".
type Attribution struct {
	// Rules supplies the attribution patterns.
	Rules *Rules
}

// Name returns "attribution".
func (Attribution) Name() string { return "attribution" }

// Process cuts glued attribution tails.
func (s Attribution) Process(_ context.Context, d *Doc) error {
	ps := paragraphs(d.Text)
	changed := false
	for i, p := range ps {
		// Peel tails until none is left, so the stage is idempotent on
		// "…., AP said., Reuters reported.". The last tail names the outlet.
		for strings.Contains(p, ",") {
			r, m := s.Rules.Match(ClassAttribution, p)
			if r == nil || m == nil {
				break
			}
			keep, outlet := group(r, m, "keep"), group(r, m, "outlet")
			if keep[0] < 0 || outlet[0] < 0 {
				break
			}
			d.Remove(ClassAttribution, r.ID, p[keep[1]:])
			if d.Meta.Attribution == "" {
				d.Meta.Attribution = strings.TrimSpace(p[outlet[0]:outlet[1]])
			}
			p = strings.TrimSpace(p[:keep[1]])
			ps[i] = p
			changed = true
		}
	}
	if changed {
		d.Text = joinParagraphs(ps)
	}
	return nil
}

// group returns the start and end of the named group of match m of rule r,
// or {-1, -1}.
func group(r *Rule, m []int, name string) [2]int {
	if r.re == nil {
		return [2]int{-1, -1}
	}
	i := r.re.SubexpIndex(name)
	if i < 0 || 2*i+1 >= len(m) {
		return [2]int{-1, -1}
	}
	return [2]int{m[2*i], m[2*i+1]}
}
