package stages

// blockSpec describes debris that comes as a block: a trigger paragraph,
// matched by a trigger rule of the class, and member paragraphs next to it
// ("Share this:" then "Facebook", "Twitter"; a cookie notice then "Accept").
type blockSpec struct {
	class Class
	// maxTriggerWords is the longest paragraph that can be a trigger.
	maxTriggerWords int
	// member reports whether p, next to the block, belongs to it, and the
	// rule id to report. Paragraphs that trigger another class never do.
	member func(p string) (rule string, ok bool)
	// backward lets the block grow to members before its trigger.
	backward bool
	// bridge, if positive, lets one paragraph of at most bridge words that is
	// not a member stand between two members (a newsletter's blurb between
	// its heading and its email field).
	bridge int
	// needMember: a trigger without members is not debris (a "Related"
	// heading with no list after it is a subhead) unless selfContained says
	// the trigger holds its own item ("RELATED: Carmakers warn of costs").
	needMember    bool
	selfContained func(p string) bool
	// skipTrigger, if set, passes over paragraphs before any rule runs.
	skipTrigger func(p string) bool
	// maxMembers bounds how far a block grows in each direction.
	maxMembers int
}

// removeBlocks removes every block of spec's class from d.Text and reports
// whether it removed any. Each trigger costs at most 2*maxMembers member
// tests, so the stage is linear in the number of paragraphs.
func removeBlocks(d *Doc, rules *Rules, spec blockSpec) bool {
	ps := paragraphs(d.Text)
	drop := make([]string, len(ps)) // rule id of each removed paragraph
	// isMember reports whether p continues the block, and whether it does so
	// as a trigger of the class, which starts the member count afresh.
	isMember := func(p string) (id string, ok, trigger bool) {
		if r, _ := rules.matchDoc(d, spec.class, p); r != nil {
			return r.ID, true, true
		}
		if otherTrigger(d, rules, spec.class, p) {
			return "", false, false
		}
		id, ok = spec.member(p)
		return id, ok, false
	}
	type part struct {
		i  int
		id string
	}
	var block []part
	changed := false
	for i := 0; i < len(ps); i++ {
		if drop[i] != "" || !rules.mayMatch(spec.class, RoleTrigger, ps[i]) || d.words(ps[i]) > spec.maxTriggerWords ||
			spec.skipTrigger != nil && spec.skipTrigger(ps[i]) {
			continue
		}
		r, _ := rules.matchDoc(d, spec.class, ps[i])
		if r == nil {
			continue
		}
		block = append(block[:0], part{i, r.ID})
		end := i
		for n, j := 0, i+1; j < len(ps) && n < spec.maxMembers; n++ {
			if id, ok, trig := isMember(ps[j]); ok {
				block, end = append(block, part{j, id}), j
				if trig {
					n = -1
				}
				j++
				continue
			}
			if spec.bridge > 0 && j+1 < len(ps) && d.words(ps[j]) <= spec.bridge {
				if id, ok, trig := isMember(ps[j+1]); ok {
					block, end = append(block, part{j, r.ID}, part{j + 1, id}), j+1
					if trig {
						n = -1
					}
					j += 2
					continue
				}
			}
			break
		}
		if spec.backward {
			for n, j := 0, i-1; j >= 0 && n < spec.maxMembers && drop[j] == ""; n, j = n+1, j-1 {
				id, ok, _ := isMember(ps[j])
				if !ok {
					break
				}
				block = append(block, part{j, id})
			}
		}
		if spec.needMember && len(block) == 1 && (spec.selfContained == nil || !spec.selfContained(ps[i])) {
			continue
		}
		for _, b := range block {
			drop[b.i] = b.id
		}
		i = end
		changed = true
	}
	if !changed {
		return false
	}
	for i, id := range drop {
		if id != "" {
			d.Remove(spec.class, id, ps[i])
			ps[i] = ""
		}
	}
	d.Text = joinParagraphs(ps)
	return true
}

// otherTrigger reports whether p matches a trigger rule of a block class
// other than c: a block stops where the next widget starts.
func otherTrigger(d *Doc, rules *Rules, c Class, p string) bool {
	for _, k := range blockClasses {
		if k == c {
			continue
		}
		if r, _ := rules.matchDoc(d, k, p); r != nil {
			return true
		}
	}
	return false
}

// blockClasses are the classes whose triggers end another class's block.
var blockClasses = []Class{
	ClassShareRow, ClassCookieBanner, ClassNewsletterPrompt, ClassRelatedList,
	ClassCommentForm, ClassAdvertisement, ClassCopyrightFooter, ClassReadMoreStub,
}

// memberRule returns a member function that accepts paragraphs matched by a
// member rule of class c.
func memberRule(d *Doc, rules *Rules, c Class) func(string) (string, bool) {
	return func(p string) (string, bool) {
		if r, _ := rules.matchDocRole(d, c, RoleMember, p); r != nil {
			return r.ID, true
		}
		return "", false
	}
}
