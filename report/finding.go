package report

import (
	"fmt"
	"slices"
	"time"

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

// Kind says whether a finding is a problem to act on or a strength to
// keep (what went well, 做得好的).
type Kind uint8

const (
	Problem  Kind = iota // something to act on; the zero Kind, so that findings made before kinds existed are problems
	Strength             // something that went well, shown with its evidence and its guard against noise
)

var kindNames = [...]string{"problem", "strength"}

// String returns "problem" or "strength".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// MarshalText implements encoding.TextMarshaler with [Kind.String].
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler for the names of
// [Kind.String]; the empty text is a [Problem], as in documents written
// before findings had a kind.
func (k *Kind) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*k = Problem
		return nil
	}
	for i, n := range kindNames {
		if n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("report: unknown kind of finding %q", b)
}

// Finding is one conclusion of the review (问题与建议): what was found, the
// numbers that show it and what to do about it, as messages in both
// languages whose numbers a renderer formats for its reader.
//
// A problem may carry the money at stake, the KPI that shows whether the
// recommendation worked and the day to look at it: [Actions] ranks the
// problems by Severity and Stake into the plan.
type Finding struct {
	Rule           string     // the ID of the rule that produced it
	Kind           Kind       // a problem (the zero value) or a strength
	Section        Section    // where the evidence is
	Severity       Severity   // a strength's is Info
	Title          Message    // one line stating the problem, or what went well
	Evidence       []Evidence // the numbers behind it
	Recommendation Message    // a concrete next step, specific to the evidence

	// Stake is the money at stake (涉及金额), a money value: what the
	// problem costs or leaves on the table in the period, as each rule
	// documents (sales lost to stock-outs, cash in slow stock, a
	// promotion's loss, acquisition spend above the LTV, the gap to the
	// sales target). Undefined when the rule cannot measure it; never a
	// fake zero.
	Stake metrics.Value
	// StakeKind says what Stake measures, one of the Stake constants, for
	// the reader to compare stakes of different kinds; [Evaluate] empties
	// it when Stake is not measured.
	StakeKind string
	// Watch is the key of the KPI that shows whether the recommendation
	// worked, such as "stockout_rate"; empty when none.
	Watch string
	// CheckBy is the day to check Watch again, midnight in the period's
	// zone ([CheckDate]); the zero time when there is nothing to check.
	CheckBy time.Time
}

// The kinds of money at stake ([Finding].StakeKind): amounts of one kind
// compare, amounts of two kinds do not (a sale is not its profit).
const (
	StakeSales       = "sales"         // revenue: the gap to a sales target, sales lost to stock-outs
	StakeGrossProfit = "gross_profit"  // a promotion's or a campaign's loss after its costs
	StakeStockAtCost = "stock_at_cost" // cash tied up in stock, at cost
	StakeSpend       = "spend"         // acquisition spend above what the customers are worth
	StakeLiability   = "liability"     // the growth of the points outstanding
)

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
	for i := range out {
		if !out[i].Stake.Defined() {
			out[i].StakeKind = ""
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int { return int(b.Severity) - int(a.Severity) })
	r.Findings = out
}
