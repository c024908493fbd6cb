package clv

import (
	"fmt"
	"math"
	"slices"
)

// FrequencyGroup compares forecast and actual holdout purchases of the
// calibration customers with a given number of repeat purchases, the
// conditional-expectation check of Fader, Hardie and Lee (2005), Figure 4.
type FrequencyGroup struct {
	// X is the number of calibration repeat purchases; the last group
	// holds every customer with X or more (its Open field is true).
	X    int
	Open bool
	// Customers is the total weight of the group.
	Customers float64
	// Actual and Predicted are the mean holdout purchases per customer:
	// observed, and the model's conditional expectation.
	Actual, Predicted float64
}

// HoldoutByFrequency groups calibration customers by repeat purchases
// (0, 1, …, maxX−1 and maxX or more) and returns, per group, the mean
// actual purchases in the holdout period (holdout[i] belongs to
// calibration[i]) and the mean predicted by m for a holdout of length t
// model time units. Empty groups are omitted.
//
// It returns a *[CustomerError] for invalid rows or a negative or
// non-finite holdout count, all joined; a *metrics.ConfigError for t ≤ 0,
// maxX < 1 or slices of different lengths; and the model's prediction
// errors.
func HoldoutByFrequency(m PurchaseModel, calibration []Customer, holdout []float64, t float64, maxX int) ([]FrequencyGroup, error) {
	var errs []error
	if len(calibration) != len(holdout) {
		errs = append(errs, configError("holdout", "has %d counts for %d calibration customers", len(holdout), len(calibration)))
	}
	if !(t > 0) || !finite(t) {
		errs = append(errs, configError("t", "holdout length must be positive and finite, got %v", t))
	}
	if maxX < 1 {
		errs = append(errs, configError("maxX", "must be at least 1, got %d", maxX))
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	for i, c := range calibration {
		if err := c.check(i, false); err != nil {
			errs = append(errs, err)
		} else if !(holdout[i] >= 0) || !finite(holdout[i]) {
			errs = append(errs, &CustomerError{Index: i, ID: c.ID, Reason: fmt.Sprintf("holdout purchases %v must be finite and non-negative", holdout[i])})
		}
	}
	if len(errs) > 0 {
		return nil, joinErrs(errs)
	}
	groups := make([]FrequencyGroup, maxX+1)
	for i, c := range calibration {
		k := int(math.Min(c.X, float64(maxX)))
		w := c.weight()
		g := &groups[k]
		g.Customers += w
		g.Actual += w * holdout[i]
		e, err := m.ConditionalExpectedPurchases(c, t)
		if err != nil {
			return nil, err
		}
		g.Predicted += w * e
	}
	return frequencyRows(groups), nil
}

// frequencyRows returns the non-empty groups of sums by frequency
// 0 … maxX (the last open) as the table of [HoldoutByFrequency]: the
// means per customer.
func frequencyRows(groups []FrequencyGroup) []FrequencyGroup {
	maxX := len(groups) - 1
	out := groups[:0]
	for k, g := range groups {
		if g.Customers == 0 {
			continue
		}
		g.X, g.Open = k, k == maxX
		g.Actual /= g.Customers
		g.Predicted /= g.Customers
		out = append(out, g)
	}
	return out
}

// NewCustomerModel forecasts purchases of a newly acquired customer:
// [BGNBD], [ParetoNBD] and [BGBB] implement it.
type NewCustomerModel interface {
	// ExpectedPurchases returns the expected repeat purchases in the
	// first t model time units after acquisition.
	ExpectedPurchases(t float64) (float64, error)
}

// ExpectedCumulative returns the expected cumulative repeat purchases of a
// cohort at each of the given times, for tracking plots against actual
// cumulative sales (FHL 2005, Figure 2): at time τ,
//
//	Σ_i E[X(τ − b_i)],
//
// where b_i is customer i's acquisition time (first purchase), all in model
// time units from a common origin; customers not yet acquired contribute
// 0. Identical acquisition times are computed once. It returns a
// *metrics.ConfigError for a non-finite time and the model's errors.
func ExpectedCumulative(m NewCustomerModel, acquired []float64, times []float64) ([]float64, error) {
	for _, v := range slices.Concat(acquired, times) {
		if !finite(v) {
			return nil, configError("times", "time %v is not finite", v)
		}
	}
	b := slices.Clone(acquired)
	slices.Sort(b)
	type cohort struct{ at, n float64 }
	var cs []cohort
	for _, v := range b {
		if len(cs) > 0 && cs[len(cs)-1].at == v {
			cs[len(cs)-1].n++
			continue
		}
		cs = append(cs, cohort{v, 1})
	}
	out := make([]float64, len(times))
	for i, tau := range times {
		s := 0.0
		for _, c := range cs {
			if tau > c.at {
				e, err := m.ExpectedPurchases(tau - c.at)
				if err != nil {
					return nil, err
				}
				s += c.n * e
			}
		}
		out[i] = s
	}
	return out, nil
}
