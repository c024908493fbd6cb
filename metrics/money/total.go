package money

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
)

// Total is an exact running total of one currency's minor units (fen,
// cents): an int64 while the total is a whole number of minor units that
// fits, and a decimal for whatever does not (fractions of a minor unit,
// totals past ±9.2e18). It is the single-currency accumulator under [Sum]
// and under the per-customer, per-SKU and per-day totals of the analyses,
// where a Sum, which keeps any number of currencies, would be several times
// larger. The fast path is one addition and one overflow test.
//
// The zero Total is zero. A Total does not know its currency: the caller
// keeps it and passes it to [Total.Money]. Totals of disjoint inputs
// combine exactly with [Total.AddTotal].
type Total struct {
	// Units is the whole minor units of the fast path.
	Units int64
	// Extra, when not nil, is the minor units that Units could not hold;
	// the total is Units + *Extra. A Total never changes the decimal
	// Extra points to, so Totals may share one.
	Extra *decimal.Decimal
}

// Add adds v minor units.
func (t *Total) Add(v int64) {
	if r, ok := intmath.Add64(t.Units, v); ok {
		t.Units = r
		return
	}
	t.AddDecimal(decimal.NewFromInt(v))
}

// Sub subtracts v minor units.
func (t *Total) Sub(v int64) {
	if v == math.MinInt64 {
		t.AddDecimal(decimal.NewFromInt(v).Neg())
		return
	}
	t.Add(-v)
}

// AddDecimal adds d minor units (d may have decimals).
func (t *Total) AddDecimal(d decimal.Decimal) {
	if t.Extra != nil {
		d = t.Extra.Add(d)
	}
	t.Extra = &d
}

// AddMoney adds m, an amount of the Total's currency (m's currency is not
// checked).
func (t *Total) AddMoney(m Money) {
	if v, ok := m.Minor(); ok {
		t.Add(v)
		return
	}
	if !m.IsZero() {
		t.AddAmount(m.Decimal(), m.Currency())
	}
}

// AddAmount adds d, an amount of c in its major unit (yuan, not fen):
// to Units when it is a whole number of minor units that fits an int64,
// else to Extra.
func (t *Total) AddAmount(d decimal.Decimal, c Currency) {
	d = d.Shift(int32(c.Digits()))
	if d.IsInteger() && d.BigInt().IsInt64() {
		t.Add(d.IntPart())
		return
	}
	t.AddDecimal(d)
}

// AddTotal adds o.
func (t *Total) AddTotal(o Total) {
	t.Add(o.Units)
	if o.Extra != nil {
		t.AddDecimal(*o.Extra)
	}
}

// SubTotal subtracts o.
func (t *Total) SubTotal(o Total) {
	t.Sub(o.Units)
	if o.Extra != nil {
		t.AddDecimal(o.Extra.Neg())
	}
}

// Neg negates t.
func (t *Total) Neg() {
	var z Total
	z.SubTotal(*t)
	*t = z
}

// Decimal returns the total as a decimal number of minor units.
func (t Total) Decimal() decimal.Decimal {
	d := decimal.NewFromInt(t.Units)
	if t.Extra != nil {
		d = d.Add(*t.Extra)
	}
	return d
}

// Cmp compares t and o.
func (t Total) Cmp(o Total) int {
	if t.Extra == nil && o.Extra == nil {
		switch {
		case t.Units < o.Units:
			return -1
		case t.Units > o.Units:
			return 1
		}
		return 0
	}
	return t.Decimal().Cmp(o.Decimal())
}

// Money returns the total as an amount of c, exactly (beyond the int64
// range of minor units, too). A zero total of the zero Currency (an
// accumulator that saw nothing) is the zero Money.
func (t Total) Money(c Currency) Money {
	if c.IsZero() && t.isZero() {
		return Money{}
	}
	m := c.FromMinor(t.Units)
	if t.Extra != nil {
		m = add(m, c.FromMinor(1).MulRate(*t.Extra), c) // both in c: no mismatch to check
	}
	return m
}

// isZero reports whether the total is zero.
func (t Total) isZero() bool { return t.Units == 0 && (t.Extra == nil || t.Extra.IsZero()) }

// Div returns the total divided by n, rounded half to even to minor
// units: an average such as net sales per customer. It returns the zero
// amount of c when n is zero, and, like [Total.Money], the zero Money for
// a zero total of the zero Currency.
func (t Total) Div(n int64, c Currency) Money {
	switch {
	case c.IsZero() && t.isZero():
		return Money{}
	case n == 0:
		return c.Zero()
	case t.Extra == nil && n > 0:
		return c.FromMinor(intmath.DivRound(t.Units, n))
	}
	m, _ := t.Money(c).Div(n, RoundHalfEven)
	return m
}
