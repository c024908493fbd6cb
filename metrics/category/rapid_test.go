package category

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// ordersGen draws orders of up to 8 customers (and guests) over
// November and December 2025, in up to five categories with the
// uncategorised one, some cancelled, some with an order discount.
func ordersGen() *rapid.Generator[[]metrics.Order] {
	cats := []string{"", "a", "b", "c", "d"}
	return rapid.Custom(func(t *rapid.T) []metrics.Order {
		n := rapid.IntRange(0, 30).Draw(t, "orders")
		os := make([]metrics.Order, n)
		for i := range os {
			cust := ""
			if c := rapid.IntRange(-1, 7).Draw(t, "customer"); c >= 0 {
				cust = fmt.Sprintf("c%d", c)
			}
			at := time.Date(2025, time.November, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 60*24-1).Draw(t, "hour")) * time.Hour)
			o := order(fmt.Sprintf("o%02d", i), cust, at)
			var gross int64
			for range rapid.IntRange(1, 4).Draw(t, "lines") {
				c := rapid.SampledFrom(cats).Draw(t, "category")
				q := rapid.Int64Range(1, 3).Draw(t, "quantity")
				p := rapid.Int64Range(0, 5000).Draw(t, "price")
				o.Lines = append(o.Lines, metrics.Line{SKU: "S" + c, Category: c, Quantity: q, UnitPrice: money.MustCurrency("CNY").FromMinor(p),
					Discount: cny("0"), UnitCost: cny("0")})
				gross += q * p
			}
			if gross > 0 {
				o.Discount = money.MustCurrency("CNY").FromMinor(rapid.Int64Range(0, gross).Draw(t, "discount"))
			}
			if rapid.IntRange(0, 9).Draw(t, "cancel") == 0 {
				o.Status = metrics.Cancelled
			}
			os[i] = o
		}
		return os
	})
}

func track(t *rapid.T, os []metrics.Order) *Tracker {
	tr := &Tracker{Period: dec2025}
	for _, o := range os {
		if err := tr.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// TestSharesRapid checks the invariants of a Result: main-category,
// sales, start and base shares add up to 100 % exactly (in their
// numerators), penetrations lie in [0, 1] and add up to at least 100 %,
// and the pairs' figures agree with their definitions.
func TestSharesRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := track(t, ordersGen().Draw(t, "orders")).Result(Config{MinBoth: 1, Alpha: 0.5})
		var main, buyers int64
		var start, base float64
		sales := money.MustCurrency("CNY").Zero()
		for _, row := range r.Categories {
			main += row.MainBuyers
			buyers += row.Buyers
			start += row.Start.Num()
			base += row.Base.Num()
			sales, _ = sales.Add(row.NetSales)
			if p, ok := row.Penetration.Value(); ok && (p < 0 || p > 1) {
				t.Fatalf("penetration of %q = %v", row.Category, p)
			}
		}
		if main != r.Buyers {
			t.Fatalf("main-category buyers add up to %d, want %d", main, r.Buyers)
		}
		if buyers < r.Buyers {
			t.Fatalf("category buyers add up to %d, fewer than the %d buyers", buyers, r.Buyers)
		}
		if start != float64(r.NewCustomers*whole) || base != float64(r.Returning*whole) {
			t.Fatalf("start shares add up to %v of %d, base %v of %d", start, r.NewCustomers*whole, base, r.Returning*whole)
		}
		if r.NewCustomers+r.Returning != r.Buyers {
			t.Fatalf("%d new + %d returning != %d buyers", r.NewCustomers, r.Returning, r.Buyers)
		}
		if r.Buyers > 0 && !sales.Equal(r.NetSales) {
			t.Fatalf("category sales add up to %v, want %v", sales, r.NetSales)
		}
		for _, p := range r.Pairs {
			l, _ := p.Lift.Value()
			s, _ := p.Support.Value()
			ab, _ := p.ConfidenceAB.Value()
			if l <= 1 || p.Both < 1 || p.A >= p.B || s <= 0 || s > 1 || ab <= 0 || ab > 1 || p.PValue < 0 || p.PValue > 1 || p.QValue < p.PValue {
				t.Fatalf("bad pair %+v", p)
			}
		}
	})
}

// TestMergeRapid checks that merging the trackers of two shards gives the
// Result of one tracker of every order, and that a tracker survives
// MarshalBinary and UnmarshalBinary.
func TestMergeRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		os := ordersGen().Draw(t, "orders")
		var a, b []metrics.Order
		for _, o := range os {
			if rapid.Bool().Draw(t, "shard") {
				a = append(a, o)
			} else {
				b = append(b, o)
			}
		}
		cfg := Config{MinBoth: 1, Alpha: 0.5}
		want := track(t, os).Result(cfg)
		ta, tb := track(t, a), track(t, b)
		if err := ta.Merge(tb); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, ta.Result(cfg)); d != "" {
			t.Fatalf("merged (-direct +merged):\n%s", d)
		}
		data, err := ta.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Tracker
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, back.Result(cfg)); d != "" {
			t.Fatalf("decoded (-direct +decoded):\n%s", d)
		}
	})
}

// TestSplitWholeRapid checks the integer split against money.Allocate,
// whose rule it copies, and that it adds up to one customer.
func TestSplitWholeRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vs := rapid.SliceOfN(rapid.Int64Range(0, 1e12), 1, 6).Draw(t, "weights")
		ms := make([]money.Money, len(vs))
		for i, v := range vs {
			ms[i] = money.MustCurrency("CNY").FromMinor(v)
		}
		got, ok := splitWhole(ms)
		want, wok := splitDecimal(ms)
		if ok != wok {
			t.Fatalf("splitWhole ok %v, splitDecimal ok %v", ok, wok)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("splitWhole (-Allocate +int):\n%s", d)
		}
		var sum int64
		for _, g := range got {
			sum += g
		}
		if ok && sum != whole {
			t.Fatalf("split adds up to %d", sum)
		}
	})
}
