package report

import (
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Market is the market and competitors section (市场与竞争): the price
// index of our SKUs against each competitor and the market, the SKUs
// priced above the market and what their sales did, and the competitors'
// promotion days beside ours. Nil when the input has no competitor
// prices.
//
// Its figures are metrics/market's (see that package for the
// definitions): per SKU and competitor, the competitor's price is the
// median of its daily observations in the period; our price is the
// units-weighted mean list price of the SKU's order lines in the period
// (before discounts; the previous period's for a SKU that did not sell);
// the market price is the median of the competitors' prices; the price
// index is our price / their price × 100 (100 is parity); the overall
// indices weight each SKU's index by our net sales of it in the period.
// A SKU is above the market when our price exceeds the market price by
// more than Config.Market.Above (5 % by default), at or below it when our
// price is not higher, near it in between; each band's units and net
// sales are compared with the previous period's. Our promotion days are
// the days of the period that one of Input.Promotions' windows touches.
//
// Prices in another currency than the review's are left out and counted
// in a note of the section; so are invalid prices under
// Config.BadRecords Skip (under Strict they fail the review).
type Market struct {
	market.Summary
	// Names are the product names of the SKUs, from the orders' lines,
	// for the SKUs that have one.
	Names map[string]string `json:"names,omitempty"`
	// Cut is true when the data end before the period does (the
	// overview's "cur_coverage" note), or days are missing from the data
	// in the period or the previous one ("prev_gap"): the changes of units and net
	// sales against the previous period are then undefined, and the
	// counts of SKUs whose units fell (Group.Fell) are not given (n/a on
	// the page), since part of the period would be set against a whole
	// one and every SKU would seem to fall.
	Cut bool `json:"cut,omitempty"`
}

// AboveSKUs returns the SKUs priced above the market, by our net sales in
// the period, largest first.
func (m *Market) AboveSKUs() []market.SKU {
	var out []market.SKU
	for _, s := range m.SKUs {
		if s.Band == market.Above {
			out = append(out, s)
		}
	}
	return out
}

// marketPart computes [Market].
type marketPart struct {
	tr market.Tracker
}

func (p *marketPart) start(b *builder) {
	p.tr.Period = b.periods[pCur]
}

func (p *marketPart) order(b *builder, o *metrics.Order) {
	if len(b.in.CompetitorPrices) == 0 {
		return
	}
	if err := p.tr.AddOrder(*o); err != nil && metrics.ValidateOrder(*o) == nil { // an invalid order is reported once, by the summaries
		b.errs = append(b.errs, err)
	}
}

func (p *marketPart) finish(b *builder, r *Review) {
	if len(b.in.CompetitorPrices) == 0 {
		return
	}
	other := make(map[money.Currency]int64)
	var bad leftOut
	for _, x := range b.in.CompetitorPrices {
		if c := x.Price.Currency(); !b.cur.IsZero() && !c.IsZero() && c != b.cur {
			other[c]++
			continue
		}
		if err := p.tr.AddPrice(x); err != nil {
			if !b.skip() {
				b.errs = append(b.errs, err)
				continue
			}
			var pe *market.PriceError // counted by its first problem, such as "Price not positive"
			if errors.As(err, &pe) {
				err = errors.New(pe.Field + " " + strings.SplitN(pe.Problem, ":", 2)[0])
			}
			bad.add(err, x.SKU+" "+x.Competitor)
		}
	}
	for _, w := range b.in.Promotions {
		if err := p.tr.AddPromotion(w.Window); err != nil {
			b.errs = append(b.errs, err)
		}
	}
	for _, c := range slices.SortedFunc(maps.Keys(other), money.Currency.Compare) {
		b.notes = append(b.notes, Note{Section: SectionMarket, Key: "other_currency_prices", Reason: c.Code(), LeftOut: other[c]})
	}
	b.noteLeftOut(SectionMarket, "invalid_prices", bad)
	if p.tr.Observations() == 0 {
		b.notes = append(b.notes, Note{Section: SectionMarket, Key: "no_prices_in_period", Reason: b.periods[pCur].Label()})
	}
	b.coverage(SectionMarket, b.orders, pPrev)
	m := &Market{Summary: p.tr.Summarize(b.cfg.Market)}
	if b.partial(pPrev) {
		m.uncompared()
	}
	for _, s := range m.SKUs {
		if n := b.names[s.SKU]; n != "" {
			if m.Names == nil {
				m.Names = make(map[string]string)
			}
			m.Names[s.SKU] = n
		}
	}
	r.Market = m
}

// uncompared leaves undefined the changes of m's SKUs and price bands
// against the previous period, and their counts of SKUs that fell (see
// Market.Cut).
func (m *Market) uncompared() {
	m.Cut = true
	undef := func(units, net *metrics.Value) {
		*units, *net = metrics.Undefined(units.Unit()), metrics.Undefined(net.Unit())
	}
	for i := range m.SKUs {
		undef(&m.SKUs[i].UnitsChange, &m.SKUs[i].NetChange)
	}
	for _, g := range []*market.Group{&m.AboveMarket, &m.NearMarket, &m.AtOrBelow} {
		undef(&g.UnitsChange, &g.NetChange)
		g.Fell = 0
	}
}
