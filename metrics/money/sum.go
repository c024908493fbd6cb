package money

import (
	"slices"
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
	first sumAcc    // the first currency seen: the fast path
	hdr   *moneyHdr // the shared header of its whole-minor-unit amounts
	rest  []sumAcc  // the other currencies, in order of appearance
	none  *sumAcc   // non-zero amounts without a currency (Currency{}.FromMinor)
	count int64
}

type sumAcc struct {
	cur Currency
	t   Total // t.Units is the fast path of Sum.Add
}

// Add adds m to the sum. The zero Money is counted and adds nothing.
// A non-zero amount without a currency is kept under the zero Currency.
func (s *Sum) Add(m Money) {
	// While no currency is seen, s.hdr is nil and only the zero Money
	// (coefficient 0, nil header) takes this path: it adds nothing.
	r := s.first.t.Units + m.coef
	if m.h != s.hdr || (r^s.first.t.Units)&(r^m.coef) < 0 {
		s.addSlow(m)
		return
	}
	s.first.t.Units = r
	s.count++
}

func (s *Sum) addSlow(m Money) {
	s.count++
	if m.c().IsZero() {
		if !m.IsZero() { // an amount without a currency: kept apart, not lost
			if s.none == nil {
				s.none = &sumAcc{}
			}
			s.none.add(m)
		}
		return // the zero Money: no currency, no amount
	}
	s.acc(m.c()).add(m)
}

func (a *sumAcc) add(m Money) { a.t.AddMoney(m) }

// acc returns the accumulator of c, creating it on first use.
func (s *Sum) acc(c Currency) *sumAcc {
	if s.first.cur == c {
		return &s.first
	}
	if s.first.cur.IsZero() {
		s.first.cur, s.hdr = c, stdHeader(c)
		return &s.first
	}
	for i := range s.rest {
		if s.rest[i].cur == c {
			return &s.rest[i]
		}
	}
	s.rest = append(s.rest, sumAcc{cur: c})
	return &s.rest[len(s.rest)-1]
}

// accs calls f for each currency's accumulator.
func (s *Sum) accs(f func(a *sumAcc)) {
	if s.none != nil {
		f(s.none)
	}
	if s.first.cur.IsZero() {
		return
	}
	f(&s.first)
	for i := range s.rest {
		f(&s.rest[i])
	}
}

// Merge adds everything o has accumulated to s, as if each amount added to
// o had been added to s.
func (s *Sum) Merge(o Sum) {
	s.count += o.count
	o.accs(func(b *sumAcc) {
		var a *sumAcc
		if b.cur.IsZero() {
			if s.none == nil {
				s.none = &sumAcc{}
			}
			a = s.none
		} else {
			a = s.acc(b.cur)
		}
		a.t.AddTotal(b.t)
	})
}

// Total returns the total of the currency c, or a zero amount of c if the
// sum holds none.
func (s *Sum) Total(c Currency) Money {
	if a := s.find(c); a != nil {
		return a.total()
	}
	return c.Zero()
}

// find returns the accumulator of currency c, or nil if s has none. (A
// loop rather than accs, whose closure would move a Sum declared by the
// caller to the heap.)
func (s *Sum) find(c Currency) *sumAcc {
	switch {
	case c.IsZero():
		return s.none
	case s.first.cur == c:
		return &s.first
	}
	for i := range s.rest {
		if s.rest[i].cur == c {
			return &s.rest[i]
		}
	}
	return nil
}

func (a *sumAcc) total() Money { return a.t.Money(a.cur) }

// Totals returns one total per currency seen, sorted by currency code. A
// currency whose amounts cancel out is listed with a zero total. Non-zero
// amounts without a currency (see [Currency.FromMinor]) are totalled under
// the zero Currency, listed first; the zero Money adds nothing anywhere.
func (s *Sum) Totals() []Money {
	var out []Money
	s.accs(func(a *sumAcc) { out = append(out, a.total()) })
	slices.SortFunc(out, func(a, b Money) int { return a.c().Compare(b.c()) })
	return out
}

// Currencies returns the currencies seen, sorted by code.
func (s *Sum) Currencies() []Currency {
	var out []Currency
	s.accs(func(a *sumAcc) { out = append(out, a.cur) })
	slices.SortFunc(out, Currency.Compare)
	return out
}

// Count returns the number of amounts added, including those of merged sums.
func (s *Sum) Count() int64 { return s.count }
