package promo

import (
	"slices"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestNothingSold: a promotion whose items sold nothing in the pre-period
// nor in the window has no lift to measure. Its residuals are all zero,
// and a t interval would be the point [0, 0], which read "no effect" for
// the lift and "no difference" for the weekend (the Complete Journey
// campaign 16 of October 2017, none of whose coupons' items sold, did).
// Now the lift's and the weekend's intervals are undefined, their
// verdicts undetermined, and a caveat says why. The items sell after the
// window, so that the ledger knows them. (TestLaunchCaveat has the
// items sell in the window only.)
func TestNothingSold(t *testing.T) {
	s := effectStore()
	l := &Ledger{}
	p := s.promotion()
	if err := l.Track(p); err != nil {
		t.Fatal(err)
	}
	kept := 0
	for _, o := range s.orders() {
		if o.PlacedAt.Before(p.Window.End) {
			o.Lines = slices.DeleteFunc(slices.Clone(o.Lines), func(x metrics.Line) bool { return slices.Contains(p.Scope.SKUs, x.SKU) })
			if len(o.Lines) == 0 {
				continue
			}
		} else {
			kept++
		}
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	if kept == 0 {
		t.Fatal("no order after the window")
	}
	r, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Lift.Actual.Units != 0 || r.Lift.GrossProfitCI.Defined || r.Lift.UnitsCI.Defined || r.Lift.Verdict != Undetermined {
		t.Errorf("lift: %d units, interval %v, units interval %v, verdict %v; want 0 and undefined, undetermined",
			r.Lift.Actual.Units, r.Lift.GrossProfitCI, r.Lift.UnitsCI, r.Lift.Verdict)
	}
	w := r.Weekend
	if w.DifferenceCI.Defined || w.Verdict != Undetermined || w.Weekend.GrossProfitPerDayCI.Defined || w.Weekday.GrossProfitPerDayCI.Defined {
		t.Errorf("weekend: %v, verdict %v, groups %v, %v; want undefined and undetermined", w.DifferenceCI, w.Verdict, w.Weekend.GrossProfitPerDayCI, w.Weekday.GrossProfitPerDayCI)
	}
	if r.Outcome != Inconclusive {
		t.Errorf("outcome %v, want inconclusive", r.Outcome)
	}
	if !slices.ContainsFunc(r.Caveats, func(c string) bool { return strings.Contains(c, "sold nothing in the pre-period nor in the window") }) {
		t.Errorf("caveats %q", r.Caveats)
	}
	// The pull-forward reads the days after the window, when the items
	// sold: it is measured, but its baseline is the same empty
	// pre-period, so it has no interval either.
	if !r.PullForward.Measured || r.PullForward.Actual.Units == 0 || r.PullForward.GrossProfitCI.Defined || r.PullForward.Verdict != Undetermined {
		t.Errorf("pull-forward %+v, want measured, with units, without an interval", r.PullForward)
	}
}
