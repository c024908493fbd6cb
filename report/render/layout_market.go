package render

import (
	"fmt"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/report"
)

// marketRows is the most above-market SKUs the section lists.
const marketRows = 10

// layoutMarket lays out the market section: the price indices against
// each competitor and the market, the sales of the SKUs by price
// position against the previous period, the SKUs priced above the
// market, the promotion days beside ours, and the definitions; nothing
// when p is nil.
func layoutMarket(p *report.Market, f Formatter) []block {
	if p == nil {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	var bs []block
	if len(p.Indices) > 0 {
		bs = append(bs, heading{3, lb("price_indices")})
		t := table{head: []string{lb("competitor"), lb("price_index"), lb("skus_compared"), lb("skus_dearer"), lb("skus_cheaper"), lb("weighted_sales")},
			right: []bool{false, true, true, true, true, true}}
		for _, ix := range append(append([]market.Index{}, p.Indices...), p.Market) {
			name := ix.Competitor
			if name == "" {
				name = lb("market_median")
			}
			t.rows = append(t.rows, []cell{{text: name}, {text: f.Value(ix.Index)}, {text: f.Count(int64(ix.SKUs))},
				{text: f.Count(int64(ix.Dearer))}, {text: f.Count(int64(ix.Cheaper))}, {text: f.Money(ix.Sales)}})
		}
		bs = append(bs, t)
	}
	if len(p.SKUs) > 0 {
		bs = append(bs, heading{3, lb("price_bands")})
		t := table{head: []string{lb("price_band"), lb("skus"), lb("skus_units_fell"), lb("units_previous"), lb("units"), lb("units_change"),
			lb("net_sales_previous"), lb("sales_before_returns"), lb("net_sales_change")},
			right: []bool{false, true, true, true, true, true, true, true, true}}
		for _, g := range []struct {
			key string
			g   market.Group
		}{{"above_market", p.AboveMarket}, {"near_market", p.NearMarket}, {"at_or_below_market", p.AtOrBelow}} {
			fell := f.Count(int64(g.g.Fell))
			if p.Cut {
				fell = f.NA()
			}
			t.rows = append(t.rows, []cell{{text: lb(g.key)}, {text: f.Count(int64(g.g.SKUs))}, {text: fell},
				{text: f.Count(g.g.Previous.Units)}, {text: f.Count(g.g.Sales.Units)}, {text: changeText(g.g.UnitsChange, f)},
				{text: f.Money(g.g.Previous.Net)}, {text: f.Money(g.g.Sales.Net)}, {text: changeText(g.g.NetChange, f)}})
		}
		bs = append(bs, t)
		if p.Unpriced > 0 {
			bs = append(bs, note{fmt.Sprintf(lb("unpriced_skus"), f.Count(int64(p.Unpriced)))})
		}
	}
	if above := p.AboveSKUs(); len(above) > 0 {
		bs = append(bs, heading{3, lb("above_market_skus")})
		t := table{head: []string{lb("sku"), lb("product"), lb("our_price"), lb("market_price"), lb("price_index"),
			lb("units_previous"), lb("units"), lb("units_change")},
			right: []bool{false, false, true, true, true, true, true, true}}
		for i, s := range above {
			if i == marketRows {
				break
			}
			t.rows = append(t.rows, []cell{{text: s.SKU}, {text: p.Names[s.SKU]}, {text: f.Value(s.OurPrice)}, {text: f.Money(s.MarketPrice)},
				{text: f.Value(s.Index)}, {text: f.Count(s.Previous.Units)}, {text: f.Count(s.Sales.Units)}, {text: changeText(s.UnitsChange, f)}})
		}
		bs = append(bs, t)
		if len(above) > marketRows {
			bs = append(bs, note{fmt.Sprintf(lb("above_shown"), f.Count(marketRows), f.Count(int64(len(above))))})
		}
	}
	if len(p.Promotions) > 0 || len(p.OurPromotionDays) > 0 {
		bs = append(bs, heading{3, lb("promotion_days_table")})
		t := table{head: []string{lb("competitor"), lb("days_n"), lb("promotion_days_list"), lb("overlap_days"), lb("alone_days")},
			right: []bool{false, true, false, false, false}}
		t.rows = append(t.rows, []cell{{text: lb("us")}, {text: f.Count(int64(len(p.OurPromotionDays)))}, {text: dayList(p.OurPromotionDays, p.Period, f)}, {text: f.NA()}, {text: f.NA()}})
		for _, d := range p.Promotions {
			t.rows = append(t.rows, []cell{{text: d.Competitor}, {text: f.Count(int64(len(d.Days)))}, {text: dayList(d.Days, p.Period, f)},
				{text: dayList(d.Overlap, p.Period, f)}, {text: dayList(d.Alone, p.Period, f)}})
		}
		bs = append(bs, t)
	}
	bs = append(bs, note{fmt.Sprintf(lb("market_def"), f.Percent(metrics.NewRatio(p.Above, 1)))})
	return bs
}

// changeText formats a change held as a share value.
func changeText(v metrics.Value, f Formatter) string {
	r, _ := v.Ratio()
	return f.Change(r)
}

// dayList writes dates such as "2025-12-12", joined, as "12-12" when the
// period p lies in one year; "—" for none.
func dayList(days []string, p metrics.Period, f Formatter) string {
	if len(days) == 0 {
		return "—"
	}
	oneYear := p.Start.Year() == p.End.Add(-1).Year()
	short := make([]string, len(days))
	for i, d := range days {
		short[i] = d
		if oneYear && len(d) == len("2006-01-02") {
			short[i] = d[5:]
		}
	}
	sep := ", "
	if f.Lang == Chinese {
		sep = "、"
	}
	return strings.Join(short, sep)
}
