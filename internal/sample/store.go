package sample

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// Store is a whole demo store: its catalogue, customers and everything
// that happened over its period, with the truth it was drawn from.
// Every slice is sorted by time (or by day, then catalogue order).
type Store struct {
	Config      Config         // the configuration with defaults filled in
	Period      metrics.Period // the whole period
	Catalogue   []Product
	Customers   []Customer
	Orders      []metrics.Order
	Refunds     []metrics.Refund
	Events      []funnel.Event
	Spend       []metrics.Spend
	Promotions  []promo.Promotion
	Tickets     []service.Ticket
	Receipts    []inventory.Receipt
	Adjustments []inventory.Adjustment
	Snapshots   []inventory.Snapshot // end-of-day stock of every SKU on sale (from its launch), every day
	Targets     []metrics.Target
	Truth       Truth
	// Profiles are the customers' attributes (用户画像), one per customer
	// in the order of Customers; see ProfileTruth.
	Profiles []profile.Customer
	// CompetitorPrices are two competitors' prices of our SKUs over the
	// last 120 days (see Truth.Competitors), by day, SKU and competitor.
	CompetitorPrices []market.Price
	// Members and Points are the membership roster, by join day, and the
	// points ledger, in time order (see [LoyaltyTruth]); only Generate
	// gives them.
	Members []loyalty.Member
	Points  []loyalty.Entry
	// The CRM campaigns (精准营销) of Truth.Campaigns: the campaigns, their
	// lists and their coupons redeemed, in time order.
	Campaigns       []campaign.Campaign
	CampaignTargets []campaign.Target
	Redemptions     []campaign.Redemption
}

// Generate builds the demo store of cfg in memory. The default store (the
// zero Config) takes well under a second; for large sizes stream with
// [Days], [Orders] or [Events] instead.
func Generate(cfg Config) *Store {
	g := newGenerator(cfg, wantAll)
	s := &Store{Config: g.cfg, Catalogue: g.cat}
	s.Period = metrics.Period{Start: g.cal.start[0], End: g.cal.start[g.cal.days]}
	if g.cal.start[0].YearDay() == 1 && s.Period.End.YearDay() == 1 && s.Period.End.Year() == s.Period.Start.Year()+1 {
		s.Period.Grain = metrics.Year
	}
	// Room for the expected sizes, so the slices grow once or not at all.
	s.Orders = make([]metrics.Order, 0, len(g.plan))
	s.Events = make([]funnel.Event, 0, int(float64(len(g.plan))*(4*g.truth.BrowseSessionsPerOrder)))
	s.Snapshots = make([]inventory.Snapshot, 0, g.cal.days*len(g.cat))
	var d Day
	for i := 0; i < g.cal.days; i++ {
		g.day(i, &d)
		s.Orders = append(s.Orders, d.Orders...)
		s.Refunds = append(s.Refunds, d.Refunds...)
		s.Events = append(s.Events, d.Events...)
		s.Spend = append(s.Spend, d.Spend...)
		s.Tickets = append(s.Tickets, d.Tickets...)
		s.Receipts = append(s.Receipts, d.Receipts...)
		s.Adjustments = append(s.Adjustments, d.Adjustments...)
		s.Snapshots = append(s.Snapshots, d.Snapshots...)
	}
	s.Customers = g.custs
	s.Profiles = profiles(g.cfg.Seed, g.custs, &g.truth.Profile)
	s.Truth = g.truth
	s.Promotions = promotions(&g.truth, g.cur)
	s.Targets = targets(s, g)
	s.CompetitorPrices = g.competitorPrices()
	s.Members, s.Points = loyaltyProgramme(s, &s.Truth.Loyalty, g.cfg.Seed)
	s.Campaigns, s.CampaignTargets, s.Redemptions = crmCampaigns(&g.truth), g.crmTargets, g.redemptions
	return s
}

// TruthOf returns the truth of the demo store of cfg without generating
// its orders, events or stock: only the catalogue, the calendar and the
// customers' purchase times are drawn.
func TruthOf(cfg Config) Truth {
	g := newGenerator(cfg, 0)
	g.truth.Loyalty = defaultLoyalty
	return g.truth
}

// promotions describes the promotions that fall in the period, in the
// order of their windows.
func promotions(t *Truth, cur money.Currency) []promo.Promotion {
	var ps []promo.Promotion
	if !t.PercentOff.Window.IsZero() {
		ps = append(ps, promo.Promotion{
			ID: t.PercentOff.ID, Name: "618 美妆85折 (beauty 15 % off)",
			Window: t.PercentOff.Window, Scope: promo.Scope{SKUs: slices.Clone(t.PercentOff.SKUs)},
			Mechanism: promo.PercentOff, Percent: percentOff,
			Threshold: cur.Zero(), Amount: cur.Zero(),
			FixedCost: cur.FromMinor(300000), MediaCost: cur.FromMinor(800000),
		})
	}
	if !t.SpendSave.Window.IsZero() {
		ps = append(ps, promo.Promotion{
			ID: t.SpendSave.ID, Name: "开学季 满300减40 (spend 300 save 40)",
			Window: t.SpendSave.Window, Scope: promo.Scope{Store: true},
			Mechanism: promo.SpendSave,
			Threshold: cur.FromMinor(spendThreshold), Amount: cur.FromMinor(spendSave),
			FixedCost: cur.FromMinor(200000), MediaCost: cur.FromMinor(500000),
		})
	}
	for k, fs := range [2][]PromoTruth{t.Double11, t.Double12} {
		f := &festivals[k]
		for _, p := range fs {
			pr := promo.Promotion{
				ID: p.ID, Name: fmt.Sprintf("%d %s", p.Window.Start.Year(), f.name),
				Window: p.Window, Scope: promo.Scope{Store: true},
				Mechanism: promo.SpendSave, Threshold: p.Threshold, Amount: p.Save,
				FixedCost: p.FixedCost, MediaCost: p.MediaCost,
			}
			if f.percent > 0 {
				pr.Mechanism, pr.Percent = promo.PercentOff, f.rate()
				pr.Threshold, pr.Amount = cur.Zero(), cur.Zero()
			}
			ps = append(ps, pr)
		}
	}
	slices.SortStableFunc(ps, func(a, b promo.Promotion) int { return a.Window.Start.Compare(b.Window.Start) })
	return ps
}

// targets sets the targets of each calendar year of the period (of the
// part of it in the period) so that actual / target is the truth's
// attainment for each metric, rounded to whole yuan, whole orders and
// customers, and four decimals for the conversion rate. Net sales and
// orders also get monthly targets that add up to the year's target,
// spread over the months in proportion to each month's net sales with a
// small fixed wave (±6 %), as a plan that follows the store's growth would.
func targets(s *Store, g *generator) []metrics.Target {
	first := map[string]time.Time{} // each customer's first paid order
	for _, o := range s.Orders {
		if _, ok := first[o.CustomerID]; !ok && o.Status != metrics.Cancelled {
			first[o.CustomerID] = o.PlacedAt
		}
	}
	var years []metrics.Period
	for y := range s.Period.Buckets(metrics.Year) {
		years = append(years, y)
	}
	// The visitors of each year, in one pass over the events (in time
	// order).
	visitors := make([]int, len(years))
	seen := map[string]bool{}
	k := 0
	for _, e := range s.Events {
		for k < len(years)-1 && !e.Time.Before(years[k].End) {
			k++
			clear(seen)
		}
		if !seen[e.UserID] {
			seen[e.UserID] = true
			visitors[k]++
		}
	}
	var ts []metrics.Target
	for k, y := range years {
		ts = append(ts, yearTargets(s, g, y, first, visitors[k])...)
	}
	return ts
}

// yearTargets sets the targets of p, one year of the period or the part
// of it in the period, with its visitors; first holds each customer's
// first paid order.
func yearTargets(s *Store, g *generator, p metrics.Period, first map[string]time.Time, visitors int) []metrics.Target {
	var gross, disc, returns money.Sum
	orders, newCustomers := int64(0), int64(0)
	buyers := map[string]bool{}
	for _, o := range s.Orders {
		if o.Status == metrics.Cancelled || !p.Contains(o.PlacedAt) {
			continue
		}
		orders++
		if !buyers[o.CustomerID] && first[o.CustomerID].Equal(o.PlacedAt) {
			newCustomers++
		}
		buyers[o.CustomerID] = true
		disc.Add(o.Discount)
		for _, l := range o.Lines {
			gross.Add(l.UnitPrice.Mul(l.Quantity))
			disc.Add(l.Discount)
		}
	}
	for _, r := range s.Refunds {
		if p.Contains(r.At) {
			returns.Add(r.Amount)
		}
	}
	net := must(must(gross.Total(g.cur).Sub(disc.Total(g.cur))).Sub(returns.Total(g.cur)))
	aov, _ := net.Div(max(orders, 1), money.RoundHalfEven) // false only when dividing by 0

	att := func(metric string) float64 {
		for _, a := range s.Truth.Attainment {
			if a.Metric == metric {
				return a.Attainment
			}
		}
		return 1
	}
	moneyOf := func(m money.Money, metric string) money.Money {
		return must(g.cur.FromDecimal(m.Decimal().DivRound(decimal.NewFromFloat(att(metric)), 0)))
	}
	count := func(n int64, metric string) float64 { return math.Round(float64(n) / att(metric)) }
	ts := []metrics.Target{
		{Metric: "net_sales", Period: p, Amount: moneyOf(net, "net_sales")},
		{Metric: "orders", Period: p, Value: count(orders, "orders")},
		{Metric: "aov", Period: p, Amount: moneyOf(aov, "aov")},
		{Metric: "new_customers", Period: p, Value: count(newCustomers, "new_customers")},
	}
	if visitors > 0 {
		cr := float64(len(buyers)) / float64(visitors) / att("conversion_rate")
		ts = append(ts, metrics.Target{Metric: "conversion_rate", Period: p, Value: math.Round(cr*1e4) / 1e4})
	}
	// Monthly split: a planner's targets follow the months' actual trend
	// (the customer base grows through the period), each month a little above
	// or below it, so that monthly attainment varies around the period's.
	var months []metrics.Period
	for m := range p.Buckets(metrics.Month) {
		months = append(months, m)
	}
	mg, md := make([]money.Sum, len(months)), make([]money.Sum, len(months))
	k := 0
	for _, o := range s.Orders { // in time order
		if o.Status == metrics.Cancelled || !p.Contains(o.PlacedAt) {
			continue
		}
		for k < len(months)-1 && !o.PlacedAt.Before(months[k].End) {
			k++
		}
		md[k].Add(o.Discount)
		for _, l := range o.Lines {
			mg[k].Add(l.UnitPrice.Mul(l.Quantity))
			md[k].Add(l.Discount)
		}
	}
	weights := make([]decimal.Decimal, len(months))
	for k := range months {
		mnet := must(mg[k].Total(g.cur).Sub(md[k].Total(g.cur)))
		jitter := decimal.NewFromFloat(1 + 0.06*math.Cos(1.7*float64(k))).Round(6)
		weights[k] = decimal.Max(mnet.Decimal().Mul(jitter).Round(6), decimal.Zero)
	}
	if len(months) > 1 {
		parts, err := ts[0].Amount.Allocate(weights)
		if err == nil {
			counts := splitCount(int64(ts[1].Value), weights)
			for k, m := range months {
				ts = append(ts, metrics.Target{Metric: "net_sales", Period: m, Amount: parts[k]})
				ts = append(ts, metrics.Target{Metric: "orders", Period: m, Value: float64(counts[k])})
			}
		}
	}
	return ts
}

// splitCount splits n into whole parts proportional to weights by largest
// remainder (ties to the earlier part), so that they add up to n.
func splitCount(n int64, weights []decimal.Decimal) []int64 {
	total := decimal.Zero
	for _, w := range weights {
		total = total.Add(w)
	}
	parts := make([]int64, len(weights))
	rems := make([]decimal.Decimal, len(weights))
	left := n
	for k, w := range weights {
		exact := w.Mul(decimal.NewFromInt(n)).DivRound(total, 12)
		parts[k] = exact.IntPart()
		rems[k] = exact.Sub(decimal.NewFromInt(parts[k]))
		left -= parts[k]
	}
	for ; left > 0; left-- {
		best := 0
		for k := range rems {
			if rems[k].GreaterThan(rems[best]) {
				best = k
			}
		}
		parts[best]++
		rems[best] = decimal.NewFromInt(-1)
	}
	return parts
}
