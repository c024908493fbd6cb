package intmath

import (
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

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

func TestPropInt64(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := genUnits(t, "a"), genUnits(t, "b")
		ba, bb := big.NewInt(a), big.NewInt(b)
		for _, c := range []struct {
			name string
			f    func(a, b int64) (int64, bool)
			want *big.Int
		}{{"Add64", Add64, new(big.Int).Add(ba, bb)}, {"Sub64", Sub64, new(big.Int).Sub(ba, bb)}, {"Mul64", Mul64, new(big.Int).Mul(ba, bb)}} {
			r, ok := c.f(a, b)
			if ok != c.want.IsInt64() || ok && r != c.want.Int64() {
				t.Fatalf("%s(%d, %d) = %d, %v; want %s", c.name, a, b, r, ok, c.want)
			}
		}
		n := rapid.Int64Range(1, math.MaxInt64).Draw(t, "n")
		if n > 1000 && rapid.Bool().Draw(t, "small") {
			n %= 1000
			n++
		}
		want := decimal.NewFromInt(a).DivRound(decimal.NewFromInt(n), 40).RoundBank(0)
		if got := DivRound(a, n); !decimal.NewFromInt(got).Equal(want) {
			t.Fatalf("DivRound(%d, %d) = %d, want %s", a, n, got, want)
		}
	})
}
