package money

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestParseCurrency(t *testing.T) {
	tests := []struct {
		code   string
		digits int
		ok     bool
		reason string
	}{
		{"CNY", 2, true, "yuan has fen"},
		{"USD", 2, true, ""},
		{"JPY", 0, true, "yen has no minor unit"},
		{"KRW", 0, true, ""},
		{"BHD", 3, true, "Bahraini dinar has fils, three digits"},
		{"XYZ", 0, false, "not an ISO 4217 code"},
		{"cny", 0, false, "codes are upper case"},
		{"CN", 0, false, "too short"},
		{"", 0, false, "empty"},
		{"XXX", 0, false, "the 'no currency' code is not a currency of account"},
	}
	for _, tt := range tests {
		c, err := ParseCurrency(tt.code)
		if (err == nil) != tt.ok {
			t.Errorf("ParseCurrency(%q) error = %v, want ok=%v (%s)", tt.code, err, tt.ok, tt.reason)
			continue
		}
		if !tt.ok {
			var ce *CurrencyError
			if !errors.As(err, &ce) || ce.Code != tt.code || !errors.Is(err, ErrUnknownCurrency) {
				t.Errorf("ParseCurrency(%q) error = %#v, want *CurrencyError naming the code", tt.code, err)
			}
			continue
		}
		if c.Code() != tt.code || c.Digits() != tt.digits {
			t.Errorf("ParseCurrency(%q) = %s/%d, want %s/%d (%s)", tt.code, c.Code(), c.Digits(), tt.code, tt.digits, tt.reason)
		}
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		amount, code string
		want         string // String() of the result, or "" for an error
		err          error
		reason       string
	}{
		{"12.30", "CNY", "CNY 12.30", nil, ""},
		{"12.3", "CNY", "CNY 12.30", nil, "padded to the currency's digits"},
		{"-0.5", "CNY", "CNY -0.50", nil, ""},
		{"+7", "USD", "USD 7.00", nil, "a leading plus is allowed"},
		{".5", "USD", "", ErrSyntax, "no digit before the point, as the doc says (issue 16 item 22)"},
		{"5.", "USD", "", ErrSyntax, "no digit after the point"},
		{"-.5", "USD", "", ErrSyntax, "no digit before the point"},
		{"0.125", "CNY", "CNY 0.125", nil, "extra decimals are kept exactly"},
		{"1.2300", "CNY", "CNY 1.23", nil, "trailing zeros beyond the scale are not significant"},
		{"1500", "JPY", "JPY 1500", nil, ""},
		{"92233720368547758.07", "CNY", "CNY 92233720368547758.07", nil, "the largest int64 of cents"},
		{"92233720368547758.08", "CNY", "", ErrRange, "one cent beyond int64"},
		{"9223372036854775808", "JPY", "", ErrRange, "beyond int64 yen"},
		{"12,30", "CNY", "", ErrSyntax, "decimal comma"},
		{"1,234.50", "CNY", "", ErrSyntax, "grouping"},
		{"1e400", "CNY", "", ErrSyntax, "exponents are not amounts"},
		{"", "CNY", "", ErrSyntax, "empty"},
		{"-", "CNY", "", ErrSyntax, "a sign alone"},
		{".", "CNY", "", ErrSyntax, "a point alone"},
		{"1.2.3", "CNY", "", ErrSyntax, ""},
		{" 1", "CNY", "", ErrSyntax, "spaces"},
		{"NaN", "CNY", "", ErrSyntax, ""},
		{"1", "XYZ", "", ErrUnknownCurrency, ""},
	}
	for _, tt := range tests {
		m, err := New(tt.amount, tt.code)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("New(%q, %q) error = %v, want %v (%s)", tt.amount, tt.code, err, tt.err, tt.reason)
			}
			var ne *NumError
			if errors.As(err, &ne) && ne.Input != tt.amount {
				t.Errorf("New(%q) NumError.Input = %q, want the offending value", tt.amount, ne.Input)
			}
			continue
		}
		if err != nil {
			t.Errorf("New(%q, %q) unexpected error %v", tt.amount, tt.code, err)
			continue
		}
		if got := m.String(); got != tt.want {
			t.Errorf("New(%q, %q) = %s, want %s (%s)", tt.amount, tt.code, got, tt.want, tt.reason)
		}
	}
}

func TestFromMinorAndDecimal(t *testing.T) {
	m, err := NewFromMinor(1230, "CNY")
	if err != nil || !m.Equal(MustNew("12.30", "CNY")) {
		t.Errorf("NewFromMinor(1230, CNY) = %v, %v; want CNY 12.30", m, err)
	}
	if v, ok := m.Minor(); !ok || v != 1230 {
		t.Errorf("Minor() = %d, %v; want 1230, true", v, ok)
	}
	if _, ok := MustNew("0.125", "CNY").Minor(); ok {
		t.Error("Minor() of CNY 0.125 reported a whole number of fen")
	}
	if _, err := NewFromDecimal(decimal.RequireFromString("1e30"), "CNY"); !errors.Is(err, ErrRange) {
		t.Errorf("NewFromDecimal(1e30) error = %v, want ErrRange", err)
	}
	d, err := NewFromDecimal(decimal.RequireFromString("-3.14159"), "USD")
	if err != nil || d.String() != "USD -3.14159" {
		t.Errorf("NewFromDecimal(-3.14159) = %v, %v", d, err)
	}
}

func TestArithmetic(t *testing.T) {
	a, b := MustNew("10.05", "CNY"), MustNew("2.10", "CNY")
	usd := MustNew("1", "USD")
	check := func(name string, got Money, err error, want string) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: unexpected error %v", name, err)
			return
		}
		if got.String() != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
	s, err := a.Add(b)
	check("Add", s, err, "CNY 12.15")
	s, err = a.Sub(b)
	check("Sub", s, err, "CNY 7.95")
	s, err = b.Sub(a)
	check("Sub negative", s, err, "CNY -7.95")
	s, err = Money{}.Add(a)
	check("zero + a", s, err, "CNY 10.05")
	s, err = a.Add(Money{})
	check("a + zero", s, err, "CNY 10.05")
	check("Neg", a.Neg(), nil, "CNY -10.05")
	check("Abs", a.Neg().Abs(), nil, "CNY 10.05")
	check("Mul", a.Mul(3), nil, "CNY 30.15")
	check("Mul negative", a.Mul(-2), nil, "CNY -20.10")
	check("MulRate", a.MulRate(decimal.RequireFromString("0.15")), nil, "CNY 1.5075")
	check("Mul overflow stays exact", MustNew("92233720368547758.07", "CNY").Mul(10), nil, "CNY 922337203685477580.70")
	q, ok := MustNew("10.00", "CNY").Div(3, RoundHalfEven)
	if !ok || q.String() != "CNY 3.33" {
		t.Errorf("Div(3) = %v, %v; want CNY 3.33", q, ok)
	}
	if _, ok := a.Div(0, RoundHalfEven); ok {
		t.Error("Div(0) reported a quotient")
	}

	_, err = a.Add(usd)
	var me *MismatchError
	if !errors.As(err, &me) || !errors.Is(err, ErrCurrencyMismatch) || !me.A.Equal(a) || !me.B.Equal(usd) {
		t.Errorf("Add across currencies error = %v, want *MismatchError{CNY, USD}", err)
	}
	if _, err := a.Cmp(usd); !errors.Is(err, ErrCurrencyMismatch) {
		t.Errorf("Cmp across currencies error = %v", err)
	}
	if a.Equal(MustNew("10.05", "USD")) {
		t.Error("Equal is true across currencies")
	}
	if !MustNew("12.3", "CNY").Equal(MustNew("12.300", "CNY")) {
		t.Error("12.3 and 12.300 are not Equal")
	}
	if c, _ := a.Cmp(b); c != 1 {
		t.Errorf("Cmp = %d, want 1", c)
	}
}

// genMoney draws amounts in one currency, from everyday prices to the edges
// of int64 minor units and amounts with more decimals than the currency has.
func genMoney(cur Currency) *rapid.Generator[Money] {
	return rapid.Custom(func(t *rapid.T) Money {
		switch rapid.IntRange(0, 3).Draw(t, "kind") {
		case 0:
			return cur.FromMinor(rapid.Int64Range(-1_000_000, 1_000_000).Draw(t, "minor"))
		case 1:
			return cur.FromMinor(rapid.Int64().Draw(t, "minorAny"))
		case 2:
			return cur.FromMinor(rapid.OneOf(rapid.Int64Range(math.MaxInt64-1000, math.MaxInt64), rapid.Int64Range(math.MinInt64, math.MinInt64+1000)).Draw(t, "edge"))
		}
		coef := rapid.Int64Range(-1e12, 1e12).Draw(t, "coef")
		exp := rapid.Int32Range(-8, 2).Draw(t, "exp")
		m, err := cur.FromDecimal(decimal.New(coef, exp))
		if err != nil {
			t.Fatalf("FromDecimal(%de%d): %v", coef, exp, err)
		}
		return m
	})
}

func TestPropJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur := rapid.SampledFrom([]Currency{MustCurrency("CNY"), MustCurrency("JPY"), MustCurrency("BHD")}).Draw(t, "cur")
		m := genMoney(cur).Draw(t, "m")
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if !back.Equal(m) {
			t.Fatalf("round trip %s -> %s -> %s", m, b, back)
		}
	})
}

func TestJSON(t *testing.T) {
	b, err := json.Marshal(MustNew("12.3", "CNY"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"amount":"12.30","currency":"CNY"}`, string(b)); diff != "" {
		t.Errorf("Marshal mismatch (-want +got):\n%s", diff)
	}
	var m Money
	for _, bad := range []string{`{"amount":"12,30","currency":"CNY"}`, `{"amount":"1","currency":"XYZ"}`, `{"amount":"1","currency":""}`, `{"amount":12.3,"currency":"CNY"}`} {
		if err := json.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
	if err := json.Unmarshal([]byte(`{"amount":"0","currency":""}`), &m); err != nil || !m.Equal(Money{}) {
		t.Errorf("Unmarshal of the zero Money = %v, %v", m, err)
	}
}

func TestPropAddMatchesDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cur := MustCurrency("CNY")
		a, b := genMoney(cur).Draw(t, "a"), genMoney(cur).Draw(t, "b")
		got, err := a.Add(b)
		if err != nil {
			t.Fatal(err)
		}
		if want := a.Decimal().Add(b.Decimal()); !got.Decimal().Equal(want) {
			t.Fatalf("%s + %s = %s, want %s", a, b, got, want)
		}
		if p := a.Mul(3); !p.Decimal().Equal(a.Decimal().Mul(decimal.NewFromInt(3))) {
			t.Fatalf("%s × 3 = %s", a, p)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"12.30", "-0.5", "1e400", "12,30", "", "+.", "92233720368547758.08", "000.000", "-9223372036854775808"} {
		f.Add(s)
	}
	cur := MustCurrency("CNY")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := cur.Parse(s)
		if err != nil {
			var ne *NumError
			if !errors.As(err, &ne) || ne.Input != s || !(errors.Is(err, ErrSyntax) || errors.Is(err, ErrRange)) {
				t.Fatalf("Parse(%q) error %v is not a *NumError naming the input", s, err)
			}
			return
		}
		// Anything accepted is a plain decimal that the reference parser reads
		// to the same value, and the canonical form parses back to it.
		ref, rerr := decimal.NewFromString(s)
		if rerr != nil || !ref.Equal(m.Decimal()) {
			t.Fatalf("Parse(%q) = %s; reference %v, %v", s, m, ref, rerr)
		}
		back, err := cur.Parse(m.Amount())
		if err != nil || !back.Equal(m) {
			t.Fatalf("Parse(Amount()) = %v, %v; want %s", back, err, m)
		}
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			t.Fatalf("Parse accepted %q, which is not a number", s)
		}
	})
}

func FuzzMoneyUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`{"amount":"12.30","currency":"CNY"}`, `{"amount":"0","currency":""}`, `{"amount":"1","currency":"XYZ"}`,
		`{"amount":12.3,"currency":"CNY"}`, `null`, `{"amount":"-0.125","currency":"BHD"}`, `{}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m Money
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return
		}
		// Whatever decodes encodes and decodes back to an equal amount.
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", m, err)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(m) {
			t.Fatalf("%s -> %v -> %s -> %v, %v", s, m, b, back, err)
		}
	})
}
