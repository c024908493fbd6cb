package xlsx

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// profile writes the customer profile part of the customers section to
// sh: who the buyers are, a table per attribute (with the new customers'
// share and its difference from all buyers' in points, * when
// significant) and the definitions; nothing when p is nil.
func (b *book) profile(sh *sheet, p *report.Profile) {
	if p == nil {
		return
	}
	lb := b.lb
	sh.note(lb("profile") + ": " + fmt.Sprintf(lb("profile_coverage"), b.fm.Count(p.Buyers), b.fm.Count(p.Described), b.fm.Count(p.Records), b.fm.Count(p.New)))
	for _, d := range p.Dimensions {
		name := render.ProfileDimension(d.Key, b.lang)
		var rows [][]xcell
		for _, r := range d.Rows {
			sig := ""
			if r.Significant {
				sig = "*"
			}
			rows = append(rows, []xcell{text(render.ProfileValue(d.Key, r.Value, b.lang)), amount(r.Sales), b.ratio(r.SalesShare), count(r.Buyers), b.ratio(r.BuyerShare),
				b.value(r.AOV), b.ratio(r.Repurchase), b.value(r.ValuePerBuyer), b.ratio(r.NewShare), b.value(r.Shift), text(sig)})
		}
		sh.table(lb("profile")+" · "+name, []string{name, lb("sales_before_returns"), lb("profile_sales_share"), lb("buyers"), lb("profile_buyer_share"),
			lb("aov_before_returns"), lb("repurchase_rate"), lb("profile_value"), lb("profile_new_share"), lb("profile_shift_col"), lb("profile_significant")}, rows)
	}
	sh.note(lb("profile_def"))
}
