package report

import (
	"testing"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// BenchmarkChannels measures the channels section's own work on the bench
// store: the first order of each customer in the pass over orders, and
// the acquired customers' revenue by channel in rolling days from the
// customers' ledger (cohort.Ledger.Retention), which the section adds to
// a Build.
func BenchmarkChannels(b *testing.B) {
	in, p := benchInput(b)
	var ledger cohort.Ledger
	for o := range in.Orders {
		if err := ledger.Add(o); err != nil {
			b.Fatal(err)
		}
	}
	var orders int64
	b.Run("first_orders", func(b *testing.B) {
		bd := &builder{}
		for b.Loop() {
			var cp channelsPart
			cp.start(bd)
			orders = 0
			for o := range in.Orders {
				cp.order(bd, &o)
				orders++
			}
		}
		b.ReportMetric(float64(orders)*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
	})
	b.Run("acquired", func(b *testing.B) {
		var rows int
		for b.Loop() {
			m, err := ledger.Retention(cohort.RetentionConfig{By: cohort.ByChannel, Grain: metrics.Day, Window: cohort.Rolling,
				AsOf: p.End.AddDate(0, 0, -1)})
			if err != nil {
				b.Fatal(err)
			}
			rows = len(m.Rows)
		}
		b.ReportMetric(float64(rows), "channels")
		b.ReportMetric(float64(ledger.Customers()), "customers")
	})
}
