package metrics_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// totalOf returns the SalesTotal that the Summary s gives: the same
// orders, amounts and margin, since s has no refunds.
func totalOf(s metrics.Summary) metrics.SalesTotal {
	return metrics.SalesTotal{Currency: s.Currency, Orders: s.Orders, GrossSales: s.GrossSales, Discounts: s.Discounts,
		COGS: s.COGS, NetSales: s.NetSales, GrossProfit: s.GrossProfit, GrossMargin: s.GrossMargin}
}

// TestTotalsMatchSummarizer checks that Totals counts exactly what
// Summarizer counts without refunds, rejecting the same orders with the
// same errors, whether fed order by order or in batches, and that totals
// of batches merge into the direct totals.
func TestTotalsMatchSummarizer(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.FixedZone("CST", 8*3600))
	rapid.Check(t, func(t *rapid.T) {
		orders, _ := genOddOrders(t)
		p := nov
		if rapid.Bool().Draw(t, "allTime") {
			p = metrics.Period{}
		}
		s := metrics.Summarizer{Period: p}
		var wantErr []string
		for _, o := range orders {
			wantErr = append(wantErr, errorLines(s.Add(o))...)
		}
		var want []metrics.SalesTotal
		for _, x := range s.Result() {
			if x.Orders > 0 { // Summarizer also lists currencies of orders before the period or rejected
				want = append(want, totalOf(x))
			}
		}

		rows := metrics.Totals{Period: p}
		var rowErr []string
		for _, o := range orders {
			rowErr = append(rowErr, errorLines(rows.Add(o))...)
		}
		cols := metrics.Totals{Period: p}
		var colErr []string
		merged := metrics.Totals{Period: p}
		for _, b := range batches(t, orders) {
			colErr = append(colErr, errorLines(cols.AddOrders(b))...)
			var part metrics.Totals
			part.Period = p
			_ = part.AddOrders(b) // its errors are checked through cols
			if err := merged.Merge(&part); err != nil {
				t.Fatal(err)
			}
		}
		for name, got := range map[string][]string{"Add": rowErr, "AddOrders": colErr} {
			if diff := cmp.Diff(wantErr, got); diff != "" {
				t.Fatalf("errors (-Summarizer +Totals.%s):\n%s", name, diff)
			}
		}
		for name, got := range map[string]*metrics.Totals{"Add": &rows, "AddOrders": &cols, "Merge": &merged} {
			if diff := cmp.Diff(want, got.Result(), cmpCurrency); diff != "" {
				t.Fatalf("Totals.%s != Summarizer (-want +got):\n%s", name, diff)
			}
			for _, w := range want {
				if diff := cmp.Diff(w, got.For(w.Currency), cmpCurrency); diff != "" {
					t.Fatalf("Totals.%s For(%v) (-want +got):\n%s", name, w.Currency, diff)
				}
			}
		}
	})
}

// TestTotalsBeyondInt64 checks the 128-bit sums of AddOrders: four orders
// of 2^62 cents each total 2^64 cents, past the int64 range, exactly.
func TestTotalsBeyondInt64(t *testing.T) {
	usd := money.MustCurrency("USD")
	var b metrics.Orders
	var s metrics.Summarizer
	for i := range 4 {
		o := metrics.Order{ID: string(rune('a' + i)), Status: metrics.Paid, Currency: usd,
			PlacedAt: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC),
			Lines:    []metrics.Line{{SKU: "X", Quantity: 1, UnitPrice: usd.FromMinor(1 << 62), UnitCost: usd.FromMinor(1 << 61)}},
			Discount: usd.FromMinor(1 << 60)}
		if err := b.Append(o); err != nil {
			t.Fatal(err)
		}
		if err := s.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	var tot metrics.Totals
	if err := tot.AddOrders(&b); err != nil {
		t.Fatal(err)
	}
	got := tot.For(usd)
	// 4 × 2^62 cents = 184467440737095516.16 USD.
	if want := decimal.RequireFromString("184467440737095516.16"); !got.GrossSales.Decimal().Equal(want) {
		t.Fatalf("gross %v, want %v", got.GrossSales, want)
	}
	if diff := cmp.Diff(totalOf(s.For(usd)), got, cmpCurrency); diff != "" {
		t.Fatalf("Totals != Summarizer (-want +got):\n%s", diff)
	}
}

// TestTotalsEmpty checks the empty totals: zero amounts, n/a margin.
func TestTotalsEmpty(t *testing.T) {
	var tot metrics.Totals
	if err := tot.AddOrders(&metrics.Orders{}); err != nil {
		t.Fatal(err)
	}
	if got := tot.Result(); len(got) != 0 {
		t.Fatalf("Result of nothing: %v", got)
	}
	cny := money.MustCurrency("CNY")
	got := tot.For(cny)
	want := metrics.SalesTotal{Currency: cny, GrossSales: cny.Zero(), Discounts: cny.Zero(), COGS: cny.Zero(),
		NetSales: cny.Zero(), GrossProfit: cny.Zero()}
	if diff := cmp.Diff(want, got, cmpCurrency); diff != "" {
		t.Fatalf("For of nothing (-want +got):\n%s", diff)
	}
	if got.GrossMargin.Defined() || got.GrossMargin.String() != "n/a" {
		t.Fatalf("margin of nothing: %v", got.GrossMargin)
	}
}

// TestTotalsConfigAndMergeErrors checks the period check and the refused
// merges, which leave the receiver unchanged.
func TestTotalsConfigAndMergeErrors(t *testing.T) {
	orders, _ := exampleStore()
	at := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	bad := metrics.Totals{Period: metrics.Period{Start: at, End: at}}
	if err := bad.Add(orders[0]); !errors.Is(err, metrics.ErrConfig) {
		t.Fatalf("Add with an empty period: %v", err)
	}
	var b metrics.Orders
	for _, o := range orders {
		if err := b.Append(o); err != nil {
			t.Fatal(err)
		}
	}
	if err := bad.AddOrders(&b); !errors.Is(err, metrics.ErrConfig) {
		t.Fatalf("AddOrders with an empty period: %v", err)
	}
	var all metrics.Totals
	if err := all.AddOrders(&b); err != nil {
		t.Fatal(err)
	}
	before := all.Result()
	nov := metrics.Totals{Period: metrics.MonthOf(2025, time.November, time.UTC)}
	for name, o := range map[string]*metrics.Totals{"itself": &all, "another period": &nov} {
		if err := all.Merge(o); !errors.Is(err, metrics.ErrIncompatible) {
			t.Fatalf("Merge with %s: %v", name, err)
		}
	}
	if diff := cmp.Diff(before, all.Result(), cmpCurrency); diff != "" {
		t.Fatalf("refused merges changed the totals (-before +after):\n%s", diff)
	}
}

// TestTotalsBinaryRoundTrip checks that MarshalBinary and UnmarshalBinary
// give back the same totals and period, and that the decoded totals
// merge like the original.
func TestTotalsBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders, _ := genOddOrders(t)
		var tot metrics.Totals
		if rapid.Bool().Draw(t, "period") {
			tot.Period = metrics.MonthOf(2025, time.November, time.FixedZone("CST", 8*3600))
		}
		for _, o := range orders {
			_ = tot.Add(o) // errors are TestTotalsMatchSummarizer's business
		}
		enc, err := tot.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back metrics.Totals
		if err := back.UnmarshalBinary(enc); err != nil {
			t.Fatalf("UnmarshalBinary: %v", err)
		}
		if !back.Period.Start.Equal(tot.Period.Start) || !back.Period.End.Equal(tot.Period.End) || back.Period.Grain != tot.Period.Grain {
			t.Fatalf("period %v, want %v", back.Period, tot.Period)
		}
		if diff := cmp.Diff(tot.Result(), back.Result(), cmpCurrency); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		again, _ := back.MarshalBinary()
		if string(again) != string(enc) {
			t.Fatalf("re-encoding differs")
		}
	})
}

// FuzzTotalsUnmarshalBinary checks that decoding garbage gives an error
// wrapping ErrCorrupt, never a panic, and leaves the Totals unchanged;
// whatever decodes encodes back to the same bytes and gives finite
// results.
func FuzzTotalsUnmarshalBinary(f *testing.F) {
	usd := money.MustCurrency("USD")
	var tot metrics.Totals
	_ = tot.Add(metrics.Order{ID: "1", Status: metrics.Paid, Currency: usd, Lines: []metrics.Line{
		{SKU: "A", Quantity: 2, UnitPrice: money.MustNew("1.005", "USD"), UnitCost: usd.FromMinor(1 << 62)}}})
	enc, _ := tot.MarshalBinary()
	f.Add(enc)
	nov := metrics.Totals{Period: metrics.MonthOf(2025, time.November, time.UTC)}
	enc, _ = nov.MarshalBinary()
	f.Add(enc)
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{2, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		sentinel := metrics.Totals{Period: metrics.MonthOf(2024, time.May, time.UTC)}
		x := sentinel
		if err := x.UnmarshalBinary(b); err != nil {
			if !errors.Is(err, metrics.ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			if x.Period != sentinel.Period || len(x.Result()) != 0 {
				t.Fatalf("a failed UnmarshalBinary changed the Totals")
			}
			return
		}
		for _, r := range x.Result() {
			_ = r.GrossProfit.String()
			if v, ok := r.GrossMargin.Value(); ok && v != v {
				t.Fatalf("NaN margin")
			}
		}
		again, err := x.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var y metrics.Totals
		if err := y.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if diff := cmp.Diff(x.Result(), y.Result(), cmpCurrency); diff != "" {
			t.Fatalf("re-decoding (-first +second):\n%s", diff)
		}
	})
}

// TestTotalsLargeBatches checks Totals.AddOrders against Summarizer.Add on
// batches of thousands of orders, mostly of one line, so that the chunks
// of the integer path are full, with a few orders each chunk must leave
// to the order by order loop or to Add: cancelled, outside the period,
// several lines, invalid, sub-cent, huge.
func TestTotalsLargeBatches(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	usd := money.MustCurrency("USD")
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 5000).Draw(t, "orders")
		odd := rapid.Float64Range(0, 0.01).Draw(t, "oddShare")
		seed := rapid.Uint64().Draw(t, "seed")
		rng := func() uint64 { // splitmix64: cheap draws for thousands of orders
			seed += 0x9e3779b97f4a7c15
			z := seed
			z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
			z = (z ^ (z >> 27)) * 0x94d049bb133111eb
			return z ^ (z >> 31)
		}
		p := nov
		if rapid.Bool().Draw(t, "allTime") {
			p = metrics.Period{}
		}
		var b metrics.Orders
		s := metrics.Summarizer{Period: p}
		var wantErr []string
		for i := range n {
			price := int64(rng() % 100000)
			o := metrics.Order{ID: "o" + string(rune('0'+i%10)), Status: metrics.Paid, Currency: usd,
				PlacedAt: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng()%(29*24)) * time.Hour),
				Lines:    []metrics.Line{{SKU: "A", Quantity: 1 + int64(rng()%3), UnitPrice: usd.FromMinor(price), UnitCost: usd.FromMinor(price / 2)}},
				Discount: usd.FromMinor(int64(rng() % uint64(price+1)))}
			if float64(rng()%1_000_000)/1e6 < odd {
				switch rng() % 7 {
				case 0:
					o.Status = metrics.Cancelled
					o.Lines[0].Quantity = -1 // a cancelled order is not checked
				case 1:
					o.PlacedAt = o.PlacedAt.AddDate(0, -1, 0)
				case 2:
					o.Lines = append(o.Lines, o.Lines[0])
				case 3:
					o.Discount = usd.FromMinor(price*3 + 1)
				case 4:
					o.Lines[0].UnitPrice = money.MustNew("0.125", "USD")
				case 5:
					o.Lines[0].UnitPrice = usd.FromMinor(1 << 60)
				case 6:
					o.Lines = nil
					o.Discount = usd.Zero()
				}
			}
			if err := b.Append(o); err != nil {
				t.Fatal(err)
			}
			wantErr = append(wantErr, errorLines(s.Add(o))...)
		}
		tot := metrics.Totals{Period: p}
		if diff := cmp.Diff(wantErr, errorLines(tot.AddOrders(&b))); diff != "" {
			t.Fatalf("errors (-Summarizer +Totals):\n%s", diff)
		}
		var want []metrics.SalesTotal
		for _, x := range s.Result() {
			if x.Orders > 0 {
				want = append(want, totalOf(x))
			}
		}
		if diff := cmp.Diff(want, tot.Result(), cmpCurrency); diff != "" {
			t.Fatalf("Totals != Summarizer (-want +got):\n%s", diff)
		}
	})
}
