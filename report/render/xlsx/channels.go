package xlsx

import (
	"fmt"
	"strings"

	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// channels writes the channels section to sh: the three tables by
// channel and the groups, as the other renderers show them, with amounts
// as numbers in the currency's format.
func (b *book) channels(sh *sheet, s *report.Channels) {
	if s == nil {
		return
	}
	lb := b.lb
	group := func(g string) string {
		if render.HasLabel("group_" + g) {
			return lb("group_" + g)
		}
		return g
	}
	var rows [][]xcell
	for _, x := range s.Rows {
		rows = append(rows, []xcell{text(x.Channel), text(group(x.Group)), b.value(x.Visitors), b.value(x.Sessions), b.value(x.BounceRate),
			b.value(x.Buyers), b.value(x.Conversion)})
	}
	sh.table(lb("channel_traffic"), []string{lb("channel"), lb("group"), lb("visitors"), lb("sessions"), lb("bounce_rate"), lb("buyers_attr"), lb("conversion_rate")}, rows)
	rows = nil
	for _, x := range s.Rows {
		rows = append(rows, []xcell{text(x.Channel), amount(x.Spend), count(x.NewCustomers), b.value(x.CAC), amount(x.FirstOrderRevenue),
			amount(x.Revenue), b.value(x.ROAS), b.value(x.NewROAS)})
	}
	sh.table(lb("channel_economics"), []string{lb("channel"), lb("marketing_spend"), lb("new_customers"), lb("cac"), lb("first_order_revenue"), lb("channel_revenue"), lb("roas"), lb("new_roas")}, rows)
	sh.note(lb("channels_def_economics"))
	rows = nil
	for _, x := range s.Rows {
		pb := b.value(x.Payback)
		if !x.Payback.Defined() && x.CAC.Defined() && x.PaybackObserved > 0 {
			pb = text(fmt.Sprintf(lb("payback_not_within"), x.PaybackObserved))
		}
		rows = append(rows, []xcell{text(x.Channel), b.value(x.Revenue30), count(x.Cohort30), b.value(x.Revenue90), count(x.Cohort90),
			b.value(x.LTVToCAC), pb})
	}
	sh.table(lb("channel_value"), []string{lb("channel"), lb("revenue_30d"), "n", lb("revenue_90d"), "n", lb("ltv_cac"), lb("payback_months")}, rows)
	rows = nil
	for _, g := range s.Groups {
		kind := lb("kind_organic")
		if g.Paid {
			kind = lb("kind_paid")
		}
		rows = append(rows, []xcell{text(group(g.Name)), text(kind), text(strings.Join(g.Channels, ", ")), amount(g.Spend),
			b.ratio(g.Shares.Visitors), b.ratio(g.Shares.NewCustomers), b.ratio(g.Shares.Revenue)})
	}
	rows = append(rows, []xcell{text(lb("kind_paid")), text(""), text(""), text(""), b.ratio(s.Paid.Visitors), b.ratio(s.Paid.NewCustomers), b.ratio(s.Paid.Revenue)})
	sh.table(lb("channel_groups"), []string{lb("group"), lb("paid_or_organic"), lb("channels_in_group"), lb("marketing_spend"), lb("share_visitors"), lb("share_new_customers"), lb("share_revenue")}, rows)
	sh.note(lb("channels_def_groups"))
}
