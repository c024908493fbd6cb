package promo

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestCostMissing checks what units sold without a unit cost do to a
// promotion's measurement: the effect whose days hold them counts them
// (Effect.CostMissing, counted here from the orders themselves), its
// gross-profit interval and verdict are undefined, and so are the ROI
// figures resting on it, each with a caveat, while units and net sales
// stay as measured with costs; units without a cost outside what an effect
// reads change nothing.
func TestCostMissing(t *testing.T) {
	s := effectStore()
	orders := s.orders()
	dayOf := func(o metrics.Order) int { return int(o.PlacedAt.Sub(day0).Hours() / 24) }
	// analyze measures the store with the unit cost of the lines strip
	// picks left out; it returns the result and the units left without a
	// cost.
	analyze := func(t *testing.T, strip func(o metrics.Order, l metrics.Line) bool) (*Result, int64) {
		t.Helper()
		l := &Ledger{}
		if err := l.Track(s.promotion()); err != nil {
			t.Fatal(err)
		}
		var stripped int64
		for _, o := range orders {
			o.Lines = slices.Clone(o.Lines)
			for i := range o.Lines {
				if strip(o, o.Lines[i]) {
					o.Lines[i].UnitCost = money.Money{}
					stripped += o.Lines[i].Quantity
				}
			}
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		r, err := l.Analyze(promoID, Config{})
		if err != nil {
			t.Fatal(err)
		}
		return r, stripped
	}
	full, _ := analyze(t, func(metrics.Order, metrics.Line) bool { return false })
	if !full.ROI.Defined() || !full.ROILow.Defined() || !full.NetROI.Defined() || !full.Lift.GrossProfitCI.Defined || full.Lift.Verdict == Undetermined ||
		!full.Weekend.DifferenceCI.Defined || full.Outcome == Inconclusive {
		t.Fatalf("with every cost: ROI %v [%v, %v], net %v, lift CI %v, verdict %v, weekend CI %v, outcome %v: a test of nothing",
			full.ROI, full.ROILow, full.ROIHigh, full.NetROI, full.Lift.GrossProfitCI, full.Lift.Verdict, full.Weekend.DifferenceCI, full.Outcome)
	}
	promoted := func(l metrics.Line) bool { return l.SKU == "A01" }
	halo := func(o metrics.Order, l metrics.Line) bool {
		return l.Category == "B" && slices.ContainsFunc(o.Lines, func(x metrics.Line) bool { return x.Category == "A" && x.SKU <= "A05" })
	}

	t.Run("promoted item in the pre-period", func(t *testing.T) {
		r, n := analyze(t, func(o metrics.Order, l metrics.Line) bool { return promoted(l) && dayOf(o) == s.from-3 })
		if n == 0 {
			t.Fatal("no unit stripped")
		}
		if r.Lift.CostMissing != n {
			t.Errorf("Lift.CostMissing = %d, want %d", r.Lift.CostMissing, n)
		}
		if r.Lift.GrossProfitCI.Defined || r.Lift.Verdict != Undetermined {
			t.Errorf("lift interval %v and verdict %v, want undefined and undetermined", r.Lift.GrossProfitCI, r.Lift.Verdict)
		}
		if r.ROI.Defined() || r.ROILow.Defined() || r.ROIHigh.Defined() || r.NetROI.Defined() || r.Outcome != Inconclusive {
			t.Errorf("ROI %v [%v, %v], net %v, outcome %v: want n/a and inconclusive", r.ROI, r.ROILow, r.ROIHigh, r.NetROI, r.Outcome)
		}
		if r.Weekend.DifferenceCI.Defined || r.Weekend.Verdict != Undetermined || r.Weekend.Weekend.GrossProfitPerDayCI.Defined {
			t.Errorf("weekend interval %v, verdict %v: want undefined", r.Weekend.DifferenceCI, r.Weekend.Verdict)
		}
		// The pull-forward's baseline reads the same pre-period.
		if r.PullForward.CostMissing != n {
			t.Errorf("PullForward.CostMissing = %d, want %d", r.PullForward.CostMissing, n)
		}
		if !hasCaveat(r, "ROI and the verdict not estimated") || !hasCaveat(r, "net ROI not estimated: the pull-forward (") {
			t.Errorf("caveats %q", r.Caveats)
		}
		if s := r.Summary(); !strings.Contains(s, fmt.Sprintf("not judged: %d units of the promoted items in the pre-period and window were sold without a unit cost.", n)) {
			t.Errorf("Summary does not say why the lift is not judged:\n%s", s)
		}
		// Units and net sales need no cost.
		if r.Lift.Units != full.Lift.Units || r.Lift.NetSales != full.Lift.NetSales || r.Lift.UnitsCI != full.Lift.UnitsCI {
			t.Errorf("lift units %v, net %v: want %v, %v as with costs", r.Lift.Units, r.Lift.NetSales, full.Lift.Units, full.Lift.NetSales)
		}
	})

	t.Run("halo category in the window", func(t *testing.T) {
		r, n := analyze(t, func(o metrics.Order, l metrics.Line) bool { return halo(o, l) && s.inWindow(dayOf(o)) })
		if n == 0 || r.Halo.CostMissing != n || r.Lift.CostMissing != 0 {
			t.Errorf("Halo.CostMissing = %d, Lift.CostMissing = %d, want %d and 0", r.Halo.CostMissing, r.Lift.CostMissing, n)
		}
		if r.ROI != full.ROI || r.ROILow != full.ROILow || r.Outcome != full.Outcome {
			t.Errorf("ROI %v [%v, %v] %v, want %v [%v, %v] %v: the lift has every cost", r.ROI, r.ROILow, r.ROIHigh, r.Outcome, full.ROI, full.ROILow, full.ROIHigh, full.Outcome)
		}
		if r.NetROI.Defined() || r.Halo.Verdict != Undetermined {
			t.Errorf("net ROI %v, halo verdict %v: want n/a and undetermined", r.NetROI, r.Halo.Verdict)
		}
		if hasCaveat(r, "ROI and the verdict not estimated") || !hasCaveat(r, "net ROI not estimated: the halo (") {
			t.Errorf("caveats %q", r.Caveats)
		}
	})

	t.Run("promoted item in the post-window", func(t *testing.T) {
		r, n := analyze(t, func(o metrics.Order, l metrics.Line) bool {
			d := dayOf(o)
			return promoted(l) && d >= s.to && d < s.to+s.post
		})
		if n == 0 || r.PullForward.CostMissing != n || r.Lift.CostMissing != 0 {
			t.Errorf("PullForward.CostMissing = %d, Lift.CostMissing = %d, want %d and 0", r.PullForward.CostMissing, r.Lift.CostMissing, n)
		}
		if r.ROI != full.ROI || r.NetROI.Defined() {
			t.Errorf("ROI %v, net ROI %v: want %v and n/a", r.ROI, r.NetROI, full.ROI)
		}
	})

	t.Run("items no effect reads", func(t *testing.T) {
		r, n := analyze(t, func(o metrics.Order, l metrics.Line) bool { return l.Category == "Z" })
		if n == 0 {
			t.Fatal("no unit stripped")
		}
		if diff := cmp.Diff(full, r); diff != "" {
			t.Errorf("Analyze (-with costs +without Z's):\n%s", diff)
		}
	})
}

func hasCaveat(r *Result, prefix string) bool {
	return slices.ContainsFunc(r.Caveats, func(c string) bool { return strings.HasPrefix(c, prefix) })
}
