package clv

import (
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

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

func (m ParetoNBD) valid() bool {
	return m.R > 0 && m.Alpha > 0 && m.S > 0 && m.Beta > 0 &&
		finite(m.R) && finite(m.Alpha) && finite(m.S) && finite(m.Beta)
}

// FitParetoNBD estimates a [ParetoNBD] model by maximum likelihood. Rows
// may be grouped ([Group]). Errors are as for [FitBGNBD]. β is weakly
// identified on typical data (published CDNOW estimates differ in its
// second decimal), so its standard error is large.
func FitParetoNBD(customers []Customer, cfg FitConfig) (ParetoNBD, FitInfo, error) {
	d, err := prepare(customers, false)
	if err != nil {
		return ParetoNBD{}, FitInfo{}, err
	}
	ll := func(th, _ []float64) float64 {
		m := ParetoNBD{th[0], th[1], th[2], th[3]}
		lr := lgamma(m.R)
		base := m.R*math.Log(m.Alpha) + m.S*math.Log(m.Beta)
		s := 0.0
		for k, x := range d.ux {
			s += d.uw[k] * (lgamma(m.R+x) - lr + base)
		}
		for i, x := range d.x {
			s += d.w[i] * m.logBracket(x, d.tx[i], d.t[i])
		}
		return s
	}
	p := problem{model: "Pareto/NBD", n: 4, w: d.wsum, ll: ll}
	th, info, err := p.fit(cfg, []float64{1, 1, 1, 1})
	info.Rows = len(d.x)
	return ParetoNBD{th[0], th[1], th[2], th[3]}, info, err
}

// logBracket returns log[(α+T)^{−(r+x)}(β+T)^{−s} + s/(r+s+x)·A0], the
// part of the log-likelihood that depends on t_x and T.
func (m ParetoNBD) logBracket(x, tx, t float64) float64 {
	l1 := -(m.R+x)*math.Log(m.Alpha+t) - m.S*math.Log(m.Beta+t)
	la0 := m.logA0(x, tx, t)
	return logSumExp(l1, math.Log(m.S)-math.Log(m.R+m.S+x)+la0)
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
		return lf - a*math.Log(rho+u)
	}
	if tx == t {
		return math.Inf(-1)
	}
	return logDiffExp(term(tx), term(t))
}

// LogLikelihood returns the log-likelihood of one customer's (x, t_x, T)
// (Fader and Hardie's note, eq. 22), ignoring Weight. It returns a
// *[CustomerError] for an invalid customer and [ErrInvalidConfig] for
// invalid parameters.
func (m ParetoNBD) LogLikelihood(c Customer) (float64, error) {
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	if !m.valid() {
		return 0, errParams("Pareto/NBD", m.Params())
	}
	return lgamma(m.R+c.X) - lgamma(m.R) + m.R*math.Log(m.Alpha) + m.S*math.Log(m.Beta) +
		m.logBracket(c.X, c.Tx, c.T), nil
}

// PAlive returns the probability that a customer with history c is still
// alive at T (Fader and Hardie's note, eq. 24), as a logistic of the
// log-odds so that heavy buyers neither overflow nor lose precision. It
// returns 0 for invalid input.
func (m ParetoNBD) PAlive(c Customer) float64 {
	if !m.valid() || c.check(0, false) != nil {
		return 0
	}
	lo := m.logOddsDead(c)
	if math.IsNaN(lo) {
		return 0
	}
	return logistic(-lo)
}

func (m ParetoNBD) logOddsDead(c Customer) float64 {
	return math.Log(m.S) - math.Log(m.R+m.S+c.X) + (m.R+c.X)*math.Log(m.Alpha+c.T) +
		m.S*math.Log(m.Beta+c.T) + m.logA0(c.X, c.Tx, c.T)
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
// rβ/α · log(1 + t/β) at s = 1. It returns 0 for t ≤ 0 or invalid
// parameters.
func (m ParetoNBD) ExpectedPurchases(t float64) float64 {
	if !m.valid() || !(t > 0) || !finite(t) {
		return 0
	}
	return clamp0(m.R * m.Beta / m.Alpha * powerGrowth(m.S-1, -math.Log1p(t/m.Beta)))
}

// ConditionalExpectedPurchases returns the expected purchases in the next t
// time units of a customer with history c (Fader and Hardie's note,
// eq. 28):
//
//	(r+x)(β+T) / (α+T) · (1 − ((β+T)/(β+T+t))^{s−1})/(s−1) · P(alive).
//
// It returns 0 for t ≤ 0 or invalid input.
func (m ParetoNBD) ConditionalExpectedPurchases(c Customer, t float64) float64 {
	if !m.valid() || !(t > 0) || !finite(t) || c.check(0, false) != nil {
		return 0
	}
	g := powerGrowth(m.S-1, -math.Log1p(t/(m.Beta+c.T)))
	return clamp0((m.R + c.X) * (m.Beta + c.T) / (m.Alpha + c.T) * g * m.PAlive(c))
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
// composite Gauss–Legendre quadrature over u = log(1 + τ/κ), κ = min(α, β),
// which resolves both scales of the integrand. It returns 0 for n < 0,
// t < 0 or invalid parameters.
func (m ParetoNBD) PurchaseProbability(n int, t float64) float64 {
	if !m.valid() || n < 0 || !(t >= 0) || !finite(t) {
		return 0
	}
	if t == 0 {
		if n == 0 {
			return 1
		}
		return 0
	}
	r, alpha, s, beta := m.R, m.Alpha, m.S, m.Beta
	x := float64(n)
	lc := lgamma(r+x) - lgamma(r) - lgamma(x+1)
	lnb := func(tau float64) float64 {
		l := lc + r*(math.Log(alpha)-math.Log(alpha+tau))
		if x > 0 {
			l += x * (math.Log(tau) - math.Log(alpha+tau))
		}
		return l
	}
	p := math.Exp(lnb(t) + s*(math.Log(beta)-math.Log(beta+t)))
	kappa := math.Min(alpha, beta)
	ls := math.Log(s) + s*math.Log(beta) + math.Log(kappa)
	f := func(u float64) float64 {
		tau := kappa * math.Expm1(u)
		if tau <= 0 {
			if x > 0 {
				return 0
			}
			tau = 0
		}
		return math.Exp(ls + u - (s+1)*math.Log(beta+tau) + lnb(tau))
	}
	const panels, nodes = 48, 16
	u1 := math.Log1p(t / kappa)
	h := u1 / panels
	var lq quad.Legendre
	xs, ws := make([]float64, nodes), make([]float64, nodes)
	for k := range panels {
		a := float64(k) * h
		lq.FixedLocations(xs, ws, a, a+h)
		for i, u := range xs {
			p += ws[i] * f(u)
		}
	}
	if !finite(p) || p < 0 {
		return 0
	}
	return math.Min(p, 1)
}
