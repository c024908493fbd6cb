package cohort

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// amount is an exact running total of one currency: whole minor units in
// an int64 on the fast path, and a decimal for whatever does not fit (a
// fraction of a minor unit, or an int64 overflow).
type amount struct {
	minor int64
	extra *decimal.Decimal // nil on the fast path
}

// addMinor adds v minor units.
func (a *amount) addMinor(v int64) {
	r := a.minor + v
	if (r^a.minor)&(r^v) >= 0 {
		a.minor = r
		return
	}
	a.addExtra(decimal.NewFromInt(v))
}

// subMinor subtracts v minor units.
func (a *amount) subMinor(v int64) {
	if v == math.MinInt64 {
		a.addExtra(decimal.NewFromInt(v).Neg())
		return
	}
	a.addMinor(-v)
}

// sub64 returns a − b and whether it fits in an int64.
func sub64(a, b int64) (int64, bool) {
	r := a - b
	return r, (a^b)&(a^r) >= 0
}

// addExtra adds d minor units (d may have decimals).
func (a *amount) addExtra(d decimal.Decimal) {
	if a.extra == nil {
		a.extra = &d
		return
	}
	s := a.extra.Add(d)
	a.extra = &s
}

// add adds b.
func (a *amount) add(b amount) {
	a.addMinor(b.minor)
	if b.extra != nil {
		a.addExtra(*b.extra)
	}
}

// sub subtracts b.
func (a *amount) sub(b amount) {
	if b.minor == math.MinInt64 {
		a.addExtra(decimal.NewFromInt(b.minor).Neg())
	} else {
		a.addMinor(-b.minor)
	}
	if b.extra != nil {
		a.addExtra(b.extra.Neg())
	}
}

// neg negates a.
func (a *amount) neg() {
	var z amount
	z.sub(*a)
	*a = z
}

// minorUnits returns the amount as a decimal number of minor units.
func (a amount) minorUnits() decimal.Decimal {
	d := decimal.NewFromInt(a.minor)
	if a.extra != nil {
		d = d.Add(*a.extra)
	}
	return d
}

// cmp compares a and b.
func (a amount) cmp(b amount) int {
	if a.extra == nil && b.extra == nil {
		switch {
		case a.minor < b.minor:
			return -1
		case a.minor > b.minor:
			return 1
		}
		return 0
	}
	return a.minorUnits().Cmp(b.minorUnits())
}

// money returns the amount as Money of c. The zero Currency (an empty
// ledger) gives the zero Money.
func (a amount) money(c metrics.Currency) metrics.Money {
	if c.IsZero() {
		return metrics.Money{}
	}
	if a.extra == nil {
		return c.FromMinor(a.minor)
	}
	d := a.minorUnits()
	whole := d.Truncate(0)
	frac, _ := c.FromDecimal(d.Sub(whole).Shift(-int32(c.Digits()))) // |frac| < one minor unit: in range
	m, _ := bigMinor(c, whole.BigInt()).Add(frac)
	return m
}

// bigMinor returns n minor units of c for any n, building amounts beyond
// the int64 range from int64 parts.
func bigMinor(c metrics.Currency, n *big.Int) metrics.Money {
	if n.IsInt64() {
		return c.FromMinor(n.Int64())
	}
	q, r := new(big.Int).QuoRem(n, big.NewInt(1<<62), new(big.Int))
	m, _ := bigMinor(c, q).Mul(1 << 62).Add(c.FromMinor(r.Int64()))
	return m
}

// perCustomer returns a / n rounded half-even to minor units, or the zero
// amount of c when n is zero.
func (a amount) perCustomer(c metrics.Currency, n int64) metrics.Money {
	m, ok := a.money(c).Div(n, metrics.RoundHalfEven)
	if !ok || c.IsZero() {
		return metrics.Money{}
	}
	return m
}

// ratio returns a / b as a Ratio (undefined when b is zero).
func ratioOf(a, b amount) metrics.Ratio {
	x, _ := a.minorUnits().Float64()
	y, _ := b.minorUnits().Float64()
	return metrics.NewRatio(x, y)
}
