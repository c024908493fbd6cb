package clv

import (
	"fmt"
	"math"
	"slices"

	"github.com/shopmetrics/shopmetrics/cohort"
)

// Split is a calibration/holdout split of a customer base by date: the
// customers' histories up to a cutoff, and what they bought after it.
// [SplitFromSummary] builds one from a [cohort.Summary] taken with a
// calibration end and a holdout end.
type Split struct {
	// Calibration holds each customer's (x, t_x, T) as of the cutoff.
	Calibration []Customer
	// Holdout[i] is the number of purchases of Calibration[i] after the
	// cutoff, within the holdout.
	Holdout []float64
	// Length is the length of the holdout in model time units.
	Length float64
	// TrackingTimes are optional times after the cutoff, in model time
	// units, ascending and at most Length; TrackingActual[k] is the
	// cumulative number of purchases of the calibration customers from
	// the cutoff to TrackingTimes[k] (weekly points for a tracking plot).
	TrackingTimes, TrackingActual []float64
}

// SplitFromSummary returns the split of a summary taken with
// cohort.SummaryConfig's CalibrationEnd (the cutoff) and HoldoutEnd: the
// customers acquired by the cutoff, their holdout purchases (XHoldout) and
// the holdout length, in the summary's time unit. It has no tracking
// points.
func SplitFromSummary(s *cohort.Summary) Split {
	cs, _ := FromSummary(s)
	h := make([]float64, len(s.Rows))
	for i, r := range s.Rows {
		h[i] = r.XHoldout
	}
	return Split{Calibration: cs, Holdout: h, Length: s.HoldoutLength}
}

// check returns every problem of s, joined: a *metrics.ConfigError for
// lengths or times that do not fit together, a *[CustomerError] per
// invalid row or holdout count.
func (s Split) check() error {
	var errs []error
	if len(s.Calibration) != len(s.Holdout) {
		errs = append(errs, configError("Split.Holdout", "has %d counts for %d calibration customers", len(s.Holdout), len(s.Calibration)))
	}
	if !(s.Length > 0) || !finite(s.Length) {
		errs = append(errs, configError("Split.Length", "holdout length must be positive and finite, got %v", s.Length))
	}
	if len(s.TrackingTimes) != len(s.TrackingActual) {
		errs = append(errs, configError("Split.TrackingActual", "has %d values for %d tracking times", len(s.TrackingActual), len(s.TrackingTimes)))
	}
	for k, v := range s.TrackingTimes {
		if !(v > 0) || v > s.Length || (k > 0 && v <= s.TrackingTimes[k-1]) {
			errs = append(errs, configError("Split.TrackingTimes", "time %d (%v) is not in (0, Length] and ascending", k, v))
			break
		}
	}
	for k, v := range s.TrackingActual {
		if !(v >= 0) || !finite(v) {
			errs = append(errs, configError("Split.TrackingActual", "value %d (%v) must be finite and non-negative", k, v))
			break
		}
	}
	if len(errs) > 0 {
		return joinErrs(errs)
	}
	for i, c := range s.Calibration {
		if err := c.check(i, false); err != nil {
			errs = append(errs, err)
		} else if !(s.Holdout[i] >= 0) || !finite(s.Holdout[i]) {
			errs = append(errs, &CustomerError{Index: i, ID: c.ID, Reason: fmt.Sprintf("holdout purchases %v must be finite and non-negative", s.Holdout[i])})
		}
	}
	return joinErrs(errs)
}

// TrackPoint is one point of a cumulative tracking plot: the purchases of
// the calibration customers from the cutoff to Time, observed and
// predicted.
type TrackPoint struct {
	Time, Actual, Predicted float64
}

// Score is how well a model fitted on the calibration period forecasts
// the holdout, customer by customer and in total.
type Score struct {
	// Customers is the total weight of the calibration customers.
	Customers float64
	// Actual and Predicted are the total holdout purchases, observed and
	// forecast (Σ E[Y(Length) | x, t_x, T]).
	Actual, Predicted float64
	// MAE and RMSE are the weighted mean absolute error and root mean
	// squared error of the per-customer forecast of holdout purchases, in
	// purchases per customer.
	MAE, RMSE float64
	// TrackingError is the mean, over the tracking times, of
	// |predicted − actual cumulative purchases| divided by the actual
	// holdout total; 0 when the split has no tracking points or no
	// holdout purchase (TrackingDefined is false then).
	TrackingError   float64
	TrackingDefined bool
	// Tracking holds the cumulative tracking points, in order.
	Tracking []TrackPoint
	// ByFrequency is the calibration-vs-holdout table by calibration
	// frequency ([HoldoutByFrequency]).
	ByFrequency []FrequencyGroup
}

// AggregateError returns (Predicted − Actual) / Actual, the relative
// error of the total holdout forecast, and false when Actual is 0.
func (s Score) AggregateError() (float64, bool) {
	if s.Actual == 0 {
		return 0, false
	}
	return (s.Predicted - s.Actual) / s.Actual, true
}

// Evaluate scores m, fitted on s.Calibration, against the holdout of s:
// the per-customer errors, the totals, the cumulative tracking and the
// table by frequency (maxX as for [HoldoutByFrequency]). Each distinct
// history is forecast once per time.
//
// It returns the problems of s joined (a *metrics.ConfigError per field
// that does not fit, a *[CustomerError] per invalid row or count), a
// *metrics.ConfigError for maxX < 1, and the model's prediction errors.
func Evaluate(m PurchaseModel, s Split, maxX int) (Score, error) {
	if err := s.check(); err != nil {
		return Score{}, err
	}
	if maxX < 1 {
		return Score{}, configError("maxX", "must be at least 1, got %d", maxX)
	}
	return evaluate(m, s, maxX, historiesOf(s.Calibration))
}

// evaluate is [Evaluate] of a checked split and maxX, its calibration's
// histories h given: [Choose] scores every family on one split and
// indexes its histories once. Every sum runs over the customers in input
// order, as HoldoutByFrequency's do, so that the figures do not depend on
// how the forecasts were shared.
func evaluate(m PurchaseModel, s Split, maxX int, h histories) (Score, error) {
	times := append(slices.Clone(s.TrackingTimes), s.Length)
	nt := len(times)
	e, err := h.forecast(m, times, s.Calibration)
	if err != nil {
		return Score{}, err
	}
	var sc Score
	var abs, sq float64
	track := make([]float64, len(s.TrackingTimes))
	groups := make([]FrequencyGroup, maxX+1)
	for i, c := range s.Calibration {
		ei := e[int(h.of[i])*nt:][:nt]
		w := c.weight()
		pred := ei[nt-1]
		sc.Customers += w
		sc.Actual += w * s.Holdout[i]
		sc.Predicted += w * pred
		d := pred - s.Holdout[i]
		abs += w * math.Abs(d)
		sq += w * d * d
		for j := range track {
			track[j] += w * ei[j]
		}
		// The table by frequency of HoldoutByFrequency, whose forecast
		// over s.Length is pred.
		g := &groups[int(math.Min(c.X, float64(maxX)))]
		g.Customers += w
		g.Actual += w * s.Holdout[i]
		g.Predicted += w * pred
	}
	if sc.Customers > 0 {
		sc.MAE = abs / sc.Customers
		sc.RMSE = math.Sqrt(sq / sc.Customers)
	}
	for j, t := range s.TrackingTimes {
		sc.Tracking = append(sc.Tracking, TrackPoint{Time: t, Actual: s.TrackingActual[j], Predicted: track[j]})
	}
	if len(sc.Tracking) > 0 && sc.Actual > 0 {
		sum := 0.0
		for _, p := range sc.Tracking {
			sum += math.Abs(p.Predicted - p.Actual)
		}
		sc.TrackingError = sum / float64(len(sc.Tracking)) / sc.Actual
		sc.TrackingDefined = true
	}
	sc.ByFrequency = frequencyRows(groups)
	return sc, nil
}

// histories are the distinct (x, t_x, T) of a calibration's rows: a
// forecast is made once per history, not once per customer.
type histories struct {
	rows  []Customer // each history's first row, in order of first appearance
	first []int      // the index of that row among the customers
	of    []int32    // of[i] is the history of customer i
}

func historiesOf(cs []Customer) histories {
	idx := make(map[groupKey]int32, len(cs)/8+1)
	h := histories{of: make([]int32, len(cs))}
	for i, c := range cs {
		k, _ := keyOf(c.X, c.Tx, c.T, 0) // valid rows: no NaN
		j, ok := idx[k]
		if !ok {
			j = int32(len(h.first))
			idx[k] = j
			h.first = append(h.first, i)
		}
		h.of[i] = j
	}
	// The rows once, at their number: grown by append with the
	// histories, 56-byte rows cost several times their size (49 MB of
	// copies for 310k customers).
	h.rows = make([]Customer, len(h.first))
	for k, i := range h.first {
		h.rows[k] = cs[i]
	}
	return h
}

// forecast returns m's E[Y(t) | x, t_x, T] of every history at every time
// (times ≥ 0, finite), len(times) values per history in h's order; cs are
// the customers h indexes. Its error is the one a forecast customer by
// customer would meet first, naming that customer.
//
// The BG/NBD and the MBG/NBD forecast P(alive | x, t_x, T) times an
// expectation given alive that depends on (x, T) and t only
// (condExpAlive): that part is computed once per (x, T) and time, and
// multiplied exactly as ConditionalExpectedPurchases multiplies it, so
// the values are the same to the last bit. Day-resolution data have a
// few thousand (x, T) pairs for tens of thousands of histories.
func (h histories) forecast(m PurchaseModel, times []float64, cs []Customer) ([]float64, error) {
	nt := len(times)
	out := make([]float64, len(h.rows)*nt)
	fail := func(k int, err error) error {
		i := h.first[k]
		return fmt.Errorf("clv: customer %d (id %q): %w", i, cs[i].ID, err)
	}
	bg, mbg, factored := bgnbdOf(m)
	if factored && bg.check() != nil {
		factored = false // ConditionalExpectedPurchases gives the error
	}
	if !factored {
		for k, c := range h.rows {
			for j, t := range times {
				v, err := m.ConditionalExpectedPurchases(c, t)
				if err != nil {
					return nil, fail(k, err)
				}
				out[k*nt+j] = v
			}
		}
		return out, nil
	}
	type akey struct{ x, t float64 }
	type alivePart struct {
		e  []float64 // E[Y(t) | alive] per time
		ok []bool    // false where no representation converged
	}
	alive := make(map[akey]*alivePart)
	for k, c := range h.rows {
		row := out[k*nt:][:nt]
		pa := logistic(-bg.logOddsDead(c, mbg))
		if pa == 0 {
			continue // as condExpAny: 0 at every time
		}
		ak := akey{c.X, c.T}
		a := alive[ak]
		if a == nil {
			a = &alivePart{e: make([]float64, nt), ok: make([]bool, nt)}
			for j, t := range times {
				if t > 0 {
					a.e[j], a.ok[j] = bg.condExpAlive(c, t, mbg)
				}
			}
			alive[ak] = a
		}
		for j, t := range times {
			switch {
			case t == 0:
				row[j] = 0
			case a.ok[j]:
				row[j] = clamp0(a.e[j] * pa)
			default:
				_, err := m.ConditionalExpectedPurchases(c, t) // the error, naming this history
				return nil, fail(k, err)
			}
		}
	}
	return out, nil
}

// bgnbdOf returns m as a BGNBD and whether it is the MBG/NBD; false for
// another model.
func bgnbdOf(m PurchaseModel) (BGNBD, bool, bool) {
	switch m := m.(type) {
	case BGNBD:
		return m, false, true
	case MBGNBD:
		return BGNBD(m), true, true
	}
	return BGNBD{}, false, false
}

// BIC returns the Bayesian information criterion k·ln(n) − 2·LL of a fit
// with log-likelihood ll, k parameters and n customers (the total
// weight): lower is better. All three models [Choose] compares have four
// parameters, so among them BIC ranks by log-likelihood. It returns a
// *metrics.ConfigError if n is not positive or ll is not finite.
func BIC(ll float64, k int, n float64) (float64, error) {
	if !(n > 0) || !finite(n) || !finite(ll) || k < 0 {
		return 0, configError("BIC", "needs a finite log-likelihood, k ≥ 0 and n > 0, got %v, %d, %v", ll, k, n)
	}
	return float64(k)*math.Log(n) - 2*ll, nil
}
