package report

import (
	"fmt"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Severity ranks a finding.
type Severity uint8

const (
	Info     Severity = iota // worth knowing
	Warning                  // needs attention this period
	Critical                 // losing money now
)

var severityNames = [...]string{"info", "warning", "critical"}

// String returns "info", "warning" or "critical".
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "severity?"
}

// MarshalText implements encoding.TextMarshaler with [Severity.String].
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler for the names of
// [Severity.String].
func (s *Severity) UnmarshalText(b []byte) error {
	for i, n := range severityNames {
		if n == string(b) {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("report: unknown severity %q", b)
}

// Finding is one conclusion of the review (问题与建议): what was found, the
// numbers that show it and what to do about it, as messages in both
// languages whose numbers a renderer formats for its reader.
type Finding struct {
	Rule           string     // the ID of the rule that produced it
	Section        Section    // where the evidence is
	Severity       Severity   //
	Title          Message    // one line stating the problem
	Evidence       []Evidence // the numbers behind it
	Recommendation Message    // a concrete next step
}

// Evidence is one number behind a finding.
type Evidence struct {
	Key     string        // the metric, a display-name key such as "drop_off"
	Subject string        // what it is about (a step, a SKU, a promotion), from data; may be empty
	Of      string        // a display-name key naming what it is about, used when Subject is empty, such as "cac"
	Value   metrics.Value //
}

// Rule looks at a review and reports findings. Rules read the sections and
// must treat a nil section as "no evidence", never as zeros.
//
// Users add their own rules by implementing Rule or with [RuleFunc], and
// pass them to [Evaluate] with or instead of [DefaultRules].
type Rule interface {
	// ID returns a short stable name such as "ltv_cac_low".
	ID() string
	// Check returns the rule's findings for r, none when it does not fire.
	Check(r *Review) []Finding
}

// RuleFunc adapts a function to a [Rule] with the given ID.
type RuleFunc struct {
	Name string
	Func func(r *Review) []Finding
}

// ID returns f.Name.
func (f RuleFunc) ID() string { return f.Name }

// Check calls f.Func and stamps each finding with the rule's ID when the
// finding has none.
func (f RuleFunc) Check(r *Review) []Finding {
	out := f.Func(r)
	for i := range out {
		if out[i].Rule == "" {
			out[i].Rule = f.Name
		}
	}
	return out
}

// Evaluate runs rules on r and sets r.Findings to their findings, the most
// severe first and otherwise in the order of the rules.
func Evaluate(r *Review, rules []Rule) {
	var out []Finding
	for _, rule := range rules {
		out = append(out, rule.Check(r)...)
	}
	slices.SortStableFunc(out, func(a, b Finding) int { return int(b.Severity) - int(a.Severity) })
	r.Findings = out
}
