package clv

import (
	"errors"
	"fmt"
	"math"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// SBG is the shifted-beta-geometric model of Fader and Hardie (2007), "How
// to Project Customer Retention", Journal of Interactive Marketing 21(1),
// for customers in a contractual (subscription) setting, where churn is
// observed: a customer either renews at the end of each period or leaves
// for good.
//
// Each customer renews at the end of every period with a constant
// probability 1 − θ, so her lifetime T (the period in which she leaves,
// T = 1, 2, …) is geometric; across customers the churn probability θ
// follows a Beta(Alpha, Beta) distribution. Because the customers with a
// high θ leave first, the retention rate of a cohort rises with tenure even
// though no individual's changes.
//
// Time is counted in renewal periods (years for the published example,
// months for a monthly plan): t = 0 is the period in which the cohort was
// acquired, and a customer alive in period t has renewed t times.
type SBG struct {
	Alpha, Beta float64
}

// ErrInvalidSurvivors is wrapped by *[SurvivorError] and by the other
// errors of an unusable survivor series.
var ErrInvalidSurvivors = errors.New("clv: invalid survivor counts")

// SurvivorError reports one invalid count in a survivor series (see
// [FitSBG]): its period, its value and what is wrong with it.
type SurvivorError struct {
	Period int    // the index t in the series
	Count  int64  // the count at that index
	Reason string // such as "exceeds the 631 active in period 1"
}

func (e *SurvivorError) Error() string {
	return fmt.Sprintf("clv: survivors[%d] = %d: %s", e.Period, e.Count, e.Reason)
}

// Unwrap returns [ErrInvalidSurvivors].
func (e *SurvivorError) Unwrap() error { return ErrInvalidSurvivors }

// Params returns α, β, the order of [FitConfig.Initial] and
// [FitInfo.StdErr].
func (m SBG) Params() []float64 { return []float64{m.Alpha, m.Beta} }

func (m SBG) valid() bool {
	return m.Alpha > 0 && m.Beta > 0 && finite(m.Alpha) && finite(m.Beta)
}

// check returns a *metrics.ConfigError for each invalid parameter.
func (m SBG) check() error {
	var errs []error
	for _, p := range []struct {
		field string
		v     float64
	}{{"SBG.Alpha", m.Alpha}, {"SBG.Beta", m.Beta}} {
		if !(p.v > 0) || !finite(p.v) {
			errs = append(errs, &metrics.ConfigError{Pkg: "clv", Field: p.field,
				Problem: fmt.Sprintf("must be positive and finite, got %v", p.v)})
		}
	}
	return errors.Join(errs...)
}

// sbgProductTerms is the largest t for which S(t) is computed as a running
// product of retention rates (exact to a few ulps, and non-increasing by
// construction); beyond it a difference of log-gamma functions is used.
const sbgProductTerms = 1 << 14

// logSurvival returns log S(t) for t ≥ 0 and valid parameters.
func (m SBG) logSurvival(t int) float64 {
	a, b := m.Alpha, m.Beta
	if t > sbgProductTerms {
		ft := float64(t)
		return lgamma(b+ft) - lgamma(b) - lgamma(a+b+ft) + lgamma(a+b)
	}
	l := 0.0
	for k := 0; k < t; k++ {
		// log r_{k+1} = log((β+k)/(α+β+k)) = −log1p(α/(β+k)).
		l -= math.Log1p(a / (b + float64(k)))
	}
	return l
}

// Survival returns S(t), the probability that a customer acquired in
// period 0 is still active in period t, having renewed t times (FH 2007):
//
//	S(t) = B(α, β+t) / B(α, β) = ∏_{k=1..t} (β+k−1)/(α+β+k−1).
//
// It is a probability in [0, 1], non-increasing in t, with S(t) = 1 for
// t ≤ 0; it returns 0 for invalid parameters.
func (m SBG) Survival(t int) float64 {
	if !m.valid() {
		return 0
	}
	if t <= 0 {
		return 1
	}
	return math.Exp(m.logSurvival(t))
}

// Retention returns r_t, the probability that a customer active in period
// t−1 renews into period t (FH 2007, eq. 8):
//
//	r_t = S(t)/S(t−1) = (β+t−1)/(α+β+t−1),
//
// a probability that rises with t towards 1. It returns 0 for t < 1 and
// for invalid parameters.
func (m SBG) Retention(t int) float64 {
	if !m.valid() || t < 1 {
		return 0
	}
	return (m.Beta + float64(t-1)) / (m.Alpha + m.Beta + float64(t-1))
}

// ChurnProbability returns P(T = t), the probability that a new customer
// leaves at the end of period t−1, that is, is active in periods 0 … t−1
// but not in period t (FH 2007):
//
//	P(T=t) = B(α+1, β+t−1)/B(α, β) = S(t−1) − S(t) = S(t−1)·α/(α+β+t−1).
//
// Summed over t = 1 … n it equals 1 − S(n). It returns 0 for t < 1 and for
// invalid parameters.
func (m SBG) ChurnProbability(t int) float64 {
	if !m.valid() || t < 1 {
		return 0
	}
	return math.Exp(m.logSurvival(t-1)) * m.Alpha / (m.Alpha + m.Beta + float64(t-1))
}

// DEL returns the discounted expected lifetime of a customer at
// acquisition, in periods: the expected number of periods she pays for,
// each discounted to period 0 at the rate d per period, the first one
// (period 0) undiscounted (Fader and Hardie 2010, "Customer-Base Valuation
// in a Contractual Setting: The Perils of Ignoring Heterogeneity",
// Marketing Science 29(1)):
//
//	DEL(d) = Σ_{t≥0} S(t)/(1+d)^t = 2F1(1, β; α+β; 1/(1+d)).
//
// A constant margin m per period gives the expected CLV at acquisition
// m·DEL(d). DEL is at least 1 and is accurate to about 1e-12 relative for
// d ≥ 2e-5 (to fewer digits below that when α is within about 1e-4 of an
// integer other than 1). It returns 0 if d is not positive and finite, for
// invalid parameters, and if the hypergeometric function cannot be
// evaluated, which happens only below d ≈ 2e-5: when 1/(1+d) rounds to 1
// and α ≤ 1 (DEL is then of the order of 1/d^(1−α)), or when α+β exceeds
// 1e6.
func (m SBG) DEL(d float64) float64 {
	if !m.valid() || !(d > 0) || !finite(d) {
		return 0
	}
	return m.discountedSum(m.Beta, d)
}

// DERL returns the discounted expected residual lifetime, in periods, of
// a customer who has renewed n times (n ≥ 0), standing at the end of
// period n just before her next renewal decision: the expected number of
// further periods she pays for, the next one (period n+1) undiscounted and
// each later one discounted at the rate d per period (Fader and Hardie
// 2010, eq. 6):
//
//	DERL(n, d) = Σ_{t>n} S(t)/S(n) /(1+d)^(t−n−1)
//	           = (β+n)/(α+β+n) · 2F1(1, β+n+1; α+β+n+1; 1/(1+d)).
//
// Fader and Hardie index the customer by the period she is in, n' = n+1,
// and write the same quantity DERL(d | α, β, n'−1 renewals) with
// 2F1(1, β+n'; α+β+n'; ·). A new customer who has paid for period 0 has
// DERL(0, d), and DEL(d) = 1 + DERL(0, d)/(1+d). The residual value of a
// customer with a margin m per period is m·DERL(n, d). DERL is positive and
// decreases with d. Its accuracy is that of [SBG.DEL], with β+n+1 in place
// of β; it returns 0 for n < 0 and otherwise as DEL does.
func (m SBG) DERL(n int, d float64) float64 {
	if !m.valid() || n < 0 || !(d > 0) || !finite(d) {
		return 0
	}
	fn := float64(n)
	return m.Retention(n+1) * m.discountedSum(m.Beta+fn+1, d)
}

// sbgSeriesTerms bounds the compensated direct summation of the DEL/DERL
// series, which converges to double precision within about 37/d terms: it
// covers discount rates down to about 2e-5 per period.
const sbgSeriesTerms = 1 << 21

// sbgMaxTransform is the largest α+b at which discountedSum uses hyp2f1's
// transformation to 1 − z: beyond it the spacing of float64 values exceeds
// the 1e-9 that hyp2f1 uses to detect an integer c − a − b, and its
// interpolation around that singularity cannot step away from it.
const sbgMaxTransform = 1e6

// discountedSum returns 2F1(1, b; α+b; 1/(1+d)) = Σ_{k≥0} (b)_k/(α+b)_k ·
// (1+d)^{−k}, the discounted expected lifetime of an sBG customer whose
// Beta parameter is b, or 0 if it cannot be evaluated.
//
// The terms are positive and their ratios (b+k)/(α+b+k)·z stay below
// z = 1/(1+d) < 1, so the series converges geometrically and the tail after
// a term is at most term·z/(1−z). The package's series (log2F1) sums it
// when that takes under 20,000 terms (d ≳ 0.002); a longer compensated sum
// takes over down to d ≈ 2e-5; below that, hyp2f1 uses the transformation
// to 1 − z, which loses digits when α is within about 1e-4 of an integer
// other than 1. A failure or a value below the first term is reported as 0
// rather than as a wrong value.
func (m SBG) discountedSum(b, d float64) float64 {
	z := 1 / (1 + d)
	c := m.Alpha + b
	if l, s, ok := log2F1(1, b, c, z); ok {
		if v := s * math.Exp(l); finite(v) && v >= 1 {
			return v
		}
	}
	// The terms fall below 1e-17 of the first within 39.2/log(1+d) terms;
	// when that exceeds the budget the transformation is cheaper, unless c
	// is too large for it.
	if 39.2/math.Log1p(d) < sbgSeriesTerms || c >= sbgMaxTransform {
		if v, ok := sbgLongSum(b, c, z); ok {
			return v
		}
	}
	if c >= sbgMaxTransform {
		return 0
	}
	l, s, ok := hyp2f1(1, b, c, z)
	v := s * math.Exp(l)
	if !ok || !finite(v) || !(v >= 1) {
		return 0
	}
	return v
}

// sbgLongSum sums Σ_{k≥0} (b)_k/(c)_k z^k for c > b > 0 and 0 < z < 1 with
// Neumaier's compensated summation. ok is false if the tail bound did not
// fall below 1e-17 of the sum within sbgSeriesTerms terms.
func sbgLongSum(b, c, z float64) (float64, bool) {
	if !(z < 1) {
		return 0, false
	}
	tail := z / (1 - z)
	term, sum, comp := 1.0, 1.0, 0.0
	for k := 0.0; k < sbgSeriesTerms; k++ {
		term *= (b + k) / (c + k) * z
		t := sum + term
		if sum >= term {
			comp += (sum - t) + term
		} else {
			comp += (term - t) + sum
		}
		sum = t
		if term*tail <= 1e-17*sum {
			v := sum + comp
			return v, finite(v)
		}
	}
	return 0, false
}

// LogLikelihood returns the log-likelihood of a cohort's survivor series
// (FH 2007, eq. B3):
//
//	LL(α, β) = Σ_{t=1..T} (n_{t−1} − n_t)·log P(T=t) + n_T·log S(T),
//
// where survivors[t] = n_t is the number of the cohort still active in
// period t (survivors[0] is the cohort size) and T = len(survivors)−1: the
// n_{t−1} − n_t customers lost at each renewal contribute P(T=t) and the
// n_T still active are right-censored. It is the log-likelihood of the
// individual lifetimes, so it has no further constant term. A series of one
// count gives 0. It returns the errors of [FitSBG] for an invalid series
// and *metrics.ConfigError for invalid parameters.
func (m SBG) LogLikelihood(survivors []int64) (float64, error) {
	if err := checkSurvivors(survivors, 1); err != nil {
		return 0, err
	}
	if err := m.check(); err != nil {
		return 0, err
	}
	return m.logLik(survivors, nil), nil
}

// logLik returns the log-likelihood of a valid series and, if grad is
// non-nil, stores ∂LL/∂α and ∂LL/∂β in it. It runs the recursions
// log S(t) = log S(t−1) + log((β+t−1)/(α+β+t−1)) and
// log P(T=t) = log S(t−1) + log(α/(α+β+t−1)) with their derivatives.
func (m SBG) logLik(survivors []int64, grad []float64) float64 {
	a, b := m.Alpha, m.Beta
	la := math.Log(a)
	ls, dsa, dsb := 0.0, 0.0, 0.0 // log S(t−1) and its derivatives
	ll, ga, gb := 0.0, 0.0, 0.0
	for t := 1; t < len(survivors); t++ {
		bt := b + float64(t-1)
		x := a + bt
		if lost := float64(survivors[t-1] - survivors[t]); lost > 0 {
			ll += lost * (ls + la - math.Log(x))
			ga += lost * (dsa + 1/a - 1/x)
			gb += lost * (dsb - 1/x)
		}
		ls -= math.Log1p(a / bt)
		dsa -= 1 / x
		dsb += 1/bt - 1/x
	}
	if last := float64(survivors[len(survivors)-1]); last > 0 {
		ll += last * ls
		ga += last * dsa
		gb += last * dsb
	}
	if grad != nil {
		grad[0], grad[1] = ga, gb
	}
	return ll
}

// checkSurvivors reports every problem of a survivor series with at least
// minLen counts, joined.
func checkSurvivors(s []int64, minLen int) error {
	if len(s) < minLen {
		return fmt.Errorf("%w: %d counts, need at least %d (the cohort size and %d later periods)",
			ErrInvalidSurvivors, len(s), minLen, minLen-1)
	}
	var errs []error
	for t, n := range s {
		switch {
		case t == 0 && n <= 0:
			errs = append(errs, &SurvivorError{Period: 0, Count: n, Reason: "the cohort size must be positive"})
		case n < 0:
			errs = append(errs, &SurvivorError{Period: t, Count: n, Reason: "is negative"})
		case t > 0 && n > s[t-1]:
			errs = append(errs, &SurvivorError{Period: t, Count: n,
				Reason: fmt.Sprintf("exceeds the %d active in period %d: counts must not increase", s[t-1], t-1)})
		}
	}
	return errors.Join(errs...)
}

// FitSBG estimates an [SBG] model by maximum likelihood ([SBG.LogLikelihood])
// from one cohort's survivor series: survivors[0] is the number of
// customers acquired in period 0 and survivors[t] the number of them still
// active in period t, for the periods observed so far; those still active
// at the end are right-censored. FH 2007's "regular" cohort, for example,
// is 1000, 631, 468, 382, 326, 289, 262, 241 over years 0–7.
//
// The series needs at least three counts (two renewals), since one renewal
// identifies only the mean churn probability α/(α+β). An invalid series
// gives a *[SurvivorError] for each bad count (a non-positive cohort size, a
// negative count, a count above the previous one), joined, or an error
// wrapping [ErrInvalidSurvivors] if it is too short; an invalid
// [FitConfig] gives the invalid-configuration error of the other fits.
// Data at a boundary of the
// parameter space (nobody lost, or everybody lost at the first renewal)
// have no finite maximum: the fit then returns a *[FitError] with the best
// finite estimate. FitInfo.Rows is the number of likelihood terms
// (len(survivors)) and FitInfo.Weight the cohort size.
func FitSBG(survivors []int64, cfg FitConfig) (SBG, FitInfo, error) {
	if err := checkSurvivors(survivors, 3); err != nil {
		return SBG{}, FitInfo{}, err
	}
	s := append([]int64(nil), survivors...)
	ll := func(th, grad []float64) float64 {
		return SBG{th[0], th[1]}.logLik(s, grad)
	}
	p := problem{model: "sBG", n: 2, w: float64(s[0]), ll: ll, hasGrad: true}
	th, info, err := p.fit(cfg, []float64{1, 1})
	info.Rows = len(s)
	return SBG{th[0], th[1]}, info, err
}
