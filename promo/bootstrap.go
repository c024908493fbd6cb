package promo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// IntervalMethod is how the confidence interval of an incremental gross
// profit is computed.
type IntervalMethod uint8

const (
	// Residual is the Student-t interval from the residual variance of the
	// baseline on the pre-period (see [Effect]). It is the default.
	Residual IntervalMethod = iota
	// Bootstrap resamples the pre-period's daily residuals with
	// replacement (a residual bootstrap over days, seeded by
	// [Config.Seed]): each resample adds residuals to the fitted
	// pre-period to refit the baseline, and to the window's baseline to
	// simulate its actual days, and the interval is read from the
	// percentiles of the simulated errors. It does not assume normal
	// daily noise. The residuals are centred and inflated by √(n/df) for
	// the degrees of freedom the fit used. DiffInDiff baselines use the
	// Residual interval.
	Bootstrap
)

var intervalNames = [...]string{"residual", "bootstrap"}

// String returns "residual" or "bootstrap".
func (m IntervalMethod) String() string {
	if int(m) < len(intervalNames) {
		return intervalNames[m]
	}
	return fmt.Sprintf("IntervalMethod(%d)", m)
}

// bootstrapHalf returns the interval of the sum of actual − pred over the
// target days as offsets (lo, hi) to add to the estimate, from resamples
// of the fit's pre-period residuals. scale multiplies the variance of the
// simulated actual days, as in [fit.sdOfSum].
func bootstrapHalf(f fit, pre []float64, targets int, scale, level float64, resamples int, seed uint64) (lo, hi float64, ok bool) {
	n := len(pre)
	if f.df < 1 || n == 0 || len(f.w) != n || targets == 0 {
		return 0, 0, false
	}
	res := make([]float64, n)
	var mean float64
	for i := range pre {
		res[i] = pre[i] - f.fitted[i]
		mean += res[i]
	}
	mean /= float64(n)
	inflate := math.Sqrt(float64(n) / float64(f.df))
	for i := range res {
		res[i] = (res[i] - mean) * inflate
	}
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	sq := math.Sqrt(scale)
	errs := make([]float64, resamples)
	for b := range errs {
		var e float64
		for range targets {
			e += sq * res[r.IntN(n)]
		}
		for i := range n {
			e -= f.w[i] * res[r.IntN(n)]
		}
		errs[b] = e
	}
	slices.Sort(errs)
	alpha := (1 - level) / 2
	q := func(p float64) float64 {
		k := int(math.Round(p * float64(resamples-1)))
		return errs[min(max(k, 0), resamples-1)]
	}
	// est − error quantiles: the basic (pivotal) bootstrap interval.
	return -q(1 - alpha), -q(alpha), true
}
