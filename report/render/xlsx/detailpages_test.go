package xlsx

import (
	"strconv"
	"testing"

	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestDetailPagesSheet checks the detail-page tables of the products
// sheet: a page's counts and rates as numbers, and a significant rise
// with its change and interval in points (mug: 10 % → 16 % of 1,000
// viewers, +6.0 pp, Newcombe 95 % interval +3.1 to +8.9 pp, as python3
// computes it).
func TestDetailPagesSheet(t *testing.T) {
	prev := detail.Product{SKU: "mug", Views: 1800, Viewers: 1000, Carters: 100, ViewToCart: metrics.CountRatio(100, 1000)}
	cur := detail.Product{SKU: "mug", Views: 2000, Viewers: 1000, Carters: 160, Buyers: 70,
		ViewToCart: metrics.CountRatio(160, 1000), CartToPurchase: metrics.CountRatio(70, 160), ViewToPurchase: metrics.CountRatio(70, 1000)}
	page := report.DetailPage{SKU: "mug", Name: "马克杯", Current: cur, Previous: prev, ViewToCart: detail.CompareRates(prev.ViewToCart, cur.ViewToCart)}
	r := &report.Review{Store: "x", Currency: money.MustCurrency("CNY"), Products: &report.Products{},
		DetailPages: &report.DetailPages{Top: []report.DetailPage{page}, Up: []report.DetailPage{page}, Compared: 1, MinViewers: 100, Purchases: true}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionProducts, l))
		top := find(t, f, sh, render.Label("detail_top", l), 1)
		row := strconv.Itoa(top + 2) // the title, the header, the row
		for col, want := range map[string]string{"A": "mug", "C": "2000", "D": "1000", "E": "160", "F": "0.16", "H": "0.07"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: top %s%s = %q, want %s", l, col, row, got, want)
			}
		}
		up := find(t, f, sh, render.Label("detail_up", l), 1)
		row = strconv.Itoa(up + 2)
		for col, want := range map[string]float64{"D": 0.10, "E": 0.16, "F": 6.0, "G": 3.1, "H": 8.9} {
			got, err := strconv.ParseFloat(raw(t, f, sh, col+row), 64)
			if err != nil || got < want-0.05 || got > want+0.05 {
				t.Errorf("%v: rise %s%s = %v (%v), want %v", l, col, row, got, err, want)
			}
		}
	}
}
