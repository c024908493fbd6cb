package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// detailPagesReview returns the hand review with a detail-page part built
// from hand counts by funnel/detail: mug's view-to-cart rose from 10 % of
// 1,000 viewers to 16 % of 1,000, lamp's fell from 20 % of 800 to 12 % of
// 900, tea's changed by 1 point (not significant), and pen had 80 viewers,
// under the minimum of 100, before.
func detailPagesReview() *report.Review {
	r := handReview()
	prod := func(sku string, views, viewers, carters, buyers int64) detail.Product {
		return detail.Product{SKU: sku, Views: views, Viewers: viewers, Carters: carters, Buyers: buyers,
			ViewToCart: metrics.CountRatio(carters, viewers), CartToPurchase: metrics.CountRatio(buyers, carters), ViewToPurchase: metrics.CountRatio(buyers, viewers)}
	}
	prev := detail.Result{Purchases: true, Products: []detail.Product{
		prod("lamp", 1500, 800, 160, 60), prod("mug", 1800, 1000, 100, 40), prod("pen", 100, 80, 8, 2), prod("tea", 1200, 600, 120, 50)}}
	cur := detail.Result{Purchases: true, Products: []detail.Product{
		prod("lamp", 1600, 900, 108, 50), prod("mug", 2000, 1000, 160, 70), prod("pen", 400, 300, 30, 9), prod("tea", 1300, 650, 137, 55)}}
	names := map[string]string{"lamp": "台灯 Desk lamp", "mug": "马克杯 <Mug>", "tea": "龙井 Longjing"}
	d := &report.DetailPages{MinViewers: 100, Purchases: true}
	for _, c := range detail.Compare(prev, cur, detail.CompareConfig{}) {
		p := report.DetailPage{SKU: c.SKU, Name: names[c.SKU], Current: c.Current, Previous: c.Previous, ViewToCart: c.ViewToCart}
		d.Compared++
		switch {
		case !p.ViewToCart.Significant:
		case p.ViewToCart.Delta > 0:
			d.Up = append(d.Up, p)
		default:
			d.Down = append(d.Down, p)
		}
		d.Top = append(d.Top, p)
	}
	pen := detail.CompareRates(prev.Products[2].ViewToCart, cur.Products[2].ViewToCart)
	pen.Q, pen.Significant = 1, false
	d.Top = append(d.Top, report.DetailPage{SKU: "pen", Current: cur.Products[2], Previous: prev.Products[2], ViewToCart: pen})
	r.DetailPages = d
	return r
}

func TestDetailPagesGolden(t *testing.T) {
	r := detailPagesReview()
	// The rules too: lamp's fall, over 900 viewers, is a finding.
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	n := 0
	for _, f := range r.Findings {
		if f.Rule == "detail_page_fell" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d detail_page_fell findings, want 1 (lamp)", n)
	}
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "detailpages."+lang.String()+"."+format, render(t, rd, r))
		}
	}
}

// TestDetailPagesSection checks the part's place and numbers: inside the
// products section, the rise of mug and the fall of lamp, and a round
// trip through JSON.
func TestDetailPagesSection(t *testing.T) {
	r := detailPagesReview()
	md := render(t, Markdown{}, r)
	prod, part := strings.Index(md, "Products and inventory"), strings.Index(md, "Detail-page conversion")
	if prod < 0 || part < prod {
		t.Errorf("the detail-page part is not in the products section (%d, %d)", prod, part)
	}
	// mug: 10.0% → 16.0%, +6.0 pp (+3.1 to +8.9); lamp: 20.0% → 12.0%,
	// −8.0 pp (−11.5 to −4.5): the intervals as python3 computes them from
	// the formulas of funnel/detail.
	for _, want := range []string{"| mug | 马克杯 &lt;Mug&gt; | 1,000 | 10.0% | 16.0% | +6.0 pp | +3.1 pp to +8.9 pp |", "| lamp | 台灯 Desk lamp | 900 | 20.0% | 12.0% | -8.0 pp | -11.5 pp to -4.5 pp |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	var buf bytes.Buffer
	if err := (JSON{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	back, _, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.DetailPages, back.DetailPages); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}
