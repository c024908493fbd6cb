package xlsx

import (
	"fmt"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/report"
)

// market writes the market section to sh: the price indices, the sales by
// price position, every SKU priced above the market, the promotion days
// and the definitions; nothing when p is nil.
func (b *book) market(sh *sheet, p *report.Market) {
	if p == nil {
		return
	}
	lb := b.lb
	var rows [][]xcell
	for _, ix := range append(append([]market.Index{}, p.Indices...), p.Market) {
		name := ix.Competitor
		if name == "" {
			name = lb("market_median")
		}
		rows = append(rows, []xcell{text(name), b.value(ix.Index), count(int64(ix.SKUs)), count(int64(ix.Dearer)), count(int64(ix.Cheaper)), amount(ix.Sales)})
	}
	sh.table(lb("price_indices"), []string{lb("competitor"), lb("price_index"), lb("skus_compared"), lb("skus_dearer"), lb("skus_cheaper"), lb("weighted_sales")}, rows)
	rows = nil
	for _, g := range []struct {
		key string
		g   market.Group
	}{{"above_market", p.AboveMarket}, {"near_market", p.NearMarket}, {"at_or_below_market", p.AtOrBelow}} {
		fell := count(int64(g.g.Fell))
		if p.Cut {
			fell = text(b.fm.NA())
		}
		rows = append(rows, []xcell{text(lb(g.key)), count(int64(g.g.SKUs)), fell, count(g.g.Previous.Units), count(g.g.Sales.Units),
			b.changeValue(g.g.UnitsChange), amount(g.g.Previous.Net), amount(g.g.Sales.Net), b.changeValue(g.g.NetChange)})
	}
	sh.table(lb("price_bands"), []string{lb("price_band"), lb("skus"), lb("skus_units_fell"), lb("units_previous"), lb("units"), lb("units_change"),
		lb("net_sales_previous"), lb("sales_before_returns"), lb("net_sales_change")}, rows)
	if p.Unpriced > 0 {
		sh.note(fmt.Sprintf(lb("unpriced_skus"), b.fm.Count(int64(p.Unpriced))))
	}
	rows = nil
	for _, s := range p.AboveSKUs() {
		rows = append(rows, []xcell{text(s.SKU), text(p.Names[s.SKU]), b.value(s.OurPrice), amount(s.MarketPrice), b.value(s.Index),
			count(s.Previous.Units), count(s.Sales.Units), b.changeValue(s.UnitsChange)})
	}
	sh.table(lb("above_market_skus"), []string{lb("sku"), lb("product"), lb("our_price"), lb("market_price"), lb("price_index"),
		lb("units_previous"), lb("units"), lb("units_change")}, rows)
	rows = [][]xcell{{text(lb("us")), count(int64(len(p.OurPromotionDays))), text(strings.Join(p.OurPromotionDays, ", ")), b.na(), b.na()}}
	for _, d := range p.Promotions {
		rows = append(rows, []xcell{text(d.Competitor), count(int64(len(d.Days))), text(strings.Join(d.Days, ", ")),
			text(strings.Join(d.Overlap, ", ")), text(strings.Join(d.Alone, ", "))})
	}
	sh.table(lb("promotion_days_table"), []string{lb("competitor"), lb("days_n"), lb("promotion_days_list"), lb("overlap_days"), lb("alone_days")}, rows)
	sh.note(fmt.Sprintf(lb("market_def"), b.fm.Percent(metrics.NewRatio(p.Above, 1))))
}

// changeValue is a change held as a share value, or the NA mark.
func (b *book) changeValue(v metrics.Value) xcell {
	r, _ := v.Ratio()
	return b.change(r)
}
