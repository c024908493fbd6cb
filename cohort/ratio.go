package cohort

import (
	"github.com/shopmetrics/shopmetrics/internal/minor"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// ratioOf returns a / b, two totals of one currency, as a Ratio (undefined when b is zero).
func ratioOf(a, b minor.Total) metrics.Ratio {
	x, _ := a.Decimal().Float64()
	y, _ := b.Decimal().Float64()
	return metrics.NewRatio(x, y)
}
