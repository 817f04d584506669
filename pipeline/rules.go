package pipeline

import (
	"errors"
	"fmt"
	"os"

	"github.com/sluice-news/sluice/stages"
)

// LoadRules returns the embedded rules merged with the user rule files, in
// order (see stages.Merge: a user rule adds, replaces by id, or disables
// with "ID<TAB>off"), validated.
func LoadRules(userFiles ...string) (*stages.Rules, error) {
	rules, err := stages.BuiltinRules()
	if err != nil {
		return nil, fmt.Errorf("embedded rules: %w", err)
	}
	var errs []error
	for _, name := range userFiles {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		user, err := stages.ParseRules(name, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		var merr error
		rules, merr = stages.Merge(rules, user)
		errs = append(errs, merr)
	}
	rs, err := stages.NewRules(rules)
	if err := errors.Join(append(errs, err)...); err != nil {
		return nil, err
	}
	return rs, nil
}

// NewDefaultChain returns DefaultChain with the embedded rules and stopword
// lists, extended by the user rule files.
func NewDefaultChain(userRuleFiles ...string) (*Chain, error) {
	rules, err := LoadRules(userRuleFiles...)
	if err != nil {
		return nil, err
	}
	sw, err := stages.DefaultStopwords()
	if err != nil {
		return nil, fmt.Errorf("embedded stopwords: %w", err)
	}
	return DefaultChain(rules, sw), nil
}
