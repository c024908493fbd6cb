package clv

import (
	"math"
)

// This file holds the predictions of a customer's future that follow from
// the posterior of an alive customer. Given a history (x, t_x, T) and that
// the customer is alive at T, the purchase rate λ and the dropout
// parameter have independent posteriors of the prior's family: under the
// BG/NBD λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x) (b+x+1 under the
// MBG/NBD, whose customers also had a chance to drop out at the first
// purchase), under the Pareto/NBD λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s,
// β+T). From T on, an alive customer is therefore a new customer of the
// same model with those parameters (a BG/NBD for both BG models, as no
// dropout happens at T itself), and a dead one buys nothing. Every
// conditional prediction below is P(alive) times the new-customer
// prediction of that posterior model, plus what the dead contribute.

// posterior returns the BG/NBD a customer alive at c.T continues as;
// mbg adds the MBG/NBD's dropout chance at the first purchase.
func (m BGNBD) posterior(c Customer, mbg bool) BGNBD {
	b := m.B + c.X
	if mbg {
		b++
	}
	return BGNBD{R: m.R + c.X, Alpha: m.Alpha + c.T, A: m.A, B: b}
}

// posterior returns the Pareto/NBD a customer alive at c.T continues as.
func (m ParetoNBD) posterior(c Customer) ParetoNBD {
	return ParetoNBD{R: m.R + c.X, Alpha: m.Alpha + c.T, S: m.S, Beta: m.Beta + c.T}
}

// mixDead returns the probability of n purchases given P(alive) pa and
// the probability q of n purchases when alive: the dead make none.
func mixDead(pa, q float64, n int) float64 {
	p := pa * q
	if n == 0 {
		p += 1 - pa
	}
	return math.Min(math.Max(p, 0), 1)
}

// ConditionalPurchaseProbability returns P(Y(t) = n | x, t_x, T), the
// probability that a customer with history c makes exactly n purchases in
// the next t time units (lifetimes' conditional_probability_of_n_purchases_
// up_to_time):
//
//	P = (1 − P(alive))·[n = 0] + P(alive)·P'(X(t) = n),
//
// where P' is [BGNBD.PurchaseProbability] of the posterior BG/NBD with
// parameters (r+x, α+T, a, b+x). The probabilities sum to 1 over n and
// their mean is [BGNBD.ConditionalExpectedPurchases]. Errors are those of
// PAlive and PurchaseProbability.
func (m BGNBD) ConditionalPurchaseProbability(c Customer, n int, t float64) (float64, error) {
	return m.condPMF(c, n, t, false)
}

func (m BGNBD) condPMF(c Customer, n int, t float64, mbg bool) (float64, error) {
	pa, err := m.pAlive(c, mbg)
	if err != nil {
		return 0, err
	}
	q, err := m.posterior(c, mbg).PurchaseProbability(n, t)
	if err != nil {
		return 0, err
	}
	return mixDead(pa, q, n), nil
}

// pAlive returns the BG/NBD's or (mbg) the MBG/NBD's P(alive).
func (m BGNBD) pAlive(c Customer, mbg bool) (float64, error) {
	if mbg {
		return MBGNBD(m).PAlive(c)
	}
	return m.PAlive(c)
}

// ConditionalPurchaseProbability returns P(Y(t) = n | x, t_x, T) as for
// [BGNBD.ConditionalPurchaseProbability], with the posterior BG/NBD
// (r+x, α+T, a, b+x+1).
func (m MBGNBD) ConditionalPurchaseProbability(c Customer, n int, t float64) (float64, error) {
	return BGNBD(m).condPMF(c, n, t, true)
}

// PurchaseProbability returns P(X(t) = n), the probability that a new
// customer makes exactly n repeat purchases in a period of length t. A new
// MBG/NBD customer drops out at once with probability a/(a+b); one who does
// not is a new BG/NBD customer with parameters (r, α, a, b+1):
//
//	P = a/(a+b)·[n = 0] + b/(a+b)·P_BG(r, α, a, b+1)(X(t) = n).
//
// Its mean is [MBGNBD.ExpectedPurchases]. Errors are as for
// [BGNBD.PurchaseProbability].
func (m MBGNBD) PurchaseProbability(n int, t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	q, err := BGNBD{R: m.R, Alpha: m.Alpha, A: m.A, B: m.B + 1}.PurchaseProbability(n, t)
	if err != nil {
		return 0, err
	}
	return mixDead(m.B/(m.A+m.B), q, n), nil
}

// ConditionalPurchaseProbability returns P(Y(t) = n | x, t_x, T) as for
// [BGNBD.ConditionalPurchaseProbability], with the posterior Pareto/NBD
// (r+x, α+T, s, β+T) and [ParetoNBD.PurchaseProbability].
func (m ParetoNBD) ConditionalPurchaseProbability(c Customer, n int, t float64) (float64, error) {
	pa, err := m.PAlive(c)
	if err != nil {
		return 0, err
	}
	q, err := m.posterior(c).PurchaseProbability(n, t)
	if err != nil {
		return 0, err
	}
	return mixDead(pa, q, n), nil
}

// PAliveAt returns the probability that a customer with history c is
// still alive t time units after the end of calibration, T + t. An alive
// customer of rate λ and dropout probability p survives the purchases of
// the next t with probability e^{−λpt} (each purchase, a Poisson event,
// ends the customer with probability p), so with z = t/(α+T):
//
//	P = P(alive) · E_p[(1 + p·z)^{−(r+x)}]
//	  = P(alive) · (1+z)^{−(r+x)} · 2F1(r+x, b+x; a+b+x; z/(1+z)),
//
// the expectation over p ~ Beta(a, b+x) after Pfaff's transformation. At
// t = 0 it is [BGNBD.PAlive]; it decreases in t. Errors are as for
// PAlive, with a *metrics.ConfigError for a negative or non-finite t and
// an *[UndefinedError] if the series does not converge.
func (m BGNBD) PAliveAt(c Customer, t float64) (float64, error) {
	return m.pAliveAt(c, t, false)
}

func (m BGNBD) pAliveAt(c Customer, t float64, mbg bool) (float64, error) {
	pa, err := m.pAlive(c, mbg)
	if err != nil {
		return 0, err
	}
	if err := checkHorizon("t", t); err != nil {
		return 0, err
	}
	if t == 0 || pa == 0 {
		return pa, nil
	}
	s, err := m.posterior(c, mbg).survival(t)
	if err != nil {
		return 0, err
	}
	return pa * s, nil
}

// survival returns E_p[E_λ[e^{−λpt}]] for a new BG/NBD customer: the
// probability of being alive at t.
func (m BGNBD) survival(t float64) (float64, error) {
	return m.meanPow(m.R, t)
}

// meanPow returns E_p[(1 + p·t/α)^{−k}] for p ~ Beta(a, b), by Pfaff's
// transformation (1+z)^{−k}·2F1(k, b; a+b; z/(1+z)), whose terms are all
// positive.
func (m BGNBD) meanPow(k, t float64) (float64, error) {
	z := t / m.Alpha
	w := z / (1 + z)
	l, sign, ok := hyp2f1(k, m.B, m.A+m.B, w)
	if !ok || sign <= 0 {
		return 0, undefined("BG/NBD", "E[(1+pz)^−k]", "2F1(%v, %v; %v; %v) did not converge", k, m.B, m.A+m.B, w)
	}
	v := math.Exp(l - k*math.Log1p(z))
	if !(v >= 0) || v > 1+1e-9 {
		return 0, undefined("BG/NBD", "E[(1+pz)^−k]", "%v is not in [0, 1]", v)
	}
	return math.Min(v, 1), nil
}

// PAliveAt returns the probability that the customer is alive at T + t,
// as for [BGNBD.PAliveAt] with p ~ Beta(a, b+x+1).
func (m MBGNBD) PAliveAt(c Customer, t float64) (float64, error) {
	return BGNBD(m).pAliveAt(c, t, true)
}

// PAliveAt returns the probability that a customer with history c is
// still alive at T + t: P(alive) · ((β+T)/(β+T+t))^s, as the lifetime is
// memoryless and μ ~ Gamma(s, β+T) for an alive customer. At t = 0 it is
// [ParetoNBD.PAlive]; it decreases in t. Errors are as for PAlive, with a
// *metrics.ConfigError for a negative or non-finite t.
func (m ParetoNBD) PAliveAt(c Customer, t float64) (float64, error) {
	pa, err := m.PAlive(c)
	if err != nil {
		return 0, err
	}
	if err := checkHorizon("t", t); err != nil {
		return 0, err
	}
	return pa * math.Exp(-m.S*math.Log1p(t/(m.Beta+c.T))), nil
}

// PurchasesBetween returns the expected purchases of a customer with
// history c in the interval (T + from, T + to] after calibration:
// E[Y(to)] − E[Y(from)] by the model's ConditionalExpectedPurchases. It
// returns a *metrics.ConfigError if from is negative, to is below from or
// either is not finite, and the model's errors.
func PurchasesBetween(m PurchaseModel, c Customer, from, to float64) (float64, error) {
	if err := checkHorizon("from", from); err != nil {
		return 0, err
	}
	if !(to >= from) || !finite(to) {
		return 0, configError("to", "must be finite and not below from (%v), got %v", from, to)
	}
	hi, err := m.ConditionalExpectedPurchases(c, to)
	if err != nil {
		return 0, err
	}
	lo, err := m.ConditionalExpectedPurchases(c, from)
	if err != nil {
		return 0, err
	}
	return math.Max(hi-lo, 0), nil
}

// DERT returns the discounted expected residual transactions of a
// customer with history c: ∫_0^∞ e^{−δu} y(u) du, where y(u) is the
// expected purchase rate at T + u and δ > 0 the continuously compounded
// discount rate per model time unit (an annual rate d on weekly data is
// δ = ln(1+d)/52). Multiplied by the expected margin per purchase it is
// the customer's residual lifetime value (Fader, Hardie and Lee 2005,
// "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
// Journal of Marketing Research 42(4)). For the BG/NBD
//
//	y(u) = P(alive) · (r+x)/(α+T) · E_p[(1 + p·u/(α+T))^{−(r+x+1)}],
//
// p ~ Beta(a, b+x), whose integral has no closed form; it is computed by
// composite Gauss–Legendre quadrature over v = δu on [0, 60] (e^{−60} is
// below double precision), with panels that shrink geometrically towards
// 0 so that a fast early decay is resolved. DERT is positive for an alive
// customer and decreases in δ. It returns a *metrics.ConfigError for δ
// that is not positive and finite, and PAlive's errors.
func (m BGNBD) DERT(c Customer, delta float64) (float64, error) {
	return m.dert(c, delta, false)
}

func (m BGNBD) dert(c Customer, delta float64, mbg bool) (float64, error) {
	if !(delta > 0) || !finite(delta) {
		return 0, configError("delta", "must be positive and finite, got %v", delta)
	}
	pa, err := m.pAlive(c, mbg)
	if err != nil || pa == 0 {
		return 0, err
	}
	post := m.posterior(c, mbg)
	var fail error
	v := laplace(func(u float64) float64 {
		e, err := post.meanPow(post.R+1, u)
		if err != nil && fail == nil {
			fail = err
		}
		return e
	}, delta, post.Alpha)
	if fail != nil {
		return 0, fail
	}
	return pa * post.R / post.Alpha * v, nil
}

// DERT returns the discounted expected residual transactions as for
// [BGNBD.DERT], with p ~ Beta(a, b+x+1).
func (m MBGNBD) DERT(c Customer, delta float64) (float64, error) {
	return BGNBD(m).dert(c, delta, true)
}

// DERT returns the discounted expected residual transactions of a
// customer with history c, ∫_0^∞ e^{−δu} y(u) du with the expected purchase
// rate
//
//	y(u) = P(alive) · (r+x)/(α+T) · ((β+T)/(β+T+u))^s
//
// (Fader, Hardie and Lee 2005, who write the integral with Tricomi's
// confluent hypergeometric function; here it is computed by quadrature as
// for [BGNBD.DERT]). Errors are as for [BGNBD.DERT].
func (m ParetoNBD) DERT(c Customer, delta float64) (float64, error) {
	if !(delta > 0) || !finite(delta) {
		return 0, configError("delta", "must be positive and finite, got %v", delta)
	}
	pa, err := m.PAlive(c)
	if err != nil || pa == 0 {
		return 0, err
	}
	post := m.posterior(c)
	v := laplace(func(u float64) float64 {
		return math.Exp(-post.S * math.Log1p(u/post.Beta))
	}, delta, post.Beta)
	return pa * post.R / post.Alpha * v, nil
}

// laplace returns ∫_0^∞ e^{−δu} g(u) du for a g in [0, 1] that decreases
// on the scale of u ≈ scale: with v = δu it integrates e^{−v} g(v/δ) / δ
// over [0, 60] by 16-point Gauss–Legendre panels whose edges are
// geometric below 1 (down to a tenth of δ·scale, where g starts to fall)
// and 4 wide above it.
func laplace(g func(float64) float64, delta, scale float64) float64 {
	edges := []float64{0}
	lo := math.Min(delta*scale/10, 1)
	for e := lo; e < 1; e *= 2 {
		edges = append(edges, e)
	}
	edges = append(edges, 1, 2)
	for e := 4.0; e <= 60; e += 4 {
		edges = append(edges, e)
	}
	return integratePanels(edges, func(v float64) float64 { return math.Exp(-v) * g(v/delta) }) / delta
}
