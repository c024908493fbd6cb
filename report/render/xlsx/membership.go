package xlsx

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// membership writes the membership and points part of the customers section to sh; nothing when p is nil.
func (b *book) membership(sh *sheet, p *report.Membership) {
	if p == nil {
		return
	}
	lb := b.lb
	b.kpis(sh, lb("loyalty"), p.KPIs)
	sh.note(fmt.Sprintf(lb("loyalty_summary"), b.fm.Count(p.AtStart), b.fm.Count(p.Active), b.fm.Count(p.Left)))
	var rows [][]xcell
	for _, c := range p.Compared {
		rows = append(rows, []xcell{text(lb(c.Key)), b.value(c.Member), b.value(c.NonMember), b.value(c.Difference),
			b.value(c.Low), b.value(c.High), text(render.PValue(c.P, b.lang))})
	}
	sh.table(lb("loyalty_vs"), []string{"", lb("loyalty_member"), lb("loyalty_non_member"), lb("loyalty_difference"),
		lb("loyalty_interval") + " −", lb("loyalty_interval") + " +", lb("loyalty_p")}, rows)
	rows = nil
	for _, l := range p.Levels {
		rows = append(rows, []xcell{text(render.LevelName(l.Name, b.lang)), count(l.Members), count(l.New), b.ratio(l.ActiveRate),
			count(l.Buyers), count(l.Orders), amount(l.Sales), b.value(l.AOV), b.ratio(l.SalesShare)})
	}
	sh.table(lb("loyalty_levels"), []string{lb("loyalty_level"), lb("loyalty_members"), lb("loyalty_new"), lb("loyalty_active_rate"),
		lb("buyers"), lb("orders"), lb("loyalty_sales"), lb("aov_before_returns"), lb("loyalty_share_of_members")}, rows)
	sh.table(lb("loyalty_ledger"), []string{lb("loyalty_opening"), lb("loyalty_adjusted"), lb("loyalty_holders"), lb("loyalty_point_value")},
		[][]xcell{{count(p.Opening), count(p.Adjusted), count(p.Holders), amount(p.PointValue)}})
	sh.note(lb("loyalty_def"))
}
