package render

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// layoutDetailPages lays out the detail-page conversion part of the
// products section: the most viewed pages, the pages whose view-to-cart
// rose or fell significantly, and the definitions; nothing when p is nil.
func layoutDetailPages(p *report.DetailPages, f Formatter) []block {
	if p == nil {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	bs := []block{heading{3, lb("detail_pages")}}
	if !p.Purchases {
		bs = append(bs, note{lb("detail_no_purchase")})
	}
	if len(p.Top) > 0 {
		t := table{head: []string{lb("sku"), lb("name"), lb("page_views"), lb("viewers"), lb("carters"), lb("view_to_cart"), lb("change_pp"), lb("view_to_purchase")},
			right: []bool{false, false, true, true, true, true, true, true}}
		for _, d := range p.Top {
			t.rows = append(t.rows, []cell{{text: d.SKU}, {text: d.Name}, {text: f.Count(d.Current.Views)}, {text: f.Count(d.Current.Viewers)},
				{text: f.Count(d.Current.Carters)}, {text: f.Percent(d.Current.ViewToCart)}, deltaCell(d.ViewToCart, f), {text: f.Percent(d.Current.ViewToPurchase)}})
		}
		bs = append(bs, para{lb("detail_top")}, t)
	}
	bs = append(bs, para{fmt.Sprintf(lb("detail_compared"), f.Count(int64(p.Compared)), f.Count(p.MinViewers))})
	changes := func(title string, ds []report.DetailPage) {
		if len(ds) == 0 {
			return
		}
		t := table{head: []string{lb("sku"), lb("name"), lb("viewers"), lb("view_to_cart_prev"), lb("view_to_cart"), lb("change_pp"), lb("interval"), lb("relative_change"), lb("interval")},
			right: []bool{false, false, true, true, true, true, true, true, true}}
		for _, d := range ds {
			t.rows = append(t.rows, []cell{{text: d.SKU}, {text: d.Name}, {text: f.Count(d.Current.Viewers)},
				{text: f.Percent(d.Previous.ViewToCart)}, {text: f.Percent(d.Current.ViewToCart)}, deltaCell(d.ViewToCart, f),
				{text: pointsRange(d.ViewToCart, f)},
				{text: f.Change(d.ViewToCart.Relative)}, {text: changeRange(d.ViewToCart, f)}})
		}
		bs = append(bs, para{lb(title)}, t)
	}
	changes("detail_up", p.Up)
	changes("detail_down", p.Down)
	if len(p.Up) == 0 && len(p.Down) == 0 && p.Compared > 0 {
		bs = append(bs, para{lb("detail_none")})
	}
	bs = append(bs, note{lb("detail_def")})
	return bs
}

// deltaCell is the change of a rate in points, coloured when significant.
func deltaCell(d detail.Difference, f Formatter) cell {
	if !d.Defined {
		return cell{text: f.NA()}
	}
	c := cell{text: f.Points(metrics.NewRatio(d.Delta, 1))}
	if d.Significant {
		c.class = "good"
		if d.Delta < 0 {
			c.class = "bad"
		}
	}
	return c
}

// pointsRange formats the interval of a change in points, "+5.4 pp to +10.6 pp".
func pointsRange(d detail.Difference, f Formatter) string {
	if !d.Defined {
		return f.NA()
	}
	return fmt.Sprintf(Label("detail_range", f.Lang), f.Points(metrics.NewRatio(d.Low, 1)), f.Points(metrics.NewRatio(d.High, 1)))
}

// changeRange formats the interval of a relative change, "+47.1% to +114.7%".
func changeRange(d detail.Difference, f Formatter) string {
	if !d.RelDefined {
		return f.NA()
	}
	return fmt.Sprintf(Label("detail_range", f.Lang), f.Change(metrics.NewRatio(d.RelLow, 1)), f.Change(metrics.NewRatio(d.RelHigh, 1)))
}
