package cohort

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// ratioOf returns a / b, two totals of one currency, as a Ratio (undefined when b is zero).
func ratioOf(a, b money.Total) metrics.Ratio {
	return metrics.NewRatio(a.Decimal().InexactFloat64(), b.Decimal().InexactFloat64())
}
