package money

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/shopspring/decimal"
)

// Allocate splits m into parts proportional to weights, such that the parts
// add up to m exactly. It is how an order-level discount is spread over the
// order's lines in proportion to their value.
//
// The parts are whole multiples of the amount's smallest unit: the minor
// unit of the currency, or a finer one when m itself has more decimals. Each
// part first gets the floor of its exact share; the units left over go one
// each to the parts with the largest remainders (the largest-remainder, or
// Hamilton, method), ties going to the earlier part. A negative amount is
// allocated as its absolute value and negated, so parts have the sign of m.
//
// Weights may be zero (that part gets zero) but not negative. Allocate
// returns [ErrZeroWeights] if there are no weights or they are all zero, and
// an error wrapping [ErrNegativeWeight] if a weight is negative.
func (m Money) Allocate(weights []decimal.Decimal) ([]Money, error) {
	if len(weights) == 0 {
		return nil, ErrZeroWeights
	}
	// Bring the weights to integers over a common exponent.
	minExp := int32(0)
	for _, w := range weights {
		if w.Sign() < 0 {
			return nil, fmt.Errorf("%w: %s", ErrNegativeWeight, w)
		}
		if w.Exponent() < minExp {
			minExp = w.Exponent()
		}
	}
	ws := make([]*big.Int, len(weights))
	total := new(big.Int)
	for i, w := range weights {
		ws[i] = w.Shift(-minExp).BigInt() // exact: the shift leaves no decimals
		total.Add(total, ws[i])
	}
	if total.Sign() == 0 {
		return nil, ErrZeroWeights
	}
	exp := -m.c().digits()
	if m.e() < exp {
		exp = m.e()
	}
	units := m.Decimal().Shift(-exp).BigInt() // exact: exp is at or below m's exponent
	neg := units.Sign() < 0
	units.Abs(units)

	parts := make([]*big.Int, len(weights))
	rems := make([]*big.Int, len(weights))
	given := new(big.Int)
	for i, w := range ws {
		p := new(big.Int).Mul(units, w)
		parts[i], rems[i] = p.QuoRem(p, total, new(big.Int))
		given.Add(given, parts[i])
	}
	left := new(big.Int).Sub(units, given).Int64() // fewer than len(weights)
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]].Cmp(rems[order[b]]) > 0 })
	for k := int64(0); k < left; k++ {
		parts[order[k]].Add(parts[order[k]], big.NewInt(1))
	}
	out := make([]Money, len(weights))
	for i, p := range parts {
		if neg {
			p.Neg(p)
		}
		out[i] = fromDecimal(decimal.NewFromBigInt(p, exp), m.c())
	}
	return out, nil
}

// Split divides m into n parts that differ by at most one smallest unit and
// add up to m exactly; the earlier parts get the extra units. Split returns
// [ErrZeroWeights] if n < 1.
func (m Money) Split(n int) ([]Money, error) {
	if n < 1 {
		return nil, ErrZeroWeights
	}
	w := make([]decimal.Decimal, n)
	for i := range w {
		w[i] = decimal.NewFromInt(1)
	}
	return m.Allocate(w)
}
