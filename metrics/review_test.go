package metrics

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// An exponent near the int32 limit overflowed the scaling to minor units:
// 1e2147483647 CNY came out as CNY 0.01 with no error.
func TestFromDecimalHugeExponent(t *testing.T) {
	for _, exp := range []int32{math.MaxInt32, math.MaxInt32 - 1, 1 << 30, 40} {
		m, err := money.NewFromDecimal(decimal.New(1, exp), "CNY")
		if !errors.Is(err, money.ErrRange) {
			t.Errorf("NewFromDecimal(1e%d) = %v, %v; want ErrRange", exp, m, err)
		}
	}
}

// A ratio whose quotient is finite but whose percentage overflows printed
// "+Inf%", and Defined disagreed with Value.
func TestRatioOverflow(t *testing.T) {
	for _, r := range []Ratio{NewRatio(1e307, 1), NewRatio(1e308, 1e-10)} {
		_, ok := r.Value()
		if r.Defined() != ok {
			t.Errorf("%v: Defined = %v, Value ok = %v", r, r.Defined(), ok)
		}
		if s := r.Percent(2); strings.Contains(s, "Inf") || strings.Contains(s, "NaN") {
			t.Errorf("Percent = %q", s)
		}
	}
}

// The zero Currency is "no currency": an amount without one cannot be
// parsed or converted, and one made with FromMinor is not lost by Sum.
func TestZeroCurrency(t *testing.T) {
	var none money.Currency
	if m, err := none.Parse("12.30"); !errors.Is(err, money.ErrUnknownCurrency) {
		t.Errorf("Currency{}.Parse(12.30) = %v, %v; want ErrUnknownCurrency", m, err)
	}
	if m, err := none.FromDecimal(decimal.NewFromInt(5)); !errors.Is(err, money.ErrUnknownCurrency) {
		t.Errorf("Currency{}.FromDecimal(5) = %v, %v; want ErrUnknownCurrency", m, err)
	}
	if m, err := none.Parse("0.00"); err != nil || !m.Equal(money.Money{}) {
		t.Errorf("Currency{}.Parse(0.00) = %v, %v; want the zero Money", m, err)
	}
	var s money.Sum
	s.Add(money.MustNew("1", "CNY"))
	s.Add(none.FromMinor(500))
	var total decimal.Decimal
	for _, m := range s.Totals() {
		total = total.Add(m.Decimal())
	}
	if !total.Equal(decimal.NewFromInt(501)) || !s.Total(none).Decimal().Equal(decimal.NewFromInt(500)) {
		t.Errorf("Sum lost the amount without a currency: Totals = %v", s.Totals())
	}
}

// By the encoding/json convention, null leaves a value unchanged; it used to
// be an error, so a struct with "price": null could not be decoded.
func TestMoneyJSONNull(t *testing.T) {
	var v struct{ Price money.Money }
	v.Price = money.MustNew("1", "CNY")
	if err := json.Unmarshal([]byte(`{"Price":null}`), &v); err != nil || !v.Price.Equal(money.MustNew("1", "CNY")) {
		t.Errorf("Unmarshal null = %v, %v; want unchanged", v.Price, err)
	}
}

// Inputs longer than 64 characters were all ErrRange, even malformed ones.
func TestParseLongInput(t *testing.T) {
	cny := money.MustCurrency("CNY")
	if _, err := cny.Parse(strings.Repeat("x", 65)); !errors.Is(err, money.ErrSyntax) {
		t.Errorf("65 letters: %v, want ErrSyntax", err)
	}
	if _, err := cny.Parse("1" + strings.Repeat("0", 64)); !errors.Is(err, money.ErrRange) {
		t.Errorf("10^64: %v, want ErrRange", err)
	}
}
