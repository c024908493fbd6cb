package report

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// daysPerMonth is the length of a month of the channels section's
// acquired-customer curves: the payback counts 30-day months from each
// customer's first order day.
const daysPerMonth = 30

// channelsPart computes the first-order revenue of the channels section
// from the customers' first orders the builder keeps (firsts), setting
// their net amounts during the pass over orders.
type channelsPart struct{}

func (p *channelsPart) start(*builder) {}

// order sets the net amount of o when it has just become its customer's
// first order: the earliest, ties going to the smaller channel then the
// smaller ID, as metrics.Summary breaks them for its new buyers.
func (p *channelsPart) order(b *builder, o *metrics.Order) {
	k := b.firsts.now
	if k < 0 || o.Status == metrics.Cancelled || o.CustomerID == "" {
		return
	}
	net, err := o.Net()
	if err != nil {
		b.errs = append(b.errs, fmt.Errorf("report: order %s: %w", o.ID, err))
		return
	}
	// Less the period's refunds of it, as the channel's revenue: a
	// refunded first order would otherwise raise the new-customer ROAS
	// above the ROAS. A refund in another currency is left out of the
	// review, and noted, where the refunds are read.
	per := b.periods[pCur]
	for _, r := range b.orderRefunds {
		if !per.Contains(r.At) || r.Amount.Currency() != net.Currency() {
			continue
		}
		if net, err = net.Sub(r.Amount); err != nil {
			b.errs = append(b.errs, fmt.Errorf("report: refund %s of order %s: %w", r.ID, o.ID, err))
			return
		}
	}
	b.firsts.at(k).net = net
}

func (p *channelsPart) finish(b *builder, r *Review) {
	switch {
	case r.Overview == nil:
		r.Omitted = append(r.Omitted, Omission{Section: SectionChannels, Missing: "orders"})
	case len(b.spend) == 0:
		r.Omitted = append(r.Omitted, Omission{Section: SectionChannels, Missing: "spend"})
	default:
		r.Channels = p.section(b, r)
	}
}

// channelKey returns the row name of channel ch: "(none)" for "".
func channelKey(ch string) string {
	if ch == "" {
		return noSource
	}
	return ch
}

// section computes the channels section; see [Channels] and [ChannelRow]
// for the definitions.
func (p *channelsPart) section(b *builder, r *Review) *Channels {
	zero := b.cur.Zero()
	sum := b.summary[pCur]
	cacs, _, err := metrics.AcquisitionCost(sum, slices.Values(b.spend))
	if err != nil {
		b.errs = append(b.errs, err)
		return nil
	}
	out := &Channels{
		Attribution: b.cfg.Attribution.Model.String(), AttributionDays: int(b.cfg.Attribution.window() / (24 * time.Hour)),
		AttributionAfterPurchase: b.cfg.Attribution.afterPurchase(),
		LTVMonths:                b.ltvMonths(), LTV: metrics.Undefined(metrics.UnitMoney), CohortsAsOf: b.asOf().Format(time.DateOnly),
	}
	events := !b.events.first.IsZero()
	rows := make(map[string]*ChannelRow)
	row := func(ch string) *ChannelRow {
		k := channelKey(ch)
		x := rows[k]
		if x == nil {
			x = &ChannelRow{Channel: k, Group: b.cfg.channelGroup(ch), Spend: zero, FirstOrderRevenue: zero, Revenue: zero,
				Visitors: metrics.Undefined(metrics.UnitCount), Sessions: metrics.Undefined(metrics.UnitCount),
				BounceRate: metrics.Undefined(metrics.UnitRatio), Buyers: metrics.Undefined(metrics.UnitCount),
				Conversion: metrics.Undefined(metrics.UnitRatio), Revenue30: metrics.Undefined(metrics.UnitMoney),
				Revenue90: metrics.Undefined(metrics.UnitMoney), CAC: metrics.Undefined(metrics.UnitMoney),
				ROAS: metrics.Undefined(metrics.UnitMultiple), NewROAS: metrics.Undefined(metrics.UnitMultiple), LTVToCAC: metrics.Undefined(metrics.UnitMultiple),
				Payback: metrics.Undefined(metrics.UnitCount)}
			rows[k] = x
		}
		return x
	}
	for _, c := range cacs {
		x := row(c.Channel)
		x.Spend, x.NewCustomers = c.Spend, c.NewCustomers
		cost, ok := c.Cost()
		x.CAC = moneyIf(cost, ok)
	}
	for _, g := range sum.ByChannel {
		row(g.Key).Revenue = g.NetSales
	}
	for k := range int32(b.firsts.len()) {
		f := b.firsts.at(k)
		if !b.periods[pCur].Contains(f.at) {
			continue
		}
		x := row(f.channel)
		t, err := x.FirstOrderRevenue.Add(f.net)
		if err != nil {
			b.errs = append(b.errs, fmt.Errorf("report: first order %s: %w", f.id, err))
			return nil
		}
		x.FirstOrderRevenue = t
	}
	if events {
		p.traffic(b, row)
		for _, x := range rows { // channels seen only in spend or orders
			if !x.Visitors.Defined() {
				x.Visitors, x.Sessions, x.Buyers = metrics.CountValue(0), metrics.CountValue(0), metrics.CountValue(0)
			}
			n, _ := x.Buyers.Count()
			v, _ := x.Visitors.Count()
			x.Conversion = metrics.RatioValue(metrics.ConversionRate(n, v))
		}
	}
	for _, k := range r.Overview.KPIs {
		if k.Key == metrics.KeyLTV {
			out.LTV = k.Current
		}
	}
	ltv, hasLTV := out.LTV.Money()
	for _, x := range rows {
		roas, err := metrics.ROAS(x.Revenue, x.Spend)
		if err != nil {
			b.errs = append(b.errs, err)
			return nil
		}
		x.ROAS = metrics.RatioValue(roas).In(metrics.UnitMultiple)
		nroas, err := metrics.ROAS(x.FirstOrderRevenue, x.Spend)
		if err != nil {
			b.errs = append(b.errs, err)
			return nil
		}
		x.NewROAS = metrics.RatioValue(nroas).In(metrics.UnitMultiple)
		if cac, ok := x.CAC.Money(); ok && hasLTV && cac.IsPositive() {
			q, err := metrics.LTVToCAC(ltv, cac)
			if err != nil {
				b.errs = append(b.errs, err)
				return nil
			}
			x.LTVToCAC = metrics.RatioValue(q).In(metrics.UnitMultiple)
		}
	}
	p.acquired(b, rows)
	for _, x := range rows {
		out.Rows = append(out.Rows, *x)
	}
	slices.SortFunc(out.Rows, func(x, y ChannelRow) int {
		if c := cmpMoney(y.Spend, x.Spend); c != 0 {
			return c
		}
		if c := cmpMoney(y.Revenue, x.Revenue); c != 0 {
			return c
		}
		return cmp.Compare(x.Channel, y.Channel)
	})
	if out.Groups, out.Paid, err = groups(out.Rows, sum, zero); err != nil {
		b.errs = append(b.errs, err)
		return nil
	}
	for i := range out.Rows {
		for _, g := range out.Groups {
			if g.Name == out.Rows[i].Group {
				out.Rows[i].Paid = g.Paid
			}
		}
	}
	return out
}

// traffic sets the traffic figures of the channels from the traffic
// accumulators, as the traffic section counts them by source.
func (p *channelsPart) traffic(b *builder, row func(string) *ChannelRow) {
	t := b.traffic
	rep := t.visits.Report()
	noPageViews := rep.Total.PageViews == 0 && b.cfg.Sessions.Bounce == funnel.BounceOnePage
	for src, users := range t.bySource {
		x := row(src)
		st := rep.BySource[src]
		x.Visitors, x.Sessions = metrics.CountValue(users.users), metrics.CountValue(st.Sessions)
		if !noPageViews {
			x.BounceRate = metrics.RatioValue(st.BounceRate)
		}
		x.Buyers = metrics.CountValue(0)
	}
	for src, n := range t.attr.buyers() {
		if src == noSource {
			src = ""
		}
		x := row(src)
		if !x.Visitors.Defined() {
			x.Visitors, x.Sessions = metrics.CountValue(0), metrics.CountValue(0)
		}
		x.Buyers = metrics.CountValue(n)
	}
}

// acquired sets the revenue per acquired customer after 30 and 90 days
// and the CAC payback of each row from the customers' ledger, by channel
// of the first order, in rolling days up to [builder.asOf].
func (p *channelsPart) acquired(b *builder, rows map[string]*ChannelRow) {
	cp := partOf[*cohortPart](b)
	if cp == nil || cp.ledger.Customers() == 0 {
		return
	}
	// The customers' gross profit counts a line without a unit cost at
	// none: the payback would come too soon.
	var noCost int64
	if pp := partOf[*productsPart](b); pp != nil {
		noCost = pp.noCostLines
	}
	withheld := false // a channel with a CAC whose payback the lines without cost leave undefined
	defer func() {
		if withheld {
			b.notes = append(b.notes, Note{Section: SectionChannels, Key: "payback_cost_missing", Count: noCost})
		}
	}()
	m, err := cp.ledger.Retention(cohort.RetentionConfig{By: cohort.ByChannel, Grain: metrics.Day, Window: cohort.Rolling, AsOf: b.asOf()})
	if err != nil {
		b.note(SectionChannels, "acquired_revenue", err)
		return
	}
	for _, cr := range m.Rows {
		x := rows[cr.Label]
		if x == nil {
			continue // a channel that acquired customers before, not active in the period
		}
		at := func(days int) (metrics.Value, int64) {
			if days > len(cr.Cells) {
				return metrics.Undefined(metrics.UnitMoney), 0
			}
			c := cr.Cells[days-1]
			if !c.Observed || c.Eligible == 0 {
				return metrics.Undefined(metrics.UnitMoney), 0
			}
			return metrics.MoneyValue(c.LTVNetSales), c.Eligible
		}
		x.Revenue30, x.Cohort30 = at(30)
		x.Revenue90, x.Cohort90 = at(90)
		var curve []money.Money
		for d := daysPerMonth; d <= len(cr.Cells); d += daysPerMonth {
			c := cr.Cells[d-1]
			if !c.Observed || c.Eligible == 0 {
				break
			}
			curve = append(curve, c.LTVGrossProfit)
		}
		cac, ok := x.CAC.Money()
		if noCost > 0 && !(ok && cac.IsZero()) {
			// The payback and its months observed undefined, and
			// said when the channel has a CAC to pay back. One of
			// zero is paid back at once, whatever the costs.
			withheld = withheld || ok
			continue
		}
		x.PaybackObserved = len(curve)
		if !ok {
			continue
		}
		n, reached, err := metrics.CACPayback(cac, curve)
		if err != nil {
			b.errs = append(b.errs, err)
			return
		}
		if reached {
			x.Payback = metrics.CountValue(int64(n))
		}
	}
}

// groups adds up the rows by group, paid groups first then by revenue,
// and returns them with the paid groups' shares. Its errors are those of
// amounts in another currency than the review's, which Build has left
// out before.
func groups(rows []ChannelRow, sum metrics.Summary, zero money.Money) ([]ChannelGroup, GroupShares, error) {
	byName := make(map[string]*ChannelGroup)
	var order []string
	var visitors int64
	events := false
	add := func(to *money.Money, m money.Money) error {
		t, err := to.Add(m)
		if err != nil {
			return fmt.Errorf("report: channel groups: %w", err)
		}
		*to = t
		return nil
	}
	for _, x := range rows {
		g := byName[x.Group]
		if g == nil {
			g = &ChannelGroup{Name: x.Group, Spend: zero, Revenue: zero, Visitors: metrics.Undefined(metrics.UnitCount)}
			byName[x.Group] = g
			order = append(order, x.Group)
		}
		g.Channels = append(g.Channels, x.Channel)
		if err := cmp.Or(add(&g.Spend, x.Spend), add(&g.Revenue, x.Revenue)); err != nil {
			return nil, GroupShares{}, err
		}
		g.NewCustomers += x.NewCustomers
		g.Paid = g.Paid || x.Spend.IsPositive()
		if v, ok := x.Visitors.Count(); ok {
			events = true
			n, _ := g.Visitors.Count() // 0 while undefined
			g.Visitors = metrics.CountValue(n + v)
			visitors += v
		}
	}
	share := func(v metrics.Value, newCust int64, rev money.Money) (GroupShares, error) {
		s := GroupShares{NewCustomers: metrics.CountRatio(newCust, sum.NewBuyers)}
		if n, ok := v.Count(); ok && events {
			s.Visitors = metrics.CountRatio(n, visitors)
		}
		var err error
		if s.Revenue, err = metrics.MoneyRatio(rev, sum.NetSales); err != nil {
			return GroupShares{}, fmt.Errorf("report: channel groups: %w", err)
		}
		return s, nil
	}
	var out []ChannelGroup
	paidVisitors := metrics.Undefined(metrics.UnitCount)
	if events {
		paidVisitors = metrics.CountValue(0)
	}
	var paidNew int64
	paidRev := zero
	for _, name := range order {
		g := byName[name]
		var err error
		if g.Shares, err = share(g.Visitors, g.NewCustomers, g.Revenue); err != nil {
			return nil, GroupShares{}, err
		}
		if g.Paid {
			if v, ok := g.Visitors.Count(); ok {
				n, _ := paidVisitors.Count()
				paidVisitors = metrics.CountValue(n + v)
			}
			paidNew += g.NewCustomers
			if err := add(&paidRev, g.Revenue); err != nil {
				return nil, GroupShares{}, err
			}
		}
		out = append(out, *g)
	}
	slices.SortFunc(out, func(x, y ChannelGroup) int {
		if x.Paid != y.Paid {
			if x.Paid {
				return -1
			}
			return 1
		}
		if c := cmpMoney(y.Revenue, x.Revenue); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
	paid, err := share(paidVisitors, paidNew, paidRev)
	return out, paid, err
}

// cmpMoney compares two amounts of the review's currency, which every
// amount of the section is in (Build left the others out): an amount in
// another currency sorts as equal.
func cmpMoney(a, b money.Money) int {
	c, err := a.Cmp(b)
	if err != nil {
		return 0
	}
	return c
}
