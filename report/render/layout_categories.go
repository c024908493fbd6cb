package render

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// layoutCategories lays out the category penetration part of the products section; nothing when p is nil.
func layoutCategories(p *report.Categories, f Formatter) []block {
	if p == nil {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	bs := []block{heading{3, lb("cat_heading")},
		para{fmt.Sprintf(lb("cat_summary"), f.Count(p.Buyers), f.Count(p.Orders), f.Count(p.NewCustomers), f.Count(p.Returning))}}
	head := []string{lb("category"), lb("cat_buyers"), lb("cat_penetration")}
	right := []bool{false, true, true}
	if p.Compared {
		head = append(head, lb("cat_previous"), lb("cat_change"), lb("cat_p_value"))
		right = append(right, true, true, true)
	}
	head = append(head, lb("cat_main_share"), lb("cat_sales_share"))
	right = append(right, true, true)
	if p.Starts {
		head = append(head, lb("cat_start_share"), lb("cat_base_share"))
		right = append(right, true, true)
	}
	t := table{head: head, right: right}
	significant := false
	for _, x := range p.Rows {
		row := []cell{{text: CategoryName(x.Category, f.Lang)}, {text: f.Count(x.Buyers)}, {text: f.Percent(x.Penetration)}}
		if p.Compared {
			c := cell{text: f.Value(x.Change)}
			if x.Significant {
				significant = true
				c.text += " *"
				if d, ok := x.Change.Float(); ok && d < 0 {
					c.class = "bad"
				} else if ok && d > 0 {
					c.class = "good"
				}
			}
			row = append(row, cell{text: f.Percent(x.Previous)}, c, cell{text: catPValue(x.PValue, f)})
		}
		row = append(row, cell{text: f.Percent(x.MainShare)}, cell{text: f.Percent(x.SalesShare)})
		if p.Starts {
			row = append(row, cell{text: f.Percent(x.Start)}, cell{text: f.Percent(x.Base)})
		}
		t.rows = append(t.rows, row)
	}
	bs = append(bs, t)
	if significant {
		bs = append(bs, note{lb("cat_significant")})
	}
	if !p.Starts {
		bs = append(bs, note{lb("cat_no_starts")})
	}
	pairs := func(title, both, none string, ps []report.CategoryPair, tested int) {
		bs = append(bs, heading{3, lb(title)})
		if len(ps) == 0 {
			bs = append(bs, note{fmt.Sprintf(lb(none), f.Count(p.MinBoth), f.Count(int64(tested)))})
			return
		}
		t := table{head: []string{lb("cat_pair"), lb(both), lb("cat_support"), lb("cat_confidence_ab"), lb("cat_confidence_ba"), lb("cat_lift"), lb("cat_q_value")},
			right: []bool{false, true, true, true, true, true, true}}
		for _, x := range ps {
			t.rows = append(t.rows, []cell{{text: CategoryName(x.A, f.Lang) + " + " + CategoryName(x.B, f.Lang)}, {text: f.Count(x.Both)},
				{text: f.Percent(x.Support)}, {text: f.Percent(x.ConfidenceAB)}, {text: f.Percent(x.ConfidenceBA)}, {text: f.Value(x.Lift)}, {text: catPValue(x.QValue, f)}})
		}
		bs = append(bs, t)
	}
	pairs("cat_pairs", "cat_co_buyers", "cat_no_pairs", p.Pairs, p.Tested)
	pairs("cat_basket_pairs", "cat_co_orders", "cat_no_basket_pairs", p.BasketPairs, p.BasketTested)
	bs = append(bs, note{lb("cat_def")})
	return bs
}

// CategoryName returns the display name of a category of the category
// part in l: the category itself, or "(uncategorised)" for the lines
// without one.
func CategoryName(c string, l Language) string {
	if c == "" {
		return Label("cat_uncategorised", l)
	}
	return c
}

// catPValue formats a p-value or q-value: three decimals, "<0.001" below
// that, or the NA mark.
func catPValue(v metrics.Value, f Formatter) string {
	x, ok := v.Float()
	switch {
	case !ok:
		return f.NA()
	case x < 0.001:
		return "<0.001"
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}

// relabelCategories returns a copy of p with its categories replaced by
// their display names by dl (see relabel); nil for nil.
func relabelCategories(p *report.Categories, dl func(string) string) *report.Categories {
	if p == nil {
		return nil
	}
	c := *p
	c.Rows, c.Pairs, c.BasketPairs = slices.Clone(p.Rows), slices.Clone(p.Pairs), slices.Clone(p.BasketPairs)
	for i := range c.Rows {
		if c.Rows[i].Category != "" {
			c.Rows[i].Category = dl(c.Rows[i].Category)
		}
	}
	for _, ps := range [][]report.CategoryPair{c.Pairs, c.BasketPairs} {
		for i := range ps {
			if ps[i].A != "" {
				ps[i].A = dl(ps[i].A)
			}
			if ps[i].B != "" {
				ps[i].B = dl(ps[i].B)
			}
		}
	}
	return &c
}
