package clv

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is an estimate with a two-sided confidence interval.
type Interval struct {
	// Value is the point estimate.
	Value float64 `json:"value"`
	// StdErr is its standard error, and Low and High the interval's
	// bounds: Value ∓ z·StdErr, with Low clamped at 0 (a value is never
	// negative). They are 0 when Defined is false.
	StdErr float64 `json:"std_err"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	// Defined is false when the fit gave no covariance matrix (its
	// information matrix was not positive definite), so that only the
	// point estimate is known.
	Defined bool `json:"defined"`
}

// CustomerValue is one customer's forecast, a row of the per-customer
// export.
// Its JSON form has the field names of [WriteCSV]'s header.
type CustomerValue struct {
	ID string  `json:"customer"`
	X  float64 `json:"x"`
	Tx float64 `json:"t_x"`
	T  float64 `json:"T"`
	// PAlive is the probability that the customer is still active.
	PAlive float64 `json:"p_alive"`
	// Purchases is the expected number of purchases over the horizon,
	// undiscounted.
	Purchases float64 `json:"purchases"`
	// Spend is the expected spend per purchase (Gamma-Gamma), in the
	// currency units of Customer.Monetary.
	Spend float64 `json:"spend"`
	// CLV is the customer's value over the horizon ([CLV]) with its
	// interval.
	CLV Interval `json:"clv"`
}

// Uncertainty holds the covariance matrices of the two fits behind a CLV,
// as [FitInfo.Cov] gives them: Purchases for the transaction model, Spend
// for the Gamma-Gamma. A nil matrix makes every interval undefined.
type Uncertainty struct {
	Purchases, Spend [][]float64
	// Level is the confidence level of the intervals. Defaults to 0.95.
	Level float64
}

// Intervals returns every customer's value over the horizon of cfg with a
// confidence interval, in input order, and the total over all customers
// (weighted by Customer.Weight) with its interval.
//
// The intervals carry the uncertainty of the estimated parameters, by the
// delta method: with g the gradient of a value with respect to the
// parameters of both models and Σ the block-diagonal covariance of the two
// independent fits, Var ≈ gᵀΣg, and the interval is value ± z·√Var (z the
// normal quantile of the level), its low end clamped at 0. The gradient of
// the discounted purchases is taken by forward differences with a step of
// 1e-4 of each parameter; that of the expected spend is analytic. They do
// not include the randomness of the purchases themselves (a customer's
// actual value varies far more than its expectation): they say how well
// the data pin down the expectation. The total's interval uses the summed
// gradient, since all customers share the parameters.
//
// Each distinct history (X, Tx, T) is forecast once per parameter set,
// which is what makes a million customers affordable (BenchmarkIntervals1M).
//
// Errors are those of [CLV] for any customer (each distinct history that
// fails, joined and naming the first customer with it), a
// *metrics.ConfigError for a covariance matrix whose size does not match
// its model or a level outside (0, 1), and a *metrics.ConfigError for a
// model type Intervals cannot perturb (BGNBD, MBGNBD, ParetoNBD and BGBB
// are supported). The result is nil if anything fails.
func Intervals(m PurchaseModel, spend GammaGamma, u Uncertainty, customers []Customer, cfg ValueConfig) ([]CustomerValue, Interval, error) {
	var errs []error
	params, withParams, ok := perturbable(m)
	if !ok {
		return nil, Interval{}, configError("model", "cannot perturb a %T", m)
	}
	if err := cfg.check(); err != nil {
		errs = append(errs, err)
	}
	if err := spend.check(); err != nil {
		errs = append(errs, err)
	}
	level := u.Level
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) {
		errs = append(errs, configError("Uncertainty.Level", "must be in (0, 1), got %v", u.Level))
	}
	checkCov := func(name string, cov [][]float64, n int) {
		if cov == nil {
			return
		}
		bad := len(cov) != n
		for _, row := range cov {
			bad = bad || len(row) != n
		}
		if bad {
			errs = append(errs, configError("Uncertainty."+name, "is not %d×%d", n, n))
		}
	}
	checkCov("Purchases", u.Purchases, len(params))
	checkCov("Spend", u.Spend, 3)
	if len(errs) > 0 {
		return nil, Interval{}, joinErrs(errs)
	}
	defined := u.Purchases != nil && u.Spend != nil
	// Perturbed models, one per parameter.
	np := len(params)
	steps := make([]float64, np)
	perturbed := make([]PurchaseModel, np)
	for j := range params {
		p := append([]float64(nil), params...)
		steps[j] = 1e-4 * params[j]
		p[j] += steps[j]
		perturbed[j] = withParams(p)
	}
	margin := cfg.Margin
	if margin == 0 {
		margin = 1
	}
	z := distuv.UnitNormal.Quantile(0.5 + level/2)

	type hist struct {
		dp, pa, purchases float64
		grad              []float64 // ∂dp/∂θ
		err               error
	}
	// A history's forecast is looked up by (x, t_x, T): in the row
	// before when the rows are in the order of [Group] (each history's
	// rows side by side; the review's 180k histories then need no map
	// and no forecast kept), in memo otherwise.
	adjacent := historiesAdjacent(customers)
	var memo map[groupKey]*hist
	if !adjacent {
		memo = make(map[groupKey]*hist)
	}
	var prevKey groupKey
	var prev *hist
	unit := float64(cfg.TimeUnit)
	horizon := float64(cfg.Horizon) / unit
	models := append([]PurchaseModel{m}, perturbed...)
	// For the BG/NBD, the MBG/NBD and the Pareto/NBD a forecast is
	// P(alive | x, t_x, T) times a forecast given alive that depends on x
	// and T only. That part is computed once per (x, T) and model, from
	// the customer who bought last at T, and divided by their P(alive);
	// day-resolution data have far fewer (x, T) pairs than histories.
	_, factored := m.(interface{ aliveFactored() })
	type alivePart struct {
		dp, purchases []float64 // per model, given alive
		err           error
	}
	alive := make(map[groupKey]*alivePart) // by (x, T)
	aliveOf := func(c Customer) *alivePart {
		k, _ := keyOf(c.X, c.T, 0, 0) // a valid row
		if a, ok := alive[k]; ok {
			return a
		}
		a := &alivePart{dp: make([]float64, len(models)), purchases: make([]float64, len(models))}
		alive[k] = a
		r := Customer{X: c.X, T: c.T}
		if c.X > 0 {
			r.Tx = c.T
		}
		n := len(models)
		if !defined {
			n = 1
		}
		for j, mm := range models[:n] {
			pa, err := mm.PAlive(r)
			if err == nil && !(pa > 0) {
				err = undefined("CLV", "value", "P(alive) underflows for x %v, T %v", c.X, c.T)
			}
			var dp, e float64
			if err == nil {
				dp, err = discountedOf(mm, r, cfg)
			}
			if err == nil && j == 0 {
				e, err = mm.ConditionalExpectedPurchases(r, horizon)
			}
			if err != nil {
				a.err = err
				return a
			}
			a.dp[j], a.purchases[j] = dp/pa, e/pa
		}
		return a
	}
	forecast := func(c Customer, h *hist) error {
		if !factored {
			var err error
			if h.dp, err = DiscountedPurchases(m, c, cfg); err != nil {
				return err
			}
			if h.pa, err = m.PAlive(c); err != nil {
				return err
			}
			if h.purchases, err = m.ConditionalExpectedPurchases(c, horizon); err != nil {
				return err
			}
			if defined {
				h.grad = gradOf(h.grad, np)
				for j, pm := range perturbed {
					v, err := DiscountedPurchases(pm, c, cfg)
					if err != nil {
						return err
					}
					h.grad[j] = (v - h.dp) / steps[j]
				}
			}
			return nil
		}
		a := aliveOf(c)
		if a.err != nil {
			return a.err
		}
		var err error
		if h.pa, err = m.PAlive(c); err != nil {
			return err
		}
		h.dp, h.purchases = h.pa*a.dp[0], h.pa*a.purchases[0]
		if defined {
			h.grad = gradOf(h.grad, np)
			for j, pm := range perturbed {
				pa, err := pm.PAlive(c)
				if err != nil {
					return err
				}
				h.grad[j] = (pa*a.dp[j+1] - h.dp) / steps[j]
			}
		}
		return nil
	}
	out := make([]CustomerValue, len(customers))
	total := Interval{Defined: defined}
	gTotal := make([]float64, np+3)
	g := make([]float64, np+3)
	for i, c := range customers {
		if err := c.check(i, false); err != nil {
			errs = append(errs, err)
			continue
		}
		k, _ := keyOf(c.X, c.Tx, c.T, 0) // checked: no NaN
		h, seen := prev, prev != nil && k == prevKey
		if !seen && !adjacent {
			h, seen = memo[k]
		}
		if !seen {
			switch {
			case !adjacent:
				h = &hist{}
				memo[k] = h
			case h == nil:
				h = &hist{}
			default:
				// The history before is done with: its rows are all
				// before this one.
				*h = hist{grad: h.grad}
			}
			if h.err = forecast(c, h); h.err != nil {
				errs = append(errs, fmt.Errorf("clv: customer %d (id %q): %w", i, c.ID, h.err))
			}
		}
		prevKey, prev = k, h
		if h.err != nil {
			continue
		}
		s, err := spend.ExpectedSpend(c)
		if err != nil {
			errs = append(errs, fmt.Errorf("clv: customer %d (id %q): %w", i, c.ID, err))
			continue
		}
		v := h.dp * s * margin
		cv := CustomerValue{ID: c.ID, X: c.X, Tx: c.Tx, T: c.T, PAlive: h.pa, Purchases: h.purchases, Spend: s,
			CLV: Interval{Value: v, Defined: defined}}
		w := c.weight()
		total.Value += w * v
		if defined {
			for j := range np {
				g[j] = margin * s * h.grad[j]
			}
			ds := spendGrad(spend, c)
			for j := range 3 {
				g[np+j] = margin * h.dp * ds[j]
			}
			for j := range g {
				gTotal[j] += w * g[j]
			}
			cv.CLV = interval(v, quadForm(g, np, u), z)
		}
		out[i] = cv
	}
	if len(errs) > 0 {
		return nil, Interval{}, errors.Join(errs...)
	}
	if defined {
		total = interval(total.Value, quadForm(gTotal, np, u), z)
	}
	return out, total, nil
}

// historiesAdjacent reports whether the rows of each history (X, Tx, T)
// are side by side in cs: whether cs is sorted by (X, Tx, T), as [Group]
// returns rows, with no NaN.
func historiesAdjacent(cs []Customer) bool {
	for i, c := range cs {
		if c.X != c.X || c.Tx != c.Tx || c.T != c.T {
			return false
		}
		if i == 0 {
			continue
		}
		p := cs[i-1]
		if c.X < p.X || c.X == p.X && (c.Tx < p.Tx || c.Tx == p.Tx && c.T < p.T) {
			return false
		}
	}
	return true
}

// gradOf returns g with length n, reusing its memory when it has room.
func gradOf(g []float64, n int) []float64 {
	if cap(g) >= n {
		return g[:n]
	}
	return make([]float64, n)
}

// discountedOf is DiscountedPurchases(m, c, cfg) of a checked cfg and a
// valid c. For the BG/NBD and the MBG/NBD with valid parameters, P(alive)
// is computed once for the K forecasts, each then P(alive) times
// condExpAlive, multiplied as ConditionalExpectedPurchases multiplies
// them: the same value, without K checks and P(alive)s.
func discountedOf(m PurchaseModel, c Customer, cfg ValueConfig) (float64, error) {
	bg, mbg, ok := bgnbdOf(m)
	if !ok || bg.check() != nil {
		return DiscountedPurchases(m, c, cfg)
	}
	pa := logistic(-bg.logOddsDead(c, mbg))
	return discounted(cfg, func(t float64) (float64, error) {
		if t == 0 || pa == 0 {
			return 0, nil
		}
		if e, ok := bg.condExpAlive(c, t, mbg); ok {
			return clamp0(e * pa), nil
		}
		return m.ConditionalExpectedPurchases(c, t) // its error
	})
}

// interval returns v ± z·√variance, the low end clamped at 0.
func interval(v, variance, z float64) Interval {
	se := math.Sqrt(math.Max(variance, 0))
	return Interval{Value: v, StdErr: se, Low: math.Max(0, v-z*se), High: v + z*se, Defined: finite(se)}
}

// quadForm returns gᵀΣg for the block-diagonal Σ of u, the first np
// entries of g belonging to the purchase model.
func quadForm(g []float64, np int, u Uncertainty) float64 {
	s := 0.0
	for i := range np {
		for j := range np {
			s += g[i] * u.Purchases[i][j] * g[j]
		}
	}
	for i := range 3 {
		for j := range 3 {
			s += g[np+i] * u.Spend[i][j] * g[np+j]
		}
	}
	return s
}

// spendGrad returns the gradient of E[Z | x, m̄] = p(γ+xm̄)/(px+q−1) with
// respect to (p, q, γ).
func spendGrad(m GammaGamma, c Customer) [3]float64 {
	num := m.Gamma + c.X*c.Monetary
	den := m.P*c.X + m.Q - 1
	return [3]float64{num * (m.Q - 1) / (den * den), -m.P * num / (den * den), m.P / den}
}

// perturbable returns the parameters of m and a function that makes a
// model of m's type from other parameters, or false for a model type
// Intervals cannot perturb.
func perturbable(m PurchaseModel) ([]float64, func(p []float64) PurchaseModel, bool) {
	switch m := m.(type) {
	case BGNBD:
		return m.Params(), func(p []float64) PurchaseModel { return BGNBD{p[0], p[1], p[2], p[3]} }, true
	case MBGNBD:
		return m.Params(), func(p []float64) PurchaseModel { return MBGNBD{p[0], p[1], p[2], p[3]} }, true
	case ParetoNBD:
		return m.Params(), func(p []float64) PurchaseModel { return ParetoNBD{p[0], p[1], p[2], p[3]} }, true
	case BGBB:
		return m.Params(), func(p []float64) PurchaseModel { return BGBB{p[0], p[1], p[2], p[3]} }, true
	}
	return nil, nil, false
}
