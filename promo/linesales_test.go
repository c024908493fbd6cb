package promo

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func line(sku string, qty int64, price, disc, cost string) metrics.Line {
	l := metrics.Line{SKU: sku, Category: "C", Quantity: qty, UnitPrice: money.MustNew(price, "CNY"), UnitCost: money.MustNew(cost, "CNY")}
	if disc != "" {
		l.Discount = money.MustNew(disc, "CNY")
	}
	return l
}

func TestSplitOrder(t *testing.T) {
	y := func(s string) money.Money { return money.MustNew(s, "CNY") }
	ls := func(sku string, qty int64, gross, disc, net, cost, profit string) LineSales {
		return LineSales{SKU: sku, Category: "C", Quantity: qty, Gross: y(gross), Discount: y(disc), Net: y(net), Cost: y(cost), Profit: y(profit)}
	}
	tests := []struct {
		name   string
		reason string
		order  metrics.Order
		want   []LineSales
	}{
		{
			name: "spend 100 save 10, remainder to the largest",
			reason: "values 33.33, 33.33, 33.34 of 100.00; 10.00 × v/100 = 3.333, 3.333, 3.334: " +
				"floors 3.33 each leave 0.01, which goes to the largest remainder (the third line)",
			order: metrics.Order{ID: "o1", Currency: cny, Discount: y("10.00"), Lines: []metrics.Line{
				line("a", 1, "33.33", "", "20"), line("b", 1, "33.33", "", "20"), line("c", 2, "16.67", "", "10"),
			}},
			want: []LineSales{
				ls("a", 1, "33.33", "3.33", "30.00", "20.00", "10.00"),
				ls("b", 1, "33.33", "3.33", "30.00", "20.00", "10.00"),
				ls("c", 2, "33.34", "3.34", "30.00", "20.00", "10.00"),
			},
		},
		{
			name:   "line discount reduces the weight",
			reason: "values 2×30 = 60, 25 − 5 = 20, 20; the 10.00 order discount splits 6, 2, 2",
			order: metrics.Order{ID: "o2", Currency: cny, Discount: y("10.00"), Lines: []metrics.Line{
				line("a", 2, "30", "", "12"), line("b", 1, "25", "5", "9"), line("c", 1, "20", "", "15"),
			}},
			want: []LineSales{
				ls("a", 2, "60", "6", "54", "24", "30"),
				ls("b", 1, "25", "7", "18", "9", "9"),
				ls("c", 1, "20", "2", "18", "15", "3"),
			},
		},
		{
			name:   "tie goes to the earlier line",
			reason: "0.01 over two equal lines: both remainders are equal, the first line gets the cent",
			order: metrics.Order{ID: "o3", Currency: cny, Discount: y("0.01"), Lines: []metrics.Line{
				line("a", 1, "5", "", "1"), line("b", 1, "5", "", "1"),
			}},
			want: []LineSales{
				ls("a", 1, "5", "0.01", "4.99", "1", "3.99"),
				ls("b", 1, "5", "0", "5", "1", "4"),
			},
		},
		{
			name:   "sub-cent prices take the exact path",
			reason: "a unit price of 0.125 is kept exactly: 8 × 0.125 = 1.000; the 0.50 discount splits 0.25, 0.25",
			order: metrics.Order{ID: "o4", Currency: cny, Discount: y("0.50"), Lines: []metrics.Line{
				line("a", 8, "0.125", "", "0.05"), line("b", 1, "1", "", "0.4"),
			}},
			want: []LineSales{
				ls("a", 8, "1", "0.25", "0.75", "0.4", "0.35"),
				ls("b", 1, "1", "0.25", "0.75", "0.4", "0.35"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SplitOrder(tt.order)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SplitOrder (-want +got):\n%s\n%s", diff, tt.reason)
			}
		})
	}
}

func TestSplitOrderErrors(t *testing.T) {
	o := metrics.Order{ID: "bad", Currency: cny, Discount: money.MustNew("500", "CNY"), Lines: []metrics.Line{
		line("a", 0, "10", "", "1"),
		line("b", 1, "10", "11", "1"),
		{SKU: "c", Quantity: 1, UnitPrice: money.MustNew("10", "USD")},
	}}
	_, err := SplitOrder(o)
	if !errors.Is(err, ErrInvalidOrder) {
		t.Fatalf("err = %v, want ErrInvalidOrder", err)
	}
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var oe *OrderError
		if !errors.As(e, &oe) {
			t.Fatalf("%v is not an *OrderError", e)
		}
		got = append(got, oe.SKU)
	}
	// One error per problem: a's quantity, b's discount above its gross,
	// c's currency; the order discount is not compared with a total that
	// mixes currencies.
	if diff := cmp.Diff([]string{"a", "b", "c"}, got); diff != "" {
		t.Errorf("errors by SKU (-want +got):\n%s\n%v", diff, err)
	}
}

// TestSplitOrderConserves checks that the order discount is allocated to
// the cent (the shares add up to it) and exactly as metrics.Money.Allocate
// does, on the int64 fast path and on the exact path.
func TestSplitOrderConserves(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "lines")
		exact := rapid.Bool().Draw(t, "subCent")
		o := metrics.Order{ID: "r", Currency: cny}
		var total money.Money = cny.Zero()
		weights := make([]decimal.Decimal, n)
		for i := range n {
			q := rapid.Int64Range(1, 5).Draw(t, "qty")
			p := cny.FromMinor(rapid.Int64Range(0, 100000).Draw(t, "price"))
			if exact {
				p = p.MulRate(decimal.New(rapid.Int64Range(1, 999).Draw(t, "mils"), -3))
			}
			g := p.Mul(q)
			d := g.MulRate(decimal.New(rapid.Int64Range(0, 100).Draw(t, "discPct"), -2)).Round(money.RoundDown)
			v, _ := g.Sub(d)
			weights[i] = v.Decimal()
			total, _ = total.Add(v)
			o.Lines = append(o.Lines, metrics.Line{SKU: "s", Quantity: q, UnitPrice: p, Discount: d, UnitCost: cny.FromMinor(rapid.Int64Range(0, 5000).Draw(t, "cost"))})
		}
		o.Discount = total.MulRate(decimal.New(rapid.Int64Range(0, 100).Draw(t, "orderPct"), -2)).Round(money.RoundDown)
		got, err := SplitOrder(o)
		if err != nil {
			t.Fatal(err)
		}
		var sumShare, sumNet money.Money
		for i, ls := range got {
			lineDisc := o.Lines[i].Discount
			share, _ := ls.Discount.Sub(lineDisc)
			sumShare, _ = sumShare.Add(share)
			sumNet, _ = sumNet.Add(ls.Net)
			if p, _ := ls.Net.Sub(ls.Cost); !p.Equal(ls.Profit) {
				t.Fatalf("line %d: profit %v != net %v − cost %v", i, ls.Profit, ls.Net, ls.Cost)
			}
		}
		if k, _ := sumShare.Cmp(o.Discount); k != 0 {
			t.Fatalf("shares add to %v, order discount is %v", sumShare, o.Discount)
		}
		wantNet, _ := total.Sub(o.Discount)
		if k, _ := sumNet.Cmp(wantNet); k != 0 {
			t.Fatalf("net adds to %v, want value %v − discount = %v", sumNet, total, wantNet)
		}
		if o.Discount.IsZero() || total.IsZero() {
			return
		}
		want, err := o.Discount.Allocate(weights)
		if err != nil {
			t.Fatal(err)
		}
		for i, ls := range got {
			share, _ := ls.Discount.Sub(o.Lines[i].Discount)
			if k, _ := share.Cmp(want[i]); k != 0 {
				t.Fatalf("line %d: share %v, Money.Allocate gives %v", i, share, want[i])
			}
		}
	})
}

// FuzzSplitOrder checks that SplitOrder never panics on any amounts and,
// when it accepts an order, allocates its discount exactly.
func FuzzSplitOrder(f *testing.F) {
	f.Add(int64(1000), int64(2), int64(100), int64(500), int64(3333), int64(1), int64(0), int64(250), int64(3))
	f.Add(int64(0), int64(0), int64(0), int64(0), int64(0), int64(0), int64(0), int64(0), int64(0))
	f.Add(int64(-5), int64(1), int64(0), int64(0), int64(1<<62), int64(3), int64(1), int64(1<<62), int64(2))
	f.Fuzz(func(t *testing.T, p1, q1, d1, c1, p2, q2, d2, od int64, exp int64) {
		scale := int32(-(exp%5 + 5) % 5) // 0 … −4 decimals beyond the cent
		m := func(v int64) money.Money { return cny.FromMinor(1).MulRate(decimal.New(v, scale)) }
		o := metrics.Order{ID: "f", Currency: cny, Discount: m(od), Lines: []metrics.Line{
			{SKU: "a", Quantity: q1, UnitPrice: m(p1), Discount: m(d1), UnitCost: m(c1)},
			{SKU: "b", Quantity: q2, UnitPrice: m(p2), Discount: m(d2)},
		}}
		lines, err := SplitOrder(o)
		if err != nil {
			return
		}
		var share money.Money
		for i, ls := range lines {
			s, _ := ls.Discount.Sub(o.Lines[i].Discount)
			share, _ = share.Add(s)
			// Shares are whole cents; a line worth sub-cent amounts can get
			// up to a cent more than its value (see SplitOrder).
			if k, _ := ls.Net.Cmp(cny.FromMinor(-1)); k <= 0 {
				t.Fatalf("line %d: net %v", i, ls.Net)
			}
		}
		if k, _ := share.Cmp(o.Discount); k != 0 {
			t.Fatalf("shares add to %v, order discount %v", share, o.Discount)
		}
	})
}
