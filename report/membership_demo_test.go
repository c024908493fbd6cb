package report

import (
	"math"
	"slices"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestDemoMembership reviews December 2025 of the default demo with its
// members and points, and recovers the programme's truth
// (sample.LoyaltyTruth): the points outstanding at the period's end, the
// end of the data, are the generator's Outstanding exactly, and the
// liability is that × CNY 0.01 exactly; members' share of December's
// buyers is MemberShare within four binomial standard errors (membership
// is drawn independently of buying; about 900 buyers give a standard
// error of √(0.3 × 0.7 / 900) ≈ 0.015).
func TestDemoMembership(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews its December")
	}
	s := sample.Generate(sample.Config{})
	tr := s.Truth.Loyalty
	in := Input{Orders: slices.Values(s.Orders), Refunds: s.Refunds, Members: s.Members, Points: s.Points}
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, 12, s.Config.Location)})
	if err != nil {
		t.Fatal(err)
	}
	m := r.Membership
	if m == nil {
		t.Fatal("no membership part")
	}
	out, _ := findKPI(m.KPIs, "loyalty_points_outstanding")
	if n, _ := out.Current.Count(); n != tr.Outstanding {
		t.Errorf("points outstanding %d, truth %d", n, tr.Outstanding)
	}
	l, _ := findKPI(m.KPIs, "loyalty_liability")
	if want := metrics.MoneyValue(money.MustNew("0.01", "CNY").Mul(tr.Outstanding)); !l.Current.Equal(want) {
		t.Errorf("liability %v, want %v", l.Current, want)
	}
	// The figures of testdata/loyalty_demo_check.py, which computes them
	// from the exported CSV files in Python (its output, seed 1):
	//
	//	members at end 1506 new 57
	//	at start 1449 active 200 rate 0.1380
	//	buyer share 0.2840 (257/905) sales share 0.2880
	//	member AOV 198.94 non-member AOV 206.98
	//	member repurchase 0.2568 non-member 0.2099
	//	opening 613349 {'issued': 68033, 'redeemed': 36000, 'expired': 193324, 'adjusted': 0} outstanding 452058 liability 4520.58
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	want := map[string]metrics.Value{
		"loyalty_members": metrics.CountValue(1506), "loyalty_new_members": metrics.CountValue(57),
		"loyalty_active_rate": pct(metrics.CountRatio(200, 1449)), "loyalty_buyer_share": pct(metrics.CountRatio(257, 905)),
		"loyalty_member_aov": cny("198.94"), "loyalty_non_member_aov": cny("206.98"),
		"loyalty_points_issued": metrics.CountValue(68033), "loyalty_points_redeemed": metrics.CountValue(36000),
		"loyalty_points_expired": metrics.CountValue(193324), "loyalty_liability": cny("4520.58"),
	}
	for _, k := range m.KPIs {
		if w, ok := want[k.Key]; ok && !k.Current.Equal(w) {
			t.Errorf("%s = %v, Python %v", k.Key, k.Current, w)
		}
	}
	if m.Opening != 613349 {
		t.Errorf("opening balance %d, Python 613349", m.Opening)
	}
	b, _ := findKPI(m.KPIs, "loyalty_buyer_share")
	share, _ := b.Current.Ratio()
	v, _ := share.Value()
	se := math.Sqrt(tr.MemberShare * (1 - tr.MemberShare) / share.Den())
	if math.Abs(v-tr.MemberShare) > 4*se {
		t.Errorf("members' share of buyers %.4f of %.0f, truth %.2f ± %.4f", v, share.Den(), tr.MemberShare, 4*se)
	}
}
