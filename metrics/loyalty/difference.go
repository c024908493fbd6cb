package loyalty

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// z975 is the 97.5th percentile of the standard normal distribution, for
// two-sided 95 % intervals.
var z975 = distuv.UnitNormal.Quantile(0.975)

// RateDifference is the difference B − A of two rates (members' B against
// non-members' A) with a two-proportion z-test and a 95 % confidence
// interval, as funnel.CompareRates computes it.
type RateDifference struct {
	A, B metrics.Ratio
	// Defined reports whether both rates are proportions (0 ≤ num ≤ den,
	// den > 0); if not, the other fields are zero.
	Defined bool
	// Delta is B − A as a fraction (0.012 is 1.2 percentage points);
	// Low and High bound its 95 % interval, from the unpooled (Wald)
	// standard error √(a(1−a)/nA + b(1−b)/nB).
	Delta, Low, High float64
	// Tested reports whether the z-test is defined: the pooled rate is
	// strictly between 0 and 1.
	Tested bool
	// Z is Delta over the pooled standard error √(p(1−p)(1/nA + 1/nB));
	// P its two-sided p-value under the standard normal distribution.
	Z, P float64
}

// CompareRates returns the difference b − a of two rates, each a count
// over a count, with a two-proportion z-test. No field is ever NaN or
// infinite.
func CompareRates(a, b metrics.Ratio) RateDifference {
	d := RateDifference{A: a, B: b}
	prop := func(r metrics.Ratio) bool { return r.Den() > 0 && r.Num() >= 0 && r.Num() <= r.Den() }
	if !prop(a) || !prop(b) {
		return d
	}
	pa, _ := a.Value()
	pb, _ := b.Value()
	na, nb := a.Den(), b.Den()
	se := math.Sqrt(pa*(1-pa)/na + pb*(1-pb)/nb)
	if !finite(se) {
		return d
	}
	d.Defined = true
	d.Delta = pb - pa
	d.Low, d.High = d.Delta-z975*se, d.Delta+z975*se
	p := (a.Num() + b.Num()) / (na + nb)
	pooled := math.Sqrt(p * (1 - p) * (1/na + 1/nb))
	if pooled > 0 && finite(pooled) {
		d.Tested = true
		d.Z = d.Delta / pooled
		d.P = 2 * distuv.UnitNormal.Survival(math.Abs(d.Z))
	}
	return d
}

// MeanDifference is the difference B − A of two groups' AOVs (members' B
// against non-members' A) with Welch's t-test, which does not assume equal
// variances, on the groups' order values.
type MeanDifference struct {
	// Defined reports whether both groups have two orders or more and
	// their order values are not all equal within both; if not, the other
	// fields are zero.
	Defined bool
	// Delta is B's mean order value − A's, in units of the currency (a
	// statistic, a float: the exact AOVs are the groups' own); Low and
	// High bound its 95 % interval, Delta ± t(0.975, DF) × SE with
	// SE = √(sA²/nA + sB²/nB).
	Delta, Low, High float64
	// T = Delta / SE; DF the Welch–Satterthwaite degrees of freedom;
	// P the two-sided p-value of T under Student's t with DF.
	T, DF, P float64
}

// compareMeans compares the order values of b with a's, in units of c.
func compareMeans(a, b *Group, c money.Currency) MeanDifference {
	var d MeanDifference
	if a.Orders < 2 || b.Orders < 2 {
		return d
	}
	unit := math.Pow10(c.Digits())
	stats := func(g *Group) (mean, v, n float64) {
		n = float64(g.Orders)
		mean = g.sum / n
		v = (g.sq - n*mean*mean) / (n - 1)
		return mean / unit, math.Max(v, 0) / (unit * unit), n
	}
	ma, va, na := stats(a)
	mb, vb, nb := stats(b)
	qa, qb := va/na, vb/nb
	se := math.Sqrt(qa + qb)
	if !(se > 0) || !finite(se) {
		return d
	}
	df := (qa + qb) * (qa + qb) / (qa*qa/(na-1) + qb*qb/(nb-1))
	if !finite(df) || df <= 0 {
		return d
	}
	st := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	d.Defined = true
	d.Delta = mb - ma
	d.T = d.Delta / se
	d.DF = df
	d.P = 2 * st.Survival(math.Abs(d.T))
	q := st.Quantile(0.975)
	d.Low, d.High = d.Delta-q*se, d.Delta+q*se
	return d
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
