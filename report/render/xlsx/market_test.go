package xlsx

import (
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestMarketSheet checks the market sheet's cells against the section: a
// competitor's index as a number, the above-market band's counts and
// change, the SKU above the market, and the promotion days.
func TestMarketSheet(t *testing.T) {
	p := metrics.MonthOf(2025, time.December, time.UTC)
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	tr := &market.Tracker{Period: p}
	for _, x := range []market.Price{
		{SKU: "TEA", Competitor: "JD", Day: p.Start, Price: cny("100"), Promotion: true},
		{SKU: "CUP", Competitor: "JD", Day: p.Start, Price: cny("50")},
	} {
		if err := tr.AddPrice(x); err != nil {
			t.Fatal(err)
		}
	}
	for i, x := range []struct {
		sku   string
		at    time.Time
		q     int64
		price string
	}{{"TEA", p.Start, 2, "120"}, {"TEA", p.Start.AddDate(0, -1, 0), 5, "120"}, {"CUP", p.Start, 3, "50"}} {
		o := metrics.Order{ID: strconv.Itoa(i), PlacedAt: x.at, Status: metrics.Paid, Currency: money.MustCurrency("CNY"),
			Lines: []metrics.Line{{SKU: x.sku, Quantity: x.q, UnitPrice: cny(x.price)}}}
		if err := tr.AddOrder(o); err != nil {
			t.Fatal(err)
		}
	}
	r := &report.Review{Store: "x", Period: p, Currency: money.MustCurrency("CNY"), Market: &report.Market{Summary: tr.Summarize(market.Config{})}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionMarket, l))
		// JD: (240 × 120 + 150 × 100) / 390 = 112.3077 (python3).
		jd := find(t, f, sh, "JD", 1)
		row := strconv.Itoa(jd)
		for col, want := range map[string]string{"C": "2", "D": "1", "E": "0"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: JD %s%s = %q, want %s", l, col, row, got, want)
			}
		}
		if got := raw(t, f, sh, "B"+row); len(got) < 8 || got[:8] != "112.3076" {
			t.Errorf("%v: JD index %q, want 112.3076…", l, got)
		}
		row = strconv.Itoa(find(t, f, sh, render.Label("above_market", l), 1))
		for col, want := range map[string]string{"B": "1", "C": "1", "D": "5", "E": "2", "F": "-0.6"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: above the market %s%s = %q, want %s", l, col, row, got, want)
			}
		}
		row = strconv.Itoa(find(t, f, sh, "TEA", 1))
		if got := raw(t, f, sh, "E"+row); got != "120" {
			t.Errorf("%v: TEA's index %q, want 120", l, got)
		}
		row = strconv.Itoa(find(t, f, sh, "JD", jd+1)) // the promotion days, after the indices
		if got := raw(t, f, sh, "C"+row); got != "2025-12-01" {
			t.Errorf("%v: JD's promotion days %q", l, got)
		}
	}
}
