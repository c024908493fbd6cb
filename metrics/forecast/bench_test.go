package forecast_test

import (
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/forecast"
)

// BenchmarkPredict forecasts a month from two years of daily history
// (the annual term in), reporting the fit's rows per second.
func BenchmarkPredict(b *testing.B) {
	s := forecast.Series{Start: monday}
	for i := range 730 {
		s.Values = append(s.Values, 1000+float64((i*37)%101)+[]float64{0, 0, 0, 0, 100, 300, 250}[i%7])
	}
	var rows int
	for b.Loop() {
		f, err := forecast.Predict(s, 30, forecast.Config{})
		if err != nil {
			b.Fatal(err)
		}
		rows += f.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
