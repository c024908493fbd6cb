package report

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/category"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Categories is category penetration and cross-buying (品类渗透率), shown
// in the products section: the share of buyers who bought each category,
// the category pairs bought together with their lift, and the categories
// new customers start with. Nil when neither the catalogue nor the
// period's order lines name a category. The definitions are
// metrics/category's: penetration = buyers of the category / buyers
// (shares that do not add up to 100 %, as a buyer buys several
// categories); main-category, sales, start and base shares add up to
// 100 %; lift = P(A∧B) / (P(A) P(B)).
type Categories struct {
	Buyers       int64 `json:"buyers"`        // the period's buyers: the denominator of penetration
	Orders       int64 `json:"orders"`        // the period's orders, guests' too: the basket scope's
	NewCustomers int64 `json:"new_customers"` // buyers whose first order ever is in the period
	Returning    int64 `json:"returning"`     // the other buyers
	// Compared is whether the data cover the previous period, and the
	// reviewed one to its last day, so that each row's penetration has
	// its previous value and change: a period whose data end early (the
	// overview's "cur_coverage" note) has fewer days for its buyers to
	// reach a category, and is not set against a whole one; nor is a
	// period with days missing from the data, or a previous one with
	// them (the overview's "prev_gap" note).
	Compared bool `json:"compared"`
	// Starts is whether the orders reach back before the period, so that
	// new customers are told from returning ones; without that history
	// every buyer is "new" and the start shares are left out.
	Starts bool `json:"starts"`
	// Rows are the categories, the highest penetration first; the
	// uncategorised lines are the row with the category "".
	Rows []CategoryReach `json:"rows"`
	// Pairs are the strongest pairs bought by the same buyer in the
	// period, BasketPairs in the same order: each passes the guard (at
	// least MinBoth co-buyers, Fisher exact test significant after the
	// Benjamini–Hochberg correction over the Tested pairs), the highest
	// lift first.
	Pairs        []CategoryPair `json:"pairs"`
	BasketPairs  []CategoryPair `json:"basket_pairs"`
	Tested       int            `json:"tested"`
	BasketTested int            `json:"basket_tested"`
	MinBoth      int64          `json:"min_both"` // the guard's minimum of co-buyers (co-orders)
}

// CategoryReach is one category's penetration and shares.
type CategoryReach struct {
	Category    string        `json:"category"` // from data; "" for the uncategorised lines
	Buyers      int64         `json:"buyers"`
	Penetration metrics.Ratio `json:"penetration"` // buyers / the period's buyers
	// Previous is the penetration in the previous period, Change the
	// difference in points, PValue the two-proportion z-test's and
	// Significant whether it passes the Benjamini–Hochberg correction at
	// 5 % over the categories; undefined without the previous period.
	Previous    metrics.Ratio `json:"previous"`
	Change      metrics.Value `json:"change"`  // points
	PValue      metrics.Value `json:"p_value"` // a number
	Significant bool          `json:"significant"`
	MainShare   metrics.Ratio `json:"main_share"`  // buyers whose main category it is / buyers
	NetSales    money.Money   `json:"net_sales"`   // net line sales, before refunds
	SalesShare  metrics.Ratio `json:"sales_share"` // of the period's net line sales
	Start       metrics.Ratio `json:"start"`       // share of the new customers' first orders
	Base        metrics.Ratio `json:"base"`        // the same split of the returning buyers' sales
}

// CategoryPair is two categories bought together.
type CategoryPair struct {
	A    string `json:"a"` // from data
	B    string `json:"b"`
	Both int64  `json:"both"` // buyers (orders) of both
	// Support = Both / buyers (orders); ConfidenceAB = P(B | A),
	// ConfidenceBA = P(A | B).
	Support      metrics.Ratio `json:"support"`
	ConfidenceAB metrics.Ratio `json:"confidence_ab"`
	ConfidenceBA metrics.Ratio `json:"confidence_ba"`
	Lift         metrics.Value `json:"lift"`    // a multiple; 1 is independence
	PValue       metrics.Value `json:"p_value"` // one-sided Fisher exact test
	QValue       metrics.Value `json:"q_value"` // Benjamini–Hochberg adjusted
}

// categoriesPart computes [Categories] with a category.Tracker of the
// period and one of the previous period, each fed the orders of its
// period during the pass and, at its end, one order placed before the
// period for each of its buyers who had one.
//
// A tracker's result counts the buyers of its period, and looks at a
// buyer's first order only to ask whether it is in the period, and then
// at its split over the categories: an order before the period, whichever
// it is, makes the buyer returning, and the orders of customers who do
// not buy in the period change nothing the result gives. Fed every order,
// each tracker kept the first order of every customer (on 1.1M orders of
// 310k customers, 310k first orders split over their categories and a map
// lookup per order, a quarter of the pass), for the few thousands who buy
// in its period.
type categoriesPart struct {
	trackers [2]category.Tracker // the period, the previous period
	named    bool                // the catalogue or a line of the period names a category
	// started[i] is whether tracker i has taken an order, which set its
	// currency: until then it takes every order, as it did all of them.
	started [2]bool
}

// The bits a customer's record of b.firsts holds for the categories part
// (firsts.cats), shifted by the tracker's index: beforeBit if they
// have an order with lines placed before the tracker's period that it
// did not take, buyerBit if they bought in it.
const (
	beforeBit = 1 << 0
	buyerBit  = 1 << 2
)

// categoryPeriods are the compared periods of categoriesPart.trackers.
var categoryPeriods = [2]int{pCur, pPrev}

func (p *categoriesPart) start(b *builder) {
	var cat map[string]string
	for _, it := range b.in.Items {
		if it.Category == "" {
			continue
		}
		if cat == nil {
			cat = make(map[string]string)
		}
		cat[it.SKU] = it.Category
		p.named = true
	}
	for i, per := range categoryPeriods {
		p.trackers[i] = category.Tracker{Period: b.periods[per], Catalogue: cat}
	}
}

func (p *categoriesPart) order(b *builder, o *metrics.Order) {
	if !p.named && b.ordMask&(1<<pCur) != 0 && o.Status != metrics.Cancelled {
		for i := range o.Lines {
			if o.Lines[i].Category != "" {
				p.named = true
				break
			}
		}
	}
	if o.Status == metrics.Cancelled || len(o.Lines) == 0 {
		return // a tracker leaves it out
	}
	k := b.firsts.cust
	for i := range p.trackers {
		t := &p.trackers[i]
		in := b.ordMask&(1<<categoryPeriods[i]) != 0
		if p.started[i] && !in {
			if k >= 0 && o.PlacedAt.Before(t.Period.Start) {
				b.firsts.cats[k] |= beforeBit << i
			}
			continue
		}
		if err := t.Add(*o); err != nil {
			b.errs = append(b.errs, err)
			return
		}
		// A guest's order before or after the period does not set the
		// tracker's currency: it leaves the order out.
		p.started[i] = p.started[i] || in || o.CustomerID != ""
		if in && k >= 0 {
			b.firsts.cats[k] |= buyerBit << i
		}
	}
}

// addBefore gives each tracker, for each of its buyers with an order
// before its period that it did not take, an order of one line worth
// nothing placed just before the period: its first order, then, is
// before the period, as it was when every order was given. The line's
// category, "", counts in no row (a tracker leaves out a category with
// no buyer, order or first order in its period).
func (p *categoriesPart) addBefore(b *builder) {
	var line [1]metrics.Line
	for k := range int32(b.firsts.len()) {
		bits := b.firsts.cats[k]
		for i := range p.trackers {
			if bits&(beforeBit<<i) == 0 || bits&(buyerBit<<i) == 0 {
				continue
			}
			t := &p.trackers[i]
			line[0] = metrics.Line{Quantity: 1, UnitPrice: b.cur.Zero(), Discount: b.cur.Zero(), UnitCost: b.cur.Zero()}
			o := metrics.Order{ID: "", CustomerID: b.firsts.ids.String(k), PlacedAt: t.Period.Start.Add(-time.Nanosecond),
				Status: metrics.Paid, Currency: b.cur, Discount: b.cur.Zero(), Shipping: b.cur.Zero(), Tax: b.cur.Zero(), Lines: line[:]}
			if err := t.Add(o); err != nil {
				b.errs = append(b.errs, err)
				return
			}
		}
	}
}

func (p *categoriesPart) finish(b *builder, r *Review) {
	p.addBefore(b)
	if !p.named {
		return
	}
	cfg := b.cfg.Categories
	cur := p.trackers[0].Result(cfg)
	if cur.Orders == 0 {
		return
	}
	c := &Categories{Buyers: cur.Buyers, Orders: cur.Orders, NewCustomers: cur.NewCustomers, Returning: cur.Returning,
		Compared: b.data.covers(b.periods[pPrev]) && !b.partial(pPrev), Starts: b.orders.first.Before(b.periods[pCur].Start),
		Tested: cur.Tested, BasketTested: cur.BasketTested, MinBoth: cfg.MinBoth}
	if c.MinBoth <= 0 {
		c.MinBoth = 30 // category.Config's default
	}
	if c.Compared {
		category.Compare(&cur, p.trackers[1].Result(cfg), cfg)
	}
	for _, x := range cur.Categories {
		row := CategoryReach{Category: x.Category, Buyers: x.Buyers, Penetration: x.Penetration,
			Previous: x.Previous, Change: metrics.RatioValue(x.Change).In(metrics.UnitPoints), PValue: x.PValue, Significant: x.Significant,
			MainShare: x.MainShare, NetSales: x.NetSales, SalesShare: x.SalesShare, Start: x.Start, Base: x.Base}
		if !c.Starts {
			row.Start = metrics.Ratio{}
		}
		c.Rows = append(c.Rows, row)
	}
	pairs := func(ps []category.Pair) []CategoryPair {
		var out []CategoryPair
		for _, x := range ps {
			out = append(out, CategoryPair{A: x.A, B: x.B, Both: x.Both, Support: x.Support, ConfidenceAB: x.ConfidenceAB,
				ConfidenceBA: x.ConfidenceBA, Lift: metrics.RatioValue(x.Lift).In(metrics.UnitMultiple),
				PValue: metrics.NumberValue(x.PValue), QValue: metrics.NumberValue(x.QValue)})
		}
		return out
	}
	c.Pairs, c.BasketPairs = pairs(cur.Pairs), pairs(cur.BasketPairs)
	r.Categories = c
}
