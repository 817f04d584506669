package stages

// dropWhere removes every paragraph of d.Text for which judge returns a rule
// id, recording each removal under class c and that rule, and reports
// whether it removed any. judge sees the paragraphs in order and may keep
// state (the first dateline sets the publication time).
func dropWhere(d *Doc, c Class, judge func(p string) (rule string)) bool {
	ps := paragraphs(d.Text)
	changed := false
	for i, p := range ps {
		rule := judge(p)
		if rule == "" {
			continue
		}
		d.Remove(c, rule, p)
		ps[i] = ""
		changed = true
	}
	if changed {
		d.Text = joinParagraphs(ps)
	}
	return changed
}

// dropLines removes every paragraph of d.Text that a trigger rule of class c
// matches and reports whether it removed any. Paragraphs for which skip, if
// not nil, returns true are not tried: it is the cheap shape test (too many
// words, has a space) that spares the rules.
func dropLines(d *Doc, rules *Rules, c Class, skip func(p string) bool) bool {
	return dropWhere(d, c, func(p string) string {
		if !rules.mayMatch(c, RoleTrigger, p) || skip != nil && skip(p) {
			return ""
		}
		if r, _ := rules.matchDoc(d, c, p); r != nil {
			return r.ID
		}
		return ""
	})
}

// longerThan returns a skip function for dropLines that passes over
// paragraphs of more than n words.
func longerThan(d *Doc, n int) func(string) bool {
	return func(p string) bool { return d.words(p) > n }
}
