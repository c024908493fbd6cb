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

// check returns a *metrics.ConfigError per parameter that is not positive
// and finite.
func (m BGBB) check() error { return errParams("BGBB", "Alpha Beta Gamma Delta", m.Params()) }

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
			l, ok := m.logLik(c.X, c.Tx, c.T)
			if !ok {
				return math.NaN()
			}
			s += c.Weight * l
		}
		return s
	}
	p := problem{model: "BG/BB", n: 4, w: wsum, ll: ll}
	th, info, err := p.fit(cfg, []float64{1, 1, 1, 1})
	info.Rows = len(rows)
	return BGBB{th[0], th[1], th[2], th[3]}, info, err
}

// maxBGBBTerms bounds the sums over opportunities in the BG/BB likelihood
// and purchase probabilities.
const maxBGBBTerms = 1_000_000

// logLik is FHS (2010) eq. (5) in log space. Whole-number parts are
// summed before the parameters (b+(n−x), not b+n−x), so a tiny b survives
// next to a huge n. Its sum over the n − t_x
// opportunities after the last transaction has decreasing terms, so it
// stops once the remaining ones cannot add 1e-17 of the total; ok is false
// if more than maxBGBBTerms terms would be needed or the value is not
// finite.
func (m BGBB) logLik(x, tx, n float64) (float64, bool) {
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	lab, lgd := lbeta(a, b), lbeta(g, d)
	l := lbeta(a+x, b+(n-x)) - lab + lbeta(g, d+n) - lgd
	for i := 0.0; i < n-tx; i++ {
		if i >= maxBGBBTerms {
			return 0, false
		}
		ti := lbeta(a+x, b+(tx-x+i)) - lab + lbeta(g+1, d+tx+i) - lgd
		l = logSumExp(l, ti)
		if ti+ln(n-tx-i) < l-40 {
			break
		}
	}
	return l, finite(l)
}

// LogLikelihood returns the log-likelihood of one customer's (x, t_x, n)
// (FHS 2010, eq. 5), ignoring Weight. It returns a *[CustomerError] for an
// invalid customer, a *metrics.ConfigError per invalid parameter and an
// *[UndefinedError] if the value cannot be represented or computed.
func (m BGBB) LogLikelihood(c Customer) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := c.check(0, true); err != nil {
		return 0, err
	}
	l, ok := m.logLik(c.X, c.Tx, c.T)
	if !ok {
		return 0, undefined("BG/BB", "log-likelihood", "not computable for x %v, t_x %v, n %v", c.X, c.Tx, c.T)
	}
	return l, nil
}

// PAlive returns the probability that a customer with history c is alive
// at opportunity T+1 (FHS 2010, eq. 11). Errors are as for
// [BGBB.LogLikelihood].
func (m BGBB) PAlive(c Customer) (float64, error) {
	ll, err := m.LogLikelihood(c)
	if err != nil {
		return 0, err
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	x, n := c.X, c.T
	l := lbeta(a+x, b+(n-x)) - lbeta(a, b) + lbeta(g, d+n+1) - lbeta(g, d)
	p := math.Exp(l - ll)
	if !(p >= 0) {
		return 0, undefined("BG/BB", "P(alive)", "%v in float64 arithmetic", p)
	}
	return math.Min(1, p), nil
}

// survivalRatio returns δ/(γ−1) · (1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(1+δ)Γ(γ+δ+n))),
// with the limit δ·(ψ(1+δ+n) − ψ(1+δ)) at γ = 1.
func (m BGBB) survivalRatio(n float64) float64 {
	return m.survivalBetween(0, n)
}

// survivalBetween returns δ/(γ−1) · (e^{f(n0)} − e^{f(n1)}), f(n) =
// log[Γ(γ+δ)Γ(1+δ+n)/(Γ(1+δ)Γ(γ+δ+n))], the expected number of the
// opportunities n0+1, …, n1 at which a customer alive at the start is
// still alive, up to the factor Γ-ratio of n0; with the digamma limit at
// γ = 1.
func (m BGBB) survivalBetween(n0, n1 float64) float64 {
	g, d := m.Gamma, m.Delta
	if math.Abs(g-1) < 1e-7 {
		return d * (mathext.Digamma(1+d+n1) - mathext.Digamma(1+d+n0))
	}
	f := func(n float64) float64 { return lgamma(g+d) - lgamma(1+d) + lgamma(1+d+n) - lgamma(g+d+n) }
	f0, f1 := f(n0), f(n1)
	return d / (g - 1) * math.Exp(f0) * -math.Expm1(f1-f0)
}

// ExpectedPurchases returns E[X(n)], the expected number of transactions of
// a new customer in the n opportunities after the first (FHS 2010,
// eq. 7):
//
//	α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(1+δ)Γ(γ+δ+n))].
//
// n need not be a whole number: the Gamma functions interpolate. It
// returns a *metrics.ConfigError for invalid parameters or a negative or
// non-finite n and an *[UndefinedError] if the value overflows.
func (m BGBB) ExpectedPurchases(n float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := checkHorizon("n", n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, nil
	}
	v := m.Alpha / (m.Alpha + m.Beta) * m.survivalRatio(n)
	if !(v >= 0) || !finite(v) {
		return 0, undefined("BG/BB", "E[X(n)]", "%v in float64 arithmetic", v)
	}
	return v, nil
}

// ConditionalExpectedPurchases returns the expected number of transactions
// in the next nStar opportunities of a customer with history c (FHS 2010,
// eq. 13). Errors are as for [BGBB.LogLikelihood], with a
// *metrics.ConfigError for a negative or non-finite nStar.
func (m BGBB) ConditionalExpectedPurchases(c Customer, nStar float64) (float64, error) {
	ll, err := m.LogLikelihood(c)
	if err != nil {
		return 0, err
	}
	if err := checkHorizon("nStar", nStar); err != nil {
		return 0, err
	}
	if nStar == 0 {
		return 0, nil
	}
	a, b, x, n := m.Alpha, m.Beta, c.X, c.T
	// P(alive at n+1) · E[p | x, n] · E[transactions in n* | alive at n+1],
	// written with the future-survival factor of eq. 13.
	l := lbeta(a+x+1, b+(n-x)) - lbeta(a, b) - ll
	v := math.Exp(l) * m.survivalBetween(n, n+nStar)
	if !(v >= 0) || !finite(v) {
		return 0, undefined("BG/BB", "E[Y(n*)]", "%v in float64 arithmetic", v)
	}
	return v, nil
}

// PurchaseProbability returns P(X(n) = x), the probability that a new
// customer makes exactly x transactions in n opportunities (FHS 2010,
// eq. 8); 0 for x > n. It returns a *metrics.ConfigError for invalid
// parameters or a negative x or n, and an *[UndefinedError] for more than
// 1,000,000 opportunities.
func (m BGBB) PurchaseProbability(x, n int) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if x < 0 || n < 0 {
		return 0, configError("x, n", "must not be negative, got %d and %d", x, n)
	}
	if x > n {
		return 0, nil
	}
	if n-x > maxBGBBTerms {
		return 0, undefined("BG/BB", "P(X(n)=x)", "n − x = %d opportunities exceed %d", n-x, maxBGBBTerms)
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	fx, fn := float64(x), float64(n)
	lab, lgd := lbeta(a, b), lbeta(g, d)
	l := lchoose(fn, fx) + lbeta(a+fx, b+(fn-fx)) - lab + lbeta(g, d+fn) - lgd
	for i := x; i < n; i++ {
		fi := float64(i)
		l = logSumExp(l, lchoose(fi, fx)+lbeta(a+fx, b+(fi-fx))-lab+lbeta(g+1, d+fi)-lgd)
	}
	p := math.Exp(l)
	if !(p >= 0) || p > 1+1e-9 {
		return 0, undefined("BG/BB", "P(X(n)=x)", "%v is not a probability", p)
	}
	return math.Min(1, p), nil
}

func lchoose(n, k float64) float64 { return lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1) }

func clamp0(v float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}
