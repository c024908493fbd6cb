package xlsx

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// detailPages writes the detail-page conversion part of the products
// section to sh: the most viewed pages and the pages whose view-to-cart
// rose or fell significantly, with the changes in points and their
// intervals as numbers; nothing when p is nil.
func (b *book) detailPages(sh *sheet, p *report.DetailPages) {
	if p == nil {
		return
	}
	lb := b.lb
	if !p.Purchases {
		sh.note(lb("detail_no_purchase"))
	}
	var rows [][]xcell
	for _, d := range p.Top {
		rows = append(rows, []xcell{text(d.SKU), text(d.Name), count(d.Current.Views), count(d.Current.Viewers), count(d.Current.Carters),
			b.ratio(d.Current.ViewToCart), b.points(d.ViewToCart.Delta, d.ViewToCart.Defined), b.ratio(d.Current.ViewToPurchase)})
	}
	sh.table(lb("detail_top"), []string{lb("sku"), lb("name"), lb("page_views"), lb("viewers"), lb("carters"), lb("view_to_cart"), lb("change_pp"), lb("view_to_purchase")}, rows)
	changes := func(title string, ds []report.DetailPage) {
		var rows [][]xcell
		for _, d := range ds {
			c := d.ViewToCart
			rows = append(rows, []xcell{text(d.SKU), text(d.Name), count(d.Current.Viewers), b.ratio(d.Previous.ViewToCart), b.ratio(d.Current.ViewToCart),
				b.points(c.Delta, c.Defined), b.points(c.Low, c.Defined), b.points(c.High, c.Defined),
				b.change(c.Relative), b.relBound(c, c.RelLow), b.relBound(c, c.RelHigh), num(kNumber, c.Q)})
		}
		sh.table(lb(title), []string{lb("sku"), lb("name"), lb("viewers"), lb("view_to_cart_prev"), lb("view_to_cart"),
			lb("change_pp"), lb("detail_low"), lb("detail_high"), lb("relative_change"), lb("detail_low"), lb("detail_high"), lb("detail_q")}, rows)
	}
	changes("detail_up", p.Up)
	changes("detail_down", p.Down)
	sh.note(fmt.Sprintf(lb("detail_compared"), b.fm.Count(int64(p.Compared)), b.fm.Count(p.MinViewers)))
	sh.note(lb("detail_def"))
}

// points is a change of a rate in points, given as a fraction (0.08 is
// 8 pp), or the NA mark.
func (b *book) points(v float64, ok bool) xcell {
	if !ok {
		return b.na()
	}
	return num(kPoints, v*100)
}

// relBound is a bound of the interval of a relative change, or the NA mark.
func (b *book) relBound(d detail.Difference, v float64) xcell {
	if !d.RelDefined {
		return b.na()
	}
	return b.change(metrics.NewRatio(v, 1))
}
