package forecast

import (
	"math"
	"slices"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Forecast is the forecast of the total of the H steps after a series.
type Forecast struct {
	// Point is the forecast total of the H steps; Low and High bound its
	// prediction interval of coverage Level.
	Point, Low, High float64
	Level            float64
	// Steps are the forecasts of each step, with the interval of each
	// step alone.
	Steps []Step
	// Annual reports whether the year-ago term entered the model.
	Annual bool
	// Sigma is the standard deviation of one step's error; Rho the lag-1
	// autocorrelation of the residuals.
	Sigma, Rho float64
	// Rows is the number of steps the regression fitted.
	Rows int
}

// Step is the forecast of one step.
type Step struct {
	Start            time.Time
	Point, Low, High float64
}

// Method describes the model and the interval, for a report.
func (f Forecast) Method() string {
	m := "robust seasonal regression (weekdays, damped local trend"
	if f.Annual {
		m += ", year-ago term"
	}
	return m + "); Gaussian interval of the total, Newey–West error variance"
}

// huberK is the tuning constant of Huber's weights, in robust standard
// deviations: 95 % efficiency under Gaussian errors (Huber 1981).
const huberK = 1.345

// Predict forecasts the total of the h steps after s, with a prediction
// interval of coverage cfg.Level (see the package documentation for the
// model). It returns a *[ValueError] for a NaN or infinite value, a
// *[ShortError] when the history is shorter than [MinDaily] or
// [MinWeekly] steps outside event and missing days, and [ErrSingular]
// when the fit has no unique solution.
//
// Predict panics if h < 1 or cfg has a Level or Damping out of range.
func Predict(s Series, h int, cfg Config) (Forecast, error) {
	if h < 1 {
		panic("forecast: horizon < 1")
	}
	if err := s.check(); err != nil {
		return Forecast{}, err
	}
	cfg = cfg.withDefaults(s.Frequency)
	m, err := fit(s, cfg)
	if err != nil {
		return Forecast{}, err
	}
	return m.predict(h), nil
}

// model is a fitted regression.
type model struct {
	s      Series
	cfg    Config
	ev     events
	miss   events // the missing days (Config.Missing)
	annual bool
	beta   []float64
	cov    *mat.SymDense // of beta, over σ² already included
	sigma  float64
	rho    float64
	acf    []float64 // Bartlett-tapered autocorrelations of lags 0, 1, …
	rows   int
}

// events tells the steps on known event days.
type events map[int]bool // day numbers

func newEvents(days []time.Time) events {
	e := make(events, len(days))
	for _, d := range days {
		e[dayNumber(d)] = true
	}
	return e
}

// has reports whether step i of s holds an event day.
func (e events) has(s Series, i int) bool {
	if len(e) == 0 {
		return false
	}
	d0 := dayNumber(s.At(i))
	for k := range s.Frequency.days() {
		if e[d0+k] {
			return true
		}
	}
	return false
}

// out reports whether step i of the history is left out of the fit and
// of the levels: an event or a missing day.
func (m *model) out(i int) bool { return m.ev.has(m.s, i) || m.miss.has(m.s, i) }

// yearAgo returns the step a year before step i: the same calendar date
// for a daily series, 52 weeks before for a weekly one.
func (m *model) yearAgo(i int) int {
	if m.s.Frequency == Weekly {
		return i - 52
	}
	return m.s.index(m.s.At(i).AddDate(-1, 0, 0))
}

// annualValue returns the year-ago regressor of step i, and whether the
// history holds it: a weekly series' missing year-ago week does not,
// nor a daily series' year-ago week all of whose days are events or
// missing.
func (m *model) annualValue(i int) (float64, bool) {
	j := m.yearAgo(i)
	v := m.s.Values
	if m.s.Frequency == Weekly {
		if j < 0 || j >= len(v) || m.miss.has(m.s, j) {
			return 0, false
		}
		return v[j], true
	}
	if j-annualHalf < 0 || j+annualHalf >= len(v) {
		return 0, false
	}
	var sum float64
	var n int
	for k := j - annualHalf; k <= j+annualHalf; k++ {
		if !m.out(k) {
			sum += v[k]
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// ncol returns the number of regressors.
func (m *model) ncol() int {
	p := 2
	if m.s.Frequency == Daily {
		p += 6
	}
	if m.annual {
		p++
	}
	return p
}

// row fills x with the regressors of step i, its trend term being t.
func (m *model) row(x []float64, i int, t float64) {
	x[0], x[1] = 1, t
	k := 2
	if m.s.Frequency == Daily {
		wd := int(m.s.At(i).Weekday()) // Sunday 0 is the baseline
		for d := 1; d <= 6; d++ {
			x[k] = 0
			if wd == d {
				x[k] = 1
			}
			k++
		}
	}
	if m.annual {
		x[k] = m.annualAt(i)
	}
}

// annualAt returns the year-ago regressor of step i, or, beyond a year
// ahead, that of the latest step of the same weekday that has one.
func (m *model) annualAt(i int) float64 {
	back := 1
	if m.s.Frequency == Daily {
		back = 7
	}
	for ; i >= 0; i -= back {
		if v, ok := m.annualValue(i); ok {
			return v
		}
	}
	return 0
}

func fit(s Series, cfg Config) (*model, error) {
	m := &model{s: s, cfg: cfg, ev: newEvents(cfg.Events), miss: newEvents(cfg.Missing)}
	n := len(s.Values)
	need := MinDaily
	if s.Frequency == Weekly {
		need = MinWeekly
	}
	start := max(n-cfg.Window, 0)
	// The annual term enters when a year before the window is known.
	first := 0
	for first < n {
		if _, ok := m.annualValue(first); ok {
			break
		}
		first++
	}
	if n-first >= max(need, pick(s.Frequency == Daily, 91, 40)) {
		m.annual = true
		start = max(start, first)
	}
	var rows []int
	for i := start; i < n; i++ {
		if !m.out(i) {
			rows = append(rows, i)
		}
	}
	if len(rows) < need {
		usable := 0
		for i := range n {
			if !m.out(i) {
				usable++
			}
		}
		return nil, &ShortError{Have: usable, Need: need, Frequency: s.Frequency}
	}
	p := m.ncol()
	X := mat.NewDense(len(rows), p, nil)
	y := make([]float64, len(rows))
	d := make([]float64, len(rows)) // the decay weights
	for r, i := range rows {
		m.row(X.RawRowView(r), i, float64(i-(n-1)))
		y[r] = s.Values[i]
		d[r] = math.Exp2(-float64(n-1-i) / cfg.HalfLife)
	}
	w := slices.Clone(d)
	res := make([]float64, len(rows))
	var beta []float64
	var scale float64
	for range 30 {
		b, err := wls(X, y, w)
		if err != nil {
			return nil, err
		}
		beta = b
		var fitted mat.VecDense
		fitted.MulVec(X, mat.NewVecDense(p, beta))
		abs := make([]float64, len(rows))
		for r := range rows {
			res[r] = y[r] - fitted.AtVec(r)
			abs[r] = math.Abs(res[r])
		}
		slices.Sort(abs)
		scale = 1.4826 * stat.Quantile(0.5, stat.LinInterp, abs, nil)
		if scale == 0 {
			break
		}
		change := 0.0
		for r := range rows {
			u := 1.0
			if a := math.Abs(res[r]); a > huberK*scale {
				u = huberK * scale / a
			}
			nw := d[r] * u
			change = max(change, math.Abs(nw-w[r]))
			w[r] = nw
		}
		if change < 1e-6 {
			break
		}
	}
	// σ² from the unclipped residuals, weighted by age only.
	var ss, sd float64
	for r := range rows {
		ss += d[r] * res[r] * res[r]
		sd += d[r]
	}
	dof := float64(len(rows)) / float64(len(rows)-p)
	m.sigma = math.Sqrt(ss / sd * dof)
	m.rho = lag1(rows, res, 3*scale)
	m.acf = acf(rows, res, 3*scale, min(len(rows)/4, 35))
	// Sandwich covariance of the weighted fit: σ²·B·(XᵀW²X)·B, B = (XᵀWX)⁻¹.
	xtwx, xtw2x := mat.NewSymDense(p, nil), mat.NewSymDense(p, nil)
	for r := range rows {
		xr := X.RawRowView(r)
		for a := range p {
			for b := a; b < p; b++ {
				xtwx.SetSym(a, b, xtwx.At(a, b)+w[r]*xr[a]*xr[b])
				xtw2x.SetSym(a, b, xtw2x.At(a, b)+w[r]*w[r]*xr[a]*xr[b])
			}
		}
	}
	var inv mat.Dense
	if err := inv.Inverse(xtwx); err != nil {
		return nil, ErrSingular
	}
	var tmp, cov mat.Dense
	tmp.Mul(&inv, xtw2x)
	cov.Mul(&tmp, &inv)
	infl := 1.0
	if m.rho > 0 {
		infl = (1 + m.rho) / (1 - m.rho)
	}
	m.cov = mat.NewSymDense(p, nil)
	for a := range p {
		for b := a; b < p; b++ {
			m.cov.SetSym(a, b, (cov.At(a, b)+cov.At(b, a))/2*m.sigma*m.sigma*infl)
		}
	}
	m.beta = beta
	m.rows = len(rows)
	return m, nil
}

// wls solves the weighted least squares of y on X by QR.
func wls(X *mat.Dense, y, w []float64) ([]float64, error) {
	r, c := X.Dims()
	A := mat.NewDense(r, c, nil)
	b := mat.NewVecDense(r, nil)
	for i := range r {
		sw := math.Sqrt(w[i])
		for j := range c {
			A.Set(i, j, sw*X.At(i, j))
		}
		b.SetVec(i, sw*y[i])
	}
	var qr mat.QR
	qr.Factorize(A)
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, b); err != nil {
		return nil, ErrSingular
	}
	return beta.RawVector().Data, nil
}

// lag1 returns the lag-1 autocorrelation of the residuals of consecutive
// steps, each clipped at ±clip, clamped to [−0.5, 0.95].
func lag1(rows []int, res []float64, clip float64) float64 {
	c := func(v float64) float64 {
		if clip > 0 {
			return min(max(v, -clip), clip)
		}
		return v
	}
	var num, den float64
	for r := range rows {
		den += c(res[r]) * c(res[r])
		if r > 0 && rows[r-1] == rows[r]-1 {
			num += c(res[r-1]) * c(res[r])
		}
	}
	if den == 0 {
		return 0
	}
	return min(max(num/den, -0.5), 0.95)
}

// localLevel returns the mean of the steps within 14 of j, other than j,
// the event days and the missing days, and whether there is one.
func (m *model) localLevel(j int) (float64, bool) {
	v := m.s.Values
	var sum float64
	var n int
	for k := max(j-14, 0); k <= min(j+14, len(v)-1); k++ {
		if k != j && !m.out(k) {
			sum += v[k]
			n++
		}
	}
	if n == 0 || sum <= 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// lift returns the factor of future step i: for an event day whose same
// date a year before was an event too, that day's actual over its local
// level; else 1. A year-ago day that is missing gives no lift.
//
// Spikes are not found unmarked: in the demo's daily net sales, a day at
// twice the mean of the 28 days around it happens a dozen times a year by
// chance (large baskets), as often as on 11.11 (2.6 times its level in
// the first year, 2.2 in the second), and a robust z-score does not tell
// them apart either.
func (m *model) lift(i int) float64 {
	j := m.yearAgo(i)
	v := m.s.Values
	if j < 0 || j >= len(v) {
		return 1
	}
	if !m.ev.has(m.s, i) || !m.ev.has(m.s, j) || m.miss.has(m.s, j) {
		return 1
	}
	lvl, ok := m.localLevel(j)
	if !ok || v[j] <= 0 {
		return 1
	}
	return v[j] / lvl
}

func (m *model) predict(h int) Forecast {
	n := len(m.s.Values)
	p := m.ncol()
	z := distuv.UnitNormal.Quantile(0.5 + m.cfg.Level/2)
	nonneg := !slices.ContainsFunc(m.s.Values, func(v float64) bool { return v < 0 })
	f := Forecast{Level: m.cfg.Level, Annual: m.annual, Sigma: m.sigma, Rho: m.rho, Rows: m.rows}
	x := make([]float64, p)
	sumX := mat.NewVecDense(p, nil)
	lifts := make([]float64, h)
	damped, phi := 0.0, 1.0
	for k := 1; k <= h; k++ {
		i := n - 1 + k
		phi *= m.cfg.Damping
		damped += phi
		m.row(x, i, damped)
		l := m.lift(i)
		lifts[k-1] = l
		xv := mat.NewVecDense(p, slices.Clone(x))
		pt := l * mat.Dot(xv, mat.NewVecDense(p, m.beta))
		v := l*l*m.sigma*m.sigma + l*l*mat.Inner(xv, m.cov, xv)
		sumX.AddScaledVec(sumX, l, xv)
		sd := math.Sqrt(v)
		st := Step{Start: m.s.At(i), Point: pt, Low: pt - z*sd, High: pt + z*sd}
		if nonneg {
			st.Point, st.Low = max(st.Point, 0), max(st.Low, 0)
		}
		f.Steps = append(f.Steps, st)
		f.Point += st.Point // a step clipped at zero counts as zero, so the steps add up to the total
	}
	// The variance of the sum of the errors under AR(1).
	var ve float64
	for a := range h {
		for b := range h {
			if k := max(a-b, b-a); k < len(m.acf) {
				ve += lifts[a] * lifts[b] * m.acf[k]
			}
		}
	}
	ve *= m.sigma * m.sigma
	vp := mat.Inner(sumX, m.cov, sumX)
	sd := math.Sqrt(ve + vp)
	f.Low, f.High = f.Point-z*sd, f.Point+z*sd
	if nonneg {
		f.Point, f.Low = max(f.Point, 0), max(f.Low, 0)
	}
	return f
}

// acf returns the autocorrelations of lags 0 to L of the residuals of
// consecutive steps, each clipped at ±clip, with Bartlett's taper
// 1 − k/(L+1) (Newey and West 1987), so that the variance of a sum they
// give is never negative.
func acf(rows []int, res []float64, clip float64, L int) []float64 {
	c := make(map[int]float64, len(rows))
	var den float64
	for r, i := range rows {
		v := res[r]
		if clip > 0 {
			v = min(max(v, -clip), clip)
		}
		c[i] = v
		den += v * v
	}
	out := []float64{1}
	if den == 0 {
		return out
	}
	for k := 1; k <= L; k++ {
		var num float64
		for _, i := range rows {
			if v, ok := c[i+k]; ok {
				num += c[i] * v
			}
		}
		out = append(out, num/den*(1-float64(k)/float64(L+1)))
	}
	return out
}

// annualHalf is the half-width, in days, of the centred mean around the
// same date a year before that makes the annual regressor of a daily
// series: a week, so that each weekday counts once. (A month, ±14 days,
// forecast the months of a two-year demo worse: mean MAPE 9.6 % against
// 8.6 % over three seeds.)
const annualHalf = 3
