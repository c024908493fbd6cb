package metrics_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genAmount draws an amount of an order in currency c: whole minor units
// mostly, else one of the amounts Amounts keeps exactly.
func genAmount(t *rapid.T, c money.Currency, label string) money.Money {
	switch rapid.IntRange(0, 7).Draw(t, label+"Kind") {
	case 0:
		return money.Money{}
	case 1:
		m, _ := c.FromDecimal(decimal.New(rapid.Int64Range(0, 1_000_000).Draw(t, label), -3)) // 12.345
		return m
	case 2:
		return money.MustNew("1.00", "JPY") // another currency
	case 3:
		return money.MustNew("-0.50", c.Code()) // negative: Orders keeps invalid amounts too
	case 4:
		return c.Zero()
	}
	return c.FromMinor(rapid.Int64Range(-1_000_000, 1_000_000).Draw(t, label))
}

// genTime draws an unset time, or one inside the range of a batch, in
// some location.
func genTime(t *rapid.T, label string) time.Time {
	if rapid.IntRange(0, 4).Draw(t, label+"Unset") == 0 {
		return time.Time{}
	}
	loc := rapid.SampledFrom([]*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("X", -3*3600-1800)}).Draw(t, label+"Loc")
	ns := rapid.Int64Range(-9e18, 9e18).Draw(t, label)
	return time.Unix(0, ns).In(loc)
}

// genOrder draws an order with every field of the batch's columns set or
// not, valid or not: Orders keeps whatever it is given.
func genOrder(t *rapid.T) metrics.Order {
	c := money.MustCurrency(rapid.SampledFrom([]string{"CNY", "USD", "JPY", "BHD"}).Draw(t, "currency"))
	str := func(label string) string {
		return rapid.SampledFrom([]string{"", "a", "b", "渠道", "c-1"}).Draw(t, label)
	}
	o := metrics.Order{
		ID: rapid.StringN(0, 8, -1).Draw(t, "id"), CustomerID: str("customer"),
		PlacedAt: genTime(t, "placed"), PaidAt: genTime(t, "paid"), ShippedAt: genTime(t, "shipped"),
		DeliveredAt: genTime(t, "delivered"), PromisedBy: genTime(t, "promised"),
		Channel: str("channel"), Status: metrics.OrderStatus(rapid.IntRange(0, 3).Draw(t, "status")),
		Currency: c, Discount: genAmount(t, c, "discount"), Shipping: genAmount(t, c, "shipping"), Tax: genAmount(t, c, "tax"),
		Promotion: str("promotion"), Carrier: str("carrier"), Region: str("region"),
	}
	if rapid.IntRange(0, 9).Draw(t, "noCurrency") == 0 {
		o.Currency = money.Currency{}
	}
	for range rapid.IntRange(0, 3).Draw(t, "lines") {
		o.Lines = append(o.Lines, metrics.Line{SKU: str("sku"), Name: str("name"), Category: str("category"),
			Quantity: rapid.Int64Range(-2, 5).Draw(t, "qty"), UnitPrice: genAmount(t, c, "price"),
			Discount: genAmount(t, c, "lineDiscount"), UnitCost: genAmount(t, c, "cost"), Promotion: str("linePromotion")})
	}
	return o
}

// cmpOrder compares orders field by field, times by instant (Order gives
// them in the batch's Location), an empty Lines equal to nil.
var cmpOrder = []cmp.Option{cmpCurrency, cmpopts.EquateEmpty()}

// TestOrdersRoundTrip checks that Order(i) gives back the i-th appended
// order up to the times' locations, over several batches that share
// dictionaries, with Reset between some; that the dictionaries survive
// Reset; and that Append refuses, changing nothing, an order with a time
// outside the years 1678 to 2261.
func TestOrdersRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := rapid.SampledFrom([]*time.Location{nil, time.UTC, time.FixedZone("CST", 8*3600)}).Draw(t, "location")
		b := &metrics.Orders{Location: loc}
		var held []metrics.Order
		for range rapid.IntRange(0, 25).Draw(t, "orders") {
			switch rapid.IntRange(0, 9).Draw(t, "op") {
			case 0: // Reset keeps the dictionaries and their numbers
				before := *b
				numbers := map[string]int32{}
				if b.CustomerIDs != nil {
					for i, s := range b.CustomerIDs.Strings() {
						numbers[s] = int32(i)
					}
				}
				b.Reset()
				if b.Len() != 0 || b.LineCount() != 0 || b.IDs.Len() != 0 {
					t.Fatalf("Reset left %d orders, %d lines, %d IDs", b.Len(), b.LineCount(), b.IDs.Len())
				}
				if b.CustomerIDs != before.CustomerIDs || b.SKUs != before.SKUs || b.Channels != before.Channels {
					t.Fatalf("Reset replaced a dictionary")
				}
				for s, i := range numbers {
					if j, ok := b.CustomerIDs.Lookup(s); !ok || j != i {
						t.Fatalf("after Reset, %q is %d, %v; was %d", s, j, ok, i)
					}
				}
				held = nil
			case 1: // a time out of range
				o := genOrder(t)
				o.ShippedAt = time.Date(rapid.SampledFrom([]int{2, 1600, 2300, 9999}).Draw(t, "year"), 1, 1, 0, 0, 0, 0, time.UTC)
				n, lines := b.Len(), b.LineCount()
				err := b.Append(o)
				var ve *metrics.ValidationError
				if !errors.As(err, &ve) || ve.OrderID != o.ID || ve.Field != "ShippedAt" || !errors.Is(err, metrics.ErrInvalid) {
					t.Fatalf("Append of a time in year %d: %v", o.ShippedAt.Year(), err)
				}
				if b.Len() != n || b.LineCount() != lines {
					t.Fatalf("a refused Append changed the batch")
				}
			default:
				o := genOrder(t)
				if err := b.Append(o); err != nil {
					t.Fatalf("Append: %v", err)
				}
				held = append(held, o)
			}
		}
		if b.Len() != len(held) || b.IDs.Len() != len(held) {
			t.Fatalf("Len %d, IDs %d, want %d", b.Len(), b.IDs.Len(), len(held))
		}
		want := loc
		if want == nil {
			want = time.UTC
		}
		lines := 0
		for i, o := range held {
			got := b.Order(i)
			if diff := cmp.Diff(o, got, cmpOrder...); diff != "" {
				t.Fatalf("Order(%d) (-appended +got):\n%s", i, diff)
			}
			if !got.PlacedAt.IsZero() && got.PlacedAt.Location() != want {
				t.Fatalf("Order(%d).PlacedAt in %v, want %v", i, got.PlacedAt.Location(), want)
			}
			if c := b.CurrencyOf(i); c != o.Currency {
				t.Fatalf("CurrencyOf(%d) = %v, want %v", i, c, o.Currency)
			}
			if s, e := b.Lines(i); e-s != len(o.Lines) || s != lines {
				t.Fatalf("Lines(%d) = %d, %d; want %d lines from %d", i, s, e, len(o.Lines), lines)
			}
			lines += len(o.Lines)
			if string(b.IDs.Bytes(i)) != o.ID || b.IDs.At(i) != o.ID {
				t.Fatalf("IDs row %d = %q, want %q", i, b.IDs.At(i), o.ID)
			}
		}
		if b.LineCount() != lines {
			t.Fatalf("LineCount %d, want %d", b.LineCount(), lines)
		}
	})
}

// TestAmountsExact checks which amounts Amounts keeps exactly: those that
// are not whole minor units of the order's currency in its own
// representation (12.345 CNY, an amount in another currency), that the
// zero Money is 0 minor units marked apart (no map entry) and comes back
// as the zero Money, and that MinorAt and At agree.
func TestAmountsExact(t *testing.T) {
	cny := money.MustCurrency("CNY")
	twelve, _ := cny.FromDecimal(decimal.New(12, 0))
	tests := []struct {
		name   string
		m      money.Money
		exact  bool
		minor  int64
		reason string
	}{
		{"whole fen", cny.FromMinor(1234), false, 1234, "the common case: Minor holds it"},
		{"zero CNY", cny.Zero(), false, 0, "0.00 CNY is 0 fen"},
		{"negative", cny.FromMinor(-5), false, -5, "Amounts keeps invalid values too"},
		{"sub-fen", money.MustNew("12.345", "CNY"), true, 0, "not whole fen"},
		{"other currency", money.MustNew("1.00", "USD"), true, 0, "not an amount of the order's currency"},
		{"zero Money", money.Money{}, false, 0, "no currency: 0 minor units, marked so that Order gives the zero Money back"},
		{"12 from a decimal without decimals", twelve, false, 1200, "constructors normalise 12 CNY to 12.00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a metrics.Amounts
			a.AppendMinor(7)
			a.AppendExact(tc.m, cny)
			if a.Len() != 2 {
				t.Fatalf("Len = %d, want 2", a.Len())
			}
			v, ok := a.MinorAt(1)
			if ok == tc.exact || v != tc.minor {
				t.Fatalf("MinorAt = %d, %v; want %d, %v (%s)", v, ok, tc.minor, !tc.exact, tc.reason)
			}
			if _, in := a.Exact[1]; in != tc.exact || a.Minor[1] != tc.minor {
				t.Fatalf("Exact holds it: %v, Minor %d; want %v, %d (%s)", in, a.Minor[1], tc.exact, tc.minor, tc.reason)
			}
			if got := a.At(1, cny); got != tc.m {
				t.Fatalf("At = %v, want %v, the same representation", got, tc.m)
			}
			if got, _ := a.MinorAt(0); got != 7 || !a.At(0, cny).Equal(cny.FromMinor(7)) {
				t.Fatalf("row 0 = %d, %v", got, a.At(0, cny))
			}
		})
	}
}

// TestStrings checks the Strings column.
func TestStrings(t *testing.T) {
	var s metrics.Strings
	rows := []string{"1001", "", "订单-2", "x"}
	for i, r := range rows {
		if i%2 == 0 {
			s.Append(r)
		} else {
			s.AppendBytes([]byte(r))
		}
	}
	var got []string
	for i := range s.Len() {
		if string(s.Bytes(i)) != s.At(i) {
			t.Fatalf("row %d: Bytes %q, At %q", i, s.Bytes(i), s.At(i))
		}
		got = append(got, s.At(i))
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Fatalf("rows (-want +got):\n%s", diff)
	}
	s.Reset()
	if s.Len() != 0 {
		t.Fatalf("Reset left %d rows", s.Len())
	}
	s.Append("again")
	if s.At(0) != "again" {
		t.Fatalf("after Reset, row 0 = %q", s.At(0))
	}
}
