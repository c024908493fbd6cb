package report

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// aboveMarketFalling reports the SKUs priced above the market whose units
// fell against the previous period, when the above-market band as a
// whole sold fewer units and fell further than the SKUs at or below the
// market (the comparison group, which lived through the same season),
// beyond chance (z ≤ −MarketZ, see [DefaultRules]): with the counts of
// both groups, their units changes, and the largest above-market SKUs by
// sales in the recommendation. It stays silent when either group sold
// nothing in either period, and of a period whose data end early
// (Market.Cut), whose SKUs would all seem to fall.
func (t Thresholds) aboveMarketFalling(r *Review) []Finding {
	m := r.Market
	if m == nil || m.Cut || m.AboveMarket.Fell == 0 {
		return nil
	}
	a1, a0 := float64(m.AboveMarket.Sales.Units), float64(m.AboveMarket.Previous.Units)
	b1, b0 := float64(m.AtOrBelow.Sales.Units), float64(m.AtOrBelow.Previous.Units)
	if a1 <= 0 || a0 <= 0 || b1 <= 0 || b0 <= 0 || a1 >= a0 {
		return nil
	}
	z := (math.Log(a1/a0) - math.Log(b1/b0)) / math.Sqrt(1/a1+1/a0+1/b1+1/b0)
	if z > -t.MarketZ {
		return nil
	}
	above, _ := m.AboveMarket.UnitsChange.Ratio()
	below, _ := m.AtOrBelow.UnitsChange.Ratio()
	var top []string
	for _, s := range m.AboveSKUs() {
		if s.Sales.Units >= s.Previous.Units {
			continue
		}
		name := s.SKU
		if n := m.Names[s.SKU]; n != "" {
			name += " " + n
		}
		if top = append(top, name); len(top) == 3 {
			break
		}
	}
	margin := metrics.RatioValue(metrics.NewRatio(m.Above, 1))
	return []Finding{{
		Section: SectionMarket, Severity: Warning,
		Title: Say("%s of %s SKUs priced more than %s above the market sold fewer units than in the previous period (units %s), against %s for the %s SKUs at or below the market.",
			"高价SKU中有%s个（共%s个，价格高于市场%s以上）销量低于上期（销量%s），而价格不高于市场的SKU销量变化为%s（%s个）。",
			ValueArg(metrics.CountValue(int64(m.AboveMarket.Fell))), ValueArg(metrics.CountValue(int64(m.AboveMarket.SKUs))), ValueArg(margin),
			ChangeArg(above), ChangeArg(below), ValueArg(metrics.CountValue(int64(m.AtOrBelow.SKUs)))),
		Evidence: []Evidence{
			{Key: "units_change", Of: "above_market", Value: m.AboveMarket.UnitsChange},
			{Key: "units_change", Of: "at_or_below_market", Value: m.AtOrBelow.UnitsChange},
			{Key: "net_sales_change", Of: "above_market", Value: m.AboveMarket.NetChange},
			{Key: "net_sales_change", Of: "at_or_below_market", Value: m.AtOrBelow.NetChange},
			{Key: "market_index", Of: "whole_store", Value: m.Market.Index},
			{Key: "z_score", Of: "units_ratio_test", Value: metrics.NumberValue(round2(z))},
		},
		Recommendation: Say("Review the prices of %s: match the market, or show on their pages why they are worth more (bundles, service, reviews); then compare their units with the other SKUs' next period.",
			"复核%s的定价：向市场价靠拢，或在详情页说明其溢价理由（组合装、服务、评价）；下期再与其他SKU对比销量。",
			DataArg(strings.Join(top, ", "))),
		Stake: metrics.Undefined(metrics.UnitMoney), Watch: "market_index", CheckBy: CheckDate(r.Period, false),
	}}
}

// competitorPromotionsAlone reports each competitor whose promotion days
// in the period fell on none of ours (the days of every promotion of
// Input.Promotions, whatever its scope): days on which its offers met no
// answer of ours. Information, with the days, and the measured CRM
// campaigns that ran on some of them, which answered their targeted
// customers only.
func competitorPromotionsAlone(r *Review) []Finding {
	if r.Market == nil {
		return nil
	}
	var out []Finding
	for _, p := range r.Market.Promotions {
		if len(p.Days) == 0 || len(p.Overlap) > 0 {
			continue
		}
		days := strings.Join(p.Days, ", ")
		en := "%s ran promotions on %s days of the period (%s), none of them a promotion day of ours"
		zh := "%s在本期有%s天促销（%s），均不在我方促销日内"
		if len(p.Days) == 1 {
			en = "%s ran promotions on %s day of the period (%s), not a promotion day of ours"
			zh = "%s在本期有%s天促销（%s），不在我方促销日内"
		}
		args := []Arg{DataArg(p.Competitor), ValueArg(metrics.CountValue(int64(len(p.Days)))), DataArg(days)}
		if crm, all := campaignsOn(r, p.Days); len(crm) > 0 {
			// Our targeted campaigns did run: an answer to their
			// targets, not to the market.
			noun, its := "campaigns", "their"
			if len(crm) == 1 {
				noun, its = "campaign", "its"
			}
			switch {
			case len(p.Days) == 1:
				en, zh = en+"; our CRM "+noun+" %s ran on it", zh+"；我方CRM活动%s在当天进行"
			case all:
				en, zh = en+"; our CRM "+noun+" %s ran on all of them", zh+"；我方CRM活动%s在这些日期进行"
			default:
				en, zh = en+"; our CRM "+noun+" %s ran on some of them", zh+"；我方CRM活动%s在其中部分日期进行"
			}
			en, zh = en+", for "+its+" targeted customers only", zh+"，但只面向其目标客户"
			args = append(args, DataArg(strings.Join(crm, ", ")))
		}
		title := Say(en+".", zh+"。", args...)
		out = append(out, Finding{
			Section: SectionMarket, Severity: Info,
			Title: title,
			Evidence: []Evidence{{Key: "competitor_promotion_days", Subject: p.Competitor, Value: metrics.CountValue(int64(len(p.Days)))},
				{Key: "our_promotion_days", Of: "whole_store", Value: metrics.CountValue(int64(len(r.Market.OurPromotionDays)))}},
			Recommendation: Say("Decide how to meet %s's promotion days next time: a matching offer or more visibility on those days, or a deliberate choice to sit them out.",
				"提前决定如何应对%s的促销日：同期推出相应优惠或加大曝光，或有意不跟进。", DataArg(p.Competitor)),
			Stake: metrics.Undefined(metrics.UnitMoney),
		})
	}
	return out
}

// campaignsOn returns the names of the review's measured CRM campaigns
// whose window holds one of days (dates, as market.Summary writes them,
// in the period's time zone), in the order of the campaigns table, and
// whether they ran on every one of days.
func campaignsOn(r *Review, days []string) (names []string, all bool) {
	if r.Campaigns == nil {
		return nil, false
	}
	loc := r.Period.Start.Location()
	covered := make([]bool, len(days))
	for _, c := range r.Campaigns.Items {
		if !c.Window.End.After(c.Window.Start) {
			continue
		}
		first := c.Window.Start.In(loc).Format(time.DateOnly)
		last := c.Window.End.Add(-time.Nanosecond).In(loc).Format(time.DateOnly)
		on := false
		for i, d := range days {
			// Dates of the same layout compare as strings.
			if first <= d && d <= last {
				covered[i], on = true, true
			}
		}
		if on {
			names = append(names, cmp.Or(c.Name, c.ID))
		}
	}
	return names, !slices.Contains(covered, false)
}
