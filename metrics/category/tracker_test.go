package category

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

var dec2025 = metrics.MonthOf(2025, time.December, time.UTC)

func cny(s string) money.Money { return money.MustNew(s, "CNY") }

// line is a line of q units of sku in category cat at price.
func line(sku, cat string, q int64, price string) metrics.Line {
	return metrics.Line{SKU: sku, Category: cat, Quantity: q, UnitPrice: cny(price), Discount: cny("0"), UnitCost: cny("0")}
}

func order(id, cust string, day time.Time, lines ...metrics.Line) metrics.Order {
	return metrics.Order{ID: id, CustomerID: cust, PlacedAt: day, Status: metrics.Paid, Currency: money.MustCurrency("CNY"),
		Lines: lines, Discount: cny("0"), Shipping: cny("0"), Tax: cny("0")}
}

func day(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }

// handOrders are the orders of TestResult; the figures are worked out
// by hand in its want.
func handOrders() []metrics.Order {
	o2 := order("o2", "c2", day(12, 3), line("A2", "apparel", 2, "30"), line("X1", "", 1, "40"))
	o2.Discount = cny("10") // allocated 6 : 4 by line value 60 : 40
	o4 := order("o4", "c3", day(12, 20), line("A1", "apparel", 1, "100"))
	o4.Status = metrics.Cancelled
	free := line("S3", "shoes", 1, "10")
	free.Discount = cny("10")
	return []metrics.Order{
		order("o0", "c1", day(11, 10), line("A1", "apparel", 1, "100")),                                // before the period: c1 is returning
		order("o1", "c1", day(12, 2), line("A1", "apparel", 1, "100"), line("S1", "apparel", 1, "50")), // S1 is shoes in the catalogue
		o2,
		order("o3", "c3", day(12, 5), line("S2", "shoes", 1, "80")),
		o4,
		order("o5", "", day(12, 6), line("A3", "apparel", 1, "20"), line("S2", "shoes", 1, "20")), // a guest
		order("o6", "c2", day(12, 10), free),                                                      // worth nothing, yet c2 bought shoes
	}
}

func TestResult(t *testing.T) {
	tr := Tracker{Period: dec2025, Catalogue: map[string]string{"S1": "shoes"}}
	for _, o := range handOrders() {
		if err := tr.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	got := tr.Result(Config{})
	// Buyers c1, c2, c3 (the guest is not one). c1: apparel 100, shoes
	// 50; c2: apparel 54, uncategorised 36, shoes 0; c3: shoes 80 (its
	// cancelled order counts in nothing). New customers c2 (first order
	// apparel 54 : uncategorised 36 = 0.6 : 0.4) and c3 (shoes); c1
	// returning, its period sales apparel 100 : shoes 50, so 666,667 and
	// 333,333 millionths by largest remainder.
	want := Result{Period: dec2025, Buyers: 3, Orders: 5, NewCustomers: 2, Returning: 1, NetSales: cny("360"),
		Categories: []Row{
			{Category: "shoes", Buyers: 3, Penetration: metrics.CountRatio(3, 3), MainBuyers: 1, MainShare: metrics.CountRatio(1, 3),
				NetSales: cny("150"), SalesShare: metrics.NewRatio(150, 360), Start: metrics.CountRatio(1_000_000, 2_000_000),
				Base: metrics.CountRatio(333_333, 1_000_000)},
			{Category: "apparel", Buyers: 2, Penetration: metrics.CountRatio(2, 3), MainBuyers: 2, MainShare: metrics.CountRatio(2, 3),
				NetSales: cny("174"), SalesShare: metrics.NewRatio(174, 360), Start: metrics.CountRatio(600_000, 2_000_000),
				Base: metrics.CountRatio(666_667, 1_000_000)},
			{Category: "", Buyers: 1, Penetration: metrics.CountRatio(1, 3), MainBuyers: 0, MainShare: metrics.CountRatio(0, 3),
				NetSales: cny("36"), SalesShare: metrics.NewRatio(36, 360), Start: metrics.CountRatio(400_000, 2_000_000),
				Base: metrics.CountRatio(0, 1_000_000)},
		},
		Tested: 0, BasketTested: 0, // no pair has 30 buyers or orders
	}
	for i := range want.Categories {
		want.Categories[i].PValue = metrics.Undefined(metrics.UnitNumber)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Result (-want +got):\n%s", d)
	}
}

// affinity returns 100 buyers of one order each in December: 40 buy A
// and B, 10 A only, 10 B only, 40 C only.
func affinity() []metrics.Order {
	var os []metrics.Order
	add := func(n int, cats ...string) {
		for range n {
			id := fmt.Sprintf("o%03d", len(os))
			var ls []metrics.Line
			for _, c := range cats {
				ls = append(ls, line(c+"1", c, 1, "10"))
			}
			os = append(os, order(id, "c"+id, day(12, 1+len(os)%28), ls...))
		}
	}
	add(40, "A", "B")
	add(10, "A")
	add(10, "B")
	add(40, "C")
	return os
}

func TestPairs(t *testing.T) {
	tr := Tracker{Period: dec2025}
	for _, o := range affinity() {
		if err := tr.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	got := tr.Result(Config{})
	// N = 100, n(A) = n(B) = 50, n(AB) = 40: lift 40 × 100 / (50 × 50) =
	// 1.6. The p-value, P(X ≥ 40) for X hypergeometric(N 100, K 50, n
	// 50), computed with Python's exact math.comb:
	// sum(comb(50,x)*comb(50,50-x) for x in range(40,51))/comb(100,50).
	want := Pair{A: "A", B: "B", Both: 40, Support: metrics.CountRatio(40, 100), ConfidenceAB: metrics.CountRatio(40, 50),
		ConfidenceBA: metrics.CountRatio(40, 50), Lift: metrics.NewRatio(4000, 2500), PValue: 1.1110504074156081e-09, QValue: 1.1110504074156081e-09}
	opt := cmpopts.EquateApprox(1e-9, 0) // the summed terms of the test, against Python's exact fractions
	if d := cmp.Diff([]Pair{want}, got.Pairs, opt); d != "" {
		t.Errorf("Pairs (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]Pair{want}, got.BasketPairs, opt); d != "" { // one order per buyer: the same
		t.Errorf("BasketPairs (-want +got):\n%s", d)
	}
	if got.Tested != 1 || got.BasketTested != 1 {
		t.Errorf("tested %d, %d pairs, want 1, 1", got.Tested, got.BasketTested)
	}
	if r := tr.Result(Config{MinBoth: 41}); len(r.Pairs) != 0 || r.Tested != 0 {
		t.Errorf("with MinBoth 41: %d pairs, %d tested, want none", len(r.Pairs), r.Tested)
	}
}

func TestCompare(t *testing.T) {
	cur := Result{Buyers: 100, NetSales: cny("0"), Categories: []Row{{Category: "A", Buyers: 50, Penetration: metrics.CountRatio(50, 100)},
		{Category: "B", Buyers: 50, Penetration: metrics.CountRatio(50, 100)}}}
	prev := Result{Buyers: 100, Categories: []Row{{Category: "A", Buyers: 70}, {Category: "B", Buyers: 45}, {Category: "D", Buyers: 5}}}
	Compare(&cur, prev, Config{})
	type change struct {
		Category    string
		Change      float64
		P           float64
		Significant bool
	}
	var got []change
	for _, r := range cur.Categories {
		c, _ := r.Change.Value()
		p, _ := r.PValue.Float()
		got = append(got, change{r.Category, c, p, r.Significant})
	}
	// Two-sided pooled z-test p-values from Python (math.erfc):
	// 50/100 vs 70/100 → 0.0038924171227786427, 50 vs 45 →
	// 0.4789500234203586, 0 vs 5 → 0.02354005826117795. BH over three:
	// q = 0.0117, 0.4790, 0.0353: A and D significant at 5 %.
	want := []change{{"A", -0.2, 0.0038924171227786427, true}, {"B", 0.05, 0.4789500234203586, false}, {"D", -0.05, 0.02354005826117795, true}}
	if d := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 1e-15)); d != "" {
		t.Errorf("Compare (-want +got):\n%s", d)
	}
}

func TestFisherUpper(t *testing.T) {
	tests := []struct {
		name       string
		k, K, n, N int64
		want       float64
		reason     string
	}{
		{"tea", 3, 4, 4, 8, 17.0 / 70, "Fisher's lady tasting tea: 16/70 + 1/70"},
		{"mid", 40, 100, 120, 400, 0.009078726951072405, "Python math.comb sum"},
		{"rare", 5, 10, 10, 100, 0.00067162774826505, "Python math.comb sum"},
		{"floor", 0, 10, 10, 100, 1, "at or below the smallest possible count"},
		{"beyond", 11, 10, 10, 100, 0, "more than possible"},
	}
	for _, c := range tests {
		if got := fisherUpper(c.k, c.K, c.n, c.N); !cmp.Equal(c.want, got, cmpopts.EquateApprox(1e-12, 0)) {
			t.Errorf("%s: fisherUpper = %v, want %v (%s)", c.name, got, c.want, c.reason)
		}
	}
}

func TestAddErrors(t *testing.T) {
	var tr Tracker
	tr.Period = dec2025
	if err := tr.Add(order("o1", "c1", day(12, 1), line("A", "a", 1, "10"))); err != nil {
		t.Fatal(err)
	}
	usd := order("o2", "c2", day(12, 2), line("A", "a", 1, "10"))
	usd.Currency = money.MustCurrency("USD")
	err := tr.Add(usd)
	var oe *OrderError
	if !errors.As(err, &oe) || oe.OrderID != "o2" || !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("Add(USD order) = %v, want an *OrderError for o2 wrapping ErrCurrencyMismatch", err)
	}
	bad := order("o3", "c3", day(12, 3), line("A", "a", 1, "0"))
	bad.Discount = cny("5") // nothing to allocate it to
	if err := tr.Add(bad); !errors.As(err, &oe) || oe.OrderID != "o3" {
		t.Errorf("Add(discount on nothing) = %v, want an *OrderError for o3", err)
	}
	if r := tr.Result(Config{}); r.Buyers != 1 || r.Orders != 1 {
		t.Errorf("after the errors: %d buyers, %d orders, want 1, 1 (nothing of a bad order counted)", r.Buyers, r.Orders)
	}
	other := Tracker{Period: metrics.MonthOf(2025, time.November, time.UTC)}
	if err := tr.Merge(&other); !errors.Is(err, ErrMismatch) {
		t.Errorf("Merge(other period) = %v, want ErrMismatch", err)
	}
}

func TestEmpty(t *testing.T) {
	tr := Tracker{Period: dec2025}
	got := tr.Result(Config{})
	if got.Buyers != 0 || len(got.Categories) != 0 || len(got.Pairs) != 0 {
		t.Errorf("empty Result = %+v, want no buyers, rows or pairs", got)
	}
	b, err := tr.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back Tracker
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
}
