package promo

import (
	"fmt"
	"math"
	"math/big"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Interval is a confidence interval for an amount of money. Its bounds are
// statistics, computed in floating point and rounded half-even to the
// currency's minor unit; they are not bookkeeping amounts.
//
// The zero Interval is undefined: there was too little data for one.
type Interval struct {
	Lo, Hi  money.Money
	Level   float64 // the confidence level, such as 0.95
	Defined bool
}

// Contains reports whether m lies in [Lo, Hi]; false when the interval is
// undefined or m is of another currency.
func (iv Interval) Contains(m money.Money) bool {
	if !iv.Defined {
		return false
	}
	a, err1 := iv.Lo.Cmp(m)
	b, err2 := m.Cmp(iv.Hi)
	return err1 == nil && err2 == nil && a <= 0 && b <= 0
}

// String formats the interval as "[CNY -12.00, CNY 30.50] (95%)", or "n/a".
func (iv Interval) String() string {
	if !iv.Defined {
		return "n/a"
	}
	return fmt.Sprintf("[%s, %s] (%.4g%%)", iv.Lo, iv.Hi, iv.Level*100)
}

// Range is a confidence interval for a statistic that is not money, such
// as incremental units or a day-of-week index. The zero Range is undefined.
type Range struct {
	Lo, Hi  float64
	Level   float64
	Defined bool
}

// Contains reports whether x lies in [Lo, Hi]; false when undefined.
func (r Range) Contains(x float64) bool { return r.Defined && r.Lo <= x && x <= r.Hi }

// String formats the range as "[-1.50, 3.25] (95%)", or "n/a".
func (r Range) String() string {
	if !r.Defined {
		return "n/a"
	}
	return fmt.Sprintf("[%.2f, %.2f] (%.4g%%)", r.Lo, r.Hi, r.Level*100)
}

// Verdict is the plain reading of an effect's confidence interval.
type Verdict uint8

const (
	Undetermined Verdict = iota // no interval: too little data
	NoEffect                    // the interval contains zero: not distinguishable from zero
	Gain                        // the whole interval is above zero
	Loss                        // the whole interval is below zero
)

var verdictNames = [...]string{
	"undetermined",
	"not distinguishable from zero",
	"positive",
	"negative",
}

// String returns the verdict in words, such as "not distinguishable from
// zero".
func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return fmt.Sprintf("Verdict(%d)", v)
}

// verdictOf reads an interval in minor units.
func verdictOf(lo, hi float64, defined bool) Verdict {
	switch {
	case !defined:
		return Undetermined
	case lo > 0:
		return Gain
	case hi < 0:
		return Loss
	}
	return NoEffect
}

// tQuantile returns the two-sided critical value of Student's t with df
// degrees of freedom at the given level, and false if df < 1.
func tQuantile(level float64, df int) (float64, bool) {
	if df < 1 {
		return 0, false
	}
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1 - (1-level)/2)
	if math.IsNaN(q) || math.IsInf(q, 0) {
		return 0, false
	}
	return q, true
}

// moneyInterval returns est ± half (in minor units) as an Interval in c.
func moneyInterval(est, half float64, level float64, ok bool, c money.Currency) Interval {
	if !ok || math.IsNaN(half) || math.IsInf(half, 0) || math.IsNaN(est) {
		return Interval{}
	}
	return Interval{
		Lo:      c.FromMinor(int64(math.RoundToEven(est - half))),
		Hi:      c.FromMinor(int64(math.RoundToEven(est + half))),
		Level:   level,
		Defined: true,
	}
}

// ratMinorHalfEven rounds a rational number of minor units to a whole one,
// ties to even.
func ratMinorHalfEven(r *big.Rat) int64 {
	num, den := r.Num(), r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int)) // truncated
	if m.Sign() != 0 {
		twice := new(big.Int).Abs(m)
		twice.Lsh(twice, 1)
		c := twice.Cmp(den)
		if c > 0 || (c == 0 && q.Bit(0) == 1) {
			if num.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	return q.Int64()
}

// Equal reports whether iv and o are the same interval.
func (iv Interval) Equal(o Interval) bool {
	return iv.Defined == o.Defined && iv.Level == o.Level && iv.Lo.Equal(o.Lo) && iv.Hi.Equal(o.Hi)
}
