package clv

import "math"

// ParetoNBD is the Pareto/NBD model of Schmittlein, Morrison and Colombo
// (1987), "Counting Your Customers: Who Are They and What Will They Do
// Next?", Management Science 33(1), with the likelihood of Fader and
// Hardie's 2005 note "A Note on Deriving the Pareto/NBD Model and Related
// Expressions".
//
// While alive, a customer buys as a Poisson process with rate λ and dies
// after an exponential lifetime with rate μ, independent of purchases.
// Across customers λ ~ Gamma(R, Alpha) and μ ~ Gamma(S, Beta). Alpha and
// Beta are in the model's time unit.
type ParetoNBD struct {
	R, Alpha, S, Beta float64
}

// Params returns r, α, s, β, the order of [FitConfig.Initial] and
// [FitInfo.StdErr].
func (m ParetoNBD) Params() []float64 { return []float64{m.R, m.Alpha, m.S, m.Beta} }

// check returns a *metrics.ConfigError per parameter that is not positive
// and finite.
func (m ParetoNBD) check() error { return errParams("ParetoNBD", "R Alpha S Beta", m.Params()) }

// FitParetoNBD estimates a [ParetoNBD] model by maximum likelihood, with
// the analytic gradient (see [FitInfo.StdErr] for the Hessian). Rows may be
// grouped ([Group]); the hypergeometric terms are computed once per
// distinct (x, t_x) and (x, T) pair. Errors are as for [FitBGNBD]. β is weakly
// identified on typical data (published CDNOW estimates differ in its
// second decimal), so its standard error is large.
func FitParetoNBD(customers []Customer, cfg FitConfig) (ParetoNBD, FitInfo, error) {
	d, err := prepare(customers, false)
	if err != nil {
		return ParetoNBD{}, FitInfo{}, err
	}
	return fitParetoNBD(d, cfg, true)
}

// fitParetoNBD is [FitParetoNBD] of prepared rows; see fitBGNBD.
func fitParetoNBD(d *data, cfg FitConfig, cov bool) (ParetoNBD, FitInfo, error) {
	pairs := d.pnbdPairs()
	p := problem{model: "Pareto/NBD", n: 4, w: d.wsum, hasGrad: true, noCov: !cov,
		ll: func(th, g []float64) float64 { return d.pnbdLL(pairs, th, g) }}
	th, info, err := p.fit(cfg, []float64{1, 1, 1, 1})
	info.Rows = len(d.x)
	return ParetoNBD{th[0], th[1], th[2], th[3]}, info, err
}

// logBracket returns log[(α+T)^{−(r+x)}(β+T)^{−s} + s/(r+s+x)·A0], the
// part of the log-likelihood that depends on t_x and T. Where the
// hypergeometric form does not converge or cancels, it uses the
// log-odds by quadrature ([ParetoNBD.logOddsDead]).
func (m ParetoNBD) logBracket(x, tx, t float64) float64 {
	l1 := -(m.R+x)*ln(m.Alpha+t) - m.S*ln(m.Beta+t)
	la0 := m.logA0(x, tx, t)
	l2 := ln(m.S) - ln(m.R+m.S+x) + la0
	if finite(l1) && !math.IsNaN(la0) && 1e-15*(math.Abs(l1)+math.Abs(la0)) < 1e-10 {
		return logSumExp(l1, l2)
	}
	lo, ok := m.logOddsQuad(x, tx, t)
	if !ok {
		return math.NaN()
	}
	return l1 + logSumExp(0, lo)
}

// logA0 returns log A0 of Fader and Hardie's note (eq. 22–23):
//
//	A0 = F(t_x)/(ρ+t_x)^{r+s+x} − F(T)/(ρ+T)^{r+s+x},
//
// with, for α ≥ β, ρ = α and F(t) = 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)),
// and otherwise ρ = β and F(t) = 2F1(r+s+x, r+x; r+s+x+1; (β−α)/(β+t)).
// Both choices keep the argument in [0, 1), where every series term is
// positive; arguments near 1 are handled by [hyp2f1]'s transformation.
// It returns −Inf when t_x = T (A0 = 0) and NaN if no representation of
// 2F1 converged.
func (m ParetoNBD) logA0(x, tx, t float64) float64 {
	a := m.R + m.S + x
	var rho, b float64
	if m.Alpha >= m.Beta {
		rho, b = m.Alpha, m.S+1
	} else {
		rho, b = m.Beta, m.R+x
	}
	diff := math.Abs(m.Alpha - m.Beta)
	term := func(u float64) float64 {
		lf, _, ok := hyp2f1(a, b, a+1, diff/(rho+u))
		if !ok {
			return math.NaN()
		}
		return lf - a*ln(rho+u)
	}
	if tx == t {
		return math.Inf(-1)
	}
	return logDiffExp(term(tx), term(t))
}

// LogLikelihood returns the log-likelihood of one customer's (x, t_x, T)
// (Fader and Hardie's note, eq. 22), ignoring Weight. It returns a
// *[CustomerError] for an invalid customer, a *metrics.ConfigError per
// invalid parameter and an *[UndefinedError] if the value cannot be
// represented or computed.
func (m ParetoNBD) LogLikelihood(c Customer) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	// r·log α − (r+x)·log(α+T) written as −r·log1p(T/α) − x·log(α+T), and
	// likewise for s, so that huge parameters do not cancel.
	r, alpha, s, beta, x := m.R, m.Alpha, m.S, m.Beta, c.X
	first := -mulLog(r, math.Log1p(c.T/alpha)) - mulLog(s, math.Log1p(c.T/beta)) - mulLog(x, ln(alpha+c.T))
	lo, err := m.logOdds(c)
	if err != nil {
		return 0, err
	}
	ll := lgamma(r+x) - lgamma(r) + first + logSumExp(0, lo)
	if !finite(ll) {
		return 0, undefined("Pareto/NBD", "log-likelihood", "%v in float64 arithmetic", ll)
	}
	return ll, nil
}

// PAlive returns the probability that a customer with history c is still
// alive at T (Fader and Hardie's note, eq. 24), as a logistic of the
// log-odds so that heavy buyers neither overflow nor lose precision. It
// returns a *[CustomerError] for an invalid customer, a
// *metrics.ConfigError per invalid parameter and an *[UndefinedError] if
// the odds cannot be computed.
func (m ParetoNBD) PAlive(c Customer) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	lo, err := m.logOdds(c)
	if err != nil {
		return 0, err
	}
	return logistic(-lo), nil
}

// logOdds returns log(P(dead)/P(alive)) for a valid customer: by the
// hypergeometric form where its terms converge and do not cancel, and by
// quadrature otherwise.
func (m ParetoNBD) logOdds(c Customer) (float64, error) {
	if c.Tx == c.T {
		return math.Inf(-1), nil
	}
	if lo := m.logOddsDead(c); !math.IsNaN(lo) {
		return lo, nil
	}
	lo, ok := m.logOddsQuad(c.X, c.Tx, c.T)
	if !ok {
		return 0, undefined("Pareto/NBD", "P(alive)", "neither the hypergeometric form nor quadrature converged for x %v, t_x %v, T %v", c.X, c.Tx, c.T)
	}
	return lo, nil
}

// logOddsDead returns the log-odds by the hypergeometric form, NaN if the
// series does not converge or rounding may exceed 1e-9 of the odds.
func (m ParetoNBD) logOddsDead(c Customer) float64 {
	l1 := (m.R+c.X)*ln(m.Alpha+c.T) + m.S*ln(m.Beta+c.T)
	la0 := m.logA0(c.X, c.Tx, c.T)
	if !finite(l1) || !finite(la0) || 1e-15*(math.Abs(l1)+math.Abs(la0)) > 1e-10 {
		return math.NaN()
	}
	return ln(m.S) - ln(m.R+m.S+c.X) + l1 + la0
}

// logOddsQuad returns the log-odds of death,
//
//	log s∫_{t_x}^{T} ((α+T)/(α+τ))^{r+x} ((β+T)/(β+τ))^{s} (β+τ)^{−1} dτ,
//
// by [logIntegralConcave] over v = log(1 + τ/κ), κ = min(α, β), in which
// the log-integrand is concave and every power is a log1p of a ratio.
func (m ParetoNBD) logOddsQuad(x, tx, t float64) (float64, bool) {
	r, alpha, s, beta := m.R, m.Alpha, m.S, m.Beta
	kappa := math.Min(alpha, beta)
	lk := ln(kappa)
	g := func(v float64) float64 {
		tau := min(expm1Scaled(lk, v), t)
		return ln(s) + lk + v + mulLog(r+x, logRatio(alpha, t, tau)) +
			mulLog(s, logRatio(beta, t, tau)) - logAdd(beta, tau)
	}
	return logIntegralConcave(g, log1pScaled(tx, kappa), log1pScaled(t, kappa))
}

// log1pScaled returns log(1 + t/κ) without overflow.
func log1pScaled(t, kappa float64) float64 {
	if q := t / kappa; !math.IsInf(q, 0) {
		return math.Log1p(q)
	}
	return ln(t) - ln(kappa) + math.Log1p(kappa/t)
}

// expm1Scaled returns κ·(e^v − 1) for log κ = lk without overflow of e^v.
func expm1Scaled(lk, v float64) float64 {
	if v < 700 {
		return math.Exp(lk) * math.Expm1(v)
	}
	return math.Exp(lk + v + math.Log1p(-math.Exp(-v)))
}

// powerGrowth returns (1 − e^{k·l})/k, with the limit −l at k = 0.
func powerGrowth(k, l float64) float64 {
	if math.Abs(k) < 1e-12 {
		return -l
	}
	return -math.Expm1(k*l) / k
}

// ExpectedPurchases returns E[X(t)] for a new customer (Fader and Hardie's
// note, eq. 27): rβ/α · (1 − (β/(β+t))^{s−1})/(s−1), with the limit
// rβ/α · log(1 + t/β) at s = 1. It returns a *metrics.ConfigError for
// invalid parameters or a negative or non-finite t and an
// *[UndefinedError] if the value overflows.
func (m ParetoNBD) ExpectedPurchases(t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := checkHorizon("t", t); err != nil {
		return 0, err
	}
	if t == 0 {
		return 0, nil
	}
	return positiveProduct("Pareto/NBD", "E[X(t)]", factor{m.R, m.Alpha}, t, growthRatio(m.S-1, t/m.Beta))
}

// growthRatio returns (1 − (1+q)^{−k})/(k·q), which tends to 1 as q → 0,
// so that (β+T)·(1 − ((β+T)/(β+T+t))^{s−1})/(s−1) = t·growthRatio(s−1,
// t/(β+T)) keeps its digits when t is tiny or β+T huge.
func growthRatio(k, q float64) float64 {
	if q < 1e-300 {
		return 1
	}
	return powerGrowth(k, -math.Log1p(q)) / q
}

// factor is a non-negative number given as num/den (den > 0), so that a
// quotient that underflows or overflows float64 keeps its value through
// its logarithm in [positiveProduct]: with r = 5e-324 and α + T = e, the
// quotient is 0 in float64 but its product with t = 1e300 is 1.8e-24.
type factor struct{ num, den float64 }

// ratioOfSum returns the factor num/(a+b), a and b non-negative, with num
// and a+b halved when a+b overflows float64 (α+T with T near the largest
// float64), so that the factor keeps its value.
func ratioOfSum(num, a, b float64) factor {
	if s := a + b; !math.IsInf(s, 1) {
		return factor{num, s}
	}
	return factor{num / 2, a/2 + b/2}
}

// value returns the factor's value in float64 and whether it is exact
// enough to multiply directly: finite, and 0 or normal.
func (f factor) value() (float64, bool) {
	v := f.num / f.den
	return v, finite(v) && (v == 0 && f.num == 0 || v >= minNormal)
}

// positiveProduct returns rate times the product of non-negative
// factors, through logarithms if the direct product underflows to a
// subnormal or overflows, or an *[UndefinedError] if the product itself
// overflows.
func positiveProduct(model, quantity string, rate factor, fs ...float64) (float64, error) {
	r, ok := rate.value()
	if !(rate.num >= 0) || !(rate.den > 0) {
		return 0, undefined(model, quantity, "rate %v/%v in float64 arithmetic", rate.num, rate.den)
	}
	if rate.num == 0 {
		return 0, nil
	}
	if ok {
		return product(model, quantity, append([]float64{r}, fs...)...)
	}
	return logProduct(model, quantity, ln(rate.num)-ln(rate.den), fs)
}

// minNormal is the smallest normal float64.
const minNormal = 2.2250738585072014e-308

// product returns the product of non-negative factors, through
// logarithms if the direct product overflows, or an *[UndefinedError] if
// the product itself does.
func product(model, quantity string, fs ...float64) (float64, error) {
	// Directly when no factor or partial product is subnormal (which
	// would lose digits) or overflows.
	v, direct := 1.0, true
	for _, f := range fs {
		v *= f
		direct = direct && finite(v) && (v == 0 || v >= minNormal) && (f == 0 || f >= minNormal)
	}
	if direct && v >= 0 {
		return v, nil
	}
	return logProduct(model, quantity, 0, fs)
}

// logProduct returns e^l times the product of non-negative factors,
// computed through logarithms.
func logProduct(model, quantity string, l float64, fs []float64) (float64, error) {
	for _, f := range fs {
		if !(f >= 0) {
			return 0, undefined(model, quantity, "factor %v in float64 arithmetic", f)
		}
		if f == 0 {
			return 0, nil
		}
		l += ln(f)
	}
	if v := math.Exp(l); finite(v) {
		return v, nil
	}
	return 0, undefined(model, quantity, "e^%v overflows float64", l)
}

// ConditionalExpectedPurchases returns the expected purchases in the next t
// time units of a customer with history c (Fader and Hardie's note,
// eq. 28):
//
//	(r+x)(β+T) / (α+T) · (1 − ((β+T)/(β+T+t))^{s−1})/(s−1) · P(alive).
//
// Errors are as for [ParetoNBD.PAlive], with a *metrics.ConfigError for a
// negative or non-finite t and an *[UndefinedError] if the value
// overflows.
func (m ParetoNBD) ConditionalExpectedPurchases(c Customer, t float64) (float64, error) {
	pa, err := m.PAlive(c)
	if err != nil {
		return 0, err
	}
	if err := checkHorizon("t", t); err != nil {
		return 0, err
	}
	if t == 0 || pa == 0 {
		return 0, nil
	}
	return positiveProduct("Pareto/NBD", "E[Y(t)]", ratioOfSum(m.R+c.X, m.Alpha, c.T), t, growthRatio(m.S-1, t/(m.Beta+c.T)), pa)
}

// PurchaseProbability returns P(X(t) = n), the probability that a new
// customer makes exactly n repeat purchases in a period of length t. It
// conditions on the lifetime τ ~ Pareto(s, β) (Fader, Hardie and Lee's 2006
// note on P(X(t)=x) under the Pareto/NBD):
//
//	P = NB(n; t)·(β/(β+t))^s + ∫_0^t sβ^s (β+τ)^{−(s+1)} NB(n; τ) dτ,
//
// where NB(n; τ) = Γ(r+n)/(Γ(r) n!) (α/(α+τ))^r (τ/(α+τ))^n. The integral,
// whose 2F1 closed form is a difference of large terms, is computed by
// composite Gauss–Legendre quadrature (48 panels of 16 nodes) over
// u = log(1 + τ/κ), κ = min(α, β), which resolves both scales of the
// integrand; every factor is computed in log space. It returns a
// *metrics.ConfigError for invalid parameters, n < 0 or a negative or
// non-finite t, and an *[UndefinedError] if the quadrature does not give a
// probability.
func (m ParetoNBD) PurchaseProbability(n int, t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, configError("n", "must not be negative, got %d", n)
	}
	if err := checkHorizon("t", t); err != nil {
		return 0, err
	}
	if t == 0 {
		if n == 0 {
			return 1, nil
		}
		return 0, nil
	}
	r, alpha, s, beta := m.R, m.Alpha, m.S, m.Beta
	x := float64(n)
	lc := lgamma(r+x) - lgamma(r) - lgamma(x+1)
	lnb := func(tau float64) float64 {
		l := lc - mulLog(r, math.Log1p(tau/alpha))
		if x > 0 {
			l -= x * math.Log1p(alpha/tau) // x·log(τ/(α+τ))
		}
		return l
	}
	p := math.Exp(lnb(t) - mulLog(s, math.Log1p(t/beta)))
	kappa := math.Min(alpha, beta)
	lk := ln(kappa)
	ls := ln(s) + lk
	f := func(u float64) float64 {
		tau := min(expm1Scaled(lk, u), t)
		if tau <= 0 {
			if x > 0 {
				return 0
			}
			tau = 0
		}
		// sβ^s(β+τ)^{−(s+1)}·dτ/du = s·κe^u/(β+τ)·(β/(β+τ))^s.
		return math.Exp(ls + u - logAdd(beta, tau) - mulLog(s, math.Log1p(tau/beta)) + lnb(tau))
	}
	const panels = 48
	u1 := log1pScaled(t, kappa)
	h := u1 / panels
	xs, ws := glNodes()
	for k := range panels {
		mid := (float64(k) + 0.5) * h
		for i, v := range xs {
			p += ws[i] * h / 2 * f(mid+h/2*v)
		}
	}
	if !(p >= 0) || p > 1+1e-6 {
		return 0, undefined("Pareto/NBD", "P(X(t)=n)", "quadrature gave %v", p)
	}
	return math.Min(p, 1), nil
}

// aliveFactored: see [BGNBD.aliveFactored]; eq. 28 of Fader and Hardie's
// note is the same product.
func (ParetoNBD) aliveFactored() {}
