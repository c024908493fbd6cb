package forecast_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/metrics/forecast"
)

// days returns the n days of s from step i.
func days(s forecast.Series, i, n int) []time.Time {
	var out []time.Time
	for k := range n {
		out = append(out, s.At(i+k))
	}
	return out
}

// TestPredictMissing: a run of days missing from the data, read as
// zeros, is left out when marked Missing: the forecast of an exact
// series is exact again, and missing days do not count as history.
func TestPredictMissing(t *testing.T) {
	s := pattern(120)
	clean, err := forecast.Predict(s, 7, forecast.Config{Damping: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := 60; i < 80; i++ {
		s.Values[i] = 0
	}
	miss := days(s, 60, 20)
	marked, err := forecast.Predict(s, 7, forecast.Config{Damping: 1, Missing: miss})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(marked.Point-clean.Point) > 1e-6*clean.Point || marked.High-marked.Low > 1e-6*clean.Point {
		t.Errorf("missing days marked: %.4f [%.4f, %.4f], want %.4f exactly", marked.Point, marked.Low, marked.High, clean.Point)
	}
	zeros, err := forecast.Predict(s, 7, forecast.Config{Damping: 1})
	if err != nil {
		t.Fatal(err)
	}
	if zeros.High-zeros.Low < 1e-3*clean.Point {
		t.Errorf("missing days read as zeros: interval [%.4f, %.4f] as narrow as the exact one's", zeros.Low, zeros.High)
	}
	short := pattern(40)
	_, err = forecast.Predict(short, 7, forecast.Config{Missing: days(short, 0, 20)})
	want := &forecast.ShortError{Have: 20, Need: 28, Frequency: forecast.Daily}
	if diff := cmp.Diff(want.Error(), errStr(err)); diff != "" {
		t.Errorf("missing days counted as history (-want +got):\n%s", diff)
	}
	if !errors.Is(err, forecast.ErrTooShort) {
		t.Errorf("errors.Is(%v, ErrTooShort) = false", err)
	}
}

// TestPredictMissingYearAgo: a day marked as an event whose same date a
// year before is missing gets no lift from the junk that day holds, and
// the year-ago regressor of the days around it leaves the junk out.
func TestPredictMissingYearAgo(t *testing.T) {
	s := forecast.Series{Start: time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)}
	for i := range 375 { // to 2025-11-10
		s.Values = append(s.Values, 100+float64((i*37)%11-5))
	}
	s.Values[10] = 5000 // 2024-11-11, a day the export lost, holding junk
	events := []time.Time{s.At(10), s.At(375)}
	for _, tt := range []struct {
		name    string
		missing []time.Time
		want    []float64
	}{
		{"missing", []time.Time{s.At(10)}, []float64{100, 100, 100}},
		{"not marked", nil, []float64{5000, 100, 100}},
	} {
		f, err := forecast.Predict(s, 3, forecast.Config{Events: events, Missing: tt.missing})
		if err != nil {
			t.Fatal(err)
		}
		got := []float64{f.Steps[0].Point, f.Steps[1].Point, f.Steps[2].Point}
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0.12, 0)); diff != "" {
			t.Errorf("%s: 11-11 to 11-13 (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestBacktestMissing: a span whose days hold a missing day is not
// scored (a *SpanError naming the day); one whose baseline's days hold
// one scores the model alone; and the in-sample scale of MASE leaves out
// the periods that read one.
func TestBacktestMissing(t *testing.T) {
	s := pattern(140)
	for i := 0; i < 140; i++ {
		s.Values[i] += float64((i*37)%11 - 5)
	}
	spans := forecast.Last(len(s.Values), 2, 7) // steps 126 and 133
	base, err := forecast.RunBacktest(s, spans, forecast.Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		miss int // the step missing
		span forecast.Span
	}{
		{"in the span", 128, spans[0]},
		{"in the last span", 139, spans[1]},
	}
	for _, tt := range tests {
		_, err := forecast.RunBacktest(s, spans, forecast.Config{Missing: []time.Time{s.At(tt.miss)}})
		want := &forecast.SpanError{Span: tt.span, Len: 140, Missing: s.At(tt.miss)}
		var got *forecast.SpanError
		if !errors.As(err, &got) {
			t.Errorf("%s: error %v, want a *SpanError", tt.name, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}
	// A missing day in the first span's baseline (steps 119 to 125):
	// the model is scored on both spans, the baseline on the second.
	b, err := forecast.RunBacktest(s, spans, forecast.Config{Missing: []time.Time{s.At(121)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := []bool{b.Results[0].NoBaseline, b.Results[1].NoBaseline}; !cmp.Equal(got, []bool{true, false}) || b.Results[0].Baseline != 0 {
		t.Errorf("NoBaseline %v, first baseline %v: want [true false] and 0", got, b.Results[0].Baseline)
	}
	second, err := forecast.RunBacktest(s, spans[1:], forecast.Config{Missing: []time.Time{s.At(121)}})
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(b.Baseline.MAPE, second.Baseline.MAPE) || cmp.Equal(b.Model.MAPE, second.Model.MAPE) {
		t.Errorf("baseline MAPE %v, want the second span's alone %v; model MAPE %v, want both spans' (not %v)",
			b.Baseline.MAPE, second.Baseline.MAPE, b.Model.MAPE, second.Model.MAPE)
	}
	// A missing day long before the spans: they are scored as before
	// but for the fit, and the scale leaves out the weeks around it.
	s.Values[30] = 10000
	junk, err := forecast.RunBacktest(s, spans, forecast.Config{})
	if err != nil {
		t.Fatal(err)
	}
	marked, err := forecast.RunBacktest(s, spans, forecast.Config{Missing: []time.Time{s.At(30)}})
	if err != nil {
		t.Fatal(err)
	}
	v := func(b forecast.Backtest) float64 { x, _ := b.Model.MASE.Float(); return x }
	if !(v(junk) < 0.5*v(base)) {
		t.Errorf("junk day read: MASE %.4f, want well under the clean %.4f (its scale grows)", v(junk), v(base))
	}
	if math.Abs(v(marked)-v(base)) > 0.1*v(base) {
		t.Errorf("junk day marked missing: MASE %.4f, want about the clean %.4f", v(marked), v(base))
	}
}

// TestBacktestShortSpan checks that a span whose history Predict cannot
// forecast from is a *SpanError naming it, which wraps Predict's error,
// so that a caller can leave that span out and score the others.
func TestBacktestShortSpan(t *testing.T) {
	s := pattern(60)
	// Step 20 has 20 days before it, fewer than four weeks; step 40 has 40.
	spans := []forecast.Span{{Start: 40, Len: 7}, {Start: 20, Len: 7}}
	_, err := forecast.RunBacktest(s, spans, forecast.Config{})
	var se *forecast.SpanError
	if !errors.As(err, &se) {
		t.Fatalf("error %v, want a *SpanError", err)
	}
	want := &forecast.SpanError{Span: spans[1], Len: 60, Err: &forecast.ShortError{Have: 20, Need: 28, Frequency: forecast.Daily}}
	if diff := cmp.Diff(want, se); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(err, forecast.ErrTooShort) {
		t.Errorf("error %v does not wrap ErrTooShort", err)
	}
	if _, err := forecast.RunBacktest(s, spans[:1], forecast.Config{}); err != nil {
		t.Errorf("the span that scores alone: %v", err)
	}
}
