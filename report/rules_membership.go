package report

import (
	"strconv"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

// The thresholds of the membership rules. They are fixed here, not in
// [Thresholds], as the part is optional.
const (
	// liabilityGap is how far, in relative change, the points liability
	// must outgrow net sales against the previous period for a finding:
	// 0.20 is 20 % (liability +35 % while sales grew 10 %).
	liabilityGap = 0.20
	// activeDrop is the least fall of the active-member rate, in
	// percentage points as a fraction, for a finding, which must also be
	// significant (two-proportion z-test, p < 0.05).
	activeDrop = 0.02
)

// membershipRules are the findings of the membership part:
//
//   - loyalty_liability_growth: the points liability grew more than
//     liabilityGap (20 %) faster than net sales against the previous
//     period. Stake: the growth of the liability. Watch:
//     loyalty_liability. Warning.
//   - loyalty_active_falling: the active-member rate fell by at least
//     activeDrop (2 pp) against the previous period, and the fall is
//     significant (two-proportion z-test on the members at each period's
//     start, p < 0.05). Watch: loyalty_active_rate. Warning. Not when the
//     rate has no change: a period whose data end early (curCoverage)
//     gives its members fewer days to order, and its rate is not set
//     against a whole period's.
func membershipRules(r *Review) []Finding {
	m := r.Membership
	if m == nil {
		return nil
	}
	var out []Finding
	if f, ok := liabilityGrowth(r, m); ok {
		out = append(out, f)
	}
	if f, ok := activeFalling(r, m); ok {
		out = append(out, f)
	}
	return out
}

func liabilityGrowth(r *Review, m *Membership) (Finding, bool) {
	l, ok := findKPI(m.KPIs, "loyalty_liability")
	if !ok || r.Overview == nil {
		return Finding{}, false
	}
	sales, ok := findKPI(r.Overview.KPIs, metrics.KeyNetSales)
	if !ok {
		return Finding{}, false
	}
	lc, ok1 := l.ChangePrev.Value()
	sc, ok2 := sales.ChangePrev.Value()
	if !ok1 || !ok2 || lc <= 0 || lc-sc <= liabilityGap {
		return Finding{}, false
	}
	stake, err := l.Current.Sub(l.Previous)
	if err != nil {
		stake = metrics.Undefined(metrics.UnitMoney)
	}
	return Finding{
		Rule: "loyalty_liability_growth", Section: SectionCustomers, Severity: Warning,
		Title: Say("The points liability grew %s to %s, against %s for net sales.", "积分负债环比增长%s至%s，净销售额环比%s。",
			l.ChangeArg(l.ChangePrev), ValueArg(l.Current), sales.ChangeArg(sales.ChangePrev)),
		Evidence: []Evidence{
			{Key: "loyalty_liability", Value: l.Current},
			{Key: "prev_value", Of: "loyalty_liability", Value: l.Previous},
			{Key: "loyalty_redemption_rate", Value: kpiValue(m.KPIs, "loyalty_redemption_rate")},
		},
		Recommendation: Say("Give members reasons to spend their points (points-for-cash at checkout, member-day redemptions) and check that the points per yuan still pay for themselves.",
			"为会员提供积分使用场景（下单抵现、会员日积分兑换），并复核每元积分的发放比例是否仍然划算。"),
		Stake: stake, StakeKind: StakeLiability, Watch: "loyalty_liability", CheckBy: CheckDate(r.Period, false),
	}, true
}

func activeFalling(r *Review, m *Membership) (Finding, bool) {
	k, ok := findKPI(m.KPIs, "loyalty_active_rate")
	if !ok {
		return Finding{}, false
	}
	cur, ok1 := k.Current.Ratio()
	prev, ok2 := k.Previous.Ratio()
	if !ok1 || !ok2 || !k.ChangePrev.Defined() {
		return Finding{}, false
	}
	d := loyalty.CompareRates(prev, cur)
	if !d.Tested || d.P >= 0.05 || d.Delta > -activeDrop {
		return Finding{}, false
	}
	return Finding{
		Rule: "loyalty_active_falling", Section: SectionCustomers, Severity: Warning,
		Title: Say("The active-member rate fell to %s (%s against the previous period; two-proportion z-test p = %s).",
			"会员活跃度降至%s（环比%s；双比例z检验 p = %s）。",
			ValueArg(k.Current), k.ChangeArg(k.ChangePrev), DataArg(strconv.FormatFloat(d.P, 'g', 2, 64))),
		Evidence: []Evidence{
			{Key: "loyalty_active_rate", Value: k.Current},
			{Key: "prev_value", Of: "loyalty_active_rate", Value: k.Previous},
		},
		Recommendation: Say("Remind inactive members of their points before they expire and give them a member-only offer.",
			"向未活跃会员推送积分到期提醒和会员专享优惠。"),
		Stake: metrics.Undefined(metrics.UnitMoney), Watch: "loyalty_active_rate", CheckBy: CheckDate(r.Period, false),
	}, true
}

// kpiValue returns the current value of the KPI key in ks, or the zero
// Value.
func kpiValue(ks []KPI, key string) metrics.Value {
	k, _ := findKPI(ks, key)
	return k.Current
}
