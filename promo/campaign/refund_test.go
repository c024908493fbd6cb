package campaign

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// twoUnits returns an order of customer c on day d of two units of SKU S
// at CNY 50.00, costing CNY 20.00 each: net sales 100.00, gross profit
// 60.00.
func twoUnits(id, c string, d int) metrics.Order {
	o := order(id, c, d, 50, 20)
	o.Lines[0].Quantity = 2
	return o
}

// refund returns a refund of order id on day d of amount, returning qty
// units of SKU S, restocked or not.
func refund(id string, d int, amount string, qty int64, restocked bool) metrics.Refund {
	r := metrics.Refund{ID: "r-" + id, OrderID: id, At: jan(d).Add(12 * time.Hour), Amount: cny(amount)}
	if qty > 0 {
		r.Lines = []metrics.ReturnedLine{{SKU: "S", Quantity: qty, Restocked: restocked}}
	}
	return r
}

// TestAddRefunds: the refunds given with an order come off its net sales,
// and off its gross profit less the cost of the units put back in stock
// (METRICS.md: net sales = gross − discounts − returns; COGS less the cost
// of returned units that went back to stock), in the order's window,
// whatever the refund's date. The figures are worked by hand from the
// order of two units at 50.00 costing 20.00 each.
func TestAddRefunds(t *testing.T) {
	for _, c := range []struct {
		name            string
		refunds         []metrics.Refund
		revenue, profit string
	}{
		{"none", nil, "100.00", "60.00"},
		{"one unit back in stock", []metrics.Refund{refund("o1", 13, "50.00", 1, true)}, "50.00", "30.00"},  // 50 − (40 − 20)
		{"one unit not restocked", []metrics.Refund{refund("o1", 13, "50.00", 1, false)}, "50.00", "10.00"}, // 50 − 40
		{"money only", []metrics.Refund{refund("o1", 13, "12.34", 0, false)}, "87.66", "47.66"},
		{"two refunds, after the window", []metrics.Refund{refund("o1", 25, "30.00", 1, true), refund("o1", 40, "20.00", 1, false)},
			"50.00", "30.00"}, // 100 − 50, 60 − 50 + 20
		{"half a cent", []metrics.Refund{{ID: "r", OrderID: "o1", At: jan(13), Amount: money.MustNew("0.005", "CNY")}},
			"100.00", "60.00"}, // 99.995 and 59.995, rounded half-even once: 100.00 and 60.00
		{"whole order, restocked", []metrics.Refund{refund("o1", 13, "100.00", 2, true)}, "0.00", "0.00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l Ledger
			if err := l.Track(Campaign{ID: "c1", Window: window(10, 20), Cost: cny("10.00")}); err != nil {
				t.Fatal(err)
			}
			if err := l.Add(twoUnits("o1", "T1", 12), c.refunds...); err != nil {
				t.Fatal(err)
			}
			rs, err := l.Analyze([]Target{{"c1", "T1", Targeted}, {"c1", "C1", Control}}, nil, Config{})
			if err != nil {
				t.Fatal(err)
			}
			got := [2]string{rs[0].Revenue.String(), rs[0].Profit.String()}
			want := [2]string{cny(c.revenue).String(), cny(c.profit).String()}
			if got != want {
				t.Errorf("revenue, profit = %v, want %v", got, want)
			}
		})
	}
}

// TestAddRefundsRefused: a refund that cannot be of the order, or whose
// amount or units cannot be counted, refuses the order with an
// *OrderError (ErrInvalidOrder), and the ledger stays as it was.
func TestAddRefundsRefused(t *testing.T) {
	usd := money.MustNew("5.00", "USD")
	for _, c := range []struct {
		name string
		r    metrics.Refund
	}{
		{"another order", refund("o2", 13, "5.00", 0, false)},
		{"another currency", metrics.Refund{ID: "r", OrderID: "o1", At: jan(13), Amount: usd}},
		{"negative", refund("o1", 13, "-5.00", 0, false)},
		{"not dated", metrics.Refund{ID: "r", OrderID: "o1", Amount: cny("5.00")}},
		{"dated before the order", refund("o1", 11, "5.00", 0, false)},
		{"a SKU not on the order", metrics.Refund{ID: "r", OrderID: "o1", At: jan(13), Amount: cny("5.00"), Lines: []metrics.ReturnedLine{{SKU: "X", Quantity: 1}}}},
		{"a quantity of 0", refund("o1", 13, "5.00", 0, false)},
	} {
		if c.name == "a quantity of 0" {
			c.r.Lines = []metrics.ReturnedLine{{SKU: "S", Quantity: 0, Restocked: true}}
		}
		t.Run(c.name, func(t *testing.T) {
			var l Ledger
			if err := l.Track(Campaign{ID: "c1", Window: window(10, 20), Cost: cny("10.00")}); err != nil {
				t.Fatal(err)
			}
			if err := l.Add(twoUnits("o0", "T1", 11)); err != nil {
				t.Fatal(err)
			}
			before, err := l.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			err = l.Add(twoUnits("o1", "T1", 12), c.r)
			var oe *OrderError
			if !errors.As(err, &oe) || !errors.Is(err, ErrInvalidOrder) || oe.OrderID != "o1" {
				t.Fatalf("Add = %v, want an *OrderError of o1", err)
			}
			after, err := l.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(before, after); d != "" {
				t.Errorf("the ledger changed:\n%s", d)
			}
		})
	}
}

// TestPropRefundsConserved: over random orders with random refunds (valid
// ones, as metrics.Validate accepts and the review passes: no more
// refunded than paid, no more units returned than ordered), the
// targets' window revenue is exactly their orders' net sales less every
// refunded amount, and their profit that less the cost of the units sold
// plus the cost of those restocked: no cent is lost by the refunds.
func TestPropRefundsConserved(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l Ledger
		if err := l.Track(Campaign{ID: "c1", Window: window(10, 20), Cost: cny("10.00")}); err != nil {
			t.Fatal(err)
		}
		var net, profit int64 // of T1's window orders, in cents
		for i := range rapid.IntRange(0, 12).Draw(t, "orders") {
			id := "o" + string(rune('a'+i))
			d := rapid.IntRange(8, 22).Draw(t, "day")
			price, cost := rapid.Int64Range(1, 10_000).Draw(t, "price"), rapid.Int64Range(0, 10_000).Draw(t, "cost")
			qty := rapid.Int64Range(1, 5).Draw(t, "qty")
			o := order(id, "T1", d, 0, 0)
			o.Lines[0] = metrics.Line{SKU: "S", Quantity: qty, UnitPrice: money.MustCurrency("CNY").FromMinor(price), UnitCost: money.MustCurrency("CNY").FromMinor(cost)}
			var rs []metrics.Refund
			on, op := price*qty, (price-cost)*qty
			paid, left := price*qty, qty // what metrics.Validate lets the refunds take
			for k := range rapid.IntRange(0, 3).Draw(t, "refunds") {
				amt := rapid.Int64Range(0, paid).Draw(t, "amount")
				back := rapid.Int64Range(0, left).Draw(t, "back")
				paid, left = paid-amt, left-back
				restocked := rapid.Bool().Draw(t, "restocked")
				r := metrics.Refund{ID: id + string(rune('0'+k)), OrderID: id, At: o.PlacedAt.Add(time.Duration(k) * time.Hour),
					Amount: money.MustCurrency("CNY").FromMinor(amt)}
				if back > 0 {
					r.Lines = []metrics.ReturnedLine{{SKU: "S", Quantity: back, Restocked: restocked}}
				}
				rs = append(rs, r)
				on -= amt
				op -= amt
				if back > 0 && restocked && cost > 0 {
					op += cost * back
				}
			}
			if err := l.Add(o, rs...); err != nil {
				t.Fatal(err)
			}
			if d >= 10 && d < 20 {
				net, profit = net+on, profit+op
			}
		}
		res, err := l.Analyze([]Target{{"c1", "T1", Targeted}, {"c1", "C1", Control}}, nil, Config{})
		if err != nil {
			t.Fatal(err)
		}
		c := money.MustCurrency("CNY")
		if res[0].Revenue != c.FromMinor(net) || res[0].Profit != c.FromMinor(profit) {
			t.Fatalf("revenue %v, profit %v; want %v, %v", res[0].Revenue, res[0].Profit, c.FromMinor(net), c.FromMinor(profit))
		}
	})
}
