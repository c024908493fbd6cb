package metrics

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// An exponent near the int32 limit overflowed the scaling to minor units:
// 1e2147483647 CNY came out as CNY 0.01 with no error.
func TestFromDecimalHugeExponent(t *testing.T) {
	for _, exp := range []int32{math.MaxInt32, math.MaxInt32 - 1, 1 << 30, 40} {
		m, err := NewFromDecimal(decimal.New(1, exp), "CNY")
		if !errors.Is(err, ErrRange) {
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
