package money

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var cny = MustCurrency("CNY")

// genUnits draws minor units near zero, near the int64 bounds, or
// anywhere.
func genUnits(t *rapid.T, label string) int64 {
	switch rapid.IntRange(0, 2).Draw(t, label+"-kind") {
	case 0:
		return rapid.Int64Range(-1000, 1000).Draw(t, label)
	case 1:
		return rapid.SampledFrom([]int64{math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}).Draw(t, label)
	}
	return rapid.Int64().Draw(t, label)
}

// TestPropTotal applies random operations to a Total and to a decimal and
// checks that they agree after each one, and that Money, Cmp and Div agree
// with the decimal's.
func TestPropTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var got, other Total
		want, wantOther := decimal.Zero, decimal.Zero
		for i := range rapid.IntRange(1, 20).Draw(t, "ops") {
			_ = i
			switch rapid.IntRange(0, 8).Draw(t, "op") {
			case 0:
				v := genUnits(t, "add")
				got.Add(v)
				want = want.Add(decimal.NewFromInt(v))
			case 1:
				v := genUnits(t, "sub")
				got.Sub(v)
				want = want.Sub(decimal.NewFromInt(v))
			case 2:
				d := decimal.New(rapid.Int64Range(-99999, 99999).Draw(t, "frac"), -3)
				got.AddDecimal(d)
				want = want.Add(d)
			case 3:
				m, _ := cny.FromDecimal(decimal.New(rapid.Int64Range(-99999, 99999).Draw(t, "money"), -3))
				got.AddMoney(m)
				want = want.Add(m.Decimal().Shift(2))
			case 8:
				d := decimal.New(rapid.Int64Range(-99999, 99999).Draw(t, "amount"), -int32(rapid.IntRange(0, 4).Draw(t, "places")))
				got.AddAmount(d, cny)
				want = want.Add(d.Shift(2))
			case 4:
				v := genUnits(t, "other")
				other.Add(v)
				wantOther = wantOther.Add(decimal.NewFromInt(v))
			case 5:
				got.AddTotal(other)
				want = want.Add(wantOther)
			case 6:
				got.SubTotal(other)
				want = want.Sub(wantOther)
			case 7:
				got.Neg()
				want = want.Neg()
			}
			if !got.Decimal().Equal(want) {
				t.Fatalf("total %s, want %s", got.Decimal(), want)
			}
		}
		if m := got.Money(cny); !m.Decimal().Equal(want.Shift(-2)) {
			t.Fatalf("Money = %s, want %s", m.Decimal(), want.Shift(-2))
		}
		if c, w := got.Cmp(other), want.Cmp(wantOther); c != w {
			t.Fatalf("Cmp = %d, want %d", c, w)
		}
		n := rapid.Int64Range(1, 1000).Draw(t, "n")
		wantDiv, _ := got.Money(cny).Div(n, RoundHalfEven)
		if d := got.Div(n, cny); !d.Equal(wantDiv) {
			t.Fatalf("Div(%d) = %s, want %s", n, d, wantDiv)
		}
	})
}

func TestZero(t *testing.T) {
	var z Total
	if !z.Money(cny).Equal(cny.Zero()) || !z.Div(0, cny).Equal(cny.Zero()) {
		t.Errorf("zero Total: Money %v, Div(0) %v", z.Money(cny), z.Div(0, cny))
	}
	if m := z.Money(Currency{}); m != (Money{}) {
		t.Errorf("Money of a zero total in the zero Currency = %v, want the zero Money", m)
	}
	if m := z.Div(3, Currency{}); m != (Money{}) {
		t.Errorf("Div of a zero total in the zero Currency = %v, want the zero Money", m)
	}
}
