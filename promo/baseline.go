package promo

import (
	"fmt"
	"math"
	"math/big"

	"gonum.org/v1/gonum/mat"
)

// BaselineMethod is how the sales a promotion's items would have made
// without it are estimated. Every method is fitted on the pre-period, the
// days just before the window ([Config.PreDays], 4 weeks by default).
type BaselineMethod uint8

const (
	// SameWeekday predicts each day as the average of the same weekday in
	// the pre-period: a Saturday in the window is expected to sell what the
	// pre-period's Saturdays sold on average. It assumes no trend and a
	// stable weekly pattern. This is the default.
	SameWeekday BaselineMethod = iota
	// DiffInDiff scales the same-weekday baseline by the relative change of
	// a control group (items the promotion did not touch, [Config.Control])
	// between its own same-weekday baseline and its actual sales over the
	// same days: difference in differences in logs. It assumes the treated
	// and control items would have moved by the same percentage (parallel
	// trends) and that the promotion did not affect the control.
	DiffInDiff
	// TrendWeekday fits daily sales by least squares on the pre-period with
	// an intercept, a linear trend in days and six day-of-week terms, and
	// extrapolates the fit. It assumes the trend continues through the
	// window; with a short pre-period the trend is poorly determined.
	TrendWeekday
)

var baselineNames = [...]string{"same-weekday", "diff-in-diff", "trend-weekday"}

// String returns "same-weekday", "diff-in-diff" or "trend-weekday".
func (b BaselineMethod) String() string {
	if int(b) < len(baselineNames) {
		return baselineNames[b]
	}
	return fmt.Sprintf("BaselineMethod(%d)", b)
}

// fit is a baseline fitted on the pre-period days of one series and
// evaluated on a set of target days.
type fit struct {
	pred  []*big.Rat // per target day, in the series' unit (units or minor units)
	sigma float64    // residual standard deviation of one day
	df    int        // residual degrees of freedom
	vf    float64    // Var(Σ pred) / σ², from the treated series
	extra float64    // further variance of Σ pred, from a control group

	slope, slopeSE float64 // the trend per day and its standard error (trend fits only)

	// The fit is linear in the pre-period values y: Σ pred = w·y, and the
	// fitted pre-period values are fitted. The bootstrap uses both.
	w, fitted []float64
}

// sum returns Σ pred exactly.
func (f fit) sum() *big.Rat {
	s := new(big.Rat)
	for _, p := range f.pred {
		s.Add(s, p)
	}
	return s
}

// sdOfSum returns the standard deviation of Σ(actual − pred) over the
// target days: actual days are independent with variance σ²·scale, and the
// baseline adds its own estimation variance vf·σ². scale ≥ 1 lets the
// variance of the actual days grow with their level (see [Effect]).
func (f fit) sdOfSum(scale float64) float64 {
	return math.Sqrt(f.sigma*f.sigma*(float64(len(f.pred))*scale+f.vf) + f.extra)
}

// levelScale returns actual / baseline when both are positive and the
// ratio exceeds 1, and 1 otherwise.
func levelScale(actual, baseline float64) float64 {
	if actual > 0 && baseline > 0 && actual > baseline {
		return actual / baseline
	}
	return 1
}

// fitSameWeekday fits the same-weekday average of pre, whose first value
// is civil day preFrom, and evaluates it on targets (civil days).
func fitSameWeekday(pre []*big.Rat, preFrom int, targets []int) fit {
	var sums [7]big.Rat
	var n [7]int
	for i, v := range pre {
		w := weekdayOf(preFrom + i)
		sums[w].Add(&sums[w], v)
		n[w]++
	}
	var means [7]*big.Rat
	var meanF [7]float64
	present := 0
	for w := range 7 {
		if n[w] > 0 {
			means[w] = new(big.Rat).Quo(&sums[w], big.NewRat(int64(n[w]), 1))
			meanF[w] = ratFloat(means[w])
			present++
		}
	}
	var ss float64
	for i, v := range pre {
		w := weekdayOf(preFrom + i)
		x := ratFloat(v)
		ss += (x - meanF[w]) * (x - meanF[w])
	}
	f := fit{df: len(pre) - present}
	if f.df > 0 {
		f.sigma = math.Sqrt(ss / float64(f.df))
	}
	var c [7]int
	for _, d := range targets {
		w := weekdayOf(d)
		c[w]++
		if means[w] == nil {
			f.pred = append(f.pred, new(big.Rat))
			continue
		}
		f.pred = append(f.pred, means[w])
	}
	for w := range 7 {
		if n[w] > 0 {
			f.vf += float64(c[w]*c[w]) / float64(n[w])
		}
	}
	f.w = make([]float64, len(pre))
	f.fitted = make([]float64, len(pre))
	for i := range pre {
		w := weekdayOf(preFrom + i)
		f.w[i] = float64(c[w]) / float64(n[w])
		f.fitted[i] = meanF[w]
	}
	return f
}

// fitTrendWeekday fits y = a + b·t + Σ dow terms by least squares on pre
// and evaluates it on targets. It needs at least 9 pre-period days for one
// residual degree of freedom.
func fitTrendWeekday(pre []*big.Rat, preFrom int, targets []int) (fit, error) {
	const k = 8
	n := len(pre)
	if n <= k {
		return fit{}, fmt.Errorf("trend-weekday baseline needs more than %d pre-period days, has %d", k, n)
	}
	row := func(day int, dst []float64) {
		clear(dst)
		dst[0] = 1
		dst[1] = float64(day - preFrom)
		if w := weekdayOf(day); w != 0 { // Sunday is the reference day
			dst[1+int(w)] = 1
		}
	}
	x := mat.NewDense(n, k, nil)
	y := mat.NewVecDense(n, nil)
	r := make([]float64, k)
	for i, v := range pre {
		row(preFrom+i, r)
		x.SetRow(i, r)
		y.SetVec(i, ratFloat(v))
	}
	var xtx mat.Dense
	xtx.Mul(x.T(), x)
	var inv mat.Dense
	if err := inv.Inverse(&xtx); err != nil {
		return fit{}, fmt.Errorf("trend-weekday baseline: the pre-period does not determine the model: %v", err)
	}
	var xty mat.VecDense
	xty.MulVec(x.T(), y)
	var beta mat.VecDense
	beta.MulVec(&inv, &xty)
	var ss float64
	for i := range n {
		res := y.AtVec(i) - mat.Dot(x.RowView(i), &beta)
		ss += res * res
	}
	f := fit{df: n - k}
	f.sigma = math.Sqrt(ss / float64(f.df))
	f.slope = beta.AtVec(1)
	f.slopeSE = f.sigma * math.Sqrt(math.Max(inv.At(1, 1), 0))
	a := mat.NewVecDense(k, nil)
	xt := mat.NewVecDense(k, nil)
	for _, d := range targets {
		row(d, r)
		for j := range k {
			xt.SetVec(j, r[j])
		}
		a.AddVec(a, xt)
		p := mat.Dot(xt, &beta)
		f.pred = append(f.pred, new(big.Rat).SetFloat64(p))
	}
	var ia mat.VecDense
	ia.MulVec(&inv, a)
	f.vf = mat.Dot(a, &ia)
	var w, fitted mat.VecDense
	w.MulVec(x, &ia)
	fitted.MulVec(x, &beta)
	f.w = append([]float64(nil), w.RawVector().Data...)
	f.fitted = append([]float64(nil), fitted.RawVector().Data...)
	if f.vf < 0 {
		f.vf = 0
	}
	return f, nil
}

// scaleFit returns the same-weekday fit t scaled by the relative change of
// a control: ratio = controlActual / Σ control.pred over the same target
// days. The variance adds the uncertainty of the ratio by the delta method,
// treating treated and control noise as independent (conservative when
// they move together).
func scaleFit(t fit, control fit, controlActual *big.Rat) (fit, bool) {
	cb := control.sum()
	if cb.Sign() <= 0 || controlActual.Sign() <= 0 {
		return fit{}, false
	}
	ratio := new(big.Rat).Quo(controlActual, cb)
	out := fit{sigma: t.sigma, df: min(t.df, control.df)}
	for _, p := range t.pred {
		out.pred = append(out.pred, new(big.Rat).Mul(p, ratio))
	}
	rf, bf := ratFloat(ratio), ratFloat(t.sum())
	cbf, caf := ratFloat(cb), ratFloat(controlActual)
	nT := float64(len(t.pred))
	// Var(B)·R² + B²·Var(R), Var(R) ≈ R²·(σc²·n/ca² + σc²·vfc/cb²).
	varR := rf * rf * (control.sigma*control.sigma*nT/(caf*caf) + control.sigma*control.sigma*control.vf/(cbf*cbf))
	out.vf = t.vf * rf * rf
	out.extra = bf * bf * varR
	return out, true
}
