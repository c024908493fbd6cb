package report

import (
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// Thresholds configure the default rules. The zero value means the
// defaults.
type Thresholds struct {
	// FunnelExcessLoss is how much a funnel step's drop-off may exceed its
	// usual drop-off (the previous period's), as a fraction, before the
	// step is reported. Defaults to 0.05 (5 percentage points).
	FunnelExcessLoss float64
	// MinLTVCAC is the lowest healthy LTV/CAC. Defaults to 3.
	MinLTVCAC float64
	// MaxSlowShare is the largest healthy share of inventory value at cost
	// held in slow-moving and dead stock. Defaults to 0.2.
	MaxSlowShare float64
	// RepurchaseDrop is the fall of the repurchase rate against the
	// previous period, in percentage points as a fraction, beyond which it
	// is reported (a rate changes in points, METRICS.md). Defaults to 0.02
	// (2 pp).
	RepurchaseDrop float64
	// SLATarget is the share of tickets that should get a first reply
	// within the SLA: the review's threshold, which its finding calls so
	// (the service KPIs take no store target). Defaults to 0.9.
	SLATarget float64
	// MinAttainment is the target attainment below which a headline KPI is
	// reported. Defaults to 0.95.
	MinAttainment float64
	// OnTimeGap is how far a carrier's or region's on-time rate may fall
	// below the store's, in percentage points as a fraction, before it is
	// reported. Defaults to 0.10 (10 pp).
	OnTimeGap float64
	// MinDeliveries is the fewest orders with a promise due a carrier or
	// region needs for its on-time rate to be judged. Defaults to 30.
	MinDeliveries int64
	// StrengthZ is the |z| a change must reach in its significance test
	// to be praised as a strength (kpi_improved). Defaults to 1.96, a
	// two-sided test at the 5 % level.
	StrengthZ float64
	// WarningZ is the |z| a change or a difference must reach for a
	// warning that says it is beyond chance: the rise of CAC of
	// cac_outpacing_ltv, the fall of repurchase_falling, and the channel
	// or traffic source the advice of target_missed names as converting
	// below the others. Defaults to 1.96, a two-sided test at the 5 %
	// level.
	WarningZ float64
	// MarketZ is the z the units of the SKUs priced above the market must
	// fall below, against the SKUs at or below it, for above_market_falling
	// to report them (the log-ratio test of the two groups' units changes).
	// Defaults to 1.96.
	MarketZ float64
	// MinSupplierOnTime is the lowest acceptable on-time rate of a
	// supplier's receipts (rule supplier_late). Defaults to 0.8.
	MinSupplierOnTime float64
	// DetailFallViewers is the fewest viewers in the period a SKU's
	// detail page needs for a significant fall of its view-to-cart to be
	// reported (detail_page_fell). Defaults to 300.
	DetailFallViewers int64
}

func (t Thresholds) withDefaults() Thresholds {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&t.FunnelExcessLoss, 0.05)
	def(&t.MinLTVCAC, 3)
	def(&t.MaxSlowShare, 0.2)
	def(&t.RepurchaseDrop, 0.02)
	def(&t.SLATarget, 0.9)
	def(&t.MinAttainment, 0.95)
	def(&t.OnTimeGap, 0.10)
	if t.MinDeliveries <= 0 {
		t.MinDeliveries = 30
	}
	def(&t.StrengthZ, 1.96)
	def(&t.WarningZ, 1.96)
	def(&t.MarketZ, 1.96)
	def(&t.MinSupplierOnTime, 0.8)
	if t.DetailFallViewers <= 0 {
		t.DetailFallViewers = 300
	}
	return t
}

// DefaultRules returns the built-in rules with the thresholds t, in the
// order their findings are listed at equal severity. Problems first, each
// with the KPI to watch and the day to check it ([CheckDate]: the last day
// of the next period, or 30 days after the period for stock), and the
// money at stake where the rule can measure it:
//
//   - target_missed: a headline KPI of the overview is below
//     MinAttainment of its target (above 1/MinAttainment for a
//     lower-is-better KPI such as CAC), judged on Current / Target for
//     rates too; the title gives a rate's distance from target in
//     percentage points. For net sales and orders the recommendation
//     names the factor of the sales decomposition that pulled sales down
//     most (Overview.Decomposition) and the traffic source with the
//     lowest attributed conversion among those with at least 5 % of
//     visitors (Traffic.Sources); orders, when net sales missed too,
//     refer to the net sales plan. Stake: for net sales, the gap to the
//     target (Target − Current). Watch: the KPI. Warning.
//   - funnel_step_loss: a funnel step's drop-off exceeds its usual
//     drop-off by more than FunnelExcessLoss. Watch: conversion_rate.
//     Warning.
//   - cac_outpacing_ltv: CAC rose against the previous period, faster
//     than LTV, and beyond chance: z = ln(c / p) / √(1/n_c + 1/n_p) ≥
//     WarningZ, n the new customers (a fixed spend over a Poisson count, as
//     kpi_improved tests CAC). The title says the CAC is blended (all
//     spend over all new customers, organic ones included); the channels
//     section has each channel's. Watch: cac. Warning.
//   - ltv_cac_low: LTV/CAC is below MinLTVCAC. Stake, when CAC exceeds
//     LTV: the acquisition spend above payback, (CAC − LTV) × new
//     customers. Watch: ltv_cac. Warning; critical below 1.
//   - promotion_verdict: a promotion's verdict by its ROI interval
//     (METRICS.md "Verdict"): critical when the whole interval is below
//     zero (does not pay; stake: the promotion's loss, −Profit, its
//     incremental gross profit less fixed and media costs), information
//     when it contains zero or is missing (inconclusive), and a strength
//     when the whole interval is above zero (pays).
//   - campaign_verdict: a CRM campaign's verdict by the interval of its
//     gain, incremental gross profit − cost ([Campaigns]): critical when
//     it is below zero (stake: the loss, −Gain), information when it
//     contains zero, a strength when it is above zero.
//   - slow_stock: slow-moving and dead stock hold more than MaxSlowShare of
//     inventory value; the recommendation names the three largest slow
//     movers. Stake: the cash tied up, SlowValue. Watch: inventory_value.
//     Warning.
//   - stockout_a: A items ran out of stock in the period; the title
//     quotes the sales lost. Stake: the estimated sales lost to the
//     stock-outs (StockOut.LostSales summed; unmeasured when no SKU had an
//     in-stock day to estimate from). Watch: stockout_rate. Critical.
//   - repurchase_falling: the repurchase rate fell by more than
//     RepurchaseDrop percentage points against the previous period, and
//     beyond chance (pooled two-proportion z ≤ −WarningZ); the
//     recommendation names how many customers to contact, those of the
//     RFM segments at_risk and cant_lose. Watch: repurchase_rate.
//     Warning.
//   - service_sla: the share answered within the SLA is below
//     SLATarget, which the finding calls the review's threshold.
//     Watch: within_sla. Warning.
//   - return_outliers: SKUs whose return rate stands out from their
//     category (Benjamini–Hochberg at a 5 % false-discovery rate, see
//     service.ReturnSummary.Outliers), grouped by main return reason and
//     category, for the reasons a store can act on: size/fit, not as
//     described, damaged, late delivery. The advice fits the reason and
//     the kind of goods: size guides for apparel and shoes, pack size for
//     food, dimensions and compatibility for other goods. Watch:
//     return_rate_units. Warning.
//   - late_deliveries: a carrier or region (named) whose on-time rate is
//     more than OnTimeGap below the store's, over at least MinDeliveries
//     orders with a promise due. Watch: on_time_rate. Warning.
//   - above_market_falling: SKUs priced above the market (Market) sold
//     fewer units than in the previous period, and the above-market band's
//     units fell further than those of the SKUs at or below the market,
//     beyond chance: z = (ln(a₁/a₀) − ln(b₁/b₀)) / √(1/a₁ + 1/a₀ + 1/b₁ +
//     1/b₀) ≤ −MarketZ, a and b the two groups' units in the period (₁)
//     and the previous one (₀), taken as Poisson counts (a minimum guard:
//     units vary more than that). The title gives both groups' counts and
//     units changes, the evidence z, the recommendation the largest of
//     those SKUs. Watch: market_index. Warning.
//   - competitor_promotions_alone: a competitor's promotion days in the
//     period fell on none of ours (Market.Promotions), with the days.
//     Info.
//   - supplier_late: a supplier (named) whose on-time rate is below
//     MinSupplierOnTime over at least 5 receipts with a promise in the
//     period, with at least one stock-out attributed to its late purchase
//     orders (Suppliers.Rows). Watch: stockout_rate. Warning.
//   - detail_page_fell: a SKU's detail page whose view-to-cart fell
//     significantly against the previous period (DetailPages.Down:
//     Benjamini–Hochberg at 5 % over the SKUs compared) with at least
//     DetailFallViewers viewers in the period. Watch: view_to_cart.
//     Warning.
//   - loyalty_liability_growth: the points liability of the membership
//     part grew more than 20 % faster than net sales against the
//     previous period. Stake: the liability's growth. Watch:
//     loyalty_liability. Warning.
//   - loyalty_active_falling: the active-member rate fell by 2
//     percentage points or more against the previous period, and
//     significantly (two-proportion z-test, p < 0.05). Watch:
//     loyalty_active_rate. Warning.
//   - category_penetration_fell: a category's penetration (buyers of
//     the category / buyers) fell against the previous period, by a
//     change the two-proportion z-test finds significant after the
//     Benjamini–Hochberg correction over the categories at 5 %
//     (Categories.Rows' Significant). Watch: spend_per_buyer (buyers
//     who take fewer categories spend less). Warning.
//   - category_bundle: the category pair of the highest buyer-scope lift,
//     at least 1.2, that passes the pairs' guard (Config.Categories) in
//     both scopes, by buyer and by order: bundle or cross-recommend it.
//     Watch: units_per_order (连带率). Information.
//
// Then the strengths (what went well, 做得好的), each of Kind [Strength]
// and severity Info, praised only past a guard against noise:
//
//   - target_beaten: a headline KPI of the overview met its target
//     (attainment ≥ 100 %, ≤ 100 % for a lower-is-better KPI; a rate at
//     or above its target). The guard: the whole period's value against
//     a target fixed before it, not a change between two noisy periods.
//   - kpi_improved: a KPI improved against the previous period, or
//     against the same period last year (同比, a finding of its own), beyond
//     chance, by the significance test its kind allows (|z| ≥ StrengthZ):
//     a rate of counts (conversion, repurchase, share within the SLA,
//     return rate, CSAT) by the two-proportion z-test on its numerators
//     and denominators; a count (orders, new customers, visitors) by the
//     Poisson test z = (c − p) / √(c + p); CAC, a fixed spend over a
//     Poisson count of new customers, by z = ln(c / p) / √(1/n_c + 1/n_p)
//     with n the new customers. KPIs with no such test (amounts such as
//     net sales or AOV, durations, model estimates) are never praised for
//     a change. The evidence states the test and its z. A store's
//     counts vary more than Poisson counts (weekdays, seasons,
//     campaigns): the z of orders and visitors is scaled by the
//     over-dispersion of their daily counts (see dispersion); new
//     customers, without a daily series, keep the Poisson test, whose
//     guard is a minimum: raise StrengthZ for a stricter one.
//
// Each rule stays silent when its section is missing or its numbers are
// undefined.
func DefaultRules(t Thresholds) []Rule {
	t = t.withDefaults()
	return []Rule{
		RuleFunc{"target_missed", t.targetMissed},
		RuleFunc{"funnel_step_loss", t.funnelStepLoss},
		RuleFunc{"cac_outpacing_ltv", t.cacOutpacingLTV},
		RuleFunc{"ltv_cac_low", t.ltvCACLow},
		RuleFunc{"channel_cac_above_ltv", channelCACAboveLTV},
		RuleFunc{"promotion_verdict", promotionVerdict},
		RuleFunc{"campaign_verdict", campaignVerdict},
		RuleFunc{"slow_stock", t.slowStock},
		RuleFunc{"stockout_a", stockoutA},
		RuleFunc{"repurchase_falling", t.repurchaseFalling},
		RuleFunc{"service_sla", t.serviceSLA},
		RuleFunc{"return_outliers", returnOutliers},
		RuleFunc{"late_deliveries", t.lateDeliveries},
		RuleFunc{"above_market_falling", t.aboveMarketFalling},
		RuleFunc{"competitor_promotions_alone", competitorPromotionsAlone},
		RuleFunc{"supplier_late", t.supplierLate},
		RuleFunc{"detail_page_fell", t.detailPageFell},
		RuleFunc{"loyalty", membershipRules},
		RuleFunc{"category_penetration_fell", categoryPenetrationFell},
		RuleFunc{"category_bundle", categoryBundle},
		RuleFunc{"target_beaten", targetBeaten},
		RuleFunc{"kpi_improved", t.kpiImproved},
	}
}

func (t Thresholds) targetMissed(r *Review) []Finding {
	if r.Overview == nil {
		return nil
	}
	var out []Finding
	salesMissed := false // net sales comes before orders in the overview
	for _, k := range r.Overview.KPIs {
		a, ok := k.Attainment.Value()
		if k.ChangeKind() == metrics.PointChange { // the attainment is in points: judge the share of target
			q, err := k.Current.Attainment(k.Target)
			a, ok = q.Value()
			ok = ok && err == nil
		}
		if !ok {
			continue
		}
		missed := a < t.MinAttainment
		if k.Direction == metrics.LowerIsBetter {
			missed = a > 1/t.MinAttainment
		}
		if !missed {
			continue
		}
		f := Finding{
			Section: SectionOverview, Severity: Warning,
			Title: Say("%s missed its target: %s against %s (%s).", "%s未达成目标：实际%s，目标%s（达成率%s）。",
				LabelArg(k.Key), ValueArg(k.Current), ValueArg(k.Target), attainmentArg(k)),
			Evidence: []Evidence{{Key: k.Key, Value: k.Current}, {Key: "target", Value: k.Target}, {Key: "attainment", Value: attainmentValue(k)}},
			Stake:    metrics.Undefined(metrics.UnitMoney), Watch: k.Key, CheckBy: CheckDate(r.Period, false),
		}
		switch {
		case k.Key == metrics.KeyOrders && salesMissed:
			// The same shortfall as net sales': one plan, not two.
			f.Recommendation = Say("Same cause as the net sales shortfall: follow its plan, and watch orders as its second measure.",
				"与净销售额未达标同因：按其改进计划执行，并将订单数作为第二个跟踪指标。")
		case k.Key == metrics.KeyNetSales || k.Key == metrics.KeyOrders:
			f.Recommendation = shortfallAdvice(r, &f.Evidence, t.WarningZ)
		case k.Key == metrics.KeyCAC:
			f.Recommendation = Say("Cut bids on, or pause, the channels with the highest CAC and move their budget to those with the lowest CAC and the best repeat rate; check weekly.",
				"对获客成本最高的渠道降低出价或暂停投放，把预算转向获客成本最低、复购最好的渠道，并每周跟踪。")
		default:
			f.Recommendation = Say("Find what kept %s from its target and set a corrective plan with a weekly check.",
				"找出%s未达成目标的原因，制定改进计划并每周跟踪。", LabelArg(k.Key))
		}
		if k.Key == metrics.KeyNetSales {
			f.Stake, f.StakeKind = gap(k.Target, k.Current), StakeSales
			salesMissed = true
		}
		out = append(out, f)
	}
	return out
}

// gap returns target − current as a positive money value, undefined when
// either is not an amount or the current value is not below the target.
func gap(target, current metrics.Value) metrics.Value {
	t, ok1 := target.Money()
	c, ok2 := current.Money()
	if !ok1 || !ok2 {
		return metrics.Undefined(metrics.UnitMoney)
	}
	return positive(t.Sub(c))
}

// positive returns m as a money value when it is above zero and err is
// nil, else an undefined amount: a stake is a positive sum or unmeasured.
func positive(m money.Money, err error) metrics.Value {
	if err != nil || !m.IsPositive() {
		return metrics.Undefined(metrics.UnitMoney)
	}
	return metrics.MoneyValue(m)
}

// minSourceShare is the share of visitors a traffic source needs for the
// target_missed rule to name it as the one that fell short.
const minSourceShare = 0.05

// shortfallAdvice returns the recommendation of a missed sales or orders
// target, specific to the evidence: the factor of the decomposition with
// the most negative effect on sales (said to have held sales back, not
// pulled them down, when they rose on the previous period, as December's
// did on November's in the demo) and the channel, or else the traffic
// source, with the lowest attributed conversion (among those with at
// least minSourceShare of visitors) when it is below the others' beyond
// chance ([lowerBeyondChance]), each added to ev; the generic advice when
// neither is known.
func shortfallAdvice(r *Review, ev *[]Evidence, z float64) Message {
	var en, zh string
	var args []Arg
	if d := r.Overview.Decomposition; d != nil {
		worst := -1
		var worstEffect money.Money
		for i, f := range d.Factors {
			m, ok := f.Effect.Money()
			if !ok || !m.IsNegative() {
				continue
			}
			if c, err := m.Cmp(worstEffect); worst < 0 || (err == nil && c < 0) {
				worst, worstEffect = i, m
			}
		}
		if worst >= 0 {
			f := d.Factors[worst]
			*ev = append(*ev, Evidence{Key: "effect", Of: f.Key, Value: f.Effect})
			if c, ok := d.Change.Money(); ok && c.IsPositive() {
				// Sales grew on the previous period: the factor held
				// the growth back, it did not pull sales down.
				en += "Sales rose by %s on the previous period, not enough for the target; the factor that held them back most is %s (%s against the previous period: %s to %s). "
				zh += "销售额较上期增长%s，仍未达目标；拖累最大的因素是%s（影响%s：由%s降至%s）。"
				args = append(args, ValueArg(d.Change))
			} else {
				en += "The factor that pulled sales down most is %s (%s against the previous period: %s to %s). "
				zh += "销售额主要受%s拖累（影响%s：由%s降至%s）。"
			}
			args = append(args, LabelArg(f.Key), ValueArg(f.Effect), ValueArg(f.Previous), ValueArg(f.Current))
		}
	}
	if name, conv, ok := weakestChannel(r.Channels, z); ok {
		*ev = append(*ev, Evidence{Key: "conversion_rate", Subject: name, Value: conv})
		en += "The channel that converts worst is %s (%s of its visitors buy): fix its landing pages and audiences first. "
		zh += "转化最差的渠道是%s（访客转化率%s），优先优化其落地页与人群定向。"
		args = append(args, DataArg(name), ValueArg(conv))
	} else if r.Traffic != nil {
		var weak *Breakdown
		var buyers, visitors int64 // of the sources compared
		for i, s := range r.Traffic.Sources {
			share, ok1 := s.Share.Value()
			c, ok2 := s.Conversion.Value()
			if !ok1 || !ok2 || share < minSourceShare {
				continue
			}
			buyers, visitors = buyers+s.Buyers, visitors+s.Visitors
			if w, _ := weakConversion(weak); weak == nil || c < w {
				weak = &r.Traffic.Sources[i]
			}
		}
		if weak != nil && len(r.Traffic.Sources) > 1 && lowerBeyondChance(weak.Buyers, weak.Visitors, buyers-weak.Buyers, visitors-weak.Visitors, z) {
			*ev = append(*ev, Evidence{Key: "conversion_rate", Subject: weak.Name, Value: pct(weak.Conversion)})
			en += "The source that converts worst is %s (%s of its visitors buy): fix its landing pages and audiences first. "
			zh += "转化最差的流量来源是%s（访客转化率%s），优先优化其落地页与人群定向。"
			args = append(args, DataArg(weak.Name), ValueArg(pct(weak.Conversion)))
		}
	}
	if en == "" {
		return Say("Find which factor of the sales decomposition and which channel fell short, and set a corrective plan with a weekly check.",
			"结合销售额拆解找出拖累的因素和渠道，制定改进计划并每周跟踪。")
	}
	return Say(en+"Check the plan weekly.", zh+"每周跟踪改进计划。", args...)
}

// weakestChannel returns the channel of c with the lowest conversion
// among those with at least minSourceShare of the channels' visitors, and
// false without channels, without two such, or without visitors.
func weakestChannel(c *Channels, z float64) (string, metrics.Value, bool) {
	if c == nil {
		return "", metrics.Value{}, false
	}
	var total int64
	for _, row := range c.Rows {
		if v, ok := row.Visitors.Count(); ok {
			total += v
		}
	}
	best, n := -1, 0
	var low float64
	var buyers, visitors int64 // of the channels compared
	for i, row := range c.Rows {
		v, ok1 := row.Visitors.Count()
		x, ok2 := row.Conversion.Float()
		b, ok3 := row.Buyers.Count()
		if !ok1 || !ok2 || !ok3 || total == 0 || float64(v)/float64(total) < minSourceShare {
			continue
		}
		n++
		buyers, visitors = buyers+b, visitors+v
		if best < 0 || x < low {
			best, low = i, x
		}
	}
	if n < 2 {
		return "", metrics.Value{}, false
	}
	row := c.Rows[best]
	b, _ := row.Buyers.Count()
	v, _ := row.Visitors.Count()
	if !lowerBeyondChance(b, v, buyers-b, visitors-v, z) {
		return "", metrics.Value{}, false
	}
	return row.Channel, row.Conversion, true
}

// lowerBeyondChance reports whether the rate x1/n1 is below x0/n0 beyond
// chance: the pooled two-proportion z-test at z ≤ −minZ
// (Thresholds.WarningZ, 1.96 by default, a two-sided 5 % test). The
// worst-converting channel or source is named only then: the demo's
// social, 10.0 % against search's 10.6 %, z = −0.64, was named as the
// one to fix first (an analyst's read).
func lowerBeyondChance(x1, n1, x0, n0 int64, minZ float64) bool {
	if n1 <= 0 || n0 <= 0 || x1 < 0 || x0 < 0 || x1 > n1 || x0 > n0 {
		return false
	}
	z, ok := pooledZ(float64(x1), float64(n1), float64(x0), float64(n0))
	return ok && z <= -minZ
}

// channelCACAboveLTV reports the channels whose CAC exceeds the LTV of a
// new customer: the stake is the acquisition spend above payback, the sum
// of (CAC − LTV) × new customers over them.
func channelCACAboveLTV(r *Review) []Finding {
	if r.Channels == nil {
		return nil
	}
	ltv, ok := r.Channels.LTV.Money()
	if !ok {
		return nil
	}
	var names []string
	var ev []Evidence
	var stake money.Total
	var cur money.Currency
	for _, row := range r.Channels.Rows {
		cac, ok := row.CAC.Money()
		if !ok || row.NewCustomers == 0 {
			continue
		}
		d, err := cac.Sub(ltv)
		if err != nil || !d.IsPositive() {
			continue
		}
		names = append(names, row.Channel)
		ev = append(ev, Evidence{Key: "cac", Subject: row.Channel, Value: row.CAC})
		stake.AddMoney(d.Mul(row.NewCustomers))
		cur = d.Currency()
	}
	if len(names) == 0 {
		return nil
	}
	ev = append(ev, Evidence{Key: "ltv", Value: r.Channels.LTV})
	return []Finding{{
		Section: SectionChannels, Severity: Warning,
		Title: Say("New customers cost more than they are worth on %s: CAC above the LTV of %s.", "%s的获客成本高于新客LTV（%s）。",
			DataArg(strings.Join(names, ", ")), ValueArg(r.Channels.LTV)),
		Evidence: ev,
		Recommendation: Say("Cut the spend on %s to what their new customers pay back, or fix their targeting, and move the budget to channels whose CAC is below the LTV.",
			"将%s的投放削减到新客可回本的水平或优化定向，把预算转向获客成本低于LTV的渠道。", DataArg(strings.Join(names, ", "))),
		Stake: positive(stake.Money(cur), nil), StakeKind: StakeSpend, Watch: metrics.KeyCAC, CheckBy: CheckDate(r.Period, false),
	}}
}

// weakConversion returns the conversion of b, false for nil.
func weakConversion(b *Breakdown) (float64, bool) {
	if b == nil {
		return 0, false
	}
	return b.Conversion.Value()
}

// attainmentArg is k's attainment as a message argument: a rate's
// distance from target in points ("-0.2 pp"), another KPI's share of its
// target ("96.3%").
func attainmentArg(k KPI) Arg {
	if k.ChangeKind() == metrics.PointChange {
		return PointsArg(k.Attainment)
	}
	return ValueArg(pct(k.Attainment))
}

// attainmentValue is k's attainment as evidence: a share of target, or a
// rate's distance from target in points.
func attainmentValue(k KPI) metrics.Value {
	if k.ChangeKind() == metrics.PointChange {
		return points(k.Attainment)
	}
	return pct(k.Attainment)
}

func (t Thresholds) funnelStepLoss(r *Review) []Finding {
	if r.Traffic == nil {
		return nil
	}
	var out []Finding
	for _, s := range r.Traffic.Funnel {
		d, ok1 := s.DropOff().Value()
		u, ok2 := s.UsualDropOff.Value()
		if !ok1 || !ok2 || d-u <= t.FunnelExcessLoss {
			continue
		}
		name := s.Name
		out = append(out, Finding{
			Section: SectionTraffic, Severity: Warning,
			Title: Say("The %q step loses %s of users, against a usual %s.", "“%s”步骤流失%s，往期为%s。",
				LabelArg(name), ValueArg(pct(s.DropOff())), ValueArg(pct(s.UsualDropOff))),
			// The step is a display-name key (Of), as in the title: "purchase"
			// printed raw on the Chinese page as a Subject.
			Evidence: []Evidence{{Key: "drop_off", Of: name, Value: pct(s.DropOff())}, {Key: "usual_drop_off", Of: name, Value: pct(s.UsualDropOff)}},
			Recommendation: Say("Check the %q page for errors, slow loading and changed prices or shipping fees since last period; test a simpler version of the step.",
				"排查“%s”页面的报错、加载速度以及与上期相比价格或运费的变化，并对简化后的页面做A/B测试。", LabelArg(name)),
			Stake: metrics.Undefined(metrics.UnitMoney), Watch: metrics.KeyConversionRate, CheckBy: CheckDate(r.Period, false),
		})
	}
	return out
}

func (t Thresholds) cacOutpacingLTV(r *Review) []Finding {
	if r.Overview == nil {
		return nil
	}
	cac, ok1 := findKPI(r.Overview.KPIs, "cac")
	ltv, ok2 := findKPI(r.Overview.KPIs, "ltv")
	if !ok1 || !ok2 {
		return nil
	}
	c, okc := cac.ChangePrev.Value()
	l, okl := ltv.ChangePrev.Value()
	if !okc || !okl || c <= 0 || c <= l {
		return nil
	}
	// A rise within the noise of the new customers' count is no finding:
	// the demo's +10.6 % on 229 new customers has z = 1.1.
	nc, _ := findKPI(r.Overview.KPIs, metrics.KeyNewCustomers)
	z, ok := cacZ(cac.Current, cac.Previous, nc.Current, nc.Previous)
	if !ok || z < t.WarningZ {
		return nil
	}
	return []Finding{{
		Section: SectionOverview, Severity: Warning,
		Title: Say("CAC rose %s, beyond chance, while LTV changed %s; this CAC is blended: all marketing spend over all new customers, organic ones included.",
			"获客成本环比%s，超出随机波动，而LTV环比%s；该获客成本为综合口径：全部投放费用除以全部新客（含自然流量新客）。",
			ChangeArg(cac.ChangePrev), ChangeArg(ltv.ChangePrev)),
		Evidence: []Evidence{{Key: "cac", Value: cac.Current}, {Key: "change_prev", Of: "cac", Value: pct(cac.ChangePrev)},
			{Key: "z_score", Of: "log_ratio_test", Value: metrics.NumberValue(round2(z))},
			{Key: "ltv", Value: ltv.Current}, {Key: "change_prev", Of: "ltv", Value: pct(ltv.ChangePrev)}},
		Recommendation: Say("Move budget from the channels whose CAC rose most to those with the best LTV/CAC, and review bids and audiences.",
			"将预算从获客成本上涨最多的渠道转向LTV/CAC最高的渠道，并复核出价与人群定向。"),
		Stake: metrics.Undefined(metrics.UnitMoney), Watch: metrics.KeyCAC, CheckBy: CheckDate(r.Period, false),
	}}
}

func (t Thresholds) ltvCACLow(r *Review) []Finding {
	if r.Overview == nil {
		return nil
	}
	k, ok := findKPI(r.Overview.KPIs, "ltv_cac")
	if !ok {
		return nil
	}
	v, ok := k.Current.Float()
	if !ok || v >= t.MinLTVCAC {
		return nil
	}
	sev := Warning
	if v < 1 {
		sev = Critical
	}
	return []Finding{{
		Section: SectionOverview, Severity: sev,
		Title: Say("LTV/CAC is %s, below the healthy %s.", "LTV/CAC为%s，低于健康水平%s。",
			ValueArg(k.Current), ValueArg(metrics.NumberValue(t.MinLTVCAC).In(metrics.UnitMultiple))),
		Evidence: []Evidence{{Key: "ltv_cac", Value: k.Current}},
		Recommendation: Say("Cut spend on channels whose new customers do not come back, and raise repeat purchases (membership, replenishment reminders) to lift LTV.",
			"削减新客复购差的渠道投放，并通过会员和补货提醒提升复购，提高LTV。"),
		Stake: aboveLTV(r.Overview.KPIs), StakeKind: StakeSpend, Watch: "ltv_cac", CheckBy: CheckDate(r.Period, false),
	}}
}

// aboveLTV returns the acquisition spend above payback, (CAC − LTV) × new
// customers, from the overview's KPIs: what the period's new customers
// cost beyond what they are predicted to bring. Undefined unless CAC
// exceeds LTV and all three are known.
func aboveLTV(ks []KPI) metrics.Value {
	cac, ok1 := findKPI(ks, metrics.KeyCAC)
	ltv, ok2 := findKPI(ks, "ltv")
	nc, ok3 := findKPI(ks, metrics.KeyNewCustomers)
	if !ok1 || !ok2 || !ok3 {
		return metrics.Undefined(metrics.UnitMoney)
	}
	c, ok1 := cac.Current.Money()
	l, ok2 := ltv.Current.Money()
	n, ok3 := nc.Current.Count()
	if !ok1 || !ok2 || !ok3 {
		return metrics.Undefined(metrics.UnitMoney)
	}
	d, err := c.Sub(l)
	if err != nil {
		return metrics.Undefined(metrics.UnitMoney)
	}
	return positive(d.Mul(n), nil)
}

// promotionVerdict reports each promotion by the verdict of its ROI
// interval (METRICS.md "Verdict"), never by its point ROI alone: critical
// when the whole interval is below zero, information when it contains
// zero (the data cannot tell), a strength when the whole interval is
// above zero; when its net ROI after the side effects measured points
// the other way, the title says so too (netCaveat), and the side effects
// measured are evidence.
func promotionVerdict(r *Review) []Finding {
	if r.Promotions == nil {
		return nil
	}
	var out []Finding
	for _, p := range r.Promotions.Items {
		lo, _ := p.ROILow.Ratio()
		hi, _ := p.ROIHigh.Ratio()
		name := p.Name
		ev := []Evidence{{Key: "roi", Subject: name, Value: pct(p.ROI)}, {Key: "roi_low", Subject: name, Value: p.ROILow},
			{Key: "roi_high", Subject: name, Value: p.ROIHigh}, {Key: "net_roi", Subject: name, Value: pct(p.NetROI)},
			{Key: "incremental", Subject: name, Value: metrics.MoneyValue(p.Incremental)}}
		outcome := promo.OutcomeOf(lo, hi)
		ev = append(ev, sideEffectEvidence(p)...)
		switch outcome {
		case promo.DoesNotPay:
			out = append(out, Finding{
				Section: SectionPromotions, Severity: Critical,
				Title: netCaveat(p, outcome, "Promotion %q did not pay: ROI %s, and its whole interval (%s to %s) is below zero.", "促销“%s”不划算：ROI为%s，整个区间（%s至%s）都低于零。",
					DataArg(name), ValueArg(pct(p.ROI)), ValueArg(p.ROILow), ValueArg(p.ROIHigh)),
				Evidence: ev,
				Recommendation: Say("Do not repeat %q as it ran: narrow it to the items with real lift, lower the discount depth or add a spend threshold.",
					"不要按原方案重复“%s”：缩小到确有提升的商品，降低折扣力度或设置满额门槛。", DataArg(name)),
				Stake: positive(loss(p.Profit)), StakeKind: StakeGrossProfit, Watch: metrics.KeyGrossMargin, CheckBy: CheckDate(r.Period, false),
			})
		case promo.Inconclusive:
			title := Say("The data cannot tell whether promotion %q paid: ROI %s, but its interval (%s to %s) contains zero.", "无法判断促销“%s”是否划算：ROI为%s，但区间（%s至%s）包含零。",
				DataArg(name), ValueArg(pct(p.ROI)), ValueArg(p.ROILow), ValueArg(p.ROIHigh))
			if !p.ROILow.Defined() || !p.ROIHigh.Defined() {
				// No interval to contain zero: costs missing, or too
				// little data; the section's notes say which.
				title = Say("The data cannot tell whether promotion %q paid: its ROI could not be estimated (the section's notes say why).",
					"无法判断促销“%s”是否划算：其ROI无法估计（原因见本节说明）。", DataArg(name))
			}
			out = append(out, Finding{
				Section: SectionPromotions, Severity: Info,
				Title:    title,
				Evidence: ev,
				Recommendation: Say("Before repeating %q, measure it so that it can be told: keep a holdout group of customers or stores without the offer, or run it longer.",
					"重复“%s”之前，先设计可判断效果的方案：保留不参与活动的对照客户或门店，或延长活动周期。", DataArg(name)),
				Stake: metrics.Undefined(metrics.UnitMoney),
			})
		case promo.Pays:
			out = append(out, Finding{
				Kind: Strength, Section: SectionPromotions, Severity: Info,
				Title: netCaveat(p, outcome, "Promotion %q paid: ROI %s, and its whole interval (%s to %s) is above zero; it earned %s after its costs.", "促销“%s”划算：ROI为%s，整个区间（%s至%s）都高于零；扣除成本后盈利%s。",
					DataArg(name), ValueArg(pct(p.ROI)), ValueArg(p.ROILow), ValueArg(p.ROIHigh), ValueArg(p.Profit)),
				Evidence: append(ev, Evidence{Key: "profit", Subject: name, Value: p.Profit}),
				Recommendation: Say("Repeat %q on the same items and depth, and compare the next run with the same baseline.",
					"按相同商品和力度重复“%s”，并用同样的基线评估下一次活动。", DataArg(name)),
				Stake: metrics.Undefined(metrics.UnitMoney),
			})
		}
	}
	return out
}

// netCaveat returns the message en/zh with args, followed, when the
// promotion's net ROI (after the side effects promo measured) points the
// other way from the verdict of its ROI interval (outcome), by a
// sentence that says so, names the side effects measured and those not,
// and says that the net ROI is a point estimate without an interval, on
// which the verdict does not rest.
//
// When net ROI is not known because units of the side effects' items were
// sold without a unit cost (PromotionResult.SideCostMissing), the
// sentence says that instead: the verdict stands on the lift, and the
// net effect is not known.
func netCaveat(p PromotionResult, outcome promo.Outcome, en, zh string, args ...Arg) Message {
	if p.SideCostMissing > 0 && !p.NetROI.Defined() {
		return Say(en+" Its net ROI after the side effects measured is not known: %s units of their items were sold without a unit cost.",
			zh+"计入已测得的副作用后的净ROI未知：其商品中有%s件售出时无单位成本。",
			append(args, ValueArg(metrics.CountValue(p.SideCostMissing)))...)
	}
	net, ok := p.NetROI.Value()
	if !ok || !(outcome == promo.Pays && net < 0 || outcome == promo.DoesNotPay && net > 0) {
		return Say(en, zh, args...)
	}
	var inEN, outEN, inZH, outZH []string
	for _, e := range []struct {
		v      metrics.Value
		en, zh string
	}{{p.Cannibalization, "cannibalization", "蚕食"}, {p.Halo, "halo", "光环"}, {p.PullForward, "pull-forward", "提前透支"}} {
		if e.v.Defined() {
			inEN, inZH = append(inEN, e.en), append(inZH, e.zh)
		} else {
			outEN, outZH = append(outEN, e.en), append(outZH, e.zh)
		}
	}
	measuredEN, measuredZH := "none", "无"
	if len(inEN) > 0 {
		measuredEN, measuredZH = strings.Join(inEN, ", "), strings.Join(inZH, "、")
	}
	if len(outEN) > 0 {
		measuredEN += "; not measured: " + strings.Join(outEN, ", ")
		measuredZH += "；未测得：" + strings.Join(outZH, "、")
	}
	return Say(en+" Its net ROI after the side effects measured ("+measuredEN+") is %s, the other way, but a point estimate without an interval: the verdict rests on the interval.",
		zh+"计入已测得的副作用（"+measuredZH+"）后，净ROI为%s，方向相反，但这是无区间的点估计：结论以区间为准。",
		append(args, ValueArg(pct(p.NetROI)))...)
}

// sideEffectEvidence returns the side effects of p that promo measured,
// as evidence.
func sideEffectEvidence(p PromotionResult) []Evidence {
	var ev []Evidence
	for _, e := range []struct {
		key string
		v   metrics.Value
	}{{"cannibal", p.Cannibalization}, {"halo", p.Halo}, {"pull_forward", p.PullForward}} {
		if e.v.Defined() {
			ev = append(ev, Evidence{Key: e.key, Subject: p.Name, Value: e.v})
		}
	}
	return ev
}

func (t Thresholds) slowStock(r *Review) []Finding {
	if r.Products == nil {
		return nil
	}
	p := r.Products
	v, ok := p.SlowShare.Value()
	if !ok || v <= t.MaxSlowShare {
		return nil
	}
	rec := Say("Clear dead stock with bundles or markdowns, stop reordering slow movers, and free the cash for A items.",
		"通过组合销售或降价清理呆滞库存，暂停滞销品补货，把资金留给A类商品。")
	ev := []Evidence{{Key: "slow_value", Value: p.SlowValue}, {Key: "slow_share", Value: pct(p.SlowShare)}}
	if len(p.SlowMovers) > 0 {
		// SlowMovers list dead stock first: the largest values are
		// those of both kinds, sorted (one section, one currency).
		top := slices.Clone(p.SlowMovers)
		slices.SortStableFunc(top, func(x, y StockItem) int { return y.Value.Decimal().Cmp(x.Value.Decimal()) })
		top = top[:min(len(top), slowNamed)]
		skus := make([]string, len(top))
		for i, s := range top {
			skus[i] = s.SKU
			ev = append(ev, Evidence{Key: "stock_value", Subject: s.SKU, Value: metrics.MoneyValue(s.Value)})
		}
		rec = Say("Start with the largest: %s. Clear dead stock with bundles or markdowns, stop reordering slow movers, and free the cash for A items.",
			"从金额最大的开始：%s。通过组合销售或降价清理呆滞库存，暂停滞销品补货，把资金留给A类商品。", DataArg(strings.Join(skus, ", ")))
	}
	return []Finding{{
		Section: SectionProducts, Severity: Warning,
		Title: Say("%s of inventory value (%s at cost) is slow-moving or dead stock.", "滞销及呆滞库存占库存金额的%s（成本%s）。",
			ValueArg(pct(p.SlowShare)), ValueArg(p.SlowValue)),
		Evidence: ev, Recommendation: rec,
		Stake: positiveValue(p.SlowValue), StakeKind: StakeStockAtCost, Watch: "inventory_value", CheckBy: CheckDate(r.Period, true),
	}}
}

// slowNamed is how many slow movers the slow_stock rule names.
const slowNamed = 3

// positiveValue returns v when it is a positive amount, else an undefined
// amount.
func positiveValue(v metrics.Value) metrics.Value {
	m, ok := v.Money()
	if !ok {
		return metrics.Undefined(metrics.UnitMoney)
	}
	return positive(m, nil)
}

func stockoutA(r *Review) []Finding {
	if r.Products == nil || len(r.Products.StockOutsA) == 0 {
		return nil
	}
	var ev []Evidence
	var lost money.Total
	var cur money.Currency // the amounts' currency: the review's, which a hand-made review may not set
	for _, s := range r.Products.StockOutsA {
		ev = append(ev, Evidence{Key: "days_out", Subject: s.SKU, Value: metrics.CountValue(s.Days)})
		lost.AddMoney(s.LostSales)
		if !s.LostSales.IsZero() {
			cur = s.LostSales.Currency()
		}
	}
	n := int64(len(r.Products.StockOutsA))
	f := Finding{
		Section: SectionProducts, Severity: Critical,
		Title:    Say("Out of stock in the period: %s of the A items.", "%s个A类商品出现缺货。", ValueArg(metrics.CountValue(n))),
		Evidence: ev,
		Recommendation: Say("Raise the safety stock and reorder points of these SKUs and place the orders on the reorder list now.",
			"提高这些SKU的安全库存和补货点，并立即按补货清单下单。"),
		Stake: metrics.Undefined(metrics.UnitMoney), Watch: "stockout_rate", CheckBy: CheckDate(r.Period, true),
	}
	if m := lost.Money(cur); m.IsPositive() {
		f.Stake, f.StakeKind = metrics.MoneyValue(m), StakeSales
		f.Title = Say("Out of stock in the period: %s of the A items, losing an estimated %s of sales.", "%s个A类商品出现缺货，估计损失销售额%s。",
			ValueArg(metrics.CountValue(n)), ValueArg(f.Stake))
		f.Evidence = append(f.Evidence, Evidence{Key: "lost_sales", Value: f.Stake})
	}
	return []Finding{f}
}

func (t Thresholds) repurchaseFalling(r *Review) []Finding {
	if r.Customers == nil {
		return nil
	}
	k, ok := findKPI(r.Customers.KPIs, "repurchase_rate")
	if !ok {
		return nil
	}
	c, ok := k.ChangePrev.Value()
	if !ok || c >= -t.RepurchaseDrop {
		return nil
	}
	// A fall within the noise of the buyers' counts is no finding: the
	// Complete Journey slice's 205 of 261 against 205 of 244 (−5.5 pp,
	// the same repeat buyers among more one-order ones) has z = −1.57.
	z, ok := proportionZ(k.Current, k.Previous)
	if !ok || z > -t.WarningZ {
		return nil
	}
	f := Finding{
		Section: SectionCustomers, Severity: Warning,
		Title: Say("The repurchase rate fell to %s (%s against the previous period).", "复购率降至%s（环比%s）。",
			ValueArg(k.Current), k.ChangeArg(k.ChangePrev)),
		Evidence: []Evidence{{Key: "repurchase_rate", Value: k.Current}, {Key: "prev_value", Value: k.Previous},
			{Key: "z_score", Of: testKeys[proportionTest], Value: metrics.NumberValue(round2(z))}},
		Recommendation: Say("Contact the customers at risk with a win-back offer and check recent service and delivery complaints.",
			"针对流失风险客户推送召回优惠，并排查近期的服务与物流投诉。"),
		Stake: metrics.Undefined(metrics.UnitMoney), Watch: "repurchase_rate", CheckBy: CheckDate(r.Period, false),
	}
	var atRisk, cantLose int64
	var seen bool
	for _, s := range r.Customers.Segments {
		switch s.Name {
		case "at_risk":
			atRisk, seen = s.Customers, true
		case "cant_lose":
			cantLose, seen = s.Customers, true
		}
	}
	if seen && atRisk+cantLose > 0 {
		f.Evidence = append(f.Evidence, Evidence{Key: "segment_customers", Of: "at_risk", Value: metrics.CountValue(atRisk)},
			Evidence{Key: "segment_customers", Of: "cant_lose", Value: metrics.CountValue(cantLose)})
		f.Recommendation = Say("Contact the %s customers at risk (RFM: %s at risk, %s can't lose) with a win-back offer, the can't-lose ones first, and check recent service and delivery complaints.",
			"向%s位流失风险客户（RFM：流失风险%s位，重要挽留%s位）推送召回优惠，优先联系重要挽留客户，并排查近期的服务与物流投诉。",
			ValueArg(metrics.CountValue(atRisk+cantLose)), ValueArg(metrics.CountValue(atRisk)), ValueArg(metrics.CountValue(cantLose)))
	}
	return []Finding{f}
}

func (t Thresholds) serviceSLA(r *Review) []Finding {
	if r.Service == nil {
		return nil
	}
	s := r.Service
	k, ok := findKPI(s.KPIs, "within_sla")
	if !ok {
		return nil
	}
	v, ok := k.Current.Float()
	if !ok {
		return nil
	}
	// The review's own threshold, said as such: the service KPIs take no
	// store target (the table's Target is n/a).
	if v >= t.SLATarget {
		return nil
	}
	target := metrics.NumberValue(t.SLATarget).In(metrics.UnitRatio)
	title := Say("Only %s of tickets got a first reply within %s (the review's threshold: %s; no target is set).",
		"仅%s的工单在%s内首次响应（未设目标，评估阈值%s）。", ValueArg(k.Current), ValueArg(metrics.DurationValue(s.SLA)), ValueArg(target))
	return []Finding{{
		Section: SectionService, Severity: Warning,
		Title:    title,
		Evidence: []Evidence{{Key: "within_sla", Value: k.Current}, {Key: "sla_threshold", Value: target}},
		Recommendation: Say("Staff the busiest hours, add canned replies for the top reasons and route chats before e-mail.",
			"在高峰时段增加客服排班，为高频问题准备快捷回复，并优先处理在线咨询。"),
		Stake: metrics.Undefined(metrics.UnitMoney), Watch: "within_sla", CheckBy: CheckDate(r.Period, false),
	}}
}

// Kinds of goods, for advice on returns: a size guide helps worn goods,
// a pack size and shelf life help food; other goods need dimensions and
// compatibility. The category is the data's, matched case-insensitively.
var (
	wornCategories = []string{"apparel", "clothing", "clothes", "fashion", "shoes", "footwear", "服装", "服饰", "女装", "男装", "童装", "鞋", "鞋靴"}
	foodCategories = []string{"snacks", "snack", "food", "grocery", "groceries", "drinks", "beverages", "tea", "coffee", "零食", "食品", "饮料", "茶", "咖啡"}
)

// goodsKind returns "worn", "food" or "other" for a category.
func goodsKind(category string) string {
	c := strings.ToLower(strings.TrimSpace(category))
	switch {
	case slices.Contains(wornCategories, c):
		return "worn"
	case slices.Contains(foodCategories, c):
		return "food"
	}
	return "other"
}

// returnAdvice returns the recommendation for SKUs of a kind of goods
// (see goodsKind) returned for a reason, and false for the reasons with
// nothing specific to fix (changed mind, other). A size guide is advised
// only for worn goods: a snack returned for "size/fit" needs its pack size
// stated, a cable its length and what it fits.
func returnAdvice(reason, kind string) (Message, bool) {
	switch reason + "/" + kind {
	case "size_fit/worn":
		return Say("Fix the size guides and add measurements and fit notes to these product pages.", "完善这些商品的尺码表，补充实物尺寸和版型说明。"), true
	case "size_fit/food":
		return Say("State the pack size, net weight and count plainly in the title and first image of these product pages.", "在这些商品的标题和首图中写明规格、净含量和数量。"), true
	case "size_fit/other":
		return Say("State the dimensions and what these products fit (models, sizes, compatibility) on their pages.", "在这些商品的详情页写明尺寸和适用范围（型号、规格、兼容性）。"), true
	case "not_as_described/food":
		return Say("Check these product pages against the goods: flavour, ingredients, pack size and shelf life.", "核对这些商品详情页与实物：口味、配料、规格与保质期。"), true
	case "not_as_described/worn", "not_as_described/other":
		return Say("Fix these product pages: photos, colours, materials and specifications must match the goods.", "修改这些商品详情页，确保图片、颜色、材质与规格与实物一致。"), true
	case "damaged/food":
		return Say("Review the packaging, sealing and stock rotation (shelf life) of these SKUs.", "检查这些SKU的包装、密封与库存周转（保质期）。"), true
	case "damaged/worn", "damaged/other":
		return Say("Review packaging and carrier handling for these SKUs.", "检查这些SKU的包装与承运商操作。"), true
	}
	if reason == "late_delivery" {
		return Say("Check stock levels and the carrier's delivery times for these SKUs.", "检查这些SKU的库存与承运商时效。"), true
	}
	return Message{}, false // changed mind and other: nothing specific to fix
}

func returnOutliers(r *Review) []Finding {
	if r.Service == nil || len(r.Service.Outliers) == 0 {
		return nil
	}
	// One finding per reason and category: the advice depends on both.
	type group struct{ reason, category string }
	by := map[group][]ReturnOutlier{}
	var order []group
	for _, o := range r.Service.Outliers {
		g := group{o.Reason, o.Category}
		if _, ok := by[g]; !ok {
			order = append(order, g)
		}
		by[g] = append(by[g], o)
	}
	var out []Finding
	for _, g := range order {
		advice, ok := returnAdvice(g.reason, goodsKind(g.category))
		if !ok {
			continue
		}
		os := by[g]
		ev := []Evidence{{Key: "category_rate", Subject: g.category, Value: pct(os[0].CategoryRate)}}
		skus := ""
		for i, o := range os {
			ev = append(ev, Evidence{Key: "return_rate_units", Subject: o.SKU, Value: pct(o.Rate)})
			if i > 0 {
				skus += ", "
			}
			skus += o.SKU
		}
		out = append(out, Finding{
			Section: SectionService, Severity: Warning,
			Title: Say("Returns for %q stand out in %s on these SKUs: %s.", "%[2]s类目中以下SKU因“%[1]s”退货明显偏高：%[3]s。",
				LabelArg(g.reason), DataArg(g.category), DataArg(skus)),
			Evidence: ev, Recommendation: advice,
			Stake: metrics.Undefined(metrics.UnitMoney), Watch: "return_rate_units", CheckBy: CheckDate(r.Period, false),
		})
	}
	return out
}
