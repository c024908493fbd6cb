package money

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// RoundingMode says how an amount between two representable values is
// rounded. The zero value is [RoundHalfEven], the banker's rounding that
// accounting standards and IEEE 754 default to.
type RoundingMode uint8

const (
	RoundHalfEven RoundingMode = iota // to nearest; ties to the even neighbour
	RoundHalfUp                       // to nearest; ties away from zero
	RoundHalfDown                     // to nearest; ties toward zero
	RoundUp                           // away from zero
	RoundDown                         // toward zero (truncation)
	RoundCeiling                      // toward +∞
	RoundFloor                        // toward −∞
)

var roundingNames = [...]string{"half-even", "half-up", "half-down", "up", "down", "ceiling", "floor"}

// String returns the mode's name, such as "half-even".
func (r RoundingMode) String() string {
	if int(r) < len(roundingNames) {
		return roundingNames[r]
	}
	return "RoundingMode(" + itoa(int64(r)) + ")"
}

// Round returns m rounded to the currency's minor units with mode. An amount
// that already has no more decimals than the currency allows is returned
// unchanged.
func (m Money) Round(mode RoundingMode) Money {
	return m.RoundTo(m.c().digits(), mode)
}

// RoundTo returns m rounded to places decimals with mode. places may exceed
// the currency's digits (for unit prices quoted in tenths of a cent).
func (m Money) RoundTo(places int32, mode RoundingMode) Money {
	if -m.e() <= places {
		return m
	}
	return fromDecimal(roundRat(m.Decimal().Rat(), places, mode), m.c())
}

// roundRat rounds the rational q to places decimals with mode.
func roundRat(q *big.Rat, places int32, mode RoundingMode) decimal.Decimal {
	scale := new(big.Int).Exp(big10, big.NewInt(int64(abs32(places))), nil)
	num := new(big.Int).Set(q.Num())
	den := new(big.Int).Set(q.Denom())
	if places >= 0 {
		num.Mul(num, scale)
	} else {
		den.Mul(den, scale)
	}
	quo, rem := new(big.Int).QuoRem(num, den, new(big.Int)) // truncated toward zero
	if rem.Sign() != 0 && roundAway(quo, rem, den, mode) {
		if num.Sign() < 0 {
			quo.Sub(quo, big.NewInt(1))
		} else {
			quo.Add(quo, big.NewInt(1))
		}
	}
	return decimal.NewFromBigInt(quo, -places)
}

// roundAway reports whether a truncated quotient quo with non-zero
// remainder rem (same sign as the dividend) over den > 0 must be moved one
// step away from zero.
func roundAway(quo, rem, den *big.Int, mode RoundingMode) bool {
	neg := rem.Sign() < 0
	switch mode {
	case RoundUp:
		return true
	case RoundDown:
		return false
	case RoundCeiling:
		return !neg
	case RoundFloor:
		return neg
	}
	twice := new(big.Int).Abs(rem)
	twice.Lsh(twice, 1)
	switch c := twice.Cmp(den); {
	case c > 0:
		return true
	case c < 0:
		return false
	}
	switch mode {
	case RoundHalfUp:
		return true
	case RoundHalfDown:
		return false
	}
	return quo.Bit(0) == 1 // half-even: away only from an odd quotient
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}

func itoa(v int64) string { return big.NewInt(v).String() }
