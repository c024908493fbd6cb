package forecast_test

import (
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics/forecast"
)

func TestExploreSeeds(t *testing.T) {
	cov := map[int]int{}
	for seed := uint64(1); seed <= 20; seed++ {
		sales, _, _ := demoSeries(t, sample.Config{Seed: seed})
		bt, err := forecast.RunBacktest(sales, forecast.Months(sales, 6), forecast.Config{})
		if err != nil {
			t.Fatal(err)
		}
		for k, r := range bt.Results {
			if r.Actual >= r.Forecast.Low && r.Actual <= r.Forecast.High {
				cov[k]++
			}
		}
	}
	t.Log(cov)
}
