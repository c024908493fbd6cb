package funnel

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Comparison is the step-by-step comparison of two funnels with the same
// steps, A (the control, or the earlier period) and B (the variant, or the
// later period).
type Comparison struct {
	Steps []StepComparison
}

// StepComparison compares one step of two funnels.
type StepComparison struct {
	// Name is the step's name.
	Name string
	// FromFirst compares the overall conversion to this step, Reached /
	// step 1's Reached.
	FromFirst Difference
	// FromPrevious compares the step conversion, Reached / the previous
	// step's Reached.
	FromPrevious Difference
}

// Difference is the difference B − A of two conversion rates with a
// two-proportion z-test and a 95 % confidence interval.
type Difference struct {
	// A and B are the two conversion rates.
	A, B metrics.Ratio
	// Defined reports whether both rates are proportions (0 ≤ num ≤ den,
	// den > 0) whose standard error is finite (it is not for counts so
	// small, below 1e-300, that dividing by them overflows); if not, the
	// other fields are zero.
	Defined bool
	// Delta is B − A, as a fraction (0.012 is 1.2 percentage points).
	Delta float64
	// Low and High bound the 95 % confidence interval of Delta, from the
	// unpooled (Wald) standard error √(a(1−a)/nA + b(1−b)/nB).
	Low, High float64
	// Tested reports whether the z-test is defined: both rates defined and
	// the pooled rate strictly between 0 and 1. When both groups convert
	// at 0 % or both at 100 %, Delta is 0 and there is nothing to test.
	Tested bool
	// Z is Delta divided by the pooled standard error
	// √(p(1−p)(1/nA + 1/nB)), p = (xA + xB) / (nA + nB).
	Z float64
	// P is the two-sided p-value of Z under the standard normal
	// distribution.
	P float64
}

// z975 is the 97.5th percentile of the standard normal distribution, for
// two-sided 95 % intervals.
var z975 = distuv.UnitNormal.Quantile(0.975)

// CompareRates returns the difference b − a of two conversion rates, each
// a count of converted units over a count of units, with a two-proportion
// z-test and a 95 % confidence interval. It is the test [Compare] applies
// to each step. The result is undefined (Defined false) unless both ratios
// are proportions with a finite standard error; no field is ever NaN or
// infinite.
func CompareRates(a, b metrics.Ratio) Difference {
	d := Difference{A: a, B: b}
	if !isProportion(a) || !isProportion(b) {
		return d
	}
	pa, _ := a.Value()
	pb, _ := b.Value()
	na, nb := a.Den(), b.Den()
	se := math.Sqrt(pa*(1-pa)/na + pb*(1-pb)/nb)
	if math.IsInf(se, 0) || math.IsNaN(se) {
		return d
	}
	d.Defined = true
	d.Delta = pb - pa
	d.Low, d.High = d.Delta-z975*se, d.Delta+z975*se
	p := (a.Num() + b.Num()) / (na + nb)
	pooled := math.Sqrt(p * (1 - p) * (1/na + 1/nb))
	if pooled > 0 && !math.IsNaN(pooled) && !math.IsInf(pooled, 0) {
		d.Tested = true
		d.Z = d.Delta / pooled
		d.P = 2 * distuv.UnitNormal.Survival(math.Abs(d.Z))
	}
	return d
}

// isProportion reports whether r is a count of converted units over a
// positive count of units: 0 ≤ num ≤ den, den > 0.
func isProportion(r metrics.Ratio) bool {
	return r.Den() > 0 && r.Num() >= 0 && r.Num() <= r.Den()
}

// Compare compares funnel b with funnel a step by step. It returns a
// *[MismatchError] if the funnels' steps differ in number or name.
func Compare(a, b Result) (Comparison, error) {
	if len(a.Steps) != len(b.Steps) {
		return Comparison{}, &MismatchError{Msg: fmt.Sprintf("%d steps and %d steps", len(a.Steps), len(b.Steps))}
	}
	out := Comparison{Steps: make([]StepComparison, len(a.Steps))}
	for k := range a.Steps {
		sa, sb := a.Steps[k], b.Steps[k]
		if sa.Name != sb.Name {
			return Comparison{}, &MismatchError{Msg: fmt.Sprintf("step %d is %q and %q", k+1, sa.Name, sb.Name)}
		}
		out.Steps[k] = StepComparison{
			Name:         sa.Name,
			FromFirst:    CompareRates(sa.FromFirst, sb.FromFirst),
			FromPrevious: CompareRates(sa.FromPrevious, sb.FromPrevious),
		}
	}
	return out, nil
}
