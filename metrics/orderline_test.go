package metrics

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestAllocMinorMatchesAllocate checks the allocation-free fast path used by
// Summarize against Money.Allocate, the definition.
func TestAllocMinorMatchesAllocate(t *testing.T) {
	cny := money.MustCurrency("CNY")
	rapid.Check(t, func(t *rapid.T) {
		// Small values, and values near the int64 limit where the 128-bit
		// products matter.
		// Up to 100 weights: more than 64 take the sorting branch.
		maxLen := rapid.SampledFrom([]int{40, 100}).Draw(t, "maxLen")
		minLen := 1
		if maxLen > 64 {
			minLen = 65
		}
		maxW := rapid.SampledFrom([]int64{1_000_000, math.MaxInt64 / int64(maxLen)}).Draw(t, "maxWeight")
		w := rapid.SliceOfN(rapid.Int64Range(0, maxW), minLen, maxLen).Draw(t, "weights")
		total := rapid.Int64Range(0, rapid.SampledFrom([]int64{2_000_000, math.MaxInt64}).Draw(t, "maxTotal")).Draw(t, "total")
		lines := make([]LineMinor, len(w))
		for i, v := range w {
			lines[i].Gross = v
		}
		ok := allocMinor(total, lines)
		dw := make([]decimal.Decimal, len(w))
		allZero := true
		for i, v := range w {
			dw[i] = decimal.NewFromInt(v)
			allZero = allZero && v == 0
		}
		want, err := cny.FromMinor(total).Allocate(dw)
		if allZero {
			if ok || err == nil {
				t.Fatalf("all-zero weights: fast ok=%v, Allocate err=%v", ok, err)
			}
			return
		}
		if !ok || err != nil {
			t.Fatalf("fast ok=%v, Allocate err=%v", ok, err)
		}
		got := make([]money.Money, len(w))
		for i, l := range lines {
			got[i] = cny.FromMinor(l.Share)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("allocMinor != Allocate (-want +got):\n%s", diff)
		}
	})
}

func TestDiscountShares(t *testing.T) {
	c := money.MustCurrency("CNY")
	o := Order{Currency: c, Discount: money.MustNew("10.00", "CNY"), Lines: []Line{
		{Quantity: 1, UnitPrice: money.MustNew("10.00", "CNY")},
		{Quantity: 2, UnitPrice: money.MustNew("10.00", "CNY"), Discount: money.MustNew("5.00", "CNY")},
		{Quantity: 1, UnitPrice: money.MustNew("5.00", "CNY")},
	}}
	got, err := o.DiscountShares()
	if err != nil {
		t.Fatal(err)
	}
	// Net line values 10, 15, 5 (total 30): 10 × 10/30 = 3.333…,
	// 10 × 15/30 = 5.00, 10 × 5/30 = 1.666…; floors 3.33 + 5.00 + 1.66 leave
	// one cent for the largest remainder, the third line (0.666… > 0.333…).
	want := []money.Money{money.MustNew("3.33", "CNY"), money.MustNew("5.00", "CNY"), money.MustNew("1.67", "CNY")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DiscountShares (-want +got):\n%s", diff)
	}
	net, _ := o.Net()
	total, _ := o.Total()
	if !net.Equal(money.MustNew("20.00", "CNY")) || !total.Equal(net) {
		t.Errorf("Net, Total = %v, %v; want CNY 20.00 for both (30 − 10, no shipping or tax)", net, total)
	}
	none, err := Order{Currency: c, Lines: o.Lines}.DiscountShares()
	if err != nil || len(none) != 3 || !none[0].Equal(c.Zero()) {
		t.Errorf("DiscountShares without discount = %v, %v; want three zeros", none, err)
	}
}

// TestAppendLineMinorMatchesDiscountShares checks Order.AppendLineMinor
// against its definition: Line.Gross, Line.Cost and Order.DiscountShares
// (so Money.Allocate), on whole cents, near the int64 limit, and with
// amounts that have extra decimals, which it must decline.
func TestAppendLineMinorMatchesDiscountShares(t *testing.T) {
	cny := money.MustCurrency("CNY")
	rapid.Check(t, func(t *rapid.T) {
		maxLen := rapid.SampledFrom([]int{5, 100}).Draw(t, "maxLen")
		minLen := 1 // more than 64 lines take the sorting branch
		if maxLen > 64 {
			minLen = 65
		}
		// Small amounts, and amounts near the int64 limit where the 128-bit
		// products matter (maxLen lines of up to MaxInt64/maxLen each).
		limit := rapid.SampledFrom([]int64{100_000, math.MaxInt64 / int64(maxLen)}).Draw(t, "limit")
		allowExtra := rapid.Bool().Draw(t, "allowExtra")
		extra := false
		amount := func(label string, max int64) money.Money {
			switch rapid.IntRange(0, 5).Draw(t, label+"Kind") {
			case 0:
				return money.Money{} // the zero Money: no currency
			case 1: // a tenth of a cent: the decimal path
				if !allowExtra {
					break
				}
				extra = true
				n := rapid.Int64Range(1, 100_000).Draw(t, label)
				if n%10 == 0 { // a tenth of a cent, not a whole number of cents
					n++
				}
				m, _ := money.NewFromDecimal(decimal.New(n, -3), "CNY")
				return m
			}
			return cny.FromMinor(rapid.Int64Range(0, max).Draw(t, label))
		}
		o := Order{ID: "o1", Currency: cny}
		var value int64
		for range rapid.IntRange(minLen, maxLen).Draw(t, "lines") {
			l := Line{Quantity: 1, UnitPrice: amount("price", limit), UnitCost: amount("cost", limit)}
			if q := rapid.Int64Range(1, 3).Draw(t, "qty"); limit < 1_000_000 {
				l.Quantity = q
			}
			g, _ := minorOf(l.UnitPrice.Mul(l.Quantity), cny)
			l.Discount = amount("lineDiscount", g)
			d, _ := minorOf(l.Discount, cny)
			if d > g {
				l.Discount = money.Money{}
				d = 0
			}
			value += g - d
			o.Lines = append(o.Lines, l)
		}
		o.Discount = amount("orderDiscount", value)
		if d, _ := minorOf(o.Discount, cny); d > value {
			o.Discount = cny.FromMinor(value)
		}

		pre := []LineMinor{{Gross: 7}} // AppendLineMinor appends after it
		got, ok := o.AppendLineMinor(pre)
		if extra {
			if ok || len(got) != 1 {
				t.Fatalf("amounts with extra decimals: ok = %v, %d lines; want false and dst unchanged", ok, len(got))
			}
			return
		}
		if !ok {
			t.Fatalf("AppendLineMinor declined a valid order of whole cents")
		}
		if got[0] != pre[0] {
			t.Fatalf("AppendLineMinor changed dst[0] to %+v", got[0])
		}
		shares, err := o.DiscountShares()
		if err != nil {
			t.Fatal(err)
		}
		inCNY := func(m money.Money) money.Money { // the zero Money as CNY 0.00
			if m.Currency().IsZero() {
				return cny.Zero()
			}
			return m
		}
		type line struct{ Gross, Discount, Share, Cost, Net money.Money }
		var want, have []line
		for i, l := range o.Lines {
			n, _ := l.Net()
			net, _ := n.Sub(shares[i])
			m := got[1+i]
			want = append(want, line{inCNY(l.Gross()), inCNY(l.Discount), shares[i], inCNY(l.Cost()), inCNY(net)})
			have = append(have, line{cny.FromMinor(m.Gross), cny.FromMinor(m.Discount), cny.FromMinor(m.Share), cny.FromMinor(m.Cost), cny.FromMinor(m.Net())})
		}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Fatalf("AppendLineMinor != Line.Gross, Line.Cost, DiscountShares (-want +got):\n%s", diff)
		}
	})
}

// TestAppendLineMinorAllocs checks that AppendLineMinor allocates nothing
// when dst has room, including when units are left over for the largest
// remainders.
func TestAppendLineMinorAllocs(t *testing.T) {
	cny := money.MustCurrency("CNY")
	o := Order{Currency: cny, Discount: money.MustNew("10.00", "CNY"), Lines: []Line{
		{Quantity: 1, UnitPrice: money.MustNew("10.00", "CNY"), UnitCost: money.MustNew("4.00", "CNY")},
		{Quantity: 2, UnitPrice: money.MustNew("10.00", "CNY"), Discount: money.MustNew("5.00", "CNY")},
		{Quantity: 1, UnitPrice: money.MustNew("5.00", "CNY")},
	}}
	dst := make([]LineMinor, 0, len(o.Lines))
	var ok bool
	allocs := testing.AllocsPerRun(100, func() { dst, ok = o.AppendLineMinor(dst[:0]) })
	if allocs != 0 || !ok {
		t.Errorf("AppendLineMinor: %v allocations per call, ok = %v; want 0, true", allocs, ok)
	}
	// The shares of TestDiscountShares: 3.33, 5.00, 1.67 (one cent left over
	// for the largest remainder), in cents.
	want := []LineMinor{{Gross: 1000, Share: 333, Cost: 400}, {Gross: 2000, Discount: 500, Share: 500}, {Gross: 500, Share: 167}}
	if diff := cmp.Diff(want, dst); diff != "" {
		t.Errorf("AppendLineMinor (-want +got):\n%s", diff)
	}
}

// BenchmarkAppendLineMinor measures the integer line split of a 5-line
// order with a coupon that leaves units for the largest remainders.
func BenchmarkAppendLineMinor(b *testing.B) {
	cny := money.MustCurrency("CNY")
	o := Order{Currency: cny, Discount: cny.FromMinor(1001)}
	for i := range 5 {
		o.Lines = append(o.Lines, Line{Quantity: int64(1 + i%3), UnitPrice: cny.FromMinor(int64(537 + 37*i)),
			UnitCost: cny.FromMinor(int64(211 + 11*i))})
	}
	dst := make([]LineMinor, 0, len(o.Lines))
	b.ReportAllocs()
	for b.Loop() {
		dst, _ = o.AppendLineMinor(dst[:0])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}

// TestLineCostMissing: a line lacks its cost when it sold units at a zero
// or missing unit cost; a line of no units lacks nothing.
func TestLineCostMissing(t *testing.T) {
	cny := money.MustCurrency("CNY")
	for _, c := range []struct {
		name string
		l    Line
		want bool
	}{
		{"a cost", Line{Quantity: 2, UnitCost: cny.FromMinor(150)}, false},
		{"a sub-cent cost", Line{Quantity: 1, UnitCost: money.MustNew("0.001", "CNY")}, false},
		{"a zero cost", Line{Quantity: 2, UnitCost: cny.FromMinor(0)}, true},
		{"no cost given", Line{Quantity: 2}, true},
		{"no units", Line{Quantity: 0}, false},
	} {
		if got := c.l.CostMissing(); got != c.want {
			t.Errorf("%s: CostMissing() = %v, want %v", c.name, got, c.want)
		}
	}
}
