package wire

import (
	"math"
	"math/big"
	"testing"

	"pgregory.net/rapid"

	"github.com/shopspring/decimal"
)

// TestExact checks the exact numbers' form directly (internal/moneywire's
// tests check it through money.Total, with rapid and a fuzz target): a
// round trip to the canonical form, and hand-made encodings refused.
func TestExact(t *testing.T) {
	half := decimal.RequireFromString("0.50")
	big := decimal.RequireFromString("9223372036854775808") // 2^63: past int64
	for _, c := range []struct {
		name  string
		units int64
		extra *decimal.Decimal
		want  string // the canonical value
	}{
		{"whole", -44, nil, "-44"},
		{"half", 3, &half, "3.5"},
		{"past int64", 0, &big, "9223372036854775808"},
		{"back in int64", -1, &big, "9223372036854775807"},
	} {
		b := AppendExact(nil, c.units, c.extra)
		d := NewDecoder(b, nil)
		u, e := d.Exact()
		if err := d.End(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := decimal.NewFromInt(u)
		if e != nil {
			got = got.Add(*e)
		}
		if got.String() != c.want || !IsCanonicalExact(u, e) {
			t.Errorf("%s: decoded %s (%d, %v), want %s in canonical form", c.name, got, u, e, c.want)
		}
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"flag 2", []byte{0, 2}},
		{"extra that fits in units", []byte{0, 1, 2, 1, 1, 0}},          // 0 + 1e0
		{"units beside an extra", []byte{2, 1, 2, 1, 1, 1}},             // 1 + 0.1
		{"trailing zero in the coefficient", []byte{0, 1, 2, 1, 10, 1}}, // 10e-1
		{"leading zero byte", []byte{0, 1, 2, 2, 0, 1, 1}},              // coefficient 00 01
		{"sign disagrees", []byte{0, 1, 1, 1, 1, 1}},                    // "zero" sign, coefficient 1
		{"exponent past MaxExp", []byte{0, 1, 2, 1, 1, 0xd2, 0x0f}},     // 1e1001
		{"truncated", []byte{0, 1, 2, 1}},
	} {
		d := NewDecoder(c.data, nil)
		d.Exact()
		if d.End() == nil {
			t.Errorf("%s: % x decoded", c.name, c.data)
		}
	}
}

// TestIsCanonicalExact: IsCanonicalExact agrees with the definition (the
// form CanonicalExact gives) over numbers with trailing zeros, whole ones
// about 2^63 and fractions, and refuses at once a coefficient of many
// trailing zeros, which the definition strips one at a time.
func TestIsCanonicalExact(t *testing.T) {
	byDefinition := func(units int64, extra *decimal.Decimal) bool {
		if extra == nil {
			return true
		}
		_, c := CanonicalExact(units, extra)
		return c != nil && units == 0 && extra.Exponent() == c.Exponent() && extra.Coefficient().Cmp(c.Coefficient()) == 0
	}
	rapid.Check(t, func(t *rapid.T) {
		units := rapid.SampledFrom([]int64{0, 0, 0, 1, -7, math.MaxInt64}).Draw(t, "units")
		coef, ok := new(big.Int).SetString(rapid.StringMatching(`-?[0-9]{1,25}`).Draw(t, "coefficient"), 10)
		if !ok {
			t.Fatal("a coefficient that does not parse")
		}
		x := decimal.NewFromBigInt(coef, int32(rapid.IntRange(-25, 25).Draw(t, "exponent")))
		if got, want := IsCanonicalExact(units, &x), byDefinition(units, &x); got != want {
			t.Fatalf("IsCanonicalExact(%d, %s×10^%d) = %v, the definition says %v", units, coef, x.Exponent(), got, want)
		}
	})
	ones := new(big.Int).Exp(big.NewInt(10), big.NewInt(50000), nil) // 1 and 50,000 zeros
	x := decimal.NewFromBigInt(ones, -MaxExp)
	if IsCanonicalExact(0, &x) {
		t.Error("a coefficient of 50,000 trailing zeros is canonical")
	}
}
