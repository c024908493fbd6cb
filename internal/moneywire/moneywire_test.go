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

// TestRoundTrip: a total decodes to itself, exactly (its value, and its
// coefficient and exponent), with nothing left over, after bytes of
// another encoding.
func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := genTotal(t)
		b := AppendTotal([]byte("prefix"), x)
		d := wire.NewDecoder(b[len("prefix"):], nil)
		got := DecodeTotal(&d)
		if err := d.End(); err != nil {
			t.Fatal(err)
		}
		if got.Units != x.Units || (got.Extra == nil) != (x.Extra == nil) {
			t.Fatalf("got %+v, want %+v", got, x)
		}
		if x.Extra != nil && (got.Extra.Coefficient().Cmp(x.Extra.Coefficient()) != 0 || got.Extra.Exponent() != x.Extra.Exponent()) {
			t.Fatalf("extra %v, want %v", got.Extra, x.Extra)
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
