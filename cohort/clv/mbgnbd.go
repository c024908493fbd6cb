package clv

import "math"

// MBGNBD is the modified BG/NBD of Batislam, Denizel and Filiztekin (2007),
// "Empirical validation and comparison of models for customer base
// analysis", International Journal of Research in Marketing 24(3). It is
// the [BGNBD] with one more dropout opportunity, at the first purchase, so
// that customers with no repeat purchase are not assumed alive.
type MBGNBD struct {
	R, Alpha, A, B float64
}

// Params returns r, α, a, b, the order of [FitConfig.Initial] and
// [FitInfo.StdErr].
func (m MBGNBD) Params() []float64 { return []float64{m.R, m.Alpha, m.A, m.B} }

// core returns the BG/NBD whose formulas, with b+1 for b and the dropout
// term applied to x = 0, are the MBG/NBD's.
func (m MBGNBD) core() BGNBD { return BGNBD{m.R, m.Alpha, m.A, m.B + 1} }

func (m MBGNBD) valid() bool { return BGNBD(m).valid() }

// FitMBGNBD estimates an [MBGNBD] model by maximum likelihood, with the
// analytic gradient. Errors are as for [FitBGNBD].
func FitMBGNBD(customers []Customer, cfg FitConfig) (MBGNBD, FitInfo, error) {
	d, err := prepare(customers, false)
	if err != nil {
		return MBGNBD{}, FitInfo{}, err
	}
	p := problem{model: "MBG/NBD", n: 4, w: d.wsum, hasGrad: true,
		ll: func(th, g []float64) float64 { return d.bgnbdLL(th, g, true) }}
	th, info, err := p.fit(cfg, []float64{1, 1, 1, 1})
	info.Rows = len(d.x)
	return MBGNBD{th[0], th[1], th[2], th[3]}, info, err
}

// LogLikelihood returns the log-likelihood of one customer's (x, t_x, T),
// ignoring Weight:
//
//	log[B(a, b+x+1)/B(a, b) · Γ(r+x)α^r/Γ(r) · (α+T)^{−(r+x)}
//	    · (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x})].
//
// It returns a *[CustomerError] for an invalid customer and
// [ErrInvalidConfig] for invalid parameters.
func (m MBGNBD) LogLikelihood(c Customer) (float64, error) {
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	if !m.valid() {
		return 0, errParams("MBG/NBD", m.Params())
	}
	d, err := prepare([]Customer{{X: c.X, Tx: c.Tx, T: c.T}}, false)
	if err != nil {
		return 0, err
	}
	return d.bgnbdLL(m.Params(), nil, true), nil
}

// PAlive returns 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}), the
// probability that the customer is still active; unlike the BG/NBD it is
// below 1 for customers with x = 0. It returns 0 for invalid input.
func (m MBGNBD) PAlive(c Customer) float64 {
	if !m.valid() || c.check(0, false) != nil {
		return 0
	}
	return logistic(-m.core().logOddsDead(c, true))
}

// ExpectedPurchases returns E[X(t)] for a new customer:
// b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))]. It returns 0
// for t ≤ 0 or invalid parameters.
func (m MBGNBD) ExpectedPurchases(t float64) float64 {
	return m.ConditionalExpectedPurchases(Customer{}, t)
}

// ConditionalExpectedPurchases returns the expected purchases in the next t
// time units of a customer with history c:
// (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} · 2F1(r+x, b+x+1; a+b+x;
// t/(α+T+t))] · P(alive), evaluated as for [BGNBD.ConditionalExpectedPurchases].
// It returns 0 for t ≤ 0 or invalid input.
func (m MBGNBD) ConditionalExpectedPurchases(c Customer, t float64) float64 {
	if !m.valid() || !(t > 0) || !finite(t) || c.check(0, false) != nil {
		return 0
	}
	v := m.core().condExpAny(c, t, true)
	if math.IsNaN(v) {
		return 0
	}
	return v
}
