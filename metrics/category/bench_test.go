package category

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// BenchmarkAdd measures Add on orders of two or three lines in six
// categories by 2,000 customers, and Result over what they make.
func BenchmarkAdd(b *testing.B) {
	cats := []string{"apparel", "shoes", "beauty", "home", "electronics", "snacks"}
	os := make([]metrics.Order, 10_000)
	for i := range os {
		ls := []metrics.Line{line("A", cats[i%6], 1, "99"), line("B", cats[(i/6)%6], 2, "19.90")}
		if i%3 == 0 {
			ls = append(ls, line("C", cats[(i/36)%6], 1, "5"))
		}
		os[i] = order(fmt.Sprintf("o%d", i), fmt.Sprintf("c%d", i%2000), time.Date(2025, 11, 1+i%60, 0, 0, 0, 0, time.UTC), ls...)
	}
	b.ResetTimer()
	for b.Loop() {
		t := Tracker{Period: dec2025}
		for _, o := range os {
			if err := t.Add(o); err != nil {
				b.Fatal(err)
			}
		}
		t.Result(Config{})
	}
	b.ReportMetric(float64(len(os))*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}
