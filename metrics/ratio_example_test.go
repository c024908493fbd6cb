package metrics_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func ExampleRatio() {
	conversion := metrics.CountRatio(36, 1200) // buyers / visitors
	fmt.Println(conversion.Percent(2))

	empty := metrics.CountRatio(0, 0) // no visitors: undefined, not NaN
	v, ok := empty.Value()
	fmt.Println(empty, v, ok)
	// Output:
	// 3.00%
	// n/a 0 false
}

func ExampleChange() {
	mom := metrics.Change(115_000, 100_000) // 环比: this month against last
	fmt.Println("net sales", mom.Percent(2))

	cac := metrics.Change(62, 50) // CAC went up: that is bad news
	better, known := metrics.LowerIsBetter.Improved(cac)
	fmt.Println("CAC", cac.Percent(2), "improved:", better, known)

	fmt.Println("attainment", metrics.Attainment(115_000, 120_000).Percent(1))
	// Output:
	// net sales 15.00%
	// CAC 24.00% improved: false true
	// attainment 95.8%
}
