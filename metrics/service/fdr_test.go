package service

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// TestBenjaminiHochbergPaper checks the worked example of Benjamini and
// Hochberg (1995, J. R. Statist. Soc. B 57(1), section 4.2): 15 p-values
// at q = 0.05 reject the four smallest (0.0095 ≤ 4/15 × 0.05 = 0.0133;
// 0.0201 > 5/15 × 0.05 = 0.0167 and no larger k passes), where testing
// each at 0.05 would reject nine.
func TestBenjaminiHochbergPaper(t *testing.T) {
	p := []float64{0.0201, 0.0001, 0.0004, 0.0019, 0.0095, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000}
	got := BenjaminiHochberg(p, 0.05)
	want := []bool{false, true, true, true, true, false, false, false, false, false, false, false, false, false, false}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("BH at 0.05 (-want +got):\n%s", diff)
	}
	if got := BenjaminiHochberg(nil, 0.05); len(got) != 0 {
		t.Errorf("BH of nothing = %v", got)
	}
	if got := BenjaminiHochberg([]float64{math.NaN(), 0.01}, 0.05); !cmp.Equal(got, []bool{false, true}) {
		t.Errorf("BH with a NaN = %v; want [false true] (0.01 ≤ 1/2 × 0.05? no: 2/2 × 0.05)", got)
	}
}

// TestBenjaminiHochbergProperties: the rejections grow with q and are a
// subset of the unadjusted rejections p ≤ q; the rejected p-values are the
// smallest ones.
func TestBenjaminiHochbergProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SliceOfN(rapid.Float64Range(0, 1), 0, 60).Draw(t, "p")
		q1 := rapid.Float64Range(0.001, 1).Draw(t, "q1")
		q2 := rapid.Float64Range(q1, 1).Draw(t, "q2")
		r1, r2 := BenjaminiHochberg(p, q1), BenjaminiHochberg(p, q2)
		maxRejected, minKept := math.Inf(-1), math.Inf(1)
		for i := range p {
			if r1[i] && !r2[i] {
				t.Fatalf("p[%d] = %v rejected at q = %v but not at the larger %v", i, p[i], q1, q2)
			}
			if r1[i] && p[i] > q1 {
				t.Fatalf("p[%d] = %v rejected at q = %v: not a subset of the unadjusted rejections", i, p[i], q1)
			}
			if r1[i] {
				maxRejected = max(maxRejected, p[i])
			} else {
				minKept = min(minKept, p[i])
			}
		}
		if maxRejected >= minKept && maxRejected != minKept {
			t.Fatalf("rejected p up to %v but kept %v", maxRejected, minKept)
		}
	})
}

// TestOutliersFDR is issue 17 item 9: a SKU whose return rate stands out
// at the 5 % level when tested alone (Fisher's exact one-sided p = 0.029)
// is no outlier among 20 SKUs tested together (BH at 5 %: its p-value
// would have to be at most 2/20 × 0.05 = 0.005), while a SKU with
// p = 1.0e-13 still is. Figures checked with python3's exact integers
// (see TestReturnPValueExact).
func TestOutliersFDR(t *testing.T) {
	m := func(s string) money.Money { return money.MustNew(s, "CNY") }
	var r Returns
	// Each unit an order, and each returned unit a refund: the test
	// counts lines, here as many as units.
	add := func(sku, cat string, sold, returned int64) {
		for i := range sold {
			id := fmt.Sprintf("o-%s-%d", sku, i)
			if err := r.AddOrder(metrics.Order{ID: id, Lines: []metrics.Line{{SKU: sku, Category: cat, Quantity: 1, UnitPrice: m("10")}}}); err != nil {
				t.Fatal(err)
			}
			if i < returned {
				if err := r.AddRefund(metrics.Refund{ID: "r-" + id, OrderID: id, Amount: m("10"), Reason: "other",
					Lines: []metrics.ReturnedLine{{SKU: sku, Quantity: 1}}}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	// Category "cat": 18 ordinary SKUs, 100 units each with 5 returned; a
	// "chance" SKU with 12 of 100 returned; a "bad" SKU with 30 of 100.
	for i := range 18 {
		add(fmt.Sprintf("N%02d", i), "cat", 100, 5)
	}
	add("CHANCE", "cat", 100, 12)
	add("BAD", "cat", 100, 30)
	alone := func(sku string) float64 {
		for _, st := range r.Summary(money.MustCurrency("CNY")).BySKU {
			if st.Name == sku {
				p, _ := returnPValue(st.ReturnedLines, st.SoldLines, 5*18+12+30-st.ReturnedLines, 2000-st.SoldLines)
				return p
			}
		}
		return math.NaN()
	}
	if p := alone("CHANCE"); !(p > 0.005 && p < 0.05) {
		t.Fatalf("CHANCE alone: p = %v; the test needs it significant alone (< 0.05) but not after BH (> 0.005)", p)
	}
	s := r.Summary(money.MustCurrency("CNY"))
	var got []string
	for _, o := range s.Outliers {
		got = append(got, o.Name)
	}
	if diff := cmp.Diff([]string{"BAD"}, got); diff != "" {
		t.Errorf("outliers at FDR 5 %% (-want +got):\n%s", diff)
	}
	if s.Tested != 20 || s.FDR != DefaultFDR {
		t.Errorf("tested %d at q = %v; want 20 at %v", s.Tested, s.FDR, DefaultFDR)
	}
	// A lenient q lets the chance SKU through again: the rejections grow with q.
	r.FDR = 0.9
	got = got[:0]
	for _, o := range r.Summary(money.MustCurrency("CNY")).Outliers {
		got = append(got, o.Name)
	}
	if diff := cmp.Diff([]string{"BAD", "CHANCE"}, got); diff != "" {
		t.Errorf("outliers at FDR 90 %% (-want +got):\n%s", diff)
	}
}

// TestReturnPValueExact: the p-values of the outliers' test are Fisher's
// exact one-sided tail, computed independently with python3's exact
// integers: sum(comb(K, j) * comb(N-K, n1-j) for j in range(x1, min(n1, K)+1))
// / comb(N, n1), with N = n1+n0 and K = x1+x0, as a Fraction. The first
// case is a month's SKU of the demo (3 of 27 units returned against about
// 1.7 % for the rest of its category), where the z-test gave 5e-5.
func TestReturnPValueExact(t *testing.T) {
	for _, c := range []struct {
		x1, n1, x0, n0 int64
		want           float64
	}{
		{3, 27, 40, 2353, 0.011882040274684477},
		{12, 100, 120, 1900, 0.028545104189747598},
		{30, 100, 102, 1900, 1.0245370545213554e-13},
		{1, 4, 30, 1800, 0.06703893182726071},
		{0, 50, 5, 500, 1},
		{5, 5, 5, 100, 2.609758845233906e-06},
		{2, 1000, 3, 100000, 0.0009601141838382853},
		{40, 60, 200, 9940, 1.573304029091706e-51},
		{7, 20, 700, 49980, 7.249033867655219e-09},
		// Below the mean: the tail is about 1, never 0 (the first term
		// of a sum from x underflowed for a SKU returned at 1 % against
		// 10 % of 20,000 units, and its p of 0 made BH flag others).
		{200, 20000, 2000, 20000, 1},
		{10, 1000, 300, 3000, 1},
		{5, 100, 50, 400, 0.9938596060064948},
		{1, 5000, 0, 5000, 0.5},
		{60, 200, 40, 800, 7.572690410181317e-21},
	} {
		got, ok := returnPValue(c.x1, c.n1, c.x0, c.n0)
		if !ok || math.Abs(got-c.want) > 1e-9*c.want {
			t.Errorf("returnPValue(%d, %d, %d, %d) = %v, %v; want %v", c.x1, c.n1, c.x0, c.n0, got, ok, c.want)
		}
	}
	for _, c := range [][4]int64{{0, 10, 0, 10}, {10, 10, 10, 10}, {1, 0, 1, 10}, {1, 10, 1, 0}, {11, 10, 0, 10}} {
		if p, ok := returnPValue(c[0], c[1], c[2], c[3]); ok {
			t.Errorf("returnPValue%v = %v, true; want no test", c, p)
		}
	}
}

// TestOutliersCountLines: a SKU sold by the pack, 10 lines of 6 units,
// 2 of them returned whole (12 units, 20 %), against the rest of its
// category's 10 of 200 single units (5 %), is tested on its lines, 2 of
// 10 against 10 of 200: Fisher's one-sided p = 0.104 (python3's exact
// integers, as in TestReturnPValueExact), no outlier. Counted on units,
// 12 of 60 against 10 of 200, p = 0.0008 would have flagged two
// customers' decisions as twelve.
func TestOutliersCountLines(t *testing.T) {
	m := func(s string) money.Money { return money.MustNew(s, "CNY") }
	var r Returns
	sell := func(id, sku string, units int64, returned bool) {
		if err := r.AddOrder(metrics.Order{ID: id, Lines: []metrics.Line{{SKU: sku, Category: "snacks", Quantity: units, UnitPrice: m("5")}}}); err != nil {
			t.Fatal(err)
		}
		if returned {
			if err := r.AddRefund(metrics.Refund{ID: "r-" + id, OrderID: id, Amount: m("5").Mul(units), Reason: "damaged",
				Lines: []metrics.ReturnedLine{{SKU: sku, Quantity: units}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 10 {
		sell(fmt.Sprintf("p%d", i), "PACK", 6, i < 2)
	}
	for i := range 200 {
		sell(fmt.Sprintf("s%d", i), fmt.Sprintf("S%d", i/50), 1, i%20 == 0)
	}
	s := r.Summary(money.MustCurrency("CNY"))
	if len(s.Outliers) != 0 {
		t.Errorf("outliers %v, want none", s.Outliers)
	}
	for _, st := range s.BySKU {
		if st.Name != "PACK" {
			continue
		}
		p, ok := st.PValue.Float()
		if !ok || math.Abs(p-0.10435926121903659) > 1e-12 {
			t.Errorf("PACK: p = %v (%v), want 0.10435926121903659 (2 of 10 lines against 10 of 200)", p, ok)
		}
		if st.Sold != 60 || st.Returned != 12 || st.SoldLines != 10 || st.ReturnedLines != 2 {
			t.Errorf("PACK: %d of %d units, %d of %d lines; want 12 of 60, 2 of 10", st.Returned, st.Sold, st.ReturnedLines, st.SoldLines)
		}
	}
	if p, _ := returnPValue(12, 60, 10, 200); math.Abs(p-0.00080293140297416) > 1e-12 {
		t.Errorf("on units: p = %v, want 0.00080293140297416", p)
	}
}
