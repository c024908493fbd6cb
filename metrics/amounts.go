package metrics

import (
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Amounts is a column of money amounts of a batch ([Orders]), each in the
// currency of its order: whole minor units as int64s, which is what the
// analyses add, with the exact decimal amount kept beside them for the
// rare amount that is not a whole number of minor units of its order's
// currency (12.345 CNY), is in another currency, or does not fit in an
// int64. The zero Money (no currency), which a row type holds for an
// amount not given, is 0 in Minor and is marked in a bitmap, so that
// [Amounts.At] gives it back as it was and reading the column costs no map.
//
// The zero Amounts is an empty column. Minor[i] is 0 where Exact holds the
// amount, so that a sum of Minor plus the sum of Exact is the exact total.
type Amounts struct {
	Minor []int64             // row i's amount in minor units; 0 if Exact holds it
	Exact map[int]money.Money // the amounts Minor cannot hold, by row

	none []uint64 // bit i: row i is the zero Money
}

// Len returns the number of rows.
func (a *Amounts) Len() int { return len(a.Minor) }

// append adds m, an amount of an order in currency c.
func (a *Amounts) append(m money.Money, c money.Currency) {
	if m == (money.Money{}) {
		i := len(a.Minor)
		for len(a.none) <= i/64 {
			a.none = append(a.none, 0)
		}
		a.none[i/64] |= 1 << (i % 64)
		a.Minor = append(a.Minor, 0)
		return
	}
	if v, ok := m.MinorIn(c); ok && m == c.FromMinor(v) { // the same representation, not only the same value
		a.Minor = append(a.Minor, v)
		return
	}
	if a.Exact == nil {
		a.Exact = make(map[int]money.Money)
	}
	a.Exact[len(a.Minor)] = m
	a.Minor = append(a.Minor, 0)
}

// AppendMinor adds an amount of v minor units.
func (a *Amounts) AppendMinor(v int64) { a.Minor = append(a.Minor, v) }

// AppendExact adds m, an amount of an order in currency c, in minor units
// when it is whole minor units of c and exactly otherwise.
func (a *Amounts) AppendExact(m money.Money, c money.Currency) { a.append(m, c) }

// At returns row i's amount in currency c, the currency of its order.
func (a *Amounts) At(i int, c money.Currency) money.Money {
	if a.isNone(i) {
		return money.Money{}
	}
	if a.Exact != nil {
		if m, ok := a.Exact[i]; ok {
			return m
		}
	}
	return c.FromMinor(a.Minor[i])
}

// MinorAt returns row i's amount in minor units and true, or 0 and false
// if it is not whole minor units of the order's currency (ask [Amounts.At]).
// The zero Money is 0 minor units.
func (a *Amounts) MinorAt(i int) (int64, bool) {
	if a.Exact != nil {
		if _, ok := a.Exact[i]; ok {
			return 0, false
		}
	}
	return a.Minor[i], true
}

// isNone reports whether row i holds the zero Money.
func (a *Amounts) isNone(i int) bool { return i/64 < len(a.none) && a.none[i/64]&(1<<(i%64)) != 0 }

// reset empties the column, keeping its memory.
func (a *Amounts) reset() {
	a.Minor = a.Minor[:0]
	a.Exact = nil
	a.none = a.none[:0]
}
