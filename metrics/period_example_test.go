package metrics_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func ExamplePeriod_Buckets() {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		log.Fatal(err)
	}
	nov := metrics.MonthOf(2025, time.November, shanghai)
	fmt.Println(nov, nov.Days(), "days; previous", nov.Previous(), "; year ago", nov.YearAgo())
	for week := range nov.Buckets(metrics.Week) {
		fmt.Println(week.Label(), week.Days())
	}
	// Output:
	// 2025-11 30 days; previous 2025-10 ; year ago 2024-11
	// 2025-11-01..2025-11-02 2
	// 2025-W45 7
	// 2025-W46 7
	// 2025-W47 7
	// 2025-W48 7
}
