package sample

import (
	"cmp"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// streamCRM is the random stream of the CRM campaigns: their lists and
// the extra orders of their targets (baskets, fulfilment and returns).
// It is apart from the other streams' numbering so that it does not
// collide with theirs.
const streamCRM uint64 = 1<<32 + 25

// CampaignTruth is one CRM campaign (精准营销) of the demo store. Its list
// is drawn at random from the customers acquired before its window; with
// a holdout, the list is split at random into Targets sent the offer and
// Controls who are not. Each targeted customer places one extra order in
// the window with probability ExtraOrderRate, at a uniform time, on the
// campaign's own random stream; when such an order's net sales reach
// CouponFrom and no other order-level promotion applies, it redeems the
// campaign's coupon (an order discount of Coupon, Order.Promotion the
// campaign's ID). Its basket is drawn as any order's, leaving out the
// slow and dead SKUs (whose stock keeps its truth). Nothing else differs
// between targeted and other customers.
type CampaignTruth struct {
	ID, Name          string
	Window            metrics.Period
	Cost              money.Money
	Holdout           bool // a randomised holdout (the control list)
	Targets, Controls int  // the sizes of the two lists
	ExtraOrderRate    float64
	Coupon            money.Money
	CouponFrom        money.Money

	// The realised effect, set by Generate (zero in TruthOf): the extra
	// orders that were not cancelled, their net sales and gross profit
	// (after the coupon; refunds not subtracted) and the coupons
	// redeemed. IncrementalProfit − Cost is the campaign's true gain.
	ExtraOrders        int
	IncrementalRevenue money.Money
	IncrementalProfit  money.Money
	Redeemed           int
}

// defaultCampaigns returns the demo's two CRM campaigns: a VIP coupon
// with a random holdout that pays, and an SMS to a random list without a
// holdout whose small effect does not cover its cost.
func defaultCampaigns(cfg Config, cur money.Currency) []CampaignTruth {
	last := cfg.Start.AddDate(0, 0, cfg.Days-1) // the last day of the period
	y := last.Year()
	if !cfg.CRM || last.Month() < time.December || last.Day() < 31 {
		return nil // only when asked for, in a store whose period ends with a December
	}
	loc := cfg.Location
	win := func(from, to int) metrics.Period {
		return metrics.Period{Start: metrics.DayOf(y, time.December, from, loc).Start, End: metrics.DayOf(y, time.December, to, loc).Start}
	}
	n := cfg.Customers
	return []CampaignTruth{
		{ID: "crm-vip", Name: "VIP专享券", Window: win(15, 29), Cost: cur.FromMinor(500000), Holdout: true,
			Targets: n / 4, Controls: n / 8, ExtraOrderRate: 0.15, Coupon: cur.FromMinor(2000), CouponFrom: cur.FromMinor(9900),
			IncrementalRevenue: cur.Zero(), IncrementalProfit: cur.Zero()},
		{ID: "crm-sms", Name: "老客召回短信", Window: win(18, 32), Cost: cur.FromMinor(1500000),
			Targets: n / 4, ExtraOrderRate: 0.01, Coupon: cur.FromMinor(1000), CouponFrom: cur.FromMinor(9900),
			IncrementalRevenue: cur.Zero(), IncrementalProfit: cur.Zero()},
	}
}

// crmLists draws the campaigns' lists and adds their extra orders to the
// plan; it returns the lists.
func (g *generator) crmLists() []campaign.Target {
	r := g.rc
	var out []campaign.Target
	for k := range g.truth.Campaigns {
		c := &g.truth.Campaigns[k]
		start, end := c.Window.Start.Unix(), c.Window.End.Unix()
		var eligible []int
		for i, cu := range g.custs {
			if cu.AcquiredAt.Unix() < start {
				eligible = append(eligible, i)
			}
		}
		perm := r.Perm(len(eligible))
		c.Targets = min(c.Targets, len(eligible))
		c.Controls = min(c.Controls, len(eligible)-c.Targets)
		for j := range c.Targets + c.Controls {
			i := eligible[perm[j]]
			grp := campaign.Targeted
			if j >= c.Targets {
				grp = campaign.Control
			}
			out = append(out, campaign.Target{Campaign: c.ID, Customer: g.custs[i].ID, Group: grp})
			if grp == campaign.Targeted && r.Float64() < c.ExtraOrderRate {
				at := start + r.Int64N(end-start)
				g.plan = append(g.plan, purchase{at: at, cust: int32(i), day: int32(g.cal.dayOf(at)), camp: int8(k + 1)})
				g.crmPlanned++
				g.custs[i].CampaignOrders++
			}
		}
	}
	slices.SortFunc(out, func(a, b campaign.Target) int {
		return cmp.Or(cmp.Compare(a.Campaign, b.Campaign), cmp.Compare(a.Customer, b.Customer))
	})
	slices.SortFunc(g.plan, func(a, b purchase) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.cust, b.cust), cmp.Compare(a.camp, b.camp))
	})
	return out
}

// planned returns the number of orders planned without the campaigns'
// extra orders, from which stock and traffic are sized as they were
// before the campaigns.
func (g *generator) planned() int { return len(g.plan) - g.crmPlanned }

// crmOrder swaps in the campaign stream for the extra order of p, so that
// the other orders draw what they drew without the campaigns, and returns
// the function that swaps back.
func (g *generator) crmOrder() func() {
	ro, rf, rt := g.ro, g.rf, g.rt
	g.ro, g.rf, g.rt = g.rc, g.rc, g.rc
	return func() { g.ro, g.rf, g.rt = ro, rf, rt }
}

// coupon applies campaign k's coupon to o, whose net sales are net (in
// minor units, after other discounts), when it qualifies, records the
// redemption and the realised effect, and returns the net sales after it.
func (g *generator) coupon(o *metrics.Order, k int, net int64, cancelled bool) int64 {
	c := &g.truth.Campaigns[k]
	from, save := minor(c.CouponFrom), minor(c.Coupon)
	if o.Discount.IsZero() && net >= from && !cancelled {
		o.Discount = c.Coupon
		o.Promotion = c.ID
		net -= save
		c.Redeemed++
		g.redemptions = append(g.redemptions, campaign.Redemption{Campaign: c.ID, Customer: o.CustomerID,
			Day: metrics.PeriodOf(o.PlacedAt, metrics.Day).Start, Order: o.ID, Discount: c.Coupon})
	}
	return net
}

// crmEffect adds a finished extra order of campaign k to its realised
// effect.
func (g *generator) crmEffect(o *metrics.Order, k int) {
	if o.Status == metrics.Cancelled {
		return
	}
	c := &g.truth.Campaigns[k]
	ls, ok := o.AppendLineMinor(nil)
	if !ok {
		panic("sample: a campaign order in fractions of a fen")
	}
	var net, profit int64
	for _, l := range ls {
		net += l.Net()
		profit += l.Net() - l.Cost
	}
	c.ExtraOrders++
	c.IncrementalRevenue = must(c.IncrementalRevenue.Add(g.cur.FromMinor(net)))
	c.IncrementalProfit = must(c.IncrementalProfit.Add(g.cur.FromMinor(profit)))
}

// crmCampaigns returns the campaigns of the truth as campaign records.
func crmCampaigns(t *Truth) []campaign.Campaign {
	var out []campaign.Campaign
	for _, c := range t.Campaigns {
		out = append(out, campaign.Campaign{ID: c.ID, Name: c.Name, Window: c.Window, Cost: c.Cost})
	}
	return out
}
