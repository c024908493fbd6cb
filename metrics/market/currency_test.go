package market_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestAddOrderNoCurrency: an order without a currency is refused,
// located, and counts nothing. It used to be counted: a line in USD and
// one in EUR of the same SKU then summed to nothing (the sum's error was
// discarded).
func TestAddOrderNoCurrency(t *testing.T) {
	tr := &market.Tracker{Period: dec}
	if err := tr.AddPrice(market.Price{SKU: "A", Competitor: "X", Day: day(1), Price: m("10")}); err != nil {
		t.Fatal(err)
	}
	want := tr.Summarize(market.Config{})
	o := order("n", day(2), "", line("A", 1, "10.00"), line("A", 1, "10.00"))
	o.Currency, o.Lines[1].UnitPrice = money.Currency{}, money.MustNew("10", "EUR")
	err := tr.AddOrder(o)
	var ve *metrics.ValidationError
	if !errors.As(err, &ve) || ve.OrderID != "n" || ve.Field != "Currency" || !errors.Is(err, money.ErrUnknownCurrency) {
		t.Fatalf("AddOrder(no currency) = %v, want a *metrics.ValidationError of n's Currency wrapping ErrUnknownCurrency", err)
	}
	if d := cmp.Diff(want, tr.Summarize(market.Config{})); d != "" {
		t.Errorf("the refused order counted (-before +after):\n%s", d)
	}
}

// TestCurrencyInvariantRapid tries to break the invariant that oneCurrency
// relies on (a tracker's sales are all in its currency) through the
// public API: prices and orders in USD, EUR or no currency, the orders'
// lines priced in the order's currency, another one, the zero currency
// or the zero Money, discounts in either, fed to two trackers, one of
// them through its binary encoding, then merged. An accepted order has a
// currency and every line in it; the merged tracker summarizes (which
// would panic on a broken invariant) like one fed the accepted records
// directly.
func TestCurrencyInvariantRapid(t *testing.T) {
	curs := []money.Currency{usd, money.MustCurrency("EUR"), {}}
	rapid.Check(t, func(t *rapid.T) {
		trs := [2]*market.Tracker{{Period: dec}, {Period: dec}}
		direct := &market.Tracker{Period: dec}
		twoCur := false
		for i := range rapid.IntRange(1, 12).Draw(t, "records") {
			k := rapid.IntRange(0, 1).Draw(t, "shard")
			at := dec.Start.AddDate(0, -1, 0).Add(time.Duration(rapid.IntRange(0, 60*24).Draw(t, "hour")) * time.Hour)
			if rapid.IntRange(0, 3).Draw(t, "price") == 0 {
				p := market.Price{SKU: "A", Competitor: "X", Day: at,
					Price: rapid.SampledFrom(curs).Draw(t, "price currency").FromMinor(rapid.Int64Range(1, 1000).Draw(t, "amount"))}
				if trs[k].AddPrice(p) == nil && dec.Contains(at) && direct.AddPrice(p) != nil { // a price out of the period counts in nothing
					twoCur = true
				}
				continue
			}
			oc := rapid.SampledFrom(curs).Draw(t, "currency")
			o := metrics.Order{ID: fmt.Sprintf("o%02d", i), PlacedAt: at, Status: metrics.Paid, Currency: oc}
			inCur := true
			for range rapid.IntRange(1, 3).Draw(t, "lines") {
				c := rapid.SampledFrom(curs).Draw(t, "line currency")
				p := c.FromMinor(rapid.Int64Range(0, 1000).Draw(t, "unit price"))
				if rapid.IntRange(0, 5).Draw(t, "zero Money") == 0 {
					p = money.Money{}
				}
				o.Lines = append(o.Lines, metrics.Line{SKU: rapid.SampledFrom([]string{"A", "B"}).Draw(t, "sku"), Quantity: 1, UnitPrice: p})
				inCur = inCur && (p.Currency() == oc || p.Currency().IsZero() && p.IsZero())
			}
			if rapid.IntRange(0, 3).Draw(t, "discount") == 0 {
				o.Discount = rapid.SampledFrom(curs).Draw(t, "discount currency").FromMinor(1)
			}
			if trs[k].AddOrder(o) == nil {
				counted := dec.Contains(at) || dec.Previous().Contains(at)
				if counted && (oc.IsZero() || !inCur) {
					t.Fatalf("AddOrder accepted %+v: no currency, or a line in another", o)
				}
				if !counted {
					continue // an order out of the periods counts in nothing
				}
				if err := direct.AddOrder(o); err != nil {
					if !errors.Is(err, money.ErrCurrencyMismatch) {
						t.Fatalf("direct AddOrder(%s) = %v, the shard's accepted it", o.ID, err)
					}
					twoCur = true
				}
			}
		}
		data, err := trs[1].MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back market.Tracker
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		err = trs[0].Merge(&back)
		if twoCur != (err != nil) {
			t.Fatalf("Merge = %v, shards in two currencies: %v", err, twoCur)
		}
		if err != nil {
			if !errors.Is(err, money.ErrCurrencyMismatch) {
				t.Fatalf("Merge = %v, want ErrCurrencyMismatch", err)
			}
			return
		}
		if d := cmp.Diff(direct.Summarize(market.Config{}), trs[0].Summarize(market.Config{})); d != "" {
			t.Fatalf("merged shards (-direct +merged):\n%s", d)
		}
	})
}
