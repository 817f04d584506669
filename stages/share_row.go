package stages

import "context"

// ShareRow removes share and like rows: a trigger ("Share this:", "Click to
// share on X", "Teilen mit:") and the buttons next to it (network names,
// "Like Loading…", or any other paragraph of at most three words that is not
// prose and starts no other widget).
type ShareRow struct {
	// Rules supplies the share-row phrases.
	Rules *Rules
}

// Name returns "share-row".
func (ShareRow) Name() string { return "share-row" }

// Process removes share rows.
func (s ShareRow) Process(_ context.Context, d *Doc) error {
	members := memberRule(s.Rules, ClassShareRow)
	removeBlocks(d, s.Rules, blockSpec{
		class:           ClassShareRow,
		maxTriggerWords: 16,
		maxMembers:      12,
		member: func(p *para) (string, bool) {
			if id, ok := members(p); ok {
				return id, true
			}
			if p.words <= 3 && !endsSentence(p.text) {
				return "share-row.button", true
			}
			return "", false
		},
	})
	return nil
}
