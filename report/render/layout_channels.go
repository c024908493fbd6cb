package render

import (
	"fmt"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// layoutChannels lays out the channels section: traffic and conversion,
// spend and return, and the value of acquired customers by channel, then
// the channel groups with the paid and organic shares, each table followed
// by the definitions a reader needs.
func layoutChannels(s *report.Channels, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	if len(s.Rows) == 0 {
		return []block{note{lb("no_channels")}}
	}
	sep := " "
	if f.Lang == Chinese {
		sep = ""
	}
	lp, rp := parens(f.Lang)
	group := func(g string) string { return groupLabel(g, f.Lang) }

	bs = append(bs, heading{3, lb("channel_traffic")})
	t := table{head: []string{lb("channel"), lb("group"), lb("visitors"), lb("sessions"), lb("bounce_rate"), lb("buyers_attr"), lb("conversion_rate")},
		right: []bool{false, false, true, true, true, true, true}}
	for _, x := range s.Rows {
		t.rows = append(t.rows, []cell{{text: x.Channel}, {text: group(x.Group)}, {text: f.Value(x.Visitors)}, {text: f.Value(x.Sessions)},
			{text: f.Value(x.BounceRate)}, {text: f.Value(x.Buyers)}, {text: f.Value(x.Conversion)}})
	}
	bs = append(bs, t)
	if s.Attribution != "" {
		bs = append(bs, para{fmt.Sprintf(lb("attr_"+s.Attribution), s.AttributionDays, f.Duration(s.AttributionAfterPurchase))})
	}

	bs = append(bs, heading{3, lb("channel_economics")})
	if c, ok := cacChart(s.Rows, f); ok {
		bs = append(bs, c)
	}
	t = table{head: []string{lb("channel"), lb("marketing_spend"), lb("new_customers"), lb("cac"), lb("first_order_revenue"), lb("channel_revenue"), lb("roas"), lb("new_roas")},
		right: []bool{false, true, true, true, true, true, true, true}}
	for _, x := range s.Rows {
		t.rows = append(t.rows, []cell{{text: x.Channel}, {text: f.Money(x.Spend)}, {text: f.Count(x.NewCustomers)}, {text: f.Value(x.CAC)},
			{text: f.Money(x.FirstOrderRevenue)}, {text: f.Money(x.Revenue)}, {text: f.Value(x.ROAS)}, {text: f.Value(x.NewROAS)}})
	}
	bs = append(bs, t, para{lb("channels_def_economics")})

	bs = append(bs, heading{3, lb("channel_value")})
	t = table{head: []string{lb("channel"), lb("revenue_30d"), lb("revenue_90d"), lb("ltv_cac"), lb("payback")},
		right: []bool{false, true, true, true, true}}
	withCohort := func(v metrics.Value, n int64) string {
		if !v.Defined() {
			return f.Value(v)
		}
		return f.Value(v) + lp + "n=" + f.Count(n) + rp
	}
	for _, x := range s.Rows {
		t.rows = append(t.rows, []cell{{text: x.Channel}, {text: withCohort(x.Revenue30, x.Cohort30)}, {text: withCohort(x.Revenue90, x.Cohort90)},
			{text: f.Value(x.LTVToCAC)}, {text: payback(x, f)}})
	}
	bs = append(bs, t)
	defs := []string{fmt.Sprintf(lb("channels_def_cohorts"), s.CohortsAsOf)}
	if s.LTV.Defined() {
		defs = append(defs, fmt.Sprintf(lb("channels_def_ltv"), f.Value(s.LTV), s.LTVMonths))
	} else {
		defs = append(defs, lb("channels_def_no_ltv"))
	}
	defs = append(defs, lb("channels_def_payback"))
	bs = append(bs, para{strings.Join(defs, sep)})

	if len(s.Groups) > 0 {
		bs = append(bs, heading{3, lb("channel_groups")})
		t = table{head: []string{lb("group"), lb("paid_or_organic"), lb("channels_in_group"), lb("marketing_spend"), lb("share_visitors"), lb("share_new_customers"), lb("share_revenue")},
			right: []bool{false, false, false, true, true, true, true}}
		for _, g := range s.Groups {
			kind := lb("kind_organic")
			if g.Paid {
				kind = lb("kind_paid")
			}
			listSep := ", "
			if f.Lang == Chinese {
				listSep = "、"
			}
			t.rows = append(t.rows, []cell{{text: group(g.Name)}, {text: kind}, {text: strings.Join(g.Channels, listSep)}, {text: f.Money(g.Spend)},
				{text: f.Percent(g.Shares.Visitors)}, {text: f.Percent(g.Shares.NewCustomers)}, {text: f.Percent(g.Shares.Revenue)}})
		}
		bs = append(bs, t)
		bs = append(bs, para{fmt.Sprintf(lb("paid_shares"), f.Percent(s.Paid.Visitors), f.Percent(s.Paid.NewCustomers), f.Percent(s.Paid.Revenue)) + sep + lb("channels_def_groups")})
	}
	return bs
}

// payback formats a channel's CAC payback: "within 3 months" (the
// cumulative gross profit reached the CAC by the end of the third month:
// "within 1 month" may be on the first order), "no cost to pay back" for
// a zero CAC, "not within 12 months" when the observed curve does not
// reach the CAC, or the NA mark without a CAC or a curve.
func payback(x report.ChannelRow, f Formatter) string {
	if n, ok := x.Payback.Count(); ok {
		if n == 0 {
			return Label("payback_no_cost", f.Lang)
		}
		if n == 1 {
			return fmt.Sprintf(Label("months_one", f.Lang), n)
		}
		return fmt.Sprintf(Label("months_n", f.Lang), n)
	}
	if x.CAC.Defined() && x.PaybackObserved == 1 {
		return fmt.Sprintf(Label("payback_not_within_one", f.Lang), x.PaybackObserved)
	}
	if x.CAC.Defined() && x.PaybackObserved > 0 {
		return fmt.Sprintf(Label("payback_not_within", f.Lang), x.PaybackObserved)
	}
	return f.NA()
}

// groupLabel returns the display name of a channel group: its label
// ("group_paid_search"), or, for a channel that is a group of its own, the
// channel's name as the data gives it (relabel has named it already).
func groupLabel(g string, l Language) string {
	if HasLabel("group_" + g) {
		return Label("group_"+g, l)
	}
	return g
}

// cacChart draws, for HTML, each channel's CAC as a bar over a pale bar of
// its 30-day revenue per acquired customer: what a customer cost against
// what one brought in a month. It reports false with fewer than two
// channels with a CAC.
func cacChart(rows []report.ChannelRow, f Formatter) (chart, bool) {
	var bars []bar
	cur := money.Currency{}
	for _, x := range rows {
		cac, ok := x.CAC.Money()
		if !ok {
			continue
		}
		cur = cac.Currency()
		text := Label("cac", f.Lang) + " " + f.Money(cac)
		b := bar{label: x.Channel, v: moneyFloat(cac)}
		if r30, ok := x.Revenue30.Money(); ok {
			b.ghost = moneyFloat(r30)
			text += " · " + Label("revenue_30d_short", f.Lang) + " " + f.Money(r30)
		}
		b.text, b.tip = text, x.Channel+colon(f.Lang)+text
		bars = append(bars, b)
	}
	if len(bars) < 2 {
		return chart{}, false
	}
	title := Label("cac_chart", f.Lang)
	return chart{title: title, draw: func(f Formatter) string {
		return barChart(title, "channels", bars, func(v, step float64) string { return moneyTick(v, step, cur, f) })
	}}, true
}
