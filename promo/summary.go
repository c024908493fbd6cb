package promo

import (
	"strconv"
	"strings"
)

// Summary returns the result in plain sentences, one per line, for a
// review's promotion section: the lift in gross profit with its interval
// and verdict, ROI with its interval before and after side effects, the
// verdict on whether it paid ([Result].Outcome), the side effects that
// are distinguishable from zero, and every caveat.
func (r *Result) Summary() string {
	var b strings.Builder
	name := r.Promotion.Name
	if name == "" {
		name = r.Promotion.ID
	}
	b.WriteString(name + ", " + r.Window.Label() + ": incremental gross profit " + r.Lift.GrossProfit.String())
	if r.Lift.GrossProfitCI.Defined {
		b.WriteString(" " + r.Lift.GrossProfitCI.String())
	}
	b.WriteString(" against the " + r.Baseline.String() + " baseline: ")
	switch r.Lift.Verdict {
	case Gain:
		b.WriteString("the promotion added gross profit.\n")
	case Loss:
		b.WriteString("the promotion lost gross profit.\n")
	case NoEffect:
		b.WriteString("not distinguishable from zero; the data cannot tell whether it added profit.\n")
	default:
		if n := r.Lift.CostMissing; n > 0 {
			b.WriteString("not judged: " + strconv.FormatInt(n, 10) + " units of the promoted items in the pre-period and window were sold without a unit cost.\n")
		} else {
			b.WriteString("no interval; too little data to judge.\n")
		}
	}
	b.WriteString("ROI " + r.ROI.Percent(2))
	if r.ROILow.Defined() && r.ROIHigh.Defined() {
		b.WriteString(" [" + r.ROILow.Percent(2) + ", " + r.ROIHigh.Percent(2) + "]")
	}
	if r.CostKnown() {
		b.WriteString(" on a cost of " + r.Cost.String())
	} else {
		b.WriteString(" on a cost not recorded")
	}
	b.WriteString("; net ROI after side effects " + r.NetROI.Percent(2) + ".\n")
	switch r.Outcome {
	case Pays:
		b.WriteString("Verdict: pays (the whole ROI interval is above zero).\n")
	case DoesNotPay:
		b.WriteString("Verdict: does not pay (the whole ROI interval is below zero).\n")
	default:
		b.WriteString("Verdict: inconclusive (the ROI interval contains zero, or there is none).\n")
	}
	for _, side := range []struct {
		name string
		e    Effect
	}{{"cannibalization", r.Cannibalization}, {"halo", r.Halo}, {"pull-forward", r.PullForward}} {
		if side.e.Measured && (side.e.Verdict == Gain || side.e.Verdict == Loss) {
			b.WriteString("The " + side.name + " changed gross profit by " + side.e.GrossProfit.String() + " " + side.e.GrossProfitCI.String() + ".\n")
		}
	}
	for _, c := range r.Caveats {
		b.WriteString("Caveat: " + c + ".\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
