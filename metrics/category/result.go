package category

import (
	"cmp"
	"github.com/shopmetrics/shopmetrics/internal/fdr"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Result is the category figures of one period; see the package
// documentation for the definitions.
type Result struct {
	Period metrics.Period
	// Buyers are the distinct customers with a non-cancelled order in
	// the period: the denominator of penetration.
	Buyers int64
	// Orders are the non-cancelled orders of the period, guests' too:
	// the denominator of the basket scope.
	Orders int64
	// NewCustomers are the buyers whose first order ever is in the
	// period, and Returning the other buyers: the denominators of the
	// start and base shares.
	NewCustomers, Returning int64
	// NetSales are the period's net line sales (zero Money without
	// orders).
	NetSales money.Money
	// Categories are the categories bought in the period, the highest
	// penetration first (ties by name); after [Compare], also those
	// bought only in the previous period. The uncategorised row has the
	// category "".
	Categories []Row
	// Pairs are the top pairs of the buyer scope (bought by the same
	// buyer in the period) that pass the guard, the highest lift first;
	// BasketPairs those of the basket scope (bought in the same order).
	Pairs, BasketPairs []Pair
	// Tested and BasketTested are the numbers of pairs tested in each
	// scope (those with at least Config.MinBoth buyers or orders of both),
	// the size of the Benjamini–Hochberg correction.
	Tested, BasketTested int
}

// Row is one category's figures.
type Row struct {
	Category string // "" for the uncategorised lines
	// Buyers bought the category in the period; Penetration = Buyers /
	// Result.Buyers (shares that do not add up to 100 %).
	Buyers      int64
	Penetration metrics.Ratio
	// MainBuyers have the category as their main one (largest net sales);
	// MainShare = MainBuyers / Result.Buyers (adds up to 100 %).
	MainBuyers int64
	MainShare  metrics.Ratio
	// NetSales and SalesShare = NetSales / Result.NetSales (adds up to
	// 100 %).
	NetSales   money.Money
	SalesShare metrics.Ratio
	// Start is the category's share of the new customers' first orders,
	// in millionths of a customer over Result.NewCustomers millions; Base
	// the same split of the returning buyers' period sales. Each adds up
	// to 100 %.
	Start, Base metrics.Ratio
	// Previous is the penetration in the previous period, Change the
	// difference in points (current − previous), PValue the two-sided
	// p-value of the two-proportion z-test and Significant whether it
	// passes the Benjamini–Hochberg correction at Config.Alpha over the
	// categories tested. Set by [Compare]; undefined (false) before, or
	// when a period has no buyers.
	Previous    metrics.Ratio
	Change      metrics.Ratio
	PValue      metrics.Value
	Significant bool
}

// Pair is two categories bought together, A before B in byte order.
type Pair struct {
	A, B string
	// Both is the number of buyers (orders, in the basket scope) of both.
	Both int64
	// Support = Both / buyers (orders).
	Support metrics.Ratio
	// ConfidenceAB = Both / buyers of A = P(B | A); ConfidenceBA = Both /
	// buyers of B = P(A | B).
	ConfidenceAB, ConfidenceBA metrics.Ratio
	// Lift = P(A∧B) / (P(A) P(B)) = Both × buyers / (buyers of A × buyers
	// of B), a multiple; 1 is independence.
	Lift metrics.Ratio
	// PValue is the one-sided Fisher exact test's p-value, QValue the
	// Benjamini–Hochberg adjusted one over the pairs tested.
	PValue, QValue float64
}

// Result computes the figures of the period from what t counted, with
// the pairs' guard of cfg. It does not change t.
func (t *Tracker) Result(cfg Config) Result {
	cfg = cfg.withDefaults()
	r := Result{Period: t.Period, Orders: t.orders, Buyers: t.buyers}
	if !t.cur.IsZero() {
		r.NetSales = t.cur.Zero()
	}
	n := len(t.names)
	buyersOf := make([]int64, n)
	mainOf := make([]int64, n)
	start := make([]int64, n)
	base := make([]int64, n)
	pairs := make(map[uint64]int64)
	for _, c := range t.custs {
		as := c.sales
		if as == nil {
			continue
		}
		best := -1
		for i, a := range as {
			buyersOf[a.cat]++
			for _, b := range as[i+1:] {
				pairs[pairKey(a.cat, b.cat)]++
			}
			if best < 0 {
				best = i
				continue
			}
			c := oneCurrency(a.net.Cmp(as[best].net))
			if c > 0 || c == 0 && t.names[a.cat] < t.names[as[best].cat] {
				best = i
			}
		}
		if best >= 0 {
			mainOf[as[best].cat]++
		}
		if c.hasFirst && t.Period.Contains(c.first.at) {
			r.NewCustomers++
			for _, p := range c.first.split {
				start[p.cat] += p.micro
			}
			continue
		}
		r.Returning++
		for _, p := range t.splitBuyer(as) {
			base[p.cat] += p.micro
		}
	}
	for _, s := range t.sales {
		if !s.Currency().IsZero() {
			r.NetSales = oneCurrency(r.NetSales.Add(s))
		}
	}
	for c := range n {
		if buyersOf[c] == 0 && t.inBask[c] == 0 && start[c] == 0 {
			continue // only in first orders before the period
		}
		row := Row{Category: t.names[c], Buyers: buyersOf[c], MainBuyers: mainOf[c], NetSales: t.cur.Zero(),
			Penetration: metrics.CountRatio(buyersOf[c], r.Buyers), MainShare: metrics.CountRatio(mainOf[c], r.Buyers),
			Start: metrics.CountRatio(start[c], r.NewCustomers*whole), Base: metrics.CountRatio(base[c], r.Returning*whole),
			PValue: metrics.Undefined(metrics.UnitNumber)}
		if s := t.sales[c]; !s.Currency().IsZero() {
			row.NetSales = s
		}
		row.SalesShare = oneCurrency(metrics.MoneyRatio(row.NetSales, r.NetSales))
		r.Categories = append(r.Categories, row)
	}
	sortRows(r.Categories)
	r.Pairs, r.Tested = t.pairs(pairs, buyersOf, r.Buyers, cfg)
	r.BasketPairs, r.BasketTested = t.pairs(t.bPairs, t.inBask, t.orders, cfg)
	return r
}

// sortRows sorts rows by penetration, highest first, then by name.
func sortRows(rows []Row) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		x, _ := a.Penetration.Value()
		y, _ := b.Penetration.Value()
		if c := cmp.Compare(y, x); c != 0 {
			return c
		}
		return strings.Compare(a.Category, b.Category)
	})
}

// splitBuyer splits one buyer over their categories in millionths by
// net sales, or equally when none is positive, the categories in name
// order for the ties of the largest remainders.
func (t *Tracker) splitBuyer(as []amount) []part {
	if len(as) == 0 {
		return nil
	}
	as = slices.Clone(as)
	slices.SortFunc(as, func(a, b amount) int { return strings.Compare(t.names[a.cat], t.names[b.cat]) })
	ws := make([]money.Money, len(as))
	for i, a := range as {
		ws[i] = a.net.Currency().Zero()
		if a.net.IsPositive() {
			ws[i] = a.net
		}
	}
	micro, ok := splitWhole(ws)
	if !ok { // no positive sales: equally
		for i := range ws {
			ws[i] = ws[i].Currency().FromMinor(1)
		}
		if micro, ok = splitWhole(ws); !ok {
			panic("category: splitting a buyer equally over their categories found nothing to split (a bug)")
		}
	}
	out := make([]part, len(as))
	for i, a := range as {
		out[i] = part{cat: a.cat, micro: micro[i]}
	}
	return out
}

// pairs returns the top pairs of counts (by pair key) among n units
// (buyers or orders), of which of[c] bought category c, and the number
// of pairs tested.
func (t *Tracker) pairs(counts map[uint64]int64, of []int64, n int64, cfg Config) ([]Pair, int) {
	var ps []Pair
	for k, both := range counts {
		if both < cfg.MinBoth {
			continue
		}
		a, b := int32(k>>32), int32(uint32(k))
		na, nb := of[a], of[b]
		p := Pair{A: t.names[a], B: t.names[b], Both: both,
			Support: metrics.CountRatio(both, n), ConfidenceAB: metrics.CountRatio(both, na), ConfidenceBA: metrics.CountRatio(both, nb),
			Lift:   metrics.NewRatio(float64(both)*float64(n), float64(na)*float64(nb)),
			PValue: fisherUpper(both, min(na, nb), max(na, nb), n)} // symmetric in A and B: one order of the arguments, for the same rounding
		if p.A > p.B {
			p.A, p.B = p.B, p.A
			p.ConfidenceAB, p.ConfidenceBA = p.ConfidenceBA, p.ConfidenceAB
		}
		ps = append(ps, p)
	}
	tested := len(ps)
	pv := make([]float64, tested)
	for i, p := range ps {
		pv[i] = p.PValue
	}
	for i, q := range fdr.Adjust(pv) {
		ps[i].QValue = q
	}
	ps = slices.DeleteFunc(ps, func(p Pair) bool {
		l, _ := p.Lift.Value()
		return !(p.QValue <= cfg.Alpha && l > 1)
	})
	slices.SortFunc(ps, func(x, y Pair) int {
		a, _ := x.Lift.Value()
		b, _ := y.Lift.Value()
		if c := cmp.Compare(b, a); c != 0 {
			return c
		}
		if c := strings.Compare(x.A, y.A); c != 0 {
			return c
		}
		return strings.Compare(x.B, y.B)
	})
	if len(ps) > cfg.TopPairs {
		ps = ps[:cfg.TopPairs]
	}
	return ps, tested
}
