package report

import (
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
	// Compared is whether the data cover the previous period, so that
	// each row's penetration has its previous value and change.
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
// period and one of the previous period, each fed every order (the
// orders before a period tell its new customers).
type categoriesPart struct {
	trackers [2]category.Tracker // the period, the previous period
	named    bool                // the catalogue or a line of the period names a category
}

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
	for i, per := range []int{pCur, pPrev} {
		p.trackers[i] = category.Tracker{Period: b.periods[per], Catalogue: cat}
	}
}

func (p *categoriesPart) order(b *builder, o *metrics.Order) {
	if !p.named && b.periods[pCur].Contains(o.PlacedAt) && o.Status != metrics.Cancelled {
		for i := range o.Lines {
			if o.Lines[i].Category != "" {
				p.named = true
				break
			}
		}
	}
	for i := range p.trackers {
		if err := p.trackers[i].Add(*o); err != nil {
			b.errs = append(b.errs, err)
			return
		}
	}
}

func (p *categoriesPart) finish(b *builder, r *Review) {
	if !p.named {
		return
	}
	cfg := b.cfg.Categories
	cur := p.trackers[0].Result(cfg)
	if cur.Orders == 0 {
		return
	}
	c := &Categories{Buyers: cur.Buyers, Orders: cur.Orders, NewCustomers: cur.NewCustomers, Returning: cur.Returning,
		Compared: b.data.covers(b.periods[pPrev]), Starts: b.orders.first.Before(b.periods[pCur].Start),
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
