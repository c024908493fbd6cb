package promo

import (
	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// amount is an exact accumulator of one currency, counted in minor units:
// an int64 on the fast path, and a decimal (still in minor units) for
// amounts with more decimals than the currency has, or totals that would
// overflow.
type amount struct {
	minor int64
	extra *decimal.Decimal // minor units; nil when unused
}

func (a *amount) add(m metrics.Money) {
	if v, ok := m.Minor(); ok {
		a.addMinor(v)
		return
	}
	a.addDecimal(m.Decimal().Shift(int32(m.Currency().Digits())))
}

func (a *amount) addMinor(v int64) {
	r := a.minor + v
	if (r^a.minor)&(r^v) >= 0 {
		a.minor = r
		return
	}
	a.addDecimal(decimal.NewFromInt(v))
}

func (a *amount) addDecimal(d decimal.Decimal) {
	if a.extra != nil {
		d = a.extra.Add(d)
	}
	a.extra = &d
}

func (a *amount) merge(b amount) {
	a.addMinor(b.minor)
	if b.extra != nil {
		a.addDecimal(*b.extra)
	}
}

// money returns the accumulated amount in c, exactly.
func (a amount) money(c metrics.Currency) metrics.Money {
	m := c.FromMinor(a.minor)
	if a.extra != nil {
		m, _ = m.Add(c.FromMinor(1).MulRate(*a.extra)) // one currency: no mismatch
	}
	return m
}
