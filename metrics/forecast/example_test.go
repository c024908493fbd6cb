package forecast_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/forecast"
)

// A week's sales forecast from twelve weeks of daily sales with a weekend
// peak and a slow rise.
func ExamplePredict() {
	s := forecast.Series{Start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)}
	for i := range 84 {
		noise := float64((i*37)%11 - 5) // a deterministic wiggle
		s.Values = append(s.Values, 1000+2*float64(i)+[]float64{0, 0, 0, 0, 100, 300, 250}[i%7]+noise)
	}
	f, err := forecast.Predict(s, 7, forecast.Config{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("next week: %.0f, 80 %% interval [%.0f, %.0f]\n", f.Point, f.Low, f.High)
	fmt.Printf("Saturday: %.0f\n", f.Steps[5].Point)
	// Output:
	// next week: 8864, 80 % interval [8855, 8874]
	// Saturday: 1478
}

// The rolling-origin backtest of the last four weeks, one week at a time.
func ExampleRunBacktest() {
	s := forecast.Series{Start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)}
	for i := range 112 {
		noise := float64((i*37)%11 - 5)
		s.Values = append(s.Values, 1000+2*float64(i)+[]float64{0, 0, 0, 0, 100, 300, 250}[i%7]+noise)
	}
	bt, err := forecast.RunBacktest(s, forecast.Last(len(s.Values), 4, 7), forecast.Config{})
	if err != nil {
		log.Fatal(err)
	}
	m, _ := bt.Model.MAPE.Float()
	b, _ := bt.Baseline.MAPE.Float()
	fmt.Printf("MAPE %.2f %%, seasonal naive %.2f %%, coverage %v\n", 100*m, 100*b, bt.Coverage)
	// Output:
	// MAPE 0.03 %, seasonal naive 1.10 %, coverage 1.0000
}
