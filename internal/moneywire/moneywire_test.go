package moneywire

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// genTotal draws a total: whole minor units, and sometimes a decimal
// part of any sign, size and exponent within MaxExp.
func genTotal(t *rapid.T) money.Total {
	x := money.Total{Units: rapid.Int64().Draw(t, "units")}
	if rapid.Bool().Draw(t, "extra") {
		coef := new(big.Int).SetBytes(rapid.SliceOfN(rapid.Byte(), 0, 20).Draw(t, "mag"))
		if rapid.Bool().Draw(t, "neg") {
			coef.Neg(coef)
		}
		e := decimal.NewFromBigInt(coef, int32(rapid.IntRange(-MaxExp, MaxExp).Draw(t, "exp")))
		x.Extra = &e
	}
	return x
}

// value returns the value of x.
func value(x money.Total) decimal.Decimal {
	v := decimal.NewFromInt(x.Units)
	if x.Extra != nil {
		v = v.Add(*x.Extra)
	}
	return v
}

// TestRoundTrip: a total decodes to its value, in its canonical form (its
// coefficient and exponent exactly those of Canonical), with nothing left
// over, after bytes of another encoding; the canonical form keeps the
// value, and two splits of one value between Units and Extra encode alike.
func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := genTotal(t)
		c := Canonical(x)
		if !value(c).Equal(value(x)) || !IsCanonical(c) {
			t.Fatalf("Canonical(%v) = %v", value(x), value(c))
		}
		b := AppendTotal([]byte("prefix"), x)
		d := wire.NewDecoder(b[len("prefix"):], nil)
		got := DecodeTotal(&d)
		if err := d.End(); err != nil {
			t.Fatal(err)
		}
		if got.Units != c.Units || (got.Extra == nil) != (c.Extra == nil) ||
			c.Extra != nil && (got.Extra.Coefficient().Cmp(c.Extra.Coefficient()) != 0 || got.Extra.Exponent() != c.Extra.Exponent()) {
			t.Fatalf("got %v (%+v), want %v (%+v)", value(got), got, value(c), c)
		}
		// The same value split otherwise: k units moved to Extra.
		k := rapid.Int64Range(-1000, 1000).Draw(t, "k")
		if x.Units-k <= x.Units == (k >= 0) { // no overflow
			e := decimal.NewFromInt(k)
			if x.Extra != nil {
				e = e.Add(*x.Extra)
			}
			y := money.Total{Units: x.Units - k, Extra: &e}
			if string(AppendTotal(nil, y)) != string(b[len("prefix"):]) {
				t.Fatalf("%+v and %+v, both %v, encode differently", x, y, value(x))
			}
		}
	})
}

// TestCorrupt: encodings that AppendTotal never writes are errors.
func TestCorrupt(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":              {},
		"flag 2":             {0, 2},
		"no extra":           {0, 1},
		"sign 3":             {0, 1, 3, 1, 5, 0},
		"zero with sign":     {0, 1, 2, 0, 0},
		"nonzero, sign zero": {0, 1, 1, 1, 5, 0},
		"leading zero byte":  {0, 1, 2, 2, 0, 5, 0},
		"exponent too large": {0, 1, 2, 1, 5, 0xd2, 0x0f}, // 1001
		"units and extra":    {2, 1, 2, 1, 5, 1},          // 1 + 5/10: canonical is 0 and 15/10
		"whole extra":        {0, 1, 2, 1, 5, 0},          // 5: canonical is Units 5
		"trailing zero":      {0, 1, 2, 1, 50, 1},         // 50/10: canonical is 5
		"length past end":    {0, 1, 2, 9, 5},
	} {
		d := wire.NewDecoder(b, nil)
		DecodeTotal(&d)
		if d.End() == nil {
			t.Errorf("%s: % x decodes without an error", name, b)
		}
	}
}

// FuzzDecodeTotal: any input decodes without a panic, and what decodes
// re-encodes to the same bytes (one encoding per total).
func FuzzDecodeTotal(f *testing.F) {
	f.Add([]byte{0, 0})
	e := decimal.New(-12345, -3)
	f.Add(AppendTotal(nil, money.Total{Units: 7, Extra: &e}))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := wire.NewDecoder(b, nil)
		x := DecodeTotal(&d)
		if d.Err() != nil {
			return
		}
		if got := AppendTotal(nil, x); string(got) != string(b[:len(b)-d.Len()]) {
			t.Fatalf("% x re-encodes as % x", b[:len(b)-d.Len()], got)
		}
	})
}
