package forecast

import (
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Span is a period of a series: the steps [Start, Start+Len).
type Span struct {
	Start, Len int
}

// Months returns the spans of the last k whole calendar months of a daily
// series, oldest first (fewer if the series holds fewer).
func Months(s Series, k int) []Span {
	if s.Frequency != Daily || len(s.Values) == 0 {
		return nil
	}
	n := len(s.Values)
	end := s.At(n) // the day after the last
	y, mo, _ := end.Date()
	monthEnd := time.Date(y, mo, 1, 0, 0, 0, 0, s.Start.Location())
	var out []Span
	for len(out) < k {
		ms := monthEnd.AddDate(0, -1, 0)
		a, b := s.index(ms), s.index(monthEnd)
		if a < 0 || b > n {
			break
		}
		out = append([]Span{{Start: a, Len: b - a}}, out...)
		monthEnd = ms
	}
	return out
}

// Last returns the spans of the last k periods of h steps of a series of
// n steps, oldest first (fewer if n holds fewer).
func Last(n, k, h int) []Span {
	var out []Span
	for i := k; i >= 1; i-- {
		if st := n - i*h; st >= 0 {
			out = append(out, Span{Start: st, Len: h})
		}
	}
	return out
}

// Result is the backtest of one span.
type Result struct {
	Span     Span
	Actual   float64  // the span's total
	Forecast Forecast // from the steps before the span
	Baseline float64  // the seasonal-naive forecast; 0 when NoBaseline
	// NoBaseline says that the baseline's steps hold a missing day
	// ([Config].Missing): the baseline is not known, and the span scores
	// the model alone.
	NoBaseline bool
}

// Accuracy is a forecaster's error over the spans of a backtest, each a
// plain number ([metrics.UnitNumber]), undefined when no span defines it.
type Accuracy struct {
	// MAPE is mean(|actual − forecast| / |actual|) over the spans whose
	// actual is not 0, a fraction (0.05 is 5 %).
	MAPE metrics.Value
	// SMAPE is mean(2·|actual − forecast| / (|actual| + |forecast|)), a
	// fraction in [0, 2]; a span with both 0 counts as 0.
	SMAPE metrics.Value
	// MASE is mean(|actual − forecast| / q), q the mean absolute error of
	// the seasonal-naive forecast of the spans of the same length in the
	// history before each span (Hyndman and Koehler 2006, on period
	// totals); below 1 beats the in-sample baseline.
	MASE metrics.Value
}

// Backtest is the rolling-origin backtest of [Predict] and of the
// seasonal-naive baseline.
type Backtest struct {
	Results  []Result
	Model    Accuracy
	Baseline Accuracy
	// Coverage is the share of spans whose actual falls inside the
	// model's interval (bounds included).
	Coverage metrics.Ratio
}

// RunBacktest forecasts each span from the steps before it alone and
// measures the model and the seasonal-naive baseline (lag
// cfg.BaselineLag) against the actual totals. Its error is a *[SpanError]
// naming the first span it cannot score: a span outside the series or
// without a baseline in it, one whose steps hold a day of cfg.Missing
// (its actual is not known), or one whose history [Predict] cannot
// forecast from (SpanError.Err holds Predict's error). A span
// whose baseline's steps hold a missing day scores the model alone
// ([Result].NoBaseline), and the in-sample scale of MASE leaves out the
// periods that read a missing day.
func RunBacktest(s Series, spans []Span, cfg Config) (Backtest, error) {
	if err := s.check(); err != nil {
		return Backtest{}, err
	}
	n := len(s.Values)
	cum := make([]float64, n+1)
	for i, v := range s.Values {
		cum[i+1] = cum[i] + v
	}
	total := func(a, l int) float64 { return cum[a+l] - cum[a] }
	// gone[i] counts the steps before i that hold a missing day.
	miss := newEvents(cfg.Missing)
	gone := make([]int, n+1)
	for i := range n {
		gone[i+1] = gone[i]
		if miss.has(s, i) {
			gone[i+1]++
		}
	}
	known := func(a, l int) bool { return gone[a+l] == gone[a] }
	var bt Backtest
	var covered int64
	var mod, base errs
	for _, sp := range spans {
		lag := baselineLag(s.Frequency, sp, cfg.BaselineLag)
		if sp.Len < 1 || sp.Start < 1 || sp.Start+sp.Len > n || sp.Start-lag < 0 {
			return Backtest{}, &SpanError{Span: sp, Len: n}
		}
		if a := sp.Start; !known(a, sp.Len) {
			i := a
			for gone[i+1] == gone[a] {
				i++
			}
			return Backtest{}, &SpanError{Span: sp, Len: n, Missing: firstMissing(s, i, miss)}
		}
		hist := Series{Start: s.Start, Frequency: s.Frequency, Values: s.Values[:sp.Start]}
		f, err := Predict(hist, sp.Len, cfg)
		if err != nil {
			return Backtest{}, &SpanError{Span: sp, Len: n, Err: err}
		}
		r := Result{Span: sp, Actual: total(sp.Start, sp.Len), Forecast: f}
		if known(sp.Start-lag, sp.Len) {
			r.Baseline = total(sp.Start-lag, sp.Len)
		} else {
			r.NoBaseline = true
		}
		if r.Actual >= f.Low && r.Actual <= f.High {
			covered++
		}
		// The in-sample scale: the baseline's error over the history.
		var q float64
		var nq int
		for a := lag; a+sp.Len <= sp.Start; a++ {
			if known(a, sp.Len) && known(a-lag, sp.Len) {
				q += math.Abs(total(a, sp.Len) - total(a-lag, sp.Len))
				nq++
			}
		}
		if nq > 0 {
			q /= float64(nq)
		}
		mod.add(r.Actual, f.Point, q)
		if !r.NoBaseline {
			base.add(r.Actual, r.Baseline, q)
		}
		bt.Results = append(bt.Results, r)
	}
	bt.Model, bt.Baseline = mod.accuracy(), base.accuracy()
	bt.Coverage = metrics.CountRatio(covered, int64(len(bt.Results)))
	return bt, nil
}

// firstMissing returns the first day of step i of s that is in miss.
func firstMissing(s Series, i int, miss events) time.Time {
	d0 := dayNumber(s.At(i))
	for k := range s.Frequency.days() {
		if miss[d0+k] {
			return s.At(i).AddDate(0, 0, k)
		}
	}
	return s.At(i)
}

// baselineLag returns the lag of the seasonal-naive forecast of sp.
func baselineLag(f Frequency, sp Span, lag int) int {
	if lag > 0 {
		return lag
	}
	if f == Daily {
		return 7 * ((sp.Len + 6) / 7)
	}
	if sp.Start-52 >= 0 {
		return 52
	}
	return sp.Len
}

// errs accumulates the errors of one forecaster.
type errs struct {
	ape, sape, ase    float64
	nape, nsape, nase int
}

func (e *errs) add(actual, fc, q float64) {
	d := math.Abs(actual - fc)
	if actual != 0 {
		e.ape += d / math.Abs(actual)
		e.nape++
	}
	if den := math.Abs(actual) + math.Abs(fc); den > 0 {
		e.sape += 2 * d / den
	}
	e.nsape++
	if q > 0 {
		e.ase += d / q
		e.nase++
	}
}

func mean(sum float64, n int) metrics.Value {
	if n == 0 {
		return metrics.Undefined(metrics.UnitNumber)
	}
	return metrics.NumberValue(sum / float64(n))
}

func (e *errs) accuracy() Accuracy {
	return Accuracy{MAPE: mean(e.ape, e.nape), SMAPE: mean(e.sape, e.nsape), MASE: mean(e.ase, e.nase)}
}
