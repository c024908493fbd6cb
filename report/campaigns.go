package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// Campaigns is the CRM campaigns part (精准营销) of the promotions section:
// targeted against not-targeted customers over each campaign's window,
// with response, redemption, incremental revenue and gross profit with
// their intervals, cost, ROI and a three-valued verdict. Nil when the
// input has no campaigns.
//
// It lists the campaigns of Input.Campaigns whose window overlaps the
// period reviewed, by the start of their windows, then their end, then
// their ID (whatever the order of the input: a file and a database may
// hold them in different orders), less those it cannot measure, which
// get no row, no verdict and no finding; a note of the section names
// them, with their count (Note.LeftOut), one note for each reason, in
// this order:
//   - "campaign_after_data": its window ends after the data do: the
//     data's last record (an order, event or refund, as the overview
//     reads the data's end) is before the last day of the window. Its
//     remaining days, not over or not yet in the data, would count as
//     days without a response;
//   - "campaign_before_data": the data do not reach back to what its
//     comparison reads: the first record of the data (an order, refund,
//     spend or event) is after the first day of its window, or, for a
//     campaign with targets and no holdout, of the equal pre-window
//     whose purchases the difference in differences subtracts. Days before
//     the data are not days without sales: the responses and sales
//     they would add are not known;
//   - "campaign_in_gap": days missing from the data (the overview's
//     "orders_gap" note) fall in what its comparison reads, its window
//     or its pre-window: they are not days without a response either;
//   - "campaign_no_targets": no customer of Input.CampaignTargets in
//     its targeted group (a list with a holdout only, or no list at
//     all): there is no one to measure, and a row of zeros would say it
//     was sent to no one.
//
// A window is covered when the data reach its first day and its last day
// (a record on the day itself counts), in the period's time zone: so, at
// the start, the same rule as a compared period's. Both ends are
// required, though they fail differently: days before the data started
// were not recorded, days after its end had not happened or were not
// yet loaded; either way the window's responses and sales are partly
// unknown, and measuring the part in the data would compare a
// campaign's first days with others' whole windows. A campaign left out
// for more than one reason is counted once, under the first in the order
// above. When every campaign of the period is left out, Items is empty
// (the page says "no rows") and the notes say why.
// The campaigns so left out still count in the others' overlaps (see
// [CampaignResult].Overlaps): they ran all the same.
//
// The others are measured by campaign.Ledger.Analyze with its defaults
// (95 % Welch intervals) over every order of the data: against the
// campaign's randomised holdout when its list has one, otherwise against
// every customer not on the list who ordered before the window, by a
// difference in differences on the pre-window of equal length
// (observational; the page says so). Net sales and gross profit are after
// the refunds of the window's orders, whatever their dates (the overview's
// are after the refunds dated in the period, whatever their orders), less
// those metrics.Validate refuses, which the page counts as left out. The
// package campaign defines each number.
type Campaigns struct {
	Items []CampaignResult `json:"items"`
}

// CampaignResult is one campaign's measurement; the fields are those of
// campaign.Result, which defines them. Values that cannot be computed are
// undefined (n/a). There is one only for a campaign that has targeted
// customers and whose window the data cover (see [Campaigns]): Targeted
// is never 0.
type CampaignResult struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Window metrics.Period `json:"window"`
	// Randomised: compared with a randomised holdout; false: with the
	// not-targeted customers, by a difference in differences
	// (observational).
	Randomised bool `json:"randomised"`
	// Targeted and Compared are the sizes of the targeted and the
	// comparison group.
	Targeted int64 `json:"targeted"`
	Compared int64 `json:"compared"`
	// Response (响应率) and CompareResponse: the share of each group who
	// ordered in the window.
	Response        metrics.Ratio `json:"response"`
	CompareResponse metrics.Ratio `json:"compare_response"`
	// Redemption (核销率): targeted customers who redeemed a coupon of the
	// campaign / targeted customers; Redemptions and Discounts: every
	// redemption and its discounts. Discounts is nil (null in JSON) when
	// a redemption's discount is not known (campaign.Result.Unvalued
	// above 0, which a "campaign_unvalued" note counts): a sum of the
	// others' would understate it.
	Redemption  metrics.Ratio `json:"redemption"`
	Redemptions int64         `json:"redemptions"`
	Discounts   *money.Money  `json:"discounts"`
	// RevenuePer and CompareRevenuePer: net sales per customer of each
	// group in the window.
	RevenuePer        metrics.Value `json:"revenue_per"`
	CompareRevenuePer metrics.Value `json:"compare_revenue_per"`
	// IncrementalRevenue and IncrementalProfit (增量销售额, 增量毛利),
	// scaled to the targeted customers, with their 95 % intervals.
	IncrementalRevenue metrics.Value `json:"incremental_revenue"`
	RevenueLow         metrics.Value `json:"revenue_low"`
	RevenueHigh        metrics.Value `json:"revenue_high"`
	IncrementalProfit  metrics.Value `json:"incremental_profit"`
	ProfitLow          metrics.Value `json:"profit_low"`
	ProfitHigh         metrics.Value `json:"profit_high"`
	// Cost is the campaign's stated cost; Gain = IncrementalProfit − Cost;
	// ROI = Gain / Cost, with its interval (undefined without a cost).
	// Cost is nil (null in JSON) when the campaign's cost is not known
	// (campaign.Campaign.CostKnown false): Gain, ROI and their intervals
	// are then undefined, the verdict is "does_not_pay" only when the
	// whole interval of IncrementalProfit is below zero, and a
	// "campaign_uncosted" note names the campaigns.
	Cost    *money.Money  `json:"cost"`
	Gain    metrics.Value `json:"gain"`
	ROI     metrics.Value `json:"roi"`
	ROILow  metrics.Value `json:"roi_low"`
	ROIHigh metrics.Value `json:"roi_high"`
	// GainLow and GainHigh bound Gain; the verdict reads them.
	GainLow  metrics.Value `json:"gain_low"`
	GainHigh metrics.Value `json:"gain_high"`
	// CostMissing counts the orders with a line sold without a unit cost
	// among those the comparison of gross profit reads
	// (campaign.Result.CostMissing): both groups' orders in the window,
	// and in the equal window before it without a holdout. When it is not
	// zero, the gross-profit figures above are undefined and the verdict
	// is "inconclusive", and a "campaign_no_cost" note counts the orders:
	// their gross profit would count such lines at no cost. Orders of
	// customers in neither group, or on other days, do not count.
	CostMissing int64 `json:"cost_missing,omitempty"`
	// Verdict is "pays", "does_not_pay" or "inconclusive", read from the
	// interval of Gain (METRICS.md "Verdict").
	Verdict string `json:"verdict"`
	// Overlaps are the other campaigns of the period, measured or left
	// out for their window (see [Campaigns]), whose windows overlap
	// this one's and which targeted some of its targeted or compared
	// customers: its comparison then includes some of their effect,
	// which the page says (see [CampaignOverlap]).
	Overlaps []CampaignOverlap `json:"overlaps,omitempty"`
}

// CampaignOverlap is another campaign that ran during a campaign and
// targeted some of its customers.
type CampaignOverlap struct {
	With string `json:"with"` // the other campaign's name (its Label)
	Days int    `json:"days"` // the days the two windows share, a part day counting as one
	// Targeted and Compared are the customers of this campaign's targeted
	// and comparison groups whom the other campaign targeted (sent its
	// offer; its holdout is not counted).
	Targeted int64 `json:"targeted"`
	Compared int64 `json:"compared"`
}

// VerdictKey is the key of the verdict as the page words it: Verdict for
// a randomised campaign, and for an observational one "appears_to_pay"
// or "appears_not_to_pay" in place of "pays" and "does_not_pay", since
// its interval counts the sampling error and not how the customers
// chosen for it differ from the others (the finding says the same).
// "inconclusive" is itself either way.
func (c *CampaignResult) VerdictKey() string {
	if c.Randomised {
		return c.Verdict
	}
	switch c.Verdict {
	case "pays":
		return "appears_to_pay"
	case "does_not_pay":
		return "appears_not_to_pay"
	}
	return c.Verdict
}

// campaignsPart computes [Campaigns].
type campaignsPart struct {
	ledger  campaign.Ledger
	tracked bool
	// all are the campaigns of the period, in the order of the page;
	// those without a targeted customer are not tracked.
	all []campaign.Campaign
}

func (p *campaignsPart) start(b *builder) {
	if len(b.in.Campaigns) == 0 {
		return
	}
	per := b.periods[pCur]
	var cs []campaign.Campaign
	for _, c := range b.in.Campaigns {
		if c.Window.Start.Before(per.End) && c.Window.End.After(per.Start) {
			cs = append(cs, c)
		}
	}
	slices.SortStableFunc(cs, func(a, b campaign.Campaign) int {
		return cmp.Or(a.Window.Start.Compare(b.Window.Start), a.Window.End.Compare(b.Window.End), strings.Compare(a.ID, b.ID))
	})
	// A campaign without a targeted customer is not measured: finish
	// names it, unless its window leaves it out first.
	targeted := map[string]bool{}
	for _, t := range b.in.CampaignTargets {
		if t.Group == campaign.Targeted {
			targeted[t.Campaign] = true
		}
	}
	p.all = slices.Clone(cs)
	cs = slices.DeleteFunc(cs, func(c campaign.Campaign) bool { return !targeted[c.ID] })
	if err := p.ledger.Track(cs...); err != nil {
		b.errs = append(b.errs, err)
		return
	}
	p.tracked = true
}

func (p *campaignsPart) order(b *builder, o *metrics.Order) {
	if !p.tracked || len(p.ledger.Campaigns()) == 0 {
		return
	}
	// Parts see only orders in the review's currency. A ledger whose
	// campaigns' costs are all unknown has no currency until its first
	// order gives it the review's; one whose costs are in another
	// currency takes none, and finish reports it.
	if cur := p.ledger.Currency(); !cur.IsZero() && o.Currency != cur {
		return
	}
	if err := p.ledger.Add(*o, b.orderRefunds...); err != nil {
		b.errs = append(b.errs, err)
	}
}

func (p *campaignsPart) finish(b *builder, r *Review) {
	if len(b.in.Campaigns) == 0 || !p.tracked {
		return
	}
	if cur := p.ledger.Currency(); !cur.IsZero() && !b.cur.IsZero() && cur != b.cur {
		b.errs = append(b.errs, fmt.Errorf("report: the campaigns' costs are in %s, the review's currency is %s: %w", cur, b.cur,
			&money.MismatchError{A: b.cur.Zero(), B: cur.Zero()}))
		return
	}
	// Records of campaigns outside the period are not analysed; those of
	// no campaign at all are errors.
	known := map[string]bool{}
	for _, c := range b.in.Campaigns {
		known[c.ID] = true
	}
	tracked := map[string]bool{}
	for _, c := range p.ledger.Campaigns() {
		tracked[c.ID] = true
	}
	var errs []error
	var ts []campaign.Target
	for i, t := range b.in.CampaignTargets {
		switch {
		case !known[t.Campaign]:
			errs = append(errs, &campaign.RecordError{What: fmt.Sprintf("target %q of campaign %q", t.Customer, t.Campaign), Index: i,
				Reason: "no such campaign in the campaigns", Err: campaign.ErrUnknownCampaign})
		case tracked[t.Campaign]:
			ts = append(ts, t)
		}
	}
	var rs []campaign.Redemption
	for i, d := range b.in.Redemptions {
		switch {
		case !known[d.Campaign]:
			errs = append(errs, &campaign.RecordError{What: fmt.Sprintf("redemption by %q of campaign %q", d.Customer, d.Campaign), Index: i,
				Reason: "no such campaign in the campaigns", Err: campaign.ErrUnknownCampaign})
		case tracked[d.Campaign]:
			rs = append(rs, d)
		}
	}
	if len(errs) > 0 {
		b.errs = append(b.errs, errors.Join(errs...))
		return
	}
	var res []campaign.Result
	if len(p.ledger.Campaigns()) > 0 {
		var err error
		if res, err = p.ledger.Analyze(ts, rs, campaign.Config{}); err != nil {
			b.errs = append(b.errs, err)
			return
		}
	}
	if len(p.all) == 0 {
		return // no campaign in the period
	}
	out := &Campaigns{Items: []CampaignResult{}}
	var unknownCost []string
	overlaps := campaignOverlaps(res, ts, b.firsts.firstOrderAt)
	// The campaigns whose window the data do not cover, then those
	// whose compared days hold days missing from the data, then those
	// without targets, are left out: said, with their count.
	var before, after, gaps, untargeted []string
	loc := b.periods[pCur].Location()
	first, end := b.data.first, b.dataEnd()
	// reads returns the days a campaign's comparison reads: its window
	// and, without a holdout, its pre-window, whose orders it subtracts.
	reads := func(c campaign.Campaign, randomised bool) metrics.Period {
		read := c.Window
		if !randomised {
			read.Start = campaign.PreWindow(c.Window).Start
		}
		return read
	}
	covered := func(read metrics.Period) (fromStart, toEnd bool) {
		fromStart = !first.IsZero() && dayNumber(first.In(loc)) <= dayNumber(read.Start.In(loc))
		toEnd = !end.IsZero() && dayNumber(end.In(loc)) >= dayNumber(read.End.Add(-time.Nanosecond).In(loc))
		return fromStart, toEnd
	}
	measured := map[string]campaign.Result{}
	for _, x := range res {
		measured[x.Campaign.ID] = x
	}
	var kept []campaign.Result
	for _, c := range p.all { // in the page's order
		x, ok := measured[c.ID]
		// Without targets there is no comparison: only its window
		// counts (a pre-window would name the wrong reason).
		read := reads(c, !ok || x.Randomised)
		switch fromStart, toEnd := covered(read); {
		case !toEnd:
			after = append(after, c.Label())
		case !fromStart:
			before = append(before, c.Label())
		case b.inGap(read): // days missing from the data (orderGaps)
			gaps = append(gaps, c.Label())
		case !ok:
			untargeted = append(untargeted, c.Label())
		default:
			kept = append(kept, x)
		}
	}
	for _, l := range []struct {
		key   string
		names []string
	}{{"campaign_after_data", after}, {"campaign_before_data", before}, {"campaign_in_gap", gaps}, {"campaign_no_targets", untargeted}} {
		if len(l.names) > 0 {
			b.notes = append(b.notes, Note{Section: SectionPromotions, Key: l.key, Reason: strings.Join(l.names, ", "), LeftOut: int64(len(l.names))})
		}
	}
	for _, x := range kept {
		item := campaignResult(x)
		item.Overlaps = overlaps[x.Campaign.ID]
		if x.CostMissing > 0 {
			b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "campaign_no_cost", Reason: item.Name, Count: x.CostMissing})
		}
		if x.Unvalued > 0 {
			b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "campaign_unvalued", Reason: item.Name, LeftOut: x.Unvalued})
		}
		if !x.Campaign.CostKnown() {
			unknownCost = append(unknownCost, item.Name)
		}
		out.Items = append(out.Items, item)
	}
	if len(unknownCost) > 0 {
		// One note for all: the reader learns why their gain and ROI
		// are n/a.
		b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "campaign_uncosted", Reason: strings.Join(unknownCost, ", ")})
	}
	r.Campaigns = out
}

// campaignResult returns the review's form of x.
func campaignResult(x campaign.Result) CampaignResult {
	var discounts, cost *money.Money
	if x.Unvalued == 0 {
		discounts = &x.Discounts
	}
	if x.Campaign.CostKnown() {
		cost = &x.Campaign.Cost
	}
	return CampaignResult{
		ID: x.Campaign.ID, Name: x.Campaign.Label(), Window: x.Campaign.Window, Randomised: x.Randomised,
		Targeted: x.Targeted, Compared: x.Compared, Response: x.Response, CompareResponse: x.CompareResponse,
		Redemption: x.Redemption, Redemptions: x.Redemptions, Discounts: discounts,
		RevenuePer: x.RevenuePer, CompareRevenuePer: x.CompareRevenuePer,
		IncrementalRevenue: x.IncrementalRevenue, RevenueLow: x.RevenueLow, RevenueHigh: x.RevenueHigh,
		IncrementalProfit: x.IncrementalProfit, ProfitLow: x.ProfitLow, ProfitHigh: x.ProfitHigh,
		Cost: cost, Gain: x.Gain, GainLow: x.GainLow, GainHigh: x.GainHigh,
		ROI: x.ROI, ROILow: x.ROILow, ROIHigh: x.ROIHigh, CostMissing: x.CostMissing, Verdict: verdictKey(x.Outcome),
	}
}

// campaignOverlaps returns, by campaign ID, the other campaigns of res
// whose windows overlap each one's and which targeted some of its
// targeted or compared customers (see [CampaignOverlap]), in the order of
// res. The comparison group is the campaign's holdout when it has one,
// else every customer not on its list whose first order (firstOrder) was
// placed before its window, as campaign.Ledger compares them. The demo's
// observational "老客召回短信" shares 11 days with "VIP专享券", which
// targeted 328 of its targeted and 910 of its compared customers: its
// difference in differences reads some of that coupon's effect (an
// analyst's read found the estimate per customer 1.97 with them and 7.43
// without).
func campaignOverlaps(res []campaign.Result, ts []campaign.Target, firstOrder func(string) (time.Time, bool)) map[string][]CampaignOverlap {
	type lists struct{ targeted, control map[string]bool }
	of := map[string]*lists{}
	for _, t := range ts {
		l := of[t.Campaign]
		if l == nil {
			l = &lists{targeted: map[string]bool{}, control: map[string]bool{}}
			of[t.Campaign] = l
		}
		if t.Group == campaign.Control {
			l.control[t.Customer] = true
		} else {
			l.targeted[t.Customer] = true
		}
	}
	out := map[string][]CampaignOverlap{}
	for _, a := range res {
		la := of[a.Campaign.ID]
		if la == nil {
			continue
		}
		wa := a.Campaign.Window
		for _, b := range res {
			lb := of[b.Campaign.ID]
			wb := b.Campaign.Window
			if b.Campaign.ID == a.Campaign.ID || lb == nil || !wa.Start.Before(wb.End) || !wb.Start.Before(wa.End) {
				continue
			}
			var o CampaignOverlap
			for c := range lb.targeted {
				switch {
				case la.targeted[c]:
					o.Targeted++
				case a.Randomised && la.control[c]:
					o.Compared++
				case !a.Randomised && !la.control[c]:
					if at, ok := firstOrder(c); ok && at.Before(wa.Start) {
						o.Compared++
					}
				}
			}
			if o.Targeted+o.Compared == 0 {
				continue
			}
			from, to := wa.Start, wa.End
			if wb.Start.After(from) {
				from = wb.Start
			}
			if wb.End.Before(to) {
				to = wb.End
			}
			o.With, o.Days = b.Campaign.Label(), int((to.Sub(from)+24*time.Hour-1)/(24*time.Hour))
			out[a.Campaign.ID] = append(out[a.Campaign.ID], o)
		}
	}
	return out
}
