package stages

// dropLines removes every paragraph of d.Text that a rule of class c matches
// and that has at most maxWords words, recording each removal. It calls hit,
// if not nil, for each removed paragraph. It reports whether it removed any.
func dropLines(d *Doc, rules *Rules, c Class, maxWords int, hit func(r *Rule, p string)) bool {
	ps := paragraphs(d.Text)
	changed := false
	for i, p := range ps {
		if maxWords > 0 && d.words(p) > maxWords {
			continue
		}
		r, _ := rules.matchDoc(d, c, p)
		if r == nil {
			continue
		}
		d.Remove(c, r.ID, p)
		if hit != nil {
			hit(r, p)
		}
		ps[i] = ""
		changed = true
	}
	if changed {
		d.Text = joinParagraphs(ps)
	}
	return changed
}
