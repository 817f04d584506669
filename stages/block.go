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
	member func(p *para) (rule string, ok bool)
	// backward lets the block grow to members before its trigger.
	backward bool
	// bridge, if positive, lets one paragraph of at most bridge words that is
	// not a member stand between two members (a newsletter's blurb between
	// its heading and its email field).
	bridge int
	// needMember: a trigger without members is not debris (a "Related"
	// heading with no list after it is a subhead) unless selfContained says
	// the trigger holds its own item ("RELATED: Carmakers warn of costs"),
	// or nothing but another widget or the end of the page follows it.
	needMember    bool
	selfContained func(p string) bool
	// skipTrigger, if set, passes over paragraphs before any rule runs.
	skipTrigger func(p *para) bool
	// maxMembers bounds how far a block grows in each direction.
	maxMembers int
}

// removeBlocks removes every block of spec's class from d.Text and reports
// whether it removed any. Each trigger costs at most 2*maxMembers member
// tests, so the stage is linear in the number of paragraphs.
func removeBlocks(d *Doc, rules *Rules, spec blockSpec) bool {
	triggers := rules.triggers(spec.class)
	if triggers == nil {
		return false
	}
	others := otherWidgets(rules, blockClasses[:], spec.class)
	ps := d.paras()
	var drop []string // rule id of each removed paragraph
	// isMember reports whether p continues the block, and whether it does so
	// as a trigger of the class, which starts the member count afresh.
	isMember := func(p *para) (id string, ok, trigger bool) {
		if id := triggers.matchID(p); id != "" {
			return id, true, true
		}
		if others.match(p) {
			return "", false, false // the next widget starts
		}
		id, ok = spec.member(p)
		return id, ok, false
	}
	type part struct {
		i  int
		id string
	}
	var block []part
	for i := 0; i < len(ps); i++ {
		if drop != nil && drop[i] != "" || ps[i].words > spec.maxTriggerWords ||
			spec.skipTrigger != nil && spec.skipTrigger(&ps[i]) {
			continue
		}
		trigger := triggers.matchID(&ps[i])
		if trigger == "" {
			continue
		}
		block = append(block[:0], part{i, trigger})
		end := i
		for n, j := 0, i+1; j < len(ps) && n < spec.maxMembers; n++ {
			if id, ok, trig := isMember(&ps[j]); ok {
				block, end = append(block, part{j, id}), j
				if trig {
					n = -1
				}
				j++
				continue
			}
			if spec.bridge > 0 && j+1 < len(ps) && ps[j].words <= spec.bridge {
				if id, ok, trig := isMember(&ps[j+1]); ok {
					block, end = append(block, part{j, trigger}, part{j + 1, id}), j+1
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
			for n, j := 0, i-1; j >= 0 && n < spec.maxMembers && (drop == nil || drop[j] == ""); n, j = n+1, j-1 {
				id, ok, _ := isMember(&ps[j])
				if !ok {
					break
				}
				block = append(block, part{j, id})
			}
		}
		if spec.needMember && len(block) == 1 && (spec.selfContained == nil || !spec.selfContained(ps[i].text)) &&
			!lastBeforeWidget(ps, i, &others) {
			continue
		}
		if drop == nil {
			drop = make([]string, len(ps))
		}
		for _, b := range block {
			drop[b.i] = b.id
		}
		i = end
	}
	if drop == nil {
		return false
	}
	d.dropParas(spec.class, drop)
	return true
}

// lastBeforeWidget reports whether paragraph i of ps ends the page or
// stands right before another widget's trigger: a heading there heads no
// prose, so it is not a subhead. A paragraph that is itself another
// widget's trigger ("Read more »" ends teasers too) is left to that widget.
func lastBeforeWidget(ps []para, i int, others *widgets) bool {
	if others.match(&ps[i]) {
		return false
	}
	return i+1 == len(ps) || others.match(&ps[i+1])
}

// blockClasses are the classes whose triggers end another class's block.
var blockClasses = [...]Class{
	ClassShareRow, ClassCookieBanner, ClassNewsletterPrompt, ClassRelatedList,
	ClassCommentForm, ClassAdvertisement, ClassCopyrightFooter, ClassReadMoreStub,
}

// widgets are the trigger rules of some classes of blockClasses: a
// paragraph one of them matches starts that widget, and so ends a block or
// a run of another class before it.
type widgets struct {
	sets [len(blockClasses)]*classRules
	n    int
}

// otherWidgets returns the widgets of classes, a subset of blockClasses,
// but except.
func otherWidgets(rules *Rules, classes []Class, except Class) widgets {
	var w widgets
	for _, k := range classes {
		if cr := rules.triggers(k); k != except && cr != nil {
			w.sets[w.n] = cr
			w.n++
		}
	}
	return w
}

// match reports whether p is the trigger of one of the widgets.
func (w *widgets) match(p *para) bool {
	for _, cr := range w.sets[:w.n] {
		if cr.matchID(p) != "" {
			return true
		}
	}
	return false
}

// memberRule returns a member function that accepts paragraphs matched by a
// member rule of class c.
func memberRule(rules *Rules, c Class) func(*para) (string, bool) {
	cr := rules.set(c, RoleMember)
	return func(p *para) (string, bool) {
		id := cr.matchID(p)
		return id, id != ""
	}
}
