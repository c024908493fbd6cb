package campaign

import (
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
)

// TestAnalyzeCostMissing checks the orders sold without a unit cost
// (cost 0 in order's terms): counted in CostMissing where the comparison
// of gross profit reads them, which leaves it undefined; a mean of gross
// profit undefined when its own orders have one; revenue as with costs.
func TestAnalyzeCostMissing(t *testing.T) {
	targets := []Target{{"c1", "T1", Targeted}, {"c1", "T2", Targeted}, {"c1", "T3", Targeted},
		{"c1", "C1", Control}, {"c1", "C2", Control}, {"c1", "C3", Control}}
	analyze := func(t *testing.T, targets []Target, orders ...metrics.Order) Result {
		t.Helper()
		var l Ledger
		if err := l.Track(Campaign{ID: "c1", Window: window(10, 20), Cost: cny("10.00")}); err != nil {
			t.Fatal(err)
		}
		for _, o := range orders {
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		rs, err := l.Analyze(targets, nil, Config{})
		if err != nil {
			t.Fatal(err)
		}
		return rs[0]
	}
	base := []metrics.Order{order("o1", "T1", 12, 50, 20), order("o2", "T2", 15, 40, 20), order("o3", "T3", 19, 30, 20),
		order("o4", "C1", 11, 40, 20), order("o5", "C2", 13, 30, 20), order("o6", "C3", 14, 20, 5)}
	full := analyze(t, targets, base...)
	if full.CostMissing != 0 || !full.IncrementalProfit.Defined() || !full.ROI.Defined() || !full.ProfitLow.Defined() || !full.PreProfitPer.Defined() {
		t.Fatalf("with every cost: %d without a cost, incremental profit %v, ROI %v, low %v, pre %v", full.CostMissing, full.IncrementalProfit, full.ROI, full.ProfitLow, full.PreProfitPer)
	}

	t.Run("a target's order in the window", func(t *testing.T) {
		orders := append(base[:1:1], order("o2", "T2", 15, 40, 0))
		orders = append(orders, base[2:]...)
		r := analyze(t, targets, orders...)
		if r.CostMissing != 1 {
			t.Errorf("CostMissing = %d, want 1", r.CostMissing)
		}
		for name, v := range map[string]metrics.Value{"IncrementalProfit": r.IncrementalProfit, "ProfitLow": r.ProfitLow, "ProfitHigh": r.ProfitHigh,
			"Gain": r.Gain, "GainLow": r.GainLow, "ROI": r.ROI, "ROIHigh": r.ROIHigh, "ProfitPer": r.ProfitPer} {
			if v.Defined() {
				t.Errorf("%s = %v, want n/a", name, v)
			}
		}
		if r.Outcome != promo.Inconclusive || !r.CompareProfitPer.Equal(full.CompareProfitPer) {
			t.Errorf("outcome %v, compare profit per %v: want inconclusive and %v", r.Outcome, r.CompareProfitPer, full.CompareProfitPer)
		}
		if !r.IncrementalRevenue.Equal(full.IncrementalRevenue) || !r.RevenueLow.Equal(full.RevenueLow) || r.Revenue != full.Revenue {
			t.Errorf("revenue %v [%v], want %v [%v] as with costs", r.IncrementalRevenue, r.RevenueLow, full.IncrementalRevenue, full.RevenueLow)
		}
	})

	t.Run("a campaign that pays", func(t *testing.T) {
		// Gross profit per target 80, 81, 82 against 5, 6, 7 per
		// control: the gain's interval lies far above zero.
		pays := []metrics.Order{order("o1", "T1", 12, 100, 20), order("o2", "T2", 15, 101, 20), order("o3", "T3", 19, 102, 20),
			order("o4", "C1", 11, 10, 5), order("o5", "C2", 13, 11, 5), order("o6", "C3", 14, 12, 5)}
		if r := analyze(t, targets, pays...); r.Outcome != promo.Pays {
			t.Fatalf("outcome %v with every cost, want pays (gain [%v, %v])", r.Outcome, r.GainLow, r.GainHigh)
		}
		pays[5] = order("o6", "C3", 14, 12, 0)
		if r := analyze(t, targets, pays...); r.Outcome != promo.Inconclusive || r.CostMissing != 1 || r.GainLow.Defined() {
			t.Errorf("a control's order without a cost: outcome %v, CostMissing %d, gain from %v; want inconclusive, 1, n/a", r.Outcome, r.CostMissing, r.GainLow)
		}
	})

	t.Run("a target's order in the pre-window, with a holdout", func(t *testing.T) {
		r := analyze(t, targets, append(base, order("o7", "T1", 5, 99, 0))...)
		if r.CostMissing != 0 || !r.IncrementalProfit.Equal(full.IncrementalProfit) || r.Outcome != full.Outcome {
			t.Errorf("CostMissing %d, incremental profit %v, outcome %v: want 0, %v, %v (the holdout reads the window only)",
				r.CostMissing, r.IncrementalProfit, r.Outcome, full.IncrementalProfit, full.Outcome)
		}
		if r.PreProfitPer.Defined() || !r.ComparePreProfitPer.Defined() {
			t.Errorf("pre-window profit per target %v, per control %v: want n/a and defined", r.PreProfitPer, r.ComparePreProfitPer)
		}
	})

	t.Run("a comparison customer's order in the pre-window, observational", func(t *testing.T) {
		r := analyze(t, targets[:3], append(base, order("o7", "C1", 5, 99, 0))...)
		if r.Randomised || r.CostMissing != 1 || r.IncrementalProfit.Defined() || r.Outcome != promo.Inconclusive {
			t.Errorf("randomised %v, CostMissing %d, incremental profit %v, outcome %v: want false, 1, n/a, inconclusive",
				r.Randomised, r.CostMissing, r.IncrementalProfit, r.Outcome)
		}
		if r.ComparePreProfitPer.Defined() || !r.PreProfitPer.Defined() || !r.IncrementalRevenue.Defined() {
			t.Errorf("pre-window profit per comparison %v, per target %v, revenue %v: want n/a, defined, defined",
				r.ComparePreProfitPer, r.PreProfitPer, r.IncrementalRevenue)
		}
	})
}
