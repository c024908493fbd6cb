package promo_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
)

// A verdict is read from the ROI interval, never from the point ROI: an
// ROI of −25.8 % whose 95 % interval runs from −119.7 % to +68.0 % is
// inconclusive, and one whose interval lies wholly below zero does not pay.
func ExampleOutcomeOf() {
	pct := func(v float64) metrics.Ratio { return metrics.NewRatio(v, 100) }
	fmt.Println(promo.OutcomeOf(pct(-119.7), pct(68.0)))
	fmt.Println(promo.OutcomeOf(pct(-102.5), pct(-66.1)))
	fmt.Println(promo.OutcomeOf(pct(3.0), pct(40.0)))
	// Output:
	// inconclusive
	// does not pay
	// pays
}
