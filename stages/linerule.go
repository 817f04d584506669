package stages

// dropWhere removes every paragraph of d.Text for which judge returns a rule
// id, recording each removal under class c and that rule, and reports
// whether it removed any. judge sees the paragraphs in order, each with its
// index in d.paras(), and may keep state (the first dateline sets the
// publication time).
func dropWhere(d *Doc, c Class, judge func(i int, p *para) (rule string)) bool {
	ps := d.paras()
	var ids []string
	for i := range ps {
		rule := judge(i, &ps[i])
		if rule == "" {
			continue
		}
		if ids == nil {
			ids = make([]string, len(ps))
		}
		ids[i] = rule
	}
	if ids == nil {
		return false
	}
	d.dropParas(c, ids)
	return true
}

// dropLines removes every paragraph of d.Text that a trigger rule of class c
// matches and reports whether it removed any. Paragraphs for which skip, if
// not nil, returns true are not tried: it is the cheap shape test (too many
// words, has a space) that spares the rules.
func dropLines(d *Doc, rules *Rules, c Class, skip func(p *para) bool) bool {
	cr := rules.triggers(c)
	if cr == nil {
		return false
	}
	return dropWhere(d, c, func(_ int, p *para) string {
		if skip != nil && skip(p) {
			return ""
		}
		return cr.matchID(p) // which runs mayMatch first
	})
}

// longerThan returns a skip function for dropLines that passes over
// paragraphs of more than n words.
func longerThan(n int) func(*para) bool {
	return func(p *para) bool { return p.words > n }
}
