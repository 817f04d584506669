package stages

// dropLines removes every paragraph of d.Text that a trigger rule of class c
// matches, recording each removal, and reports whether it removed any.
// Paragraphs for which skip, if not nil, returns true are not tried: it is
// the cheap shape test (too many words, has a space) that spares the rules.
func dropLines(d *Doc, rules *Rules, c Class, skip func(p string) bool) bool {
	ps := paragraphs(d.Text)
	changed := false
	for i, p := range ps {
		if !rules.mayMatch(c, RoleTrigger, p) || skip != nil && skip(p) {
			continue
		}
		r, _ := rules.matchDoc(d, c, p)
		if r == nil {
			continue
		}
		d.Remove(c, r.ID, p)
		ps[i] = ""
		changed = true
	}
	if changed {
		d.Text = joinParagraphs(ps)
	}
	return changed
}

// longerThan returns a skip function for dropLines that passes over
// paragraphs of more than n words.
func longerThan(d *Doc, n int) func(string) bool {
	return func(p string) bool { return d.words(p) > n }
}
