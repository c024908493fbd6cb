package category

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// TestAddCurrencies feeds orders whose lines are not in the order's
// currency, or without a currency: each is an *OrderError for its order,
// wrapping the money error, and counts nothing, the first orders before
// the period too (they split new customers). An order without a currency
// once set the tracker's currency to none, and its lines of two
// currencies then met in the split of a first order.
func TestAddCurrencies(t *testing.T) {
	usd := money.MustCurrency("USD")
	usdLine := line("U", "a", 1, "10")
	usdLine.UnitPrice, usdLine.Discount = usd.FromMinor(1000), usd.Zero()
	noCur := order("o4", "c4", day(12, 4), line("A", "a", 1, "10"))
	noCur.Currency = money.Currency{}
	zeroCurLine := line("Z", "a", 1, "10")
	zeroCurLine.UnitPrice, zeroCurLine.Discount = money.Currency{}.FromMinor(500), money.Money{}
	tests := []struct {
		name string
		o    metrics.Order
		want error
	}{
		{"USD line in a CNY order", order("o1", "c1", day(12, 1), line("A", "a", 1, "10"), usdLine), money.ErrCurrencyMismatch},
		{"USD line of a first order before the period", order("o2", "c2", day(11, 2), usdLine), money.ErrCurrencyMismatch},
		{"line of the zero currency", order("o3", "c3", day(12, 3), zeroCurLine), money.ErrCurrencyMismatch},
		{"order without a currency", noCur, money.ErrUnknownCurrency},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := Tracker{Period: dec2025}
			if err := tr.Add(order("o0", "c0", day(12, 1), line("A", "a", 2, "10"))); err != nil {
				t.Fatal(err)
			}
			want := tr.Result(Config{})
			err := tr.Add(tc.o)
			var oe *OrderError
			if !errors.As(err, &oe) || oe.OrderID != tc.o.ID || !errors.Is(err, tc.want) {
				t.Fatalf("Add = %v, want an *OrderError for %s wrapping %v", err, tc.o.ID, tc.want)
			}
			if d := cmp.Diff(want, tr.Result(Config{})); d != "" {
				t.Errorf("the rejected order counted (-before +after):\n%s", d)
			}
		})
	}
}

// TestCurrencyInvariantRapid tries to break the invariant that oneCurrency
// relies on (a tracker's amounts are all in its currency) through the
// public API: orders in CNY, USD or no currency, lines priced in the
// order's currency, another one, the zero currency or the zero Money,
// order discounts in either, fed to two trackers, one of them through
// its binary encoding, then merged (refused when the shards are in two
// currencies). An order is accepted only when it
// of the period has a currency, the first one's, and every line's net
// is in it; the
// merged tracker equals the one fed the accepted orders directly, and
// its Result (which would panic on a broken invariant) adds up.
func TestCurrencyInvariantRapid(t *testing.T) {
	curs := []money.Currency{money.MustCurrency("CNY"), money.MustCurrency("USD"), {}}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "orders")
		var a, b *Tracker = &Tracker{Period: dec2025}, &Tracker{Period: dec2025}
		direct := &Tracker{Period: dec2025}
		twoCur := false
		for i := range n {
			oc := rapid.SampledFrom(curs).Draw(t, "currency")
			at := time.Date(2025, time.November, 20, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 40*24).Draw(t, "hour")) * time.Hour)
			o := metrics.Order{ID: fmt.Sprintf("o%02d", i), CustomerID: fmt.Sprintf("c%d", rapid.IntRange(0, 3).Draw(t, "customer")),
				PlacedAt: at, Status: metrics.Paid, Currency: oc}
			inCur := true
			for range rapid.IntRange(1, 3).Draw(t, "lines") {
				c := rapid.SampledFrom(curs).Draw(t, "line currency")
				p := c.FromMinor(rapid.Int64Range(0, 1000).Draw(t, "price"))
				if rapid.IntRange(0, 5).Draw(t, "zero Money") == 0 {
					p = money.Money{}
				}
				l := metrics.Line{SKU: "S", Category: rapid.SampledFrom([]string{"a", "b"}).Draw(t, "category"), Quantity: 1, UnitPrice: p}
				o.Lines = append(o.Lines, l)
				inCur = inCur && (p.Currency() == oc || p.Currency().IsZero() && p.IsZero())
			}
			if rapid.IntRange(0, 3).Draw(t, "discount") == 0 {
				o.Discount = rapid.SampledFrom(curs).Draw(t, "discount currency").FromMinor(1)
			}
			tr := a
			if rapid.Bool().Draw(t, "shard") {
				tr = b
			}
			err := tr.Add(o)
			if err == nil {
				if dec2025.Contains(at) && (oc.IsZero() || !inCur) { // an order before the period may count in nothing
					t.Fatalf("Add accepted order %+v: no currency, or a line in another", o)
				}
				if twoCur {
					continue // direct may differ from here on: only the Merge's refusal is checked
				}
				if err := direct.Add(o); err != nil {
					if !errors.Is(err, money.ErrCurrencyMismatch) {
						t.Fatalf("direct Add(%s) = %v, the shard's accepted it", o.ID, err)
					}
					twoCur = true // the shards' first orders are in two currencies
				}
			}
		}
		data, err := b.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Tracker
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		err = a.Merge(&back)
		if twoCur && err == nil {
			t.Fatal("Merge of shards in two currencies succeeded")
		}
		if err != nil {
			if !errors.Is(err, ErrMismatch) || a.cur.IsZero() || back.cur.IsZero() || a.cur == back.cur {
				t.Fatalf("Merge = %v, shards in %v and %v", err, a.cur, back.cur)
			}
			return // shards in two currencies: refused, as they must be
		}
		r := a.Result(Config{})
		if d := cmp.Diff(direct.Result(Config{}), r); d != "" {
			t.Fatalf("merged shards (-direct +merged):\n%s", d)
		}
		sum := money.Money{}
		for _, row := range r.Categories {
			if sum, err = sum.Add(row.NetSales); err != nil {
				t.Fatalf("rows in two currencies: %v", err)
			}
		}
		if !sum.Equal(r.NetSales) && !(sum.IsZero() && r.NetSales.IsZero()) {
			t.Fatalf("Σ rows' net sales %v, total %v", sum, r.NetSales)
		}
	})
}
