package report

import (
	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Membership is the membership and points part (会员与积分) of the
// customers section: members' share of sales and buyers, member against
// non-member AOV and repurchase, the active-member rate, and points
// issued, redeemed and outstanding with their liability. Nil when the
// input has no members. The definitions are metrics/loyalty's: a member
// buyer is a buyer who was a member when placing at least one of the
// period's orders; sales are order net sales (gross − discounts); the
// active-member rate is members at the period's start who ordered in it
// while members / members at its start.
type Membership struct {
	// KPIs: loyalty_members (at the period's end), loyalty_new_members,
	// loyalty_active_rate, loyalty_sales_share, loyalty_buyer_share,
	// loyalty_member_aov, loyalty_non_member_aov,
	// loyalty_member_repurchase, loyalty_non_member_repurchase,
	// loyalty_points_issued, loyalty_points_redeemed,
	// loyalty_points_expired, loyalty_points_outstanding,
	// loyalty_redemption_rate (redeemed / issued in the period; can exceed
	// 100 %) and loyalty_liability (outstanding × PointValue), each with
	// the previous period and last year when the data reaches them.
	KPIs []KPI `json:"kpis"`
	// Compared sets members against non-members: loyalty_aov (Welch's
	// t-test on order values) and loyalty_repurchase (two-proportion
	// z-test).
	Compared []MemberComparison `json:"compared"`
	// Levels are the figures per membership level, most members first;
	// "" for members without a level.
	Levels []MemberLevel `json:"levels"`
	// AtStart, Active and Left are the members at the period's start, of
	// them those who ordered as members, and the members who left in it.
	AtStart int64 `json:"at_start"`
	Active  int64 `json:"active"`
	Left    int64 `json:"left"`
	// Opening and Adjusted are the points balances at the period's start
	// and the signed adjustments in it: Outstanding = Opening + Issued −
	// Redeemed − Expired + Adjusted. Holders have a positive balance at
	// the end.
	Opening  int64 `json:"points_opening"`
	Adjusted int64 `json:"points_adjusted"`
	Holders  int64 `json:"points_holders"`
	// PointValue is the value of one point used for the liability.
	PointValue money.Money `json:"point_value"`
}

// MemberComparison is one metric of members against non-members, with
// the test of their difference.
type MemberComparison struct {
	Key       string        `json:"key"` // loyalty_aov or loyalty_repurchase
	Member    metrics.Value `json:"member"`
	NonMember metrics.Value `json:"non_member"`
	// Difference is Member − NonMember: exact money for the AOV, in
	// percentage points for the repurchase rate. Low and High bound its
	// 95 % confidence interval (a statistic: the AOV's bounds are rounded
	// to the minor unit); undefined when the test is.
	Difference metrics.Value `json:"difference"`
	Low        metrics.Value `json:"low"`
	High       metrics.Value `json:"high"`
	// P is the test's two-sided p-value, a number; undefined when the
	// test is (fewer than two orders or buyers on a side, no variance).
	P metrics.Value `json:"p"`
}

// Significant reports whether the difference is significant at 5 %.
func (c MemberComparison) Significant() bool {
	p, ok := c.P.Float()
	return ok && p < 0.05
}

// MemberLevel is the figures of one membership level in the period.
type MemberLevel struct {
	Name       string        `json:"name"`        // from data; "" for members without a level
	Members    int64         `json:"members"`     // at the period's end
	New        int64         `json:"new"`         // joined in the period
	ActiveRate metrics.Ratio `json:"active_rate"` // of the level's members at the start
	Buyers     int64         `json:"buyers"`
	Orders     int64         `json:"orders"`
	Sales      money.Money   `json:"sales"`       // order net sales
	AOV        metrics.Value `json:"aov"`         // undefined without orders
	SalesShare metrics.Ratio `json:"sales_share"` // of the members' sales
}

// membershipKPIs are the KPIs of [Membership], in the order shown.
var membershipKPIs = [...]metrics.KPI{
	{Key: "loyalty_members", Unit: metrics.UnitCount, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_new_members", Unit: metrics.UnitCount, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_active_rate", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_sales_share", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_buyer_share", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_member_aov", Unit: metrics.UnitMoney, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_non_member_aov", Unit: metrics.UnitMoney, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_member_repurchase", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_non_member_repurchase", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_points_issued", Unit: metrics.UnitCount, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_points_redeemed", Unit: metrics.UnitCount, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_points_expired", Unit: metrics.UnitCount, Direction: metrics.LowerIsBetter},
	{Key: "loyalty_points_outstanding", Unit: metrics.UnitCount, Direction: metrics.LowerIsBetter},
	{Key: "loyalty_redemption_rate", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "loyalty_liability", Unit: metrics.UnitMoney, Direction: metrics.LowerIsBetter},
}

// membershipValue returns the value of the KPI key in s.
func membershipValue(key string, s *loyalty.Summary) metrics.Value {
	switch key {
	case "loyalty_members":
		return metrics.CountValue(s.Members)
	case "loyalty_new_members":
		return metrics.CountValue(s.New)
	case "loyalty_active_rate":
		return pct(s.ActiveRate)
	case "loyalty_sales_share":
		return pct(s.SalesShare)
	case "loyalty_buyer_share":
		return pct(s.BuyerShare)
	case "loyalty_member_aov":
		return s.Member.AOV
	case "loyalty_non_member_aov":
		return s.NonMember.AOV
	case "loyalty_member_repurchase":
		return pct(s.Member.Repurchase)
	case "loyalty_non_member_repurchase":
		return pct(s.NonMember.Repurchase)
	case "loyalty_points_issued":
		return metrics.CountValue(s.Points.Issued)
	case "loyalty_points_redeemed":
		return metrics.CountValue(s.Points.Redeemed)
	case "loyalty_points_expired":
		return metrics.CountValue(s.Points.Expired)
	case "loyalty_points_outstanding":
		return metrics.CountValue(s.Points.Outstanding)
	case "loyalty_redemption_rate":
		return pct(s.Points.RedemptionRate)
	case "loyalty_liability":
		return metrics.MoneyValue(s.Points.Liability)
	}
	panic("report: no membership KPI " + key)
}

// membershipPart computes [Membership]: a loyalty.Tracker of the period,
// the previous period and the same period last year, each given the
// whole roster and ledger and the orders placed in its period.
type membershipPart struct {
	trackers [nPeriods]loyalty.Tracker
	on       bool // the input has members, and they and the ledger are valid
}

func (p *membershipPart) start(b *builder) {
	if len(b.in.Members) == 0 {
		return
	}
	if err := loyalty.Validate(b.in.Members, b.in.Points); err != nil {
		if b.skip() {
			b.note(SectionCustomers, "loyalty", err)
		} else {
			b.errs = append(b.errs, err)
		}
		return
	}
	p.on = true
	for i := range p.trackers {
		if i == pPrev2 {
			continue
		}
		t := &p.trackers[i]
		t.Period = b.periods[i]
		for _, m := range b.in.Members {
			if err := t.AddMember(m); err != nil { // Validate found none
				b.errs = append(b.errs, err)
			}
		}
		for _, e := range b.in.Points {
			if err := t.AddEntry(e); err != nil {
				b.errs = append(b.errs, err)
			}
		}
	}
}

func (p *membershipPart) order(b *builder, o *metrics.Order) {
	if !p.on {
		return
	}
	for i := range p.trackers {
		if i == pPrev2 || b.ordMask&(1<<i) == 0 {
			continue
		}
		if err := p.trackers[i].AddOrder(*o); err != nil {
			b.errs = append(b.errs, err)
		}
	}
}

func (p *membershipPart) finish(b *builder, r *Review) {
	if !p.on {
		return
	}
	if pv := b.cfg.PointValue; !pv.IsZero() && !b.cur.IsZero() && pv.Currency() != b.cur {
		b.errs = append(b.errs, &metrics.ConfigError{Pkg: "report", Field: "Config.PointValue",
			Problem: "in " + pv.Currency().Code() + ", the review is in " + b.cur.Code()})
		return
	}
	var sums [nPeriods]loyalty.Summary
	for _, i := range []int{pCur, pPrev, pYear} {
		t := &p.trackers[i]
		t.PointValue = b.cfg.PointValue
		if t.PointValue.IsZero() && !b.cur.IsZero() {
			t.PointValue = defaultPointValue(b.cur)
		}
		sums[i] = t.Summary()
	}
	hasPrev, hasYear := b.data.covers(b.periods[pPrev]), b.data.covers(b.periods[pYear])
	s := sums[pCur]
	m := &Membership{AtStart: s.AtStart, Active: s.Active, Left: s.Left,
		Opening: s.Points.Opening, Adjusted: s.Points.Adjusted, Holders: s.Points.Holders, PointValue: s.Points.PointValue}
	for _, k := range membershipKPIs {
		prev, year := metrics.Value{}, metrics.Value{}
		if hasPrev {
			prev = membershipValue(k.Key, &sums[pPrev])
		}
		if hasYear {
			year = membershipValue(k.Key, &sums[pYear])
		}
		kpi, err := b.sectionKPI(k, membershipValue(k.Key, &s), prev, year)
		if err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		m.KPIs = append(m.KPIs, kpi)
	}
	m.Compared = []MemberComparison{aovComparison(&s), repurchaseComparison(&s)}
	for _, l := range s.Levels {
		m.Levels = append(m.Levels, MemberLevel{Name: l.Name, Members: l.Members, New: l.New, ActiveRate: l.ActiveRate,
			Buyers: l.Buyers, Orders: l.Orders, Sales: l.Sales, AOV: l.AOV, SalesShare: l.SalesShare})
	}
	r.Membership = m
}

// aovComparison compares the members' AOV with the non-members'.
func aovComparison(s *loyalty.Summary) MemberComparison {
	c := MemberComparison{Key: "loyalty_aov", Member: s.Member.AOV, NonMember: s.NonMember.AOV,
		Difference: metrics.Undefined(metrics.UnitMoney), Low: metrics.Undefined(metrics.UnitMoney),
		High: metrics.Undefined(metrics.UnitMoney), P: metrics.Undefined(metrics.UnitNumber)}
	if d, err := s.Member.AOV.Sub(s.NonMember.AOV); err == nil && s.Member.AOV.Defined() && s.NonMember.AOV.Defined() {
		c.Difference = d
	}
	if t := s.AOVDiff; t.Defined {
		round := func(x float64) metrics.Value { // a statistic's bound, rounded to the minor unit
			m, err := s.Currency.FromDecimal(decimal.NewFromFloat(x).Round(int32(s.Currency.Digits())))
			if err != nil {
				return metrics.Undefined(metrics.UnitMoney)
			}
			return metrics.MoneyValue(m)
		}
		c.Low, c.High, c.P = round(t.Low), round(t.High), metrics.NumberValue(t.P)
	}
	return c
}

// repurchaseComparison compares the members' repurchase rate with the
// non-members'.
func repurchaseComparison(s *loyalty.Summary) MemberComparison {
	t := s.RepurchaseDiff
	c := MemberComparison{Key: "loyalty_repurchase", Member: pct(s.Member.Repurchase), NonMember: pct(s.NonMember.Repurchase),
		Difference: metrics.Undefined(metrics.UnitPoints), Low: metrics.Undefined(metrics.UnitPoints),
		High: metrics.Undefined(metrics.UnitPoints), P: metrics.Undefined(metrics.UnitNumber)}
	if t.Defined {
		c.Difference = points(metrics.NewRatio(t.Delta, 1))
		c.Low, c.High = points(metrics.NewRatio(t.Low, 1)), points(metrics.NewRatio(t.High, 1))
	}
	if t.Tested {
		c.P = metrics.NumberValue(t.P)
	}
	return c
}

// defaultPointValue returns 0.01 of c, the worth of a point when
// Config.PointValue is zero: one minor unit × 10^(digits − 2), built
// without the error path of FromDecimal (0.01 is within every currency's
// range).
func defaultPointValue(c money.Currency) money.Money {
	return c.FromMinor(1).MulRate(decimal.New(1, int32(c.Digits()-2)))
}
