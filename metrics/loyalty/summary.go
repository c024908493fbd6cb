package loyalty

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Summary is the membership programme over a [Tracker]'s period (see the
// package documentation for the definitions).
type Summary struct {
	Currency money.Currency // of the amounts: the orders', else PointValue's

	Members int64 // members at the period's end (会员数)
	AtStart int64 // members at the period's start (期初会员), who joined before it
	New     int64 // members who joined in the period (新会员)
	Left    int64 // members who left in the period, after its start; Members = AtStart + New − Left
	// Active counts the members at the period's start who placed an
	// order in the period while members; ActiveRate = Active / AtStart (会员活跃度), in [0, 1],
	// undefined with no member at the start.
	Active     int64
	ActiveRate metrics.Ratio

	Member    Group // the member buyers and their orders
	NonMember Group // the other buyers, and the guest orders
	// SalesShare = Member.Sales / (Member.Sales + NonMember.Sales)
	// (会员销售占比), in [0, 1]; undefined with no sales.
	SalesShare metrics.Ratio
	// BuyerShare = Member.Buyers / (Member.Buyers + NonMember.Buyers)
	// (会员买家占比), in [0, 1]; undefined with no buyers.
	BuyerShare metrics.Ratio
	// AOVDiff tests member AOV − non-member AOV; RepurchaseDiff member
	// repurchase rate − non-member repurchase rate.
	AOVDiff        MeanDifference
	RepurchaseDiff RateDifference

	// Levels are the figures of each level, most members at the end
	// first, then by name; members without a level are under "". Their
	// counts and sales add up to the members' figures above.
	Levels []Level

	Points Points
}

// Group is the buyers of one side (members or non-members) in the
// period.
type Group struct {
	Buyers int64 // customers with an order in the period; guests are in no group's Buyers
	Repeat int64 // of Buyers, those with two or more orders
	Orders int64 // non-cancelled orders in the period; the non-members' include guest orders
	// Sales is Σ order net sales (gross − discounts) of the orders.
	Sales money.Money
	// AOV = Sales / Orders, money rounded half to even to the minor
	// unit; undefined without orders.
	AOV metrics.Value
	// Repurchase = Repeat / Buyers (复购率), in [0, 1]; undefined
	// without buyers.
	Repurchase metrics.Ratio

	sum, sq float64 // Σ order value and Σ value², in minor units, for the test
}

// Level is the figures of the members of one level.
type Level struct {
	Name       string
	Members    int64         // at the period's end
	AtStart    int64         // at the period's start
	New        int64         // joined in the period
	Active     int64         // of AtStart, with an order in the period placed while a member
	ActiveRate metrics.Ratio // Active / AtStart, in [0, 1]; undefined when AtStart is 0
	Buyers     int64         // member buyers of the level
	Orders     int64
	Sales      money.Money
	AOV        metrics.Value // Sales / Orders; undefined without orders
	// SalesShare = Sales / the members' sales, in [0, 1]; undefined when
	// members made no sales.
	SalesShare metrics.Ratio
}

// Points is the points ledger over the period.
type Points struct {
	Opening  int64 // balances at the period's start (期初)
	Issued   int64 // issued in the period (发放)
	Redeemed int64 // redeemed in the period (兑换)
	Expired  int64 // expired in the period (过期)
	Adjusted int64 // adjustments in the period, signed (调整)
	// Outstanding = Opening + Issued − Redeemed − Expired + Adjusted:
	// the balances at the period's end (未兑换积分).
	Outstanding int64
	Holders     int64 // customers with a positive balance at the period's end
	// RedemptionRate = Redeemed / Issued (积分兑换率); it exceeds 1 when
	// more points were redeemed than issued in the period; undefined
	// when none were issued.
	RedemptionRate metrics.Ratio
	// PointValue is the value of one point used for Liability.
	PointValue money.Money
	// Liability = Outstanding × PointValue (积分负债), exact, unrounded.
	Liability money.Money
}

// atStart reports whether m was a member at the instant start, having
// joined before it.
func atStart(m *Member, start time.Time) bool {
	return m.Joined.Before(start) && (m.Left.IsZero() || m.Left.After(start))
}

// atEnd reports whether m was a member on the period's last day: joined
// before end and not left before it.
func atEnd(m *Member, end time.Time) bool {
	return m.Joined.Before(end) && (m.Left.IsZero() || !m.Left.Before(end))
}

// Summary returns the figures of everything added.
func (t *Tracker) Summary() Summary {
	s := Summary{Currency: t.currency()}
	zero := s.Currency.Zero()
	start, end := t.Period.Start, t.Period.End
	s.Member.Sales, s.NonMember.Sales = zero, zero
	levels := make(map[string]*Level)
	level := func(name string) *Level {
		l := levels[name]
		if l == nil {
			l = &Level{Name: name, Sales: zero}
			levels[name] = l
		}
		return l
	}
	for _, id := range slices.Sorted(maps.Keys(t.members)) {
		m := t.members[id]
		in, out := atStart(&m, start), atEnd(&m, end)
		isNew := !m.Joined.Before(start) && m.Joined.Before(end)
		if !in && !out && !isNew {
			continue
		}
		l := level(m.Level)
		if out {
			s.Members++
			l.Members++
		}
		if in {
			s.AtStart++
			l.AtStart++
			if b := t.buyers[id]; b != nil && slices.ContainsFunc(b.times, m.At) {
				s.Active++
				l.Active++
			}
		}
		if isNew {
			s.New++
			l.New++
		}
		if m.Left.After(start) && m.Left.Before(end) {
			s.Left++
		}
	}
	for _, id := range slices.Sorted(maps.Keys(t.buyers)) {
		b := t.buyers[id]
		g := &s.NonMember
		if m, ok := t.members[id]; ok && slices.ContainsFunc(b.times, m.At) {
			g = &s.Member
			l := level(m.Level)
			l.Buyers++
			l.Orders += b.orders
			l.Sales = oneCurrency(l.Sales.Add(b.sales))
		}
		g.add(b, true)
	}
	s.NonMember.add(&t.guests, false)
	for _, g := range [...]*Group{&s.Member, &s.NonMember} {
		g.AOV = aov(g.Sales, g.Orders)
		g.Repurchase = metrics.CountRatio(g.Repeat, g.Buyers)
	}
	s.ActiveRate = metrics.CountRatio(s.Active, s.AtStart)
	total := oneCurrency(s.Member.Sales.Add(s.NonMember.Sales))
	s.SalesShare = oneCurrency(metrics.MoneyRatio(s.Member.Sales, total))
	s.BuyerShare = metrics.CountRatio(s.Member.Buyers, s.Member.Buyers+s.NonMember.Buyers)
	s.AOVDiff = compareMeans(&s.NonMember, &s.Member, s.Currency)
	s.RepurchaseDiff = CompareRates(s.NonMember.Repurchase, s.Member.Repurchase)
	for _, l := range levels {
		l.ActiveRate = metrics.CountRatio(l.Active, l.AtStart)
		l.AOV = aov(l.Sales, l.Orders)
		l.SalesShare = oneCurrency(metrics.MoneyRatio(l.Sales, s.Member.Sales))
		s.Levels = append(s.Levels, *l)
	}
	slices.SortFunc(s.Levels, func(a, b Level) int {
		if c := cmp.Compare(b.Members, a.Members); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	s.Points = t.points(s.Currency)
	return s
}

// add adds b's orders to g; buyer says whether b is a customer.
func (g *Group) add(b *buyer, buyer bool) {
	if b.orders == 0 {
		return
	}
	if buyer {
		g.Buyers++
		if b.orders >= 2 {
			g.Repeat++
		}
	}
	g.Orders += b.orders
	g.Sales = oneCurrency(g.Sales.Add(b.sales))
	f, _ := b.sales.Decimal().Shift(int32(b.sales.Currency().Digits())).Float64()
	g.sum += f
	g.sq += b.sq.float()
}

func aov(sales money.Money, orders int64) metrics.Value {
	v, ok := sales.Div(orders, money.RoundHalfEven)
	if !ok {
		return metrics.Undefined(metrics.UnitMoney)
	}
	return metrics.MoneyValue(v)
}

// points returns the ledger's figures, liability in c.
func (t *Tracker) points(c money.Currency) Points {
	var p Points
	for _, a := range t.accounts {
		p.Opening += a.opening
		p.Issued += a.issued
		p.Redeemed += a.redeemed
		p.Expired += a.expired
		p.Adjusted += a.adjusted
		if v, _ := a.outstanding(); v > 0 {
			p.Holders++
		}
	}
	p.Outstanding = p.Opening + p.Issued - p.Redeemed - p.Expired + p.Adjusted
	p.RedemptionRate = metrics.CountRatio(p.Redeemed, p.Issued)
	p.PointValue = t.pointValue(c)
	p.Liability = p.PointValue.Mul(p.Outstanding)
	return p
}
