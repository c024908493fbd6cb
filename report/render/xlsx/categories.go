package xlsx

import (
	"math"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// categories writes the category penetration part of the products section to sh; nothing when p is nil.
func (b *book) categories(sh *sheet, p *report.Categories) {
	if p == nil {
		return
	}
	lb := b.lb
	name := func(c string) xcell { return text(render.CategoryName(c, b.lang)) }
	head := []string{lb("category"), lb("cat_buyers"), lb("cat_penetration")}
	if p.Compared {
		head = append(head, lb("cat_previous"), lb("cat_change"), lb("cat_p_value"))
	}
	head = append(head, lb("cat_main_share"), lb("cat_sales_share"))
	if p.Starts {
		head = append(head, lb("cat_start_share"), lb("cat_base_share"))
	}
	var rows [][]xcell
	for _, x := range p.Rows {
		row := []xcell{name(x.Category), count(x.Buyers), b.ratio(x.Penetration)}
		if p.Compared {
			row = append(row, b.ratio(x.Previous), b.catPoints(x.Change), b.value(x.PValue))
		}
		row = append(row, b.ratio(x.MainShare), b.ratio(x.SalesShare))
		if p.Starts {
			row = append(row, b.ratio(x.Start), b.ratio(x.Base))
		}
		rows = append(rows, row)
	}
	sh.table(lb("cat_heading"), head, rows)
	pairs := func(title, both string, ps []report.CategoryPair) {
		var rows [][]xcell
		for _, x := range ps {
			rows = append(rows, []xcell{text(render.CategoryName(x.A, b.lang) + " + " + render.CategoryName(x.B, b.lang)), count(x.Both),
				b.ratio(x.Support), b.ratio(x.ConfidenceAB), b.ratio(x.ConfidenceBA), b.value(x.Lift), b.value(x.QValue)})
		}
		sh.table(lb(title), []string{lb("cat_pair"), lb(both), lb("cat_support"), lb("cat_confidence_ab"), lb("cat_confidence_ba"), lb("cat_lift"), lb("cat_q_value")}, rows)
	}
	pairs("cat_pairs", "cat_co_buyers", p.Pairs)
	pairs("cat_basket_pairs", "cat_co_orders", p.BasketPairs)
	sh.note(lb("cat_def"))
}

// catPoints is a change in percentage points (held as a fraction), or
// the NA mark.
func (b *book) catPoints(v metrics.Value) xcell {
	x, ok := v.Float()
	if !ok || math.IsInf(x, 0) || math.IsNaN(x) {
		return b.na()
	}
	return num(kPoints, x*100)
}
