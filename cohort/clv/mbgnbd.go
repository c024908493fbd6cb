package clv

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

// check returns a *metrics.ConfigError per parameter that is not positive
// and finite.
func (m MBGNBD) check() error { return errParams("MBGNBD", "R Alpha A B", m.Params()) }

// FitMBGNBD estimates an [MBGNBD] model by maximum likelihood, with the
// analytic gradient. Errors are as for [FitBGNBD].
func FitMBGNBD(customers []Customer, cfg FitConfig) (MBGNBD, FitInfo, error) {
	d, err := prepare(customers, false)
	if err != nil {
		return MBGNBD{}, FitInfo{}, err
	}
	return fitMBGNBD(d, cfg, true)
}

// fitMBGNBD is [FitMBGNBD] of prepared rows; see fitBGNBD.
func fitMBGNBD(d *data, cfg FitConfig, cov bool) (MBGNBD, FitInfo, error) {
	p := problem{model: "MBG/NBD", n: 4, w: d.wsum, hasGrad: true, noCov: !cov,
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
// Errors are as for [BGNBD.LogLikelihood].
func (m MBGNBD) LogLikelihood(c Customer) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	return BGNBD(m).logLikelihood(c, true)
}

// PAlive returns 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}), the
// probability that the customer is still active; unlike the BG/NBD it is
// below 1 for customers with x = 0. Errors are as for [BGNBD.PAlive].
func (m MBGNBD) PAlive(c Customer) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	return logistic(-BGNBD(m).logOddsDead(c, true)), nil
}

// ExpectedPurchases returns E[X(t)] for a new customer:
// b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))]. Errors are as
// for [BGNBD.ConditionalExpectedPurchases].
func (m MBGNBD) ExpectedPurchases(t float64) (float64, error) {
	return m.ConditionalExpectedPurchases(Customer{}, t)
}

// ConditionalExpectedPurchases returns the expected purchases in the next t
// time units of a customer with history c:
// (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} · 2F1(r+x, b+x+1; a+b+x;
// t/(α+T+t))] · P(alive), evaluated as for
// [BGNBD.ConditionalExpectedPurchases], with the same errors.
func (m MBGNBD) ConditionalExpectedPurchases(c Customer, t float64) (float64, error) {
	if err := m.check(); err != nil {
		return 0, err
	}
	if err := c.check(0, false); err != nil {
		return 0, err
	}
	if err := checkHorizon("t", t); err != nil {
		return 0, err
	}
	return BGNBD(m).condExpAny(c, t, true)
}

// aliveFactored: see [BGNBD.aliveFactored].
func (MBGNBD) aliveFactored() {}
