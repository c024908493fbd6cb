package metrics

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"
)

// Sum accumulates amounts of any number of currencies, exactly.
//
// The zero Sum is empty and ready to use. Amounts of different currencies
// are kept apart; ask for each with [Sum.Total] or for all with
// [Sum.Totals]. Sums of disjoint inputs combine with [Sum.Merge], so work
// split over shards or machines adds up to what one Sum would have given.
//
// Add is fast: while amounts are whole minor units and the running total
// fits in an int64, it adds integers and allocates nothing. An amount with
// more decimals than its currency allows, or a total that would overflow,
// moves to an exact decimal accumulator, so nothing is ever lost.
//
// A Sum is not safe for concurrent use; give each goroutine its own and
// merge them.
type Sum struct {
	accs  []sumAcc
	count int64
}

type sumAcc struct {
	cur   Currency
	minor int64           // whole minor units, the fast path
	spill decimal.Decimal // everything the fast path could not hold
	exact bool            // spill is in use
}

// Add adds m to the sum. The zero Money is counted and adds nothing.
func (s *Sum) Add(m Money) {
	s.count++
	if m.cur.IsZero() {
		return // the zero Money: no currency, no amount
	}
	a := s.acc(m.cur)
	if m.big == nil && m.exp == -int32(m.cur.digits) {
		r := a.minor + m.coef
		if (r^a.minor)&(r^m.coef) >= 0 {
			a.minor = r
			return
		}
	}
	a.addSlow(m)
}

func (a *sumAcc) addSlow(m Money) {
	if v, ok := m.Minor(); ok {
		r := a.minor + v
		if (r^a.minor)&(r^v) >= 0 {
			a.minor = r
			return
		}
	}
	a.spill = a.spill.Add(m.Decimal())
	a.exact = true
}

// acc returns the accumulator of c, creating it on first use.
func (s *Sum) acc(c Currency) *sumAcc {
	for i := range s.accs {
		if s.accs[i].cur == c {
			return &s.accs[i]
		}
	}
	s.accs = append(s.accs, sumAcc{cur: c})
	return &s.accs[len(s.accs)-1]
}

// Merge adds everything o has accumulated to s, as if each amount added to
// o had been added to s.
func (s *Sum) Merge(o Sum) {
	s.count += o.count
	for _, b := range o.accs {
		a := s.acc(b.cur)
		a.addSlow(b.cur.FromMinor(b.minor))
		if b.exact {
			a.spill = a.spill.Add(b.spill)
			a.exact = true
		}
	}
}

// Total returns the total of the currency c, or a zero amount of c if the
// sum holds none.
func (s *Sum) Total(c Currency) Money {
	for i := range s.accs {
		if s.accs[i].cur == c {
			return s.accs[i].total()
		}
	}
	return c.Zero()
}

func (a *sumAcc) total() Money {
	m := a.cur.FromMinor(a.minor)
	if a.exact {
		m = fromDecimal(m.Decimal().Add(a.spill), a.cur)
	}
	return m
}

// Totals returns one total per currency seen, sorted by currency code. A
// currency whose amounts cancel out is listed with a zero total.
func (s *Sum) Totals() []Money {
	out := make([]Money, 0, len(s.accs))
	for i := range s.accs {
		out = append(out, s.accs[i].total())
	}
	slices.SortFunc(out, func(a, b Money) int { return cmp.Compare(a.cur.Code(), b.cur.Code()) })
	return out
}

// Currencies returns the currencies seen, sorted by code.
func (s *Sum) Currencies() []Currency {
	out := make([]Currency, 0, len(s.accs))
	for _, a := range s.accs {
		out = append(out, a.cur)
	}
	slices.SortFunc(out, func(a, b Currency) int { return cmp.Compare(a.Code(), b.Code()) })
	return out
}

// Count returns the number of amounts added, including those of merged sums.
func (s *Sum) Count() int64 { return s.count }
