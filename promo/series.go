package promo

import (
	"math/big"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// dayTotals is the sales of a group of items on one day.
type dayTotals struct {
	units                  int64
	noCost                 int64 // of units, those sold without a unit cost
	gross, disc, net, cost money.Total
}

// series is the daily sales of a group of items over civil days
// [from, from+len(days)).
type series struct {
	from int
	days []dayTotals
}

func newSeries(from, to int) series {
	return series{from: from, days: make([]dayTotals, to-from)}
}

func (s series) at(day int) *dayTotals {
	k := day - s.from
	if k < 0 || k >= len(s.days) {
		return &dayTotals{}
	}
	return &s.days[k]
}

// measure is one daily quantity a baseline is fitted to.
type measure uint8

const (
	mUnits measure = iota
	mNet
	mProfit
)

// value returns the day's measure exactly: units, or minor units.
func (d *dayTotals) value(m measure) *big.Rat {
	switch m {
	case mUnits:
		return new(big.Rat).SetInt64(d.units)
	case mNet:
		return amountRat(d.net)
	}
	r := amountRat(d.net)
	return r.Sub(r, amountRat(d.cost))
}

func amountRat(a money.Total) *big.Rat {
	r := new(big.Rat).SetInt64(a.Units)
	if a.Extra != nil {
		r.Add(r, a.Extra.Rat())
	}
	return r
}

func (s series) values(m measure, from, to int) []*big.Rat {
	out := make([]*big.Rat, 0, to-from)
	for d := from; d < to; d++ {
		out = append(out, s.at(d).value(m))
	}
	return out
}

// resolve returns, per SKU index, whether the SKU is in scope. SKUs are
// put in categories by the category of their first line.
func (l *Ledger) resolve(sc Scope) []bool {
	sel := make([]bool, len(l.skus))
	skus := map[string]bool{}
	for _, s := range sc.SKUs {
		skus[s] = true
	}
	cats := map[string]bool{}
	for _, c := range sc.Categories {
		cats[c] = true
	}
	for i, s := range l.skus {
		sel[i] = sc.Store || skus[s.sku] || cats[s.category]
	}
	return sel
}

// gather sums the daily sales of the selected SKUs over [from, to).
func (l *Ledger) gather(sel []bool, from, to int) series {
	out := newSeries(from, to)
	for i := range l.skus {
		if !sel[i] {
			continue
		}
		s := &l.skus[i]
		lo := max(from, s.first)
		hi := min(to, s.first+len(s.cells))
		for d := lo; d < hi; d++ {
			c := &s.cells[d-s.first]
			t := &out.days[d-from]
			t.units += c.units
			t.noCost += c.noCost
			t.gross.Add(c.gross)
			t.disc.Add(c.disc)
			t.net.Add(c.net)
			t.cost.Add(c.cost)
			if c.x != nil {
				t.gross.AddTotal(c.x.gross)
				t.disc.AddTotal(c.x.disc)
				t.net.AddTotal(c.x.net)
				t.cost.AddTotal(c.x.cost)
			}
		}
	}
	return out
}

// gatherHalo sums the sales of categories outside exclude in the baskets
// of promotion t over [from, to).
func gatherHalo(t *tracker, exclude map[string]bool, from, to int) series {
	out := newSeries(from, to)
	for d := from; d < to; d++ {
		b := t.days[d]
		if b == nil {
			continue
		}
		o := &out.days[d-from]
		for cat, cc := range b.other {
			if exclude[cat] {
				continue
			}
			o.units += cc.units
			o.noCost += cc.noCost
			o.net.AddTotal(cc.net)
			o.cost.AddTotal(cc.cost)
		}
	}
	return out
}

// noCost returns the units sold without a unit cost on days [from, to)
// and on the given days.
func (s series) noCost(from, to int, days []int) int64 {
	var n int64
	for d := from; d < to; d++ {
		n += s.at(d).noCost
	}
	for _, d := range days {
		n += s.at(d).noCost
	}
	return n
}

// total sums the series over the given days.
func (s series) total(days []int, c money.Currency) Sales {
	var u int64
	var net, cost money.Total
	for _, d := range days {
		t := s.at(d)
		u += t.units
		net.AddTotal(t.net)
		cost.AddTotal(t.cost)
	}
	profit := net
	profit.SubTotal(cost)
	return Sales{Units: u, NetSales: net.Money(c), GrossProfit: profit.Money(c)}
}
