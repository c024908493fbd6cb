package detail

import (
	"github.com/shopmetrics/shopmetrics/internal/fdr"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Difference is the change of one rate of a SKU's page from period A (the
// previous period, or the old page) to period B, with its significance.
type Difference struct {
	// A and B are the two rates.
	A, B metrics.Ratio
	// Defined reports whether both rates are proportions (0 ≤ num ≤ den,
	// den > 0); if not, the other fields are zero.
	Defined bool
	// Delta is B − A, as a fraction (0.012 is 1.2 percentage points).
	Delta float64
	// Low and High bound the 95 % interval of Delta by Newcombe's hybrid
	// score method (method 10 of Newcombe 1998), built from the Wilson
	// score intervals of A and B: it stays inside [−1, 1] and keeps its
	// coverage for small counts and rates near 0 or 1, where the Wald
	// interval does not.
	Low, High float64
	// Relative is the relative change (B − A) / A (the page "converted
	// 18 % better"), undefined when A is 0.
	Relative metrics.Ratio
	// RelLow and RelHigh bound the 95 % interval of Relative, from the
	// log of the rate ratio B / A with the Katz standard error
	// √(1/xA − 1/nA + 1/xB − 1/nB); set when RelDefined.
	RelLow, RelHigh float64
	// RelDefined reports whether both rates have a positive numerator, as
	// the interval of Relative needs.
	RelDefined bool
	// Tested reports whether the z-test is defined: both rates defined
	// and the pooled rate strictly between 0 and 1.
	Tested bool
	// Z is Delta over the pooled standard error √(p(1−p)(1/nA + 1/nB)),
	// p = (xA + xB) / (nA + nB): the two-proportion z-test.
	Z float64
	// P is the two-sided p-value of Z under the standard normal law.
	P float64
	// Q is the p-value adjusted by the Benjamini–Hochberg procedure over
	// the SKUs that [Compare] tested for the same rate, so that about
	// Level of the changes called significant are false discoveries; 1
	// when not tested, P for a Difference from [CompareRates] alone.
	Q float64
	// Significant reports whether Tested and Q ≤ the level (5 % unless
	// [CompareConfig] says otherwise).
	Significant bool
}

// z975 is the 97.5th percentile of the standard normal law.
var z975 = distuv.UnitNormal.Quantile(0.975)

// CompareRates returns the change b − a of two rates, each a count of
// users over a count of users, with its intervals and a two-proportion
// z-test at the 5 % level (Q = P: no adjustment for testing many SKUs,
// which [Compare] makes). No field is ever NaN or infinite.
func CompareRates(a, b metrics.Ratio) Difference {
	d := Difference{A: a, B: b, Q: 1}
	if !isProportion(a) || !isProportion(b) {
		return d
	}
	z := funnel.CompareRates(a, b)
	if !z.Defined {
		return d
	}
	d.Defined = true
	xa, na, xb, nb := a.Num(), a.Den(), b.Num(), b.Den()
	pa, pb := xa/na, xb/nb
	d.Delta = pb - pa
	la, ua := wilson(xa, na, z975)
	lb, ub := wilson(xb, nb, z975)
	d.Low = d.Delta - math.Sqrt((pb-lb)*(pb-lb)+(ua-pa)*(ua-pa))
	d.High = d.Delta + math.Sqrt((ub-pb)*(ub-pb)+(pa-la)*(pa-la))
	d.Relative = metrics.NewRatio(pb-pa, pa)
	if xa > 0 && xb > 0 {
		se := math.Sqrt(1/xa - 1/na + 1/xb - 1/nb)
		lr := math.Log(pb / pa)
		d.RelLow, d.RelHigh, d.RelDefined = math.Expm1(lr-z975*se), math.Expm1(lr+z975*se), true
	}
	if z.Tested {
		d.Tested, d.Z, d.P, d.Q = true, z.Z, z.P, z.P
		d.Significant = d.P <= 0.05
	}
	return d
}

// wilson returns the Wilson score interval of the proportion x/n at the
// normal quantile z.
func wilson(x, n, z float64) (lo, hi float64) {
	p := x / n
	z2 := z * z
	den := 1 + z2/n
	mid := (p + z2/(2*n)) / den
	half := z / den * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	return max(0, mid-half), min(1, mid+half)
}

func isProportion(r metrics.Ratio) bool {
	return r.Den() > 0 && r.Num() >= 0 && r.Num() <= r.Den()
}

// CompareConfig sets which SKUs [Compare] compares and the level of its
// tests.
type CompareConfig struct {
	// MinViewers is the fewest viewers a SKU's page needs in each period
	// to be compared. Defaults to 100.
	MinViewers int64
	// Level is the false-discovery rate of the Benjamini–Hochberg
	// procedure that calls changes significant. Defaults to 0.05.
	Level float64
}

// Change is the change of one SKU's detail-page funnel between two
// periods.
type Change struct {
	SKU               string
	Previous, Current Product
	// ViewToCart, CartToPurchase and ViewToPurchase compare the rates of
	// the two periods.
	ViewToCart, CartToPurchase, ViewToPurchase Difference
}

// Compare compares the detail pages of two periods, prev and cur, SKU by
// SKU: every SKU with at least cfg.MinViewers viewers in both, in byte
// order of SKU. The p-values of each rate are adjusted together by the
// Benjamini–Hochberg procedure, over the SKUs compared whose test is
// defined, and a change is significant when its adjusted p-value Q is at
// most cfg.Level: with a hundred SKUs, a 5 % test alone would call about
// five unchanged pages significant.
//
// The test takes the two periods' users as independent samples; a user
// who viewed the page in both periods counts in both, which makes the
// test somewhat conservative for a page whose visitors return (their
// behaviour is correlated across the periods).
func Compare(prev, cur Result, cfg CompareConfig) []Change {
	if cfg.MinViewers <= 0 {
		cfg.MinViewers = 100
	}
	if cfg.Level <= 0 {
		cfg.Level = 0.05
	}
	var out []Change
	for _, c := range cur.Products {
		p, ok := prev.Product(c.SKU)
		if !ok || p.Viewers < cfg.MinViewers || c.Viewers < cfg.MinViewers {
			continue
		}
		out = append(out, Change{SKU: c.SKU, Previous: p, Current: c,
			ViewToCart:     CompareRates(p.ViewToCart, c.ViewToCart),
			CartToPurchase: CompareRates(p.CartToPurchase, c.CartToPurchase),
			ViewToPurchase: CompareRates(p.ViewToPurchase, c.ViewToPurchase),
		})
	}
	for _, get := range [...]func(*Change) *Difference{
		func(c *Change) *Difference { return &c.ViewToCart },
		func(c *Change) *Difference { return &c.CartToPurchase },
		func(c *Change) *Difference { return &c.ViewToPurchase },
	} {
		var ds []*Difference
		for i := range out {
			if d := get(&out[i]); d.Tested {
				ds = append(ds, d)
			}
		}
		adjust(ds, cfg.Level)
	}
	return out
}

// adjust sets Q, the Benjamini–Hochberg adjusted p-value, of each of ds,
// and Significant when Q ≤ level: with the p-values sorted ascending,
// Q(i) = min over j ≥ i of P(j) × m / j, at most 1.
func adjust(ds []*Difference, level float64) {
	ps := make([]float64, len(ds))
	for i, d := range ds {
		ps[i] = d.P
	}
	for i, q := range fdr.Adjust(ps) {
		ds[i].Q = q
		ds[i].Significant = q <= level
	}
}
