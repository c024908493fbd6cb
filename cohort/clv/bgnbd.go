package clv

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// BGNBD is the beta-geometric/negative-binomial distribution model of
// Fader, Hardie and Lee (2005), "Counting Your Customers the Easy Way",
// Marketing Science 24(2).
//
// While active, a customer buys as a Poisson process with rate λ; after
// each purchase they become inactive with probability p. Across customers
// λ ~ Gamma(R, Alpha) (shape R, rate Alpha, in purchases per time unit) and
// p ~ Beta(A, B). Alpha is in the model's time unit: rescaling time by k
// multiplies Alpha by k and leaves R, A and B unchanged.
type BGNBD struct {
	R, Alpha, A, B float64
}

// Params returns the parameters in the order r, α, a, b used by
// [FitConfig.Initial] and [FitInfo.StdErr].
func (m BGNBD) Params() []float64 { return []float64{m.R, m.Alpha, m.A, m.B} }

// check returns a *metrics.ConfigError per parameter that is not positive
// and finite.
func (m BGNBD) check() error { return errParams("BGNBD", "R Alpha A B", m.Params()) }

// FitBGNBD estimates a [BGNBD] model by maximum likelihood. The rows may be
// grouped ([Group]); times are in the caller's time unit. It returns a
// joined *[CustomerError] for invalid rows, [ErrNoData] for no rows, a
// *metrics.ConfigError per invalid [FitConfig] field, and a
// *[FitError] (with the best finite estimate) if the optimiser does not
// converge. The returned parameters are never NaN.
func FitBGNBD(customers []Customer, cfg FitConfig) (BGNBD, FitInfo, error) {
	d, err := prepare(customers, false)
	if err != nil {
		return BGNBD{}, FitInfo{}, err
	}
	return fitBGNBD(d, cfg, true)
}

// fitBGNBD is [FitBGNBD] of prepared rows, which [Choose] prepares once
// for all its families; without cov it leaves FitInfo.StdErr and Cov nil
// (see problem.noCov).
func fitBGNBD(d *data, cfg FitConfig, cov bool) (BGNBD, FitInfo, error) {
	p := problem{model: "BG/NBD", n: 4, w: d.wsum, hasGrad: true, noCov: !cov,
		ll: func(th, g []float64) float64 { return d.bgnbdLL(th, g, false) }}
	th, info, err := p.fit(cfg, []float64{1, 1, 1, 1})
	info.Rows = len(d.x)
	return BGNBD{th[0], th[1], th[2], th[3]}, info, err
}

// bgnbdLL returns the weighted log-likelihood (FHL 2005, eq. 6) and, if g
// is non-nil, its gradient with respect to (r, α, a, b). With mbg it is the
// MBG/NBD likelihood instead (Batislam et al. 2007), which differs by a
// dropout opportunity at the first purchase: b+x becomes b+x+1 in the beta
// functions and the dropout term applies to x = 0 too.
func (d *data) bgnbdLL(th, g []float64, mbg bool) float64 {
	r, alpha, a, b := th[0], th[1], th[2], th[3]
	shift := 0.0
	if mbg {
		shift = 1
	}
	nx := len(d.ux)
	// Per distinct x: log(a/(b+x−1)) and its b-derivative.
	lab := d.scratch[:nx]
	dlab := d.scratch[nx : 2*nx]
	ll := 0.0
	var gr, ga, gaa, gb float64
	lgb, lgab := lgamma(b), lgamma(a+b)
	lgr := lgamma(r)
	var psir, psiab, psib float64
	if g != nil {
		psir, psiab, psib = mathext.Digamma(r), mathext.Digamma(a+b), mathext.Digamma(b)
	}
	la := ln(alpha)
	for k, x := range d.ux {
		w := d.uw[k]
		// lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x) − ln B(a, b).
		bx := b + x + shift
		ll += w * (lgamma(r+x) - lgr + r*la + lgamma(bx) - lgamma(a+bx) - lgb + lgab)
		if g != nil {
			gr += w * (mathext.Digamma(r+x) - psir + la)
			ga += w * r / alpha
			dab := psiab - mathext.Digamma(a+bx)
			gaa += w * dab
			gb += w * (dab + mathext.Digamma(bx) - psib)
		}
		if x > 0 || mbg {
			// b + (x+shift−1), not bx−1, which is 0 for a tiny b and x = 1.
			bm := b + (x + shift - 1)
			lab[k] = ln(a) - ln(bm)
			dlab[k] = -1 / bm
		}
	}
	nt := len(d.ut)
	logt, invt := d.tscratch[:nt], d.tscratch[nt:2*nt]
	for k, v := range d.ut {
		logt[k] = ln(alpha + v)
		invt[k] = 1 / (alpha + v)
	}
	// A row's terms depend on its history (x, t_x, T) alone, and rows
	// in Group's order have each history's rows side by side (rows that
	// differ in spend only): the terms of the row before are kept, with
	// their indices, and a row of the same history reuses them, then adds
	// them weighted as every row does.
	var phi, w2, sT, sA float64 // log bracket, weight of its second part, ∂/∂r and ∂/∂α sums
	pk, pti, ptxi := int32(-1), int32(-1), int32(-1)
	for i, x := range d.x {
		w := d.w[i]
		rx := r + x
		ti, txi := d.ti[i], d.txi[i]
		if x == 0 && !mbg {
			lT := logt[ti]
			ll += w * (-rx * lT)
			if g != nil {
				gr -= w * lT
				ga -= w * rx * invt[ti]
			}
			continue
		}
		k := d.xi[i]
		if k != pk || ti != pti || txi != ptxi {
			pk, pti, ptxi = k, ti, txi
			lT, lt := logt[ti], logt[txi]
			l1 := -rx * lT
			l2 := lab[k] - rx*lt
			if l1 >= l2 {
				e := math.Exp(l2 - l1)
				phi = l1 + math.Log1p(e)
				w2 = e / (1 + e)
			} else {
				e := math.Exp(l1 - l2)
				phi = l2 + math.Log1p(e)
				w2 = 1 / (1 + e)
			}
			if g != nil {
				w1 := 1 - w2
				sT = w1*lT + w2*lt
				sA = w1*invt[ti] + w2*invt[txi]
			}
		}
		ll += w * phi
		if g != nil {
			gr -= w * sT
			ga -= w * rx * sA
			gaa += w * w2 / a
			gb += w * w2 * dlab[k]
		}
	}
	if g != nil {
		g[0], g[1], g[2], g[3] = gr, ga, gaa, gb
	}
	return ll
}

// LogLikelihood returns the log-likelihood of one customer's (x, t_x, T)
// under m (FHL 2005, eq. 6), ignoring Weight. It returns a *[CustomerError]
// for an invalid customer, a *metrics.ConfigError per invalid parameter and
// an *[UndefinedError] if the value is below the smallest float64.
func (m BGNBD) LogLikelihood(c Customer) (float64, error) {
	return m.logLikelihood(c, false)
}

func (m BGNBD) logLikelihood(c Customer, mbg bool) (float64, error) {
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	if err := m.check(); err != nil {
		return 0, err
	}
	d, err := prepare([]Customer{{X: c.X, Tx: c.Tx, T: c.T}}, false)
	if err != nil {
		return 0, err
	}
	ll := d.bgnbdLL(m.Params(), nil, mbg)
	if !finite(ll) {
		return 0, undefined(m.name(mbg), "log-likelihood", "%v in float64 arithmetic", ll)
	}
	return ll, nil
}

func (m BGNBD) name(mbg bool) string {
	if mbg {
		return "MBG/NBD"
	}
	return "BG/NBD"
}

// PAlive returns the probability that a customer with history c is still
// active at the end of the calibration period (FHL 2005 note, eq. 11):
//
//	1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x})
//
// computed as a logistic of the log-odds, so it is exact for heavy buyers
// (x = 200) where the power overflows. Customers with x = 0 are alive with
// probability 1. It returns a *[CustomerError] for an invalid customer and
// a *metrics.ConfigError per invalid parameter.
func (m BGNBD) PAlive(c Customer) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	return logistic(-m.logOddsDead(c, false)), nil
}

// logOddsDead returns log(P(dead)/P(alive)), −Inf for x = 0 unless mbg
// (the MBG/NBD, whose customers can drop out at the first purchase and
// whose b is one larger). It is never NaN for valid input.
func (m BGNBD) logOddsDead(c Customer, mbg bool) float64 {
	if c.X == 0 && !mbg {
		return math.Inf(-1)
	}
	shift := 0.0
	if mbg {
		shift = 1
	}
	return ln(m.A) - logAdd(m.B, c.X+shift-1) + mulLog(m.R+c.X, logRatio(m.Alpha, c.T, c.Tx))
}

// ExpectedPurchases returns E[X(t)], the expected number of repeat
// purchases in a period of length t after a new customer's first purchase
// (FHL 2005, eq. 7). Errors are as for
// [BGNBD.ConditionalExpectedPurchases].
func (m BGNBD) ExpectedPurchases(t float64) (float64, error) {
	return m.ConditionalExpectedPurchases(Customer{}, t)
}

// ConditionalExpectedPurchases returns E[Y(t) | x, t_x, T], the expected
// number of purchases in the next t time units by a customer with history
// c (FHL 2005, eq. 10):
//
//	E = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x}
//	      · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive).
//
// When a+b−1 ≥ r the hypergeometric term is evaluated after Euler's
// transformation, ((α+T)/(α+T+t))^{a−1}·2F1(a+b−1−r, a−1; a+b+x−1; z),
// whose series converges fast even for heavy buyers; otherwise in the
// original form, whose terms are then all positive. At a = 1 the limit is
// taken numerically. Where neither converges to full accuracy (heavy
// buyers with r+x in the millions) it sums the expectation over the
// dropout probability, E_p[(1 − (1+p·t/(α+T))^{−(r+x)})/p], as a
// generalised hypergeometric series in t/(α+T). Every result is checked
// against the bounds P(alive)·(1 − ((α+T)/(α+T+t))^{r+x}) ≤ E ≤
// P(alive)·(r+x)·t/(α+T).
//
// It returns a *[CustomerError] for an invalid customer, a
// *metrics.ConfigError for invalid parameters or a negative or non-finite
// t, and an *[UndefinedError] where no representation converges to the
// package's accuracy or the value overflows.
func (m BGNBD) ConditionalExpectedPurchases(c Customer, t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	if err := checkHorizon("t", t); err != nil {
		return 0, err
	}
	return m.condExpAny(c, t, false)
}

// condExpAny evaluates eq. 10; mbg is as for logOddsDead.
func (m BGNBD) condExpAny(c Customer, t float64, mbg bool) (float64, error) {
	if t == 0 {
		return 0, nil
	}
	pa := logistic(-m.logOddsDead(c, mbg))
	if pa == 0 {
		return 0, nil
	}
	e, ok := m.condExpAlive(c, t, mbg)
	if !ok {
		return 0, undefined(m.name(mbg), "E[Y(t)]", "no representation converged for x %v, t_x %v, T %v, t %v", c.X, c.Tx, c.T, t)
	}
	return clamp0(e * pa), nil
}

// condExpAlive returns E[Y(t) | alive] for t > 0, the value condExpAny
// multiplies by P(alive), and false where no representation converges. It
// depends on c.X and c.T only (not on c.Tx), so that [Evaluate] computes
// it once per (x, T) and time for all the histories that share them.
func (m BGNBD) condExpAlive(c Customer, t float64, mbg bool) (float64, bool) {
	// Bounds of E[Y(t) | alive]: with rate λ and dropout p,
	// (1−e^{−λt}) ≤ (1−e^{−λpt})/p ≤ λt, and λ | data ~ Gamma(r+x, α+T).
	rx := m.R + c.X
	lower := -math.Expm1(-mulLog1p(rx, ratioOfSum(t, m.Alpha, c.T)))
	logUpper := ln(rx) + ln(t) - logAdd(m.Alpha, c.T)
	ok := func(e float64) bool {
		return finite(e) && e >= lower*(1-1e-9) && ln(math.Max(e, math.SmallestNonzeroFloat64)) <= logUpper+1e-9
	}
	if e, good := m.condExpEuler(c, t, mbg); good && ok(e) {
		return e, true
	}
	// Near a = 1 the prefactor 1/(a−1) amplifies rounding: interpolate
	// linearly between a = 1 ± h (error O(h²), and monotone in t because
	// both ends are).
	const h = 1e-4
	if math.Abs(m.A-1) < h {
		lo, hi := m, m
		lo.A, hi.A = 1-h, 1+h
		w := (1 + h - m.A) / (2 * h)
		el, okl := lo.condExp(c, t, mbg)
		eh, okh := hi.condExp(c, t, mbg)
		if e := w*el + (1-w)*eh; okl && okh && ok(e) {
			return e, true
		}
	} else if e, good := m.condExp(c, t, mbg); good && ok(e) {
		return e, true
	}
	if e, good := m.condExpDropout(c, t, mbg); good && ok(e) {
		return e, true
	}
	if e, good := m.condExpBetaQuad(c, t, mbg); good && ok(e) {
		return e, true
	}
	if e, good := m.condExpSkewed(c, t, mbg); good && ok(e) {
		return e, true
	}
	// When λt is tiny for every likely λ the two bounds meet: within
	// 1e-9 of each other, either is the value to that precision.
	if lower > 0 && logUpper-ln(lower) < 1e-9 {
		return lower, true
	}
	return 0, false
}

// mulLog1p returns k·log(1 + q) for k ≥ 0 and a factor q. A quotient
// above the largest float64 is +Inf, though its logarithm is
// log num − log den; one below the smallest normal float64 has lost
// digits (5e-324/0.37 is 1.48e-323 in float64, 10 % high), and
// log(1 + q) is q to double precision there, so the product k·q is then
// taken through logarithms.
func mulLog1p(k float64, q factor) float64 {
	v, ok := q.value()
	switch {
	case ok:
		return mulLog(k, math.Log1p(v))
	case v > 1: // overflowed
		return mulLog(k, ln(q.num)-ln(q.den))
	case k == 0:
		return 0
	}
	return math.Exp(ln(k) + ln(q.num) - ln(q.den))
}

// condExp returns E[Y(t) | alive] by eq. 10's hypergeometric form; ok is
// false if the series did not converge or rounding may exceed 1e-8 of the
// result.
func (m BGNBD) condExp(c Customer, t float64, mbg bool) (float64, bool) {
	shift := 0.0
	if mbg {
		shift = 1
	}
	r, alpha, a, b, x := m.R, m.Alpha, m.A, m.B+shift, c.X
	z := t / (alpha + c.T + t)
	// Two equal forms of (1−z)^{r+x}·2F1(r+x, b+x; a+b+x−1; z): Euler's
	// transformation converges fast for heavy buyers but its first
	// parameter a+b−1−r is negative when r > a+b−1, which makes its terms
	// alternate and cancel; the original form has positive terms whenever
	// a+b+x > 1. Use Euler's form only when its terms keep one sign.
	ea, eb, ec, pow := a+b-1-r, a-1, a+b+x-1, a-1
	if ea < 0 {
		ea, eb, pow = r+x, b+x, r+x
	}
	lf, sf, ok := hyp2f1(ea, eb, ec, z)
	if !ok {
		return 0, false
	}
	lp := pow * math.Log1p(-z)
	l := lp + lf
	var bracket float64
	if sf > 0 {
		bracket = -math.Expm1(l)
	} else {
		bracket = 1 + math.Exp(l)
	}
	// Rounding of the two logs, relative to the bracket.
	if err := 1e-15 * (math.Abs(lp) + math.Abs(lf) + 1) * math.Exp(l) / math.Abs(bracket); !(err < 1e-8) {
		return 0, false
	}
	e := (a + b + x - 1) / (a - 1) * bracket
	return e, finite(e)
}

// condExpDropout returns E[Y(t) | alive] as the expectation over the
// dropout probability p ~ Beta(a, b+x) of (1 − (1+pk)^{−m})/p, with
// m = r+x and k = t/(α+T), expanded in powers of p:
//
//	m·k · Σ_j (m+1)_j (a)_j / ((a+b+x)_j (j+1)!) · (−k)^j,
//
// which converges for k < 1 and is accurate when its terms do not cancel
// (heavy buyers with a small dropout probability, where the forms of eq.
// 10 lose all precision). ok is false otherwise.
func (m BGNBD) condExpDropout(c Customer, t float64, mbg bool) (float64, bool) {
	shift := 0.0
	if mbg {
		shift = 1
	}
	mm := m.R + c.X
	a, ab := m.A, m.A+(m.B+shift+c.X)
	k := t / (m.Alpha + c.T)
	if !(k < 1) {
		return 0, false
	}
	term, sum, peak := 1.0, 1.0, 1.0
	for j := 0.0; ; j++ {
		if j >= maxSeriesTerms {
			return 0, false
		}
		ratio := (mm + 1 + j) / (ab + j) * (a + j) / (j + 2) * k
		term *= -ratio
		sum += term
		peak = math.Max(peak, math.Abs(term))
		if !finite(sum) {
			return 0, false
		}
		// Alternating terms of decreasing size: the error is below the
		// next term.
		if ratio < 1 && math.Abs(term)*ratio <= 1e-17*math.Abs(sum) {
			break
		}
	}
	if !(sum > 0) || peak > 1e6*sum {
		return 0, false
	}
	e := mm * k * sum
	return e, finite(e)
}

// condExpBetaQuad returns E[Y(t) | alive] as the expectation over the
// dropout probability p ~ Beta(a, b+x) of (1 − (1+pk)^{−m})/p, with
// m = r+x and k = t/(α+T), by composite Gauss–Legendre quadrature over
// μ ± 12σ of the beta distribution, its weights normalised numerically.
// It serves fits with a huge a and b (a dropout probability pinned near
// a/(a+b); UCI Online Retail's weekly fits), where the hypergeometric
// series need millions of terms and the series in k diverges for k ≥ 1.
// ok is false unless a and b+x are both at least 30, where the beta
// density is unimodal and close to normal within that window.
func (m BGNBD) condExpBetaQuad(c Customer, t float64, mbg bool) (float64, bool) {
	shift := 0.0
	if mbg {
		shift = 1
	}
	a, bb := m.A, m.B+c.X+shift
	if !(a >= 30 && bb >= 30) {
		return 0, false
	}
	mm := m.R + c.X
	k := t / (m.Alpha + c.T)
	mu := a / (a + bb)
	// Mean and spread computed without forming a+b+1 products that
	// overflow: σ² = μ(1−μ)/(a+b+1).
	sd := math.Sqrt(mu * (1 - mu) / (a + bb + 1))
	lo, hi := math.Max(mu-12*sd, 0), math.Min(mu+12*sd, 1)
	if !(hi > lo) {
		return 0, false
	}
	g := func(p float64) float64 {
		if p == 0 {
			return mm * k // the limit as p → 0
		}
		return -math.Expm1(-mm*math.Log1p(p*k)) / p
	}
	// Log density relative to the mode's neighbourhood, as log1p of
	// relative distances so that huge a and b do not cancel.
	logd := func(p float64) float64 {
		return (a-1)*math.Log1p((p-mu)/mu) + (bb-1)*math.Log1p(-(p-mu)/(1-mu))
	}
	const panels = 16
	xs, ws := glNodes()
	h := (hi - lo) / panels
	var num, den float64
	for j := range panels {
		mid := lo + (float64(j)+0.5)*h
		for i, v := range xs {
			p := mid + h/2*v
			w := ws[i] * math.Exp(logd(p))
			num += w * g(p)
			den += w
		}
	}
	if !(den > 0) {
		return 0, false
	}
	e := num / den
	return e, finite(e)
}

// condExpSkewed returns E[Y(t) | alive] as condExpBetaQuad does, for a
// dropout distribution Beta(a, b+x) far from normal: a tiny a puts nearly
// all the mass at p ≈ 0 under a density that is infinite there (a fit
// with a = 6e-5 and a customer with x = 224, where every series needs
// millions of terms). With g(p) = (1 − (1+pk)^{−m})/p and its limit
// g(0) = mk, it computes
//
//	E[g(p)] = g(0) + ∫_0^1 (g(p) − g(0)) · p^{a−1}(1−p)^{b+x−1} / B(a, b+x) dp,
//
// whose integrand vanishes like p^a at 0, by 16-point Gauss–Legendre
// panels with geometric edges towards both ends (2^{−200} … 1/2 …
// 1 − 2^{−50}); what lies beyond them is below double precision for
// b+x ≥ 1, where the density is bounded near 1. ok is false otherwise.
func (m BGNBD) condExpSkewed(c Customer, t float64, mbg bool) (float64, bool) {
	shift := 0.0
	if mbg {
		shift = 1
	}
	a, bb := m.A, m.B+c.X+shift
	if !(bb >= 1) {
		return 0, false
	}
	mm := m.R + c.X
	k := t / (m.Alpha + c.T)
	g0 := mm * k
	h := func(p float64) float64 { return -math.Expm1(-mm*math.Log1p(p*k))/p - g0 }
	lb := lbeta(a, bb)
	logd := func(p float64) float64 { return (a-1)*math.Log(p) + (bb-1)*math.Log1p(-p) - lb }
	edges := make([]float64, 0, 256)
	for j := 200; j >= 1; j-- {
		edges = append(edges, math.Ldexp(1, -j))
	}
	for j := 2; j <= 50; j++ {
		edges = append(edges, 1-math.Ldexp(1, -j))
	}
	edges = append(edges, 1)
	e := g0 + integratePanels(edges, func(p float64) float64 { return h(p) * math.Exp(logd(p)) })
	return e, finite(e)
}

// PurchaseProbability returns P(X(t) = n), the probability that a new
// customer makes exactly n repeat purchases in a period of length t (FHL
// 2005, eq. 8). The tail of the negative binomial in the second term is
// the regularised incomplete beta function I_{t/(α+t)}(n, r). It returns a
// *metrics.ConfigError for invalid parameters, n < 0 or a negative or
// non-finite t, and an *[UndefinedError] if the incomplete beta function
// does not give a probability.
func (m BGNBD) PurchaseProbability(n int, t float64) (float64, error) {
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
	r, alpha, a, b := m.R, m.Alpha, m.A, m.B
	x := float64(n)
	lp := -math.Log1p(t / alpha) // log(α/(α+t))
	lq := -math.Log1p(alpha / t) // log(t/(α+t))
	l1 := lbeta(a, b+x) - lbeta(a, b) + lgamma(r+x) - lgamma(r) - lgamma(x+1) + mulLog(r, lp) + mulLog(x, lq)
	p := math.Exp(l1)
	if n > 0 {
		tail := mathext.RegIncBeta(x, r, t/(alpha+t))
		if !(tail >= 0 && tail <= 1) {
			return 0, undefined("BG/NBD", "P(X(t)=n)", "incomplete beta function I(%v, %v) is %v", x, r, tail)
		}
		p += math.Exp(lbeta(a+1, b+x-1)-lbeta(a, b)) * tail
	}
	if !(p >= 0) || p > 1+1e-9 {
		return 0, undefined("BG/NBD", "P(X(t)=n)", "%v is not a probability", p)
	}
	return math.Min(p, 1), nil
}

// condExpEuler returns E[Y(t) | alive] (eq. 10) after Euler's
// transformation with the
// factor a−1 taken out of the hypergeometric series, so that a = 1 needs no
// limit and a near 1 loses no precision. Writing L = log(1−z) and
//
//	2F1(a+b−1−r, a−1; a+b+x−1; z) = 1 + (a−1)·S,
//	S = Σ_{k≥1} (a+b−1−r)_k (a)_{k−1} / ((a+b+x−1)_k k!) z^k,
//
// the bracket over (a−1) is (1 − e^{(a−1)L})/(a−1) − e^{(a−1)L}·S. It
// applies when a+b−1 ≥ r (the series then has positive terms); ok is false
// otherwise or if S does not converge.
func (m BGNBD) condExpEuler(c Customer, t float64, mbg bool) (float64, bool) {
	shift := 0.0
	if mbg {
		shift = 1
	}
	r, alpha, a, b, x := m.R, m.Alpha, m.A, m.B+shift, c.X
	A, C := a+b-1-r, a+b+x-1
	if A < 0 || C <= 0 {
		return 0, false
	}
	z := t / (alpha + c.T + t)
	term := A / C * z
	S := term
	for k := 1.0; ; k++ {
		if k > maxSeriesTerms || !finite(S) || S > 1e300 {
			return 0, false
		}
		ratio := (A + k) * (a + k - 1) / ((C + k) * (k + 1)) * z
		term *= ratio
		S += term
		if term == 0 || (ratio < 1 && term*ratio/(1-ratio) <= 1e-17*S) {
			break
		}
	}
	L := math.Log1p(-z)
	e := C * (powerGrowth(a-1, L) - math.Exp((a-1)*L)*S)
	if !finite(e) {
		return 0, false
	}
	return e, true
}

// aliveFactored marks a model whose conditional expectations are
// P(alive) times an expectation given alive that does not depend on t_x
// (FHL 2005, eq. 10), which [Intervals] uses.
func (BGNBD) aliveFactored() {}
