package loyalty_test

import (
	"errors"
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestAddOrderNoCurrency: an order without a currency is refused,
// located. It used to be counted with its amounts in no currency, and a
// later order in CNY then put the sales of two currencies in one group,
// whose sum failed.
func TestAddOrderNoCurrency(t *testing.T) {
	tr := loyalty.Tracker{Period: december}
	o := order("x", "a", "2025-12-02T10:00", "0")
	o.Currency, o.Lines[0].UnitPrice = money.Currency{}, money.Currency{}.FromMinor(500)
	err := tr.AddOrder(o)
	var ve *metrics.ValidationError
	if !errors.As(err, &ve) || ve.OrderID != "x" || ve.Field != "Currency" || !errors.Is(err, money.ErrUnknownCurrency) {
		t.Fatalf("AddOrder(no currency) = %v, want a *metrics.ValidationError for x's Currency wrapping ErrUnknownCurrency", err)
	}
	if err := tr.AddOrder(order("y", "b", "2025-12-02T11:00", "10")); err != nil {
		t.Fatal(err)
	}
	if s := tr.Summary(); !s.NonMember.Sales.Equal(yuan("10")) || s.NonMember.Orders != 1 {
		t.Errorf("non-members: %d orders, sales %v; want 1, CNY 10 (nothing of x)", s.NonMember.Orders, s.NonMember.Sales)
	}
}

// TestPropCurrencyInvariant tries to break the invariant that oneCurrency
// relies on (a tracker's sales are all in the currency of its figures)
// through the public API: a PointValue in CNY, USD or none, orders in
// CNY, USD or no currency with lines priced in the order's currency,
// another one, the zero currency or the zero Money, fed to two trackers,
// one of them through its binary encoding, then merged. An accepted
// order has a currency, every line in it; the Summary (which would panic
// on a broken invariant) splits the accepted orders' sales between
// members and non-members.
func TestPropCurrencyInvariant(t *testing.T) {
	curs := []money.Currency{cny, money.MustCurrency("USD"), {}}
	rapid.Check(t, func(t *rapid.T) {
		// Not a PointValue of the zero currency: a non-zero one has no
		// encoding that decodes (a problem of its own, not this test's).
		pv := rapid.SampledFrom(curs[:2]).Draw(t, "point value currency").FromMinor(1)
		if rapid.Bool().Draw(t, "no point value") {
			pv = money.Money{}
		}
		a, b := &loyalty.Tracker{Period: december, PointValue: pv}, &loyalty.Tracker{Period: december, PointValue: pv}
		if err := a.AddMember(loyalty.Member{CustomerID: "a", Level: "gold", Joined: day("2025-01-01")}); err != nil {
			t.Fatal(err)
		}
		accepted := [2]money.Money{} // each shard's sales
		for i := range rapid.IntRange(1, 12).Draw(t, "orders") {
			oc := rapid.SampledFrom(curs).Draw(t, "currency")
			o := order("o"+strconv.Itoa(i), rapid.SampledFrom([]string{"", "a", "b"}).Draw(t, "customer"), "2025-12-02T10:00", "0")
			o.Currency, o.Lines = oc, nil
			inCur := true
			for range rapid.IntRange(1, 3).Draw(t, "lines") {
				c := rapid.SampledFrom(curs).Draw(t, "line currency")
				p := c.FromMinor(rapid.Int64Range(0, 1000).Draw(t, "price"))
				if rapid.IntRange(0, 5).Draw(t, "zero Money") == 0 {
					p = money.Money{}
				}
				o.Lines = append(o.Lines, metrics.Line{SKU: "s", Quantity: 1, UnitPrice: p})
				inCur = inCur && (p.Currency() == oc || p.Currency().IsZero() && p.IsZero())
			}
			k := rapid.IntRange(0, 1).Draw(t, "shard")
			if err := [2]*loyalty.Tracker{a, b}[k].AddOrder(o); err == nil {
				if oc.IsZero() || !inCur {
					t.Fatalf("AddOrder accepted %+v: no currency, or a line in another", o)
				}
				net, err := o.Net()
				if err == nil {
					accepted[k], err = accepted[k].Add(net)
				}
				if err != nil {
					t.Fatalf("an accepted order in another currency than the shard's others: %v", err)
				}
			}
		}
		var back loyalty.Tracker
		if err := back.UnmarshalBinary(encode(t, b)); err != nil {
			t.Fatal(err)
		}
		want, err := accepted[0].Add(accepted[1])
		if err := a.Merge(&back); err != nil {
			if !errors.Is(err, money.ErrCurrencyMismatch) {
				t.Fatalf("Merge = %v", err)
			}
			return // shards in two currencies: refused, as they must be
		}
		if err != nil {
			t.Fatalf("Merge of shards of two currencies succeeded: %v", err)
		}
		s := a.Summary()
		got, err := s.Member.Sales.Add(s.NonMember.Sales)
		if err != nil || !got.Equal(want) && !(got.IsZero() && want.IsZero()) {
			t.Fatalf("members' and non-members' sales add to %v (%v), want %v", got, err, want)
		}
	})
}

// TestMarshalPointValueWithoutCurrency: a tracker whose point value has
// an amount and no currency cannot be read back, so it is not encoded:
// MarshalBinary returns an error wrapping money.ErrUnknownCurrency; a
// zero point value without a currency (the default) encodes and reads
// back.
func TestMarshalPointValueWithoutCurrency(t *testing.T) {
	tr := &loyalty.Tracker{PointValue: money.Currency{}.FromMinor(1)}
	if b, err := tr.MarshalBinary(); !errors.Is(err, money.ErrUnknownCurrency) || b != nil {
		t.Fatalf("MarshalBinary = %d bytes, %v; want an error wrapping ErrUnknownCurrency", len(b), err)
	}
	ok := &loyalty.Tracker{}
	b, err := ok.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back loyalty.Tracker
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatalf("the default point value does not read back: %v", err)
	}
}
