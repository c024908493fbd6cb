package clv

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// BGBB is the beta-geometric/beta-Bernoulli model of Fader, Hardie and Shang
// (2010), "Customer-Base Analysis in a Discrete-Time Noncontractual
// Setting", Marketing Science 29(6), for transactions that can only happen
// at discrete opportunities (annual donations, weekly events).
//
// While alive, a customer transacts at each opportunity with probability
// p ~ Beta(Alpha, Beta); before each opportunity an alive customer dies
// with probability θ ~ Beta(Gamma, Delta).
//
// The model's [Customer] uses opportunities as the time unit: X is the
// number of transactions in the T opportunities after the first one, and
// Tx the opportunity of the last transaction (0 when X is 0). All three are
// whole numbers.
type BGBB struct {
	Alpha, Beta, Gamma, Delta float64
}

// Params returns α, β, γ, δ, the order of [FitConfig.Initial] and
// [FitInfo.StdErr].
func (m BGBB) Params() []float64 { return []float64{m.Alpha, m.Beta, m.Gamma, m.Delta} }

func (m BGBB) valid() bool {
	return m.Alpha > 0 && m.Beta > 0 && m.Gamma > 0 && m.Delta > 0 &&
		finite(m.Alpha) && finite(m.Beta) && finite(m.Gamma) && finite(m.Delta)
}

// FitBGBB estimates a [BGBB] model by maximum likelihood. Rows are usually
// the cells of a recency/frequency matrix with Weight = number of
// customers. Invalid rows (including non-whole times or X > Tx) give
// joined *[CustomerError]s; a non-converged fit returns a *[FitError].
func FitBGBB(customers []Customer, cfg FitConfig) (BGBB, FitInfo, error) {
	if err := validate(customers, true); err != nil {
		return BGBB{}, FitInfo{}, err
	}
	rows := Group(customers)
	wsum := 0.0
	for _, c := range rows {
		wsum += c.Weight
	}
	if wsum == 0 {
		return BGBB{}, FitInfo{}, ErrNoData
	}
	ll := func(th, _ []float64) float64 {
		m := BGBB{th[0], th[1], th[2], th[3]}
		s := 0.0
		for _, c := range rows {
			s += c.Weight * m.logLik(c.X, c.Tx, c.T)
		}
		return s
	}
	p := problem{model: "BG/BB", n: 4, w: wsum, ll: ll}
	th, info, err := p.fit(cfg, []float64{1, 1, 1, 1})
	info.Rows = len(rows)
	return BGBB{th[0], th[1], th[2], th[3]}, info, err
}

// logLik is FHS (2010) eq. (5) in log space.
func (m BGBB) logLik(x, tx, n float64) float64 {
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	lab, lgd := lbeta(a, b), lbeta(g, d)
	l := lbeta(a+x, b+n-x) - lab + lbeta(g, d+n) - lgd
	for i := 0.0; i < n-tx; i++ {
		l = logSumExp(l, lbeta(a+x, b+tx-x+i)-lab+lbeta(g+1, d+tx+i)-lgd)
	}
	return l
}

// LogLikelihood returns the log-likelihood of one customer's (x, t_x, n)
// (FHS 2010, eq. 5), ignoring Weight. It returns a *[CustomerError] for an
// invalid customer and [ErrInvalidConfig] for invalid parameters.
func (m BGBB) LogLikelihood(c Customer) (float64, error) {
	if err := c.check(0, true); err != nil {
		return 0, err
	}
	if !m.valid() {
		return 0, errParams("BG/BB", m.Params())
	}
	return m.logLik(c.X, c.Tx, c.T), nil
}

// PAlive returns the probability that a customer with history c is alive
// at opportunity T+1 (FHS 2010, eq. 11). It returns 0 for invalid input.
func (m BGBB) PAlive(c Customer) float64 {
	if !m.valid() || c.check(0, true) != nil {
		return 0
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	x, n := c.X, c.T
	l := lbeta(a+x, b+n-x) - lbeta(a, b) + lbeta(g, d+n+1) - lbeta(g, d)
	return math.Min(1, math.Exp(l-m.logLik(x, c.Tx, n)))
}

// survivalRatio returns δ/(γ−1) · (1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(1+δ)Γ(γ+δ+n))),
// with the limit δ·(ψ(1+δ+n) − ψ(1+δ)) at γ = 1.
func (m BGBB) survivalRatio(n float64) float64 {
	g, d := m.Gamma, m.Delta
	if math.Abs(g-1) < 1e-7 {
		return d * (mathext.Digamma(1+d+n) - mathext.Digamma(1+d))
	}
	f := lgamma(g+d) - lgamma(1+d) + lgamma(1+d+n) - lgamma(g+d+n)
	return d / (g - 1) * -math.Expm1(f)
}

// ExpectedPurchases returns E[X(n)], the expected number of transactions of
// a new customer in the n opportunities after the first (FHS 2010,
// eq. 7):
//
//	α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(1+δ)Γ(γ+δ+n))].
//
// n need not be a whole number: the Gamma functions interpolate. It
// returns 0 for n ≤ 0 or invalid parameters.
func (m BGBB) ExpectedPurchases(n float64) float64 {
	if !m.valid() || !(n > 0) || !finite(n) {
		return 0
	}
	return clamp0(m.Alpha / (m.Alpha + m.Beta) * m.survivalRatio(n))
}

// ConditionalExpectedPurchases returns the expected number of transactions
// in the next nStar opportunities of a customer with history c (FHS 2010,
// eq. 13). It returns 0 for nStar ≤ 0 or invalid input.
func (m BGBB) ConditionalExpectedPurchases(c Customer, nStar float64) float64 {
	if !m.valid() || !(nStar > 0) || !finite(nStar) || c.check(0, true) != nil {
		return 0
	}
	a, b, x, n := m.Alpha, m.Beta, c.X, c.T
	// P(alive at n+1) · E[p | x, n] · E[transactions in n* | alive at n+1],
	// written with the future-survival factor of eq. 13.
	l := lbeta(a+x+1, b+n-x) - lbeta(a, b) - m.logLik(x, c.Tx, n)
	g, d := m.Gamma, m.Delta
	var k float64
	if math.Abs(g-1) < 1e-7 {
		k = d * (mathext.Digamma(1+d+n+nStar) - mathext.Digamma(1+d+n))
	} else {
		f1 := lgamma(g+d) - lgamma(1+d) + lgamma(1+d+n) - lgamma(g+d+n)
		f2 := lgamma(g+d) - lgamma(1+d) + lgamma(1+d+n+nStar) - lgamma(g+d+n+nStar)
		k = d / (g - 1) * (math.Exp(f1) - math.Exp(f2))
	}
	return clamp0(math.Exp(l) * k)
}

// PurchaseProbability returns P(X(n) = x), the probability that a new
// customer makes exactly x transactions in n opportunities (FHS 2010,
// eq. 8). It returns 0 for x < 0, x > n or invalid parameters.
func (m BGBB) PurchaseProbability(x, n int) float64 {
	if !m.valid() || x < 0 || x > n {
		return 0
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	fx, fn := float64(x), float64(n)
	lab, lgd := lbeta(a, b), lbeta(g, d)
	l := lchoose(fn, fx) + lbeta(a+fx, b+fn-fx) - lab + lbeta(g, d+fn) - lgd
	for i := x; i < n; i++ {
		fi := float64(i)
		l = logSumExp(l, lchoose(fi, fx)+lbeta(a+fx, b+fi-fx)-lab+lbeta(g+1, d+fi)-lgd)
	}
	return math.Min(1, math.Exp(l))
}

func lchoose(n, k float64) float64 { return lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1) }

func clamp0(v float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}
