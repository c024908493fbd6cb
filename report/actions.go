package report

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Action is one action of the plan (行动计划): a problem's recommendation
// with the money at stake, the KPI to watch and the day to check it.
// [Actions] makes them from the findings.
type Action struct {
	Rule           string        `json:"rule"`                 // the rule of the finding it comes from
	Section        Section       `json:"section"`              // where the evidence is
	Severity       Severity      `json:"severity"`             // the finding's
	Title          Message       `json:"title"`                // the finding's title: why act
	Recommendation Message       `json:"recommendation"`       // what to do
	Stake          metrics.Value `json:"stake"`                // money at stake, undefined when not measured (see [Finding].Stake)
	StakeKind      string        `json:"stake_kind,omitempty"` // what Stake measures (see [Finding].StakeKind); empty when not measured
	Watch          string        `json:"watch"`                // the KPI key to watch, such as "stockout_rate"; empty when none
	CheckBy        time.Time     `json:"check_by"`             // the day to check Watch; zero when none
}

// Actions returns the plan's actions: the recommendations of the problems
// in fs (strengths are not actions) ranked by severity, most severe
// first, and within a severity by the money at stake, largest first,
// those whose stake is not measured last; ties keep the order of fs.
// Every problem gives exactly one action. Severity comes first because
// the stakes are of different kinds ([Finding].StakeKind: sales, gross
// profit, stock at cost, …), which no single ranking by amount can
// compare: the demo's slow stock at cost (CN¥141,605) came before its
// critical stock-outs and loss-making promotion. Stakes in another unit
// or currency than the first measured one are treated as not measured (a
// review is in one currency, so this does not happen for a built
// review).
func Actions(fs []Finding) []Action {
	var out []Action
	for _, f := range fs {
		if f.Kind != Problem {
			continue
		}
		out = append(out, Action{Rule: f.Rule, Section: f.Section, Severity: f.Severity, Title: f.Title,
			Recommendation: f.Recommendation, Stake: f.Stake, StakeKind: f.StakeKind, Watch: f.Watch, CheckBy: f.CheckBy})
	}
	slices.SortStableFunc(out, compareActions)
	return out
}

// compareActions orders two actions: by severity, most severe first,
// then measured stakes first, largest first.
func compareActions(a, b Action) int {
	if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
		return c
	}
	ma, oka := a.Stake.Money()
	mb, okb := b.Stake.Money()
	switch {
	case oka && okb:
		if c, err := mb.Cmp(ma); err == nil && c != 0 {
			return c
		}
	case oka:
		return -1
	case okb:
		return 1
	}
	return 0
}

// The rule of the day to check an action (CheckDate): a KPI of the
// period is checked on the last day of the next period, when its next
// value exists; a stock action, whose effect shows within a replenishment
// cycle, stockCheckDays after the period's last day.
const stockCheckDays = 30

// CheckDate returns the day to check an action on a review of p, midnight
// in p's zone: for a stock action (stock true), 30 days after the last day
// of p; otherwise the last day of the period after p, which is as long as
// p (a month for a month, the same number of days for a custom period).
// It returns the zero time for the zero period.
func CheckDate(p metrics.Period, stock bool) time.Time {
	if p.IsZero() {
		return time.Time{}
	}
	loc := p.Location()
	last := p.End.In(loc).Add(-time.Nanosecond)
	y, m, d := last.Date()
	day := func(dy, dm, dd int) time.Time {
		c := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(dy, dm, dd) // calendar arithmetic without DST
		return time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, loc)
	}
	if stock {
		return day(0, 0, stockCheckDays)
	}
	switch p.Grain {
	case metrics.Month, metrics.Quarter, metrics.Year:
		months := map[metrics.Grain]int{metrics.Month: 1, metrics.Quarter: 3, metrics.Year: 12}[p.Grain]
		// The last day of the next period: the day before the start of
		// the one after it.
		s := p.Start.In(loc)
		c := time.Date(s.Year(), s.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 2*months, -1)
		return time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, loc)
	}
	return day(0, 0, p.Days())
}
