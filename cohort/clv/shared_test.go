package clv

import (
	"cmp"
	"math"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// bitsEqual compares floats by their bits, so that "the same figures"
// fails on a last-bit difference (or −0 for +0) that == or an approximate
// comparison would let pass.
var bitsEqual = gocmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })

// refEvaluate is Evaluate as it was before it shared its forecasts: one
// forecast per distinct history and time through the model's
// ConditionalExpectedPurchases, and the table by frequency from
// HoldoutByFrequency, which forecasts every customer again. The shared
// forecasts must give its figures to the bit.
func refEvaluate(m PurchaseModel, s Split, maxX int) (Score, error) {
	if err := s.check(); err != nil {
		return Score{}, err
	}
	times := append(slices.Clone(s.TrackingTimes), s.Length)
	type key struct{ x, tx, t float64 }
	memo := make(map[key][]float64)
	var sc Score
	var abs, sq float64
	track := make([]float64, len(s.TrackingTimes))
	for i, c := range s.Calibration {
		k := key{c.X, c.Tx, c.T}
		e, ok := memo[k]
		if !ok {
			e = make([]float64, len(times))
			for j, t := range times {
				v, err := m.ConditionalExpectedPurchases(c, t)
				if err != nil {
					return Score{}, err
				}
				e[j] = v
			}
			memo[k] = e
		}
		w := c.weight()
		pred := e[len(e)-1]
		sc.Customers += w
		sc.Actual += w * s.Holdout[i]
		sc.Predicted += w * pred
		d := pred - s.Holdout[i]
		abs += w * math.Abs(d)
		sq += w * d * d
		for j := range track {
			track[j] += w * e[j]
		}
	}
	if sc.Customers > 0 {
		sc.MAE = abs / sc.Customers
		sc.RMSE = math.Sqrt(sq / sc.Customers)
	}
	for j, t := range s.TrackingTimes {
		sc.Tracking = append(sc.Tracking, TrackPoint{Time: t, Actual: s.TrackingActual[j], Predicted: track[j]})
	}
	if len(sc.Tracking) > 0 && sc.Actual > 0 {
		sum := 0.0
		for _, p := range sc.Tracking {
			sum += math.Abs(p.Predicted - p.Actual)
		}
		sc.TrackingError = sum / float64(len(sc.Tracking)) / sc.Actual
		sc.TrackingDefined = true
	}
	groups, err := HoldoutByFrequency(m, s.Calibration, s.Holdout, s.Length, maxX)
	if err != nil {
		return Score{}, err
	}
	sc.ByFrequency = groups
	return sc, nil
}

// genModel draws a BG/NBD, an MBG/NBD or a Pareto/NBD around the CDNOW
// estimates, with a near 1 at times (condExpAny's interpolated branch).
func genModel(t *rapid.T) PurchaseModel {
	scale := func(v float64, name string) float64 {
		return v * rapid.Float64Range(0.3, 3).Draw(t, name)
	}
	r, alpha, a, b := scale(0.243, "r"), scale(4.41, "alpha"), scale(0.793, "a"), scale(2.43, "b")
	if rapid.IntRange(0, 4).Draw(t, "aNear1") == 0 {
		a = 1 + rapid.Float64Range(-5e-5, 5e-5).Draw(t, "aMinus1")
	}
	switch rapid.IntRange(0, 2).Draw(t, "family") {
	case 0:
		return BGNBD{r, alpha, a, b}
	case 1:
		return MBGNBD{r, alpha, a, b}
	}
	return ParetoNBD{r, alpha, scale(0.606, "s"), scale(11.7, "beta")}
}

// TestEvaluateSharedExact checks that Evaluate, which forecasts each
// history once and the BG/NBD's expectation given alive once per (x, T),
// gives the figures of the forecast customer by customer to the last bit,
// for every model Choose compares.
func TestEvaluateSharedExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		cal := genCustomers(t)
		s := Split{Calibration: cal, Holdout: make([]float64, len(cal)), Length: float64(rapid.IntRange(1, 13).Draw(t, "length"))}
		for i := range s.Holdout {
			s.Holdout[i] = float64(rapid.IntRange(0, 4).Draw(t, "holdout"))
		}
		n := 0.0
		for w := 1.0; w < s.Length; w++ {
			if rapid.Bool().Draw(t, "track") {
				n += float64(rapid.IntRange(0, 5).Draw(t, "actual"))
				s.TrackingTimes = append(s.TrackingTimes, w)
				s.TrackingActual = append(s.TrackingActual, n)
			}
		}
		maxX := rapid.IntRange(1, 4).Draw(t, "maxX")
		want, werr := refEvaluate(m, s, maxX)
		got, err := Evaluate(m, s, maxX)
		if (werr == nil) != (err == nil) {
			t.Fatalf("Evaluate(%v): error %v, want %v", m, err, werr)
		}
		if d := gocmp.Diff(want, got, bitsEqual); d != "" {
			t.Fatalf("Evaluate(%v) (-customer by customer +shared):\n%s", m, d)
		}
	})
}

// TestChooseComposition checks that Choose, which prepares the rows once
// for all families and skips the calibration fits' covariance, gives each
// candidate exactly as its documented composition of the public functions
// does: Fit on all the data, BIC, Fit on the grouped calibration from that
// estimate, and the customer-by-customer score.
func TestChooseComposition(t *testing.T) {
	s := cdnowSplit(t)
	full := Group(s.Calibration)
	fams := []Family{FamilyBGNBD, FamilyMBGNBD, FamilyParetoNBD}
	ch, err := Choose(full, s, ChooseConfig{Families: fams, MinHistory: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	var want []Candidate
	for _, f := range fams {
		m, info, err := f.Fit(full, FitConfig{})
		if err != nil {
			t.Fatal(err)
		}
		bic, err := BIC(info.LogLikelihood, 4, 2357)
		if err != nil {
			t.Fatal(err)
		}
		cm, _, err := f.Fit(Group(s.Calibration), FitConfig{Initial: m.Params()})
		if err != nil {
			t.Fatal(err)
		}
		sc, err := refEvaluate(cm, s, 7)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, Candidate{Family: f, Model: m, Info: info, BIC: bic, Holdout: &sc})
	}
	if d := gocmp.Diff(want, ch.Candidates, bitsEqual); d != "" {
		t.Errorf("candidates (-composed +Choose):\n%s", d)
	}
}

// TestDiscountedOfExact checks that the discounted purchases Intervals
// computes with one P(alive) for all the periods equal DiscountedPurchases
// to the last bit, errors included.
func TestDiscountedOfExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel(t)
		cs := genCustomers(t)
		cfg := ValueConfig{TimeUnit: 7 * 24 * time.Hour, Horizon: time.Duration(rapid.IntRange(1, 36).Draw(t, "months")) * 730 * time.Hour,
			DiscountPeriod: 730 * time.Hour, DiscountRate: rapid.SampledFrom([]float64{0, 0.01, 0.1}).Draw(t, "rate")}
		for _, c := range cs {
			want, werr := DiscountedPurchases(m, c, cfg)
			got, err := discountedOf(m, c, cfg)
			if math.Float64bits(got) != math.Float64bits(want) || (werr == nil) != (err == nil) {
				t.Fatalf("%v, %+v: discountedOf %v (%v), DiscountedPurchases %v (%v)", m, c, got, err, want, werr)
			}
		}
	})
}

// TestGroupKeys checks that Group, which keys its map by the bits of the
// fields, groups as a map keyed by the floats did: −0 with +0, each NaN
// row on its own, rows in the same order, weights summed in the same
// order.
func TestGroupKeys(t *testing.T) {
	type key struct{ x, tx, t, m float64 }
	ref := func(cs []Customer) []Customer {
		idx := make(map[key]int)
		var rows []Customer
		for _, c := range cs {
			k := key{c.X, c.Tx, c.T, c.Monetary}
			if i, ok := idx[k]; ok {
				rows[i].Weight += c.weight()
				continue
			}
			idx[k] = len(rows)
			rows = append(rows, Customer{X: c.X, Tx: c.Tx, T: c.T, Monetary: c.Monetary, Weight: c.weight()})
		}
		slices.SortFunc(rows, func(a, b Customer) int {
			return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Tx, b.Tx), cmp.Compare(a.T, b.T), cmp.Compare(a.Monetary, b.Monetary))
		})
		return rows
	}
	odd := []float64{0, math.Copysign(0, -1), math.NaN(), 1.0 / 7, 2}
	rapid.Check(t, func(t *rapid.T) {
		cs := genCustomers(t)
		for i := range cs {
			if rapid.IntRange(0, 5).Draw(t, "odd") == 0 {
				f := []*float64{&cs[i].X, &cs[i].Tx, &cs[i].T, &cs[i].Monetary}[rapid.IntRange(0, 3).Draw(t, "field")]
				*f = rapid.SampledFrom(odd).Draw(t, "value")
			}
			if rapid.IntRange(0, 3).Draw(t, "fraction") == 0 {
				cs[i].Weight = rapid.SampledFrom([]float64{0.1, 0.7, 1.3}).Draw(t, "weight")
			}
		}
		if d := gocmp.Diff(ref(cs), Group(cs), bitsEqual); d != "" {
			t.Fatalf("Group (-float keys +bit keys):\n%s", d)
		}
	})
}
