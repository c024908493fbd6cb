package category

import (
	"math/bits"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// splitWhole splits one customer, [whole] millionths, in proportion to
// the non-negative weights ms (amounts of one currency) by largest
// remainder, ties to the earlier weight: the rule of money.Allocate, in
// integers when the weights are whole minor units. It returns false when
// the weights are all zero.
func splitWhole(ms []money.Money) ([]int64, bool) {
	ws := make([]uint64, len(ms))
	var total uint64
	for i, m := range ms {
		v, ok := m.Minor()
		if !ok || v < 0 || total+uint64(v) < total {
			return splitDecimal(ms)
		}
		ws[i] = uint64(v)
		total += ws[i]
	}
	if total == 0 {
		return nil, false
	}
	out := make([]int64, len(ws))
	rems := make([]uint64, len(ws))
	var given int64
	for i, w := range ws {
		hi, lo := bits.Mul64(w, whole)
		q, r := bits.Div64(hi, lo, total) // hi < total: w ≤ total and whole fits
		out[i], rems[i] = int64(q), r
		given += int64(q)
	}
	for left := whole - given; left > 0; left-- {
		best := -1
		for i, r := range rems {
			if best < 0 || r > rems[best] {
				best = i
			}
		}
		out[best]++
		rems[best] = 0
	}
	return out, true
}

// splitDecimal is splitWhole for weights that are not whole minor units.
func splitDecimal(ms []money.Money) ([]int64, bool) {
	ws := make([]decimal.Decimal, len(ms))
	for i, m := range ms {
		ws[i] = m.Decimal()
	}
	parts, err := money.MustCurrency("CNY").FromMinor(whole).Allocate(ws)
	if err != nil {
		return nil, false
	}
	out := make([]int64, len(parts))
	for i, p := range parts {
		v, ok := p.Minor()
		if !ok { // Allocate gives whole minor units of a whole amount, at most whole
			panic("category: a share of an allocation of whole millionths is not whole (a bug)")
		}
		out[i] = v
	}
	return out, true
}
