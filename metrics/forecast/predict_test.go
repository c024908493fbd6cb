package forecast_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics/forecast"
)

var monday = time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)

// weekly returns n days of a series with a weekday pattern, a trend and
// no noise.
func pattern(n int) forecast.Series {
	s := forecast.Series{Start: monday, Values: make([]float64, n)}
	for i := range n {
		s.Values[i] = 100 + 0.5*float64(i) + []float64{0, 5, 10, 5, 0, 30, 40}[i%7]
	}
	return s
}

func TestPredictErrors(t *testing.T) {
	nan := pattern(40)
	nan.Values[12] = math.NaN()
	events := []time.Time{}
	for i := range 20 {
		events = append(events, monday.AddDate(0, 0, i))
	}
	tests := []struct {
		name, reason string
		s            forecast.Series
		cfg          forecast.Config
		want         error
	}{
		{"short", "27 days are fewer than four weeks", pattern(27), forecast.Config{}, &forecast.ShortError{Have: 27, Need: 28, Frequency: forecast.Daily}},
		{"events", "event days do not count as history", pattern(40), forecast.Config{Events: events}, &forecast.ShortError{Have: 20, Need: 28, Frequency: forecast.Daily}},
		{"weekly", "12 weeks are fewer than a quarter", forecast.Series{Start: monday, Frequency: forecast.Weekly, Values: make([]float64, 12)}, forecast.Config{}, &forecast.ShortError{Have: 12, Need: 13, Frequency: forecast.Weekly}},
		{"nan", "a NaN is located", nan, forecast.Config{}, &forecast.ValueError{Index: 12, At: monday.AddDate(0, 0, 12), Value: math.NaN()}},
	}
	for _, tt := range tests {
		_, err := forecast.Predict(tt.s, 7, tt.cfg)
		if diff := cmp.Diff(tt.want.Error(), errStr(err)); diff != "" {
			t.Errorf("%s (%s): error (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
	if _, err := forecast.Predict(pattern(27), 7, forecast.Config{}); !errors.Is(err, forecast.ErrTooShort) {
		t.Errorf("errors.Is(%v, ErrTooShort) = false", err)
	}
}

func errStr(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// TestPredictExact: a series with a weekday pattern and a linear trend and
// no noise is forecast exactly up to the trend's damping, with an
// interval that collapses to the point.
func TestPredictExact(t *testing.T) {
	s := pattern(120)
	f, err := forecast.Predict(s, 7, forecast.Config{Damping: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := 0.0
	for i := 120; i < 127; i++ {
		want += 100 + 0.5*float64(i) + []float64{0, 5, 10, 5, 0, 30, 40}[i%7]
	}
	if math.Abs(f.Point-want) > 1e-6*want || f.High-f.Low > 1e-6*want {
		t.Errorf("forecast %.6f [%.6f, %.6f], want %.6f exactly", f.Point, f.Low, f.High, want)
	}
}

// TestPredictRobust: a spike the caller did not mark moves the forecast
// little (Huber's weights), and marking it leaves it out.
func TestPredictRobust(t *testing.T) {
	s := pattern(84)
	clean, _ := forecast.Predict(s, 7, forecast.Config{Damping: 1})
	s.Values[80] *= 3 // a Friday three times its level
	spiked, _ := forecast.Predict(s, 7, forecast.Config{Damping: 1})
	marked, _ := forecast.Predict(s, 7, forecast.Config{Damping: 1, Events: []time.Time{s.At(80)}})
	if d := math.Abs(spiked.Point-clean.Point) / clean.Point; d > 0.01 {
		t.Errorf("an unmarked spike moves the forecast by %.3f", d)
	}
	if math.Abs(marked.Point-clean.Point) > 1e-6*clean.Point {
		t.Errorf("marked spike: %.4f, clean %.4f", marked.Point, clean.Point)
	}
}

// TestPredictProperties: for any noisy series, Low ≤ Point ≤ High, the
// steps add up to the point, the interval widens with the level, and the
// forecast is equivariant in scale.
func TestPredictProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(28, 400).Draw(t, "days")
		h := rapid.IntRange(1, 40).Draw(t, "horizon")
		s := forecast.Series{Start: monday, Values: make([]float64, n)}
		for i := range n {
			s.Values[i] = rapid.Float64Range(50, 150).Draw(t, "value")
		}
		f80, err := forecast.Predict(s, h, forecast.Config{})
		if err != nil {
			t.Fatal(err)
		}
		f95, err := forecast.Predict(s, h, forecast.Config{Level: 0.95})
		if err != nil {
			t.Fatal(err)
		}
		if !(f80.Low <= f80.Point && f80.Point <= f80.High) || f95.Low > f80.Low || f95.High < f80.High {
			t.Fatalf("80 %%: %v [%v, %v]; 95 %%: [%v, %v]", f80.Point, f80.Low, f80.High, f95.Low, f95.High)
		}
		var sum float64
		for _, st := range f80.Steps {
			sum += st.Point
		}
		if f80.Point > 0 && math.Abs(sum-f80.Point) > 1e-9*math.Abs(f80.Point)+1e-9 {
			t.Fatalf("steps add up to %v, point %v", sum, f80.Point)
		}
		k := rapid.Float64Range(0.01, 1000).Draw(t, "scale")
		scaled := forecast.Series{Start: s.Start, Values: make([]float64, n)}
		for i, v := range s.Values {
			scaled.Values[i] = k * v
		}
		fk, err := forecast.Predict(scaled, h, forecast.Config{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(fk.Point-k*f80.Point) > 1e-6*math.Abs(k*f80.Point)+1e-6 || math.Abs(fk.High-k*f80.High) > 1e-6*math.Abs(k*f80.High)+1e-6 {
			t.Fatalf("scaled by %v: %v [%v], want %v [%v]", k, fk.Point, fk.High, k*f80.Point, k*f80.High)
		}
	})
}

// TestPredictRecurringSpike: a day marked as an event that was three
// times its level on the same date a year before (11.11) is forecast at
// three times its level again, and the days around it are not; unmarked,
// it is not.
func TestPredictRecurringSpike(t *testing.T) {
	s := forecast.Series{Start: time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)}
	for i := range 375 { // to 2025-11-10
		s.Values = append(s.Values, 100+float64((i*37)%11-5))
	}
	s.Values[10] *= 3 // 2024-11-11
	events := []time.Time{s.At(10), s.At(375)}
	for _, tt := range []struct {
		events []time.Time
		want   []float64
	}{{events, []float64{300, 100, 100}}, {nil, []float64{100, 100, 100}}} {
		f, err := forecast.Predict(s, 3, forecast.Config{Events: tt.events})
		if err != nil {
			t.Fatal(err)
		}
		got := []float64{f.Steps[0].Point, f.Steps[1].Point, f.Steps[2].Point}
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0.1, 0)); diff != "" { // 10 %: the wiggle of ±5 and its weekday pattern
			t.Errorf("11-11 to 11-13, events %v (-want +got):\n%s", tt.events, diff)
		}
	}
}
