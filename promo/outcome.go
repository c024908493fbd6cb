package promo

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Outcome is the verdict on whether a promotion paid (结论), read from the
// confidence interval of its ROI as METRICS.md defines it: a promotion
// pays, or does not pay, only when the whole interval lies above, or
// below, zero; otherwise the data cannot tell, and the outcome is
// [Inconclusive]. A point estimate alone never decides: an ROI of −25.8 %
// with an interval from −119.7 % to +68.0 % is inconclusive, not a loss.
//
// The zero Outcome is Inconclusive, the outcome of a promotion without an
// interval (too little data to estimate one).
type Outcome uint8

const (
	Inconclusive Outcome = iota // the interval contains zero, or there is none: 不确定
	Pays                        // the whole interval is above zero: 划算
	DoesNotPay                  // the whole interval is below zero: 不划算
)

var outcomeNames = [...]string{"inconclusive", "pays", "does not pay"}

// String returns "inconclusive", "pays" or "does not pay".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", o)
}

// OutcomeOf returns the outcome of the interval [lo, hi] of an ROI:
// [Pays] when lo > 0, [DoesNotPay] when hi < 0, and [Inconclusive] when
// the interval contains zero or either bound is undefined. Zero itself
// (an ROI that just breaks even) is inside every closed interval that
// touches it, so a bound of exactly zero is inconclusive.
func OutcomeOf(lo, hi metrics.Ratio) Outcome {
	l, ok1 := lo.Value()
	h, ok2 := hi.Value()
	switch {
	case !ok1 || !ok2:
		return Inconclusive
	case l > 0:
		return Pays
	case h < 0:
		return DoesNotPay
	}
	return Inconclusive
}
