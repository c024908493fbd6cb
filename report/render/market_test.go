package render

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// marketReview returns the hand review with a market section computed by
// metrics/market from a few prices and orders of November: TEA at 120
// against JD 95 and TM 105 (index 120 against their median 100), its
// units down from 100 to 40; CUP at 50 against 50 and 52, up from 100 to
// 120;
// JD promoted on 11.11 with us, TM on 11.10 alone.
func marketReview() *report.Review {
	r := handReview()
	loc := r.Period.Location()
	tr := &market.Tracker{Period: r.Period}
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, loc) }
	for _, p := range []market.Price{
		{SKU: "TEA", Competitor: "JD", Day: day(11, 1), Price: cny("95")},
		{SKU: "TEA", Competitor: "TM", Day: day(11, 1), Price: cny("105")},
		{SKU: "CUP", Competitor: "JD", Day: day(11, 11), Price: cny("50"), Promotion: true},
		{SKU: "CUP", Competitor: "TM", Day: day(11, 10), Price: cny("52"), Promotion: true},
		{SKU: "BOX", Competitor: "TM", Day: day(11, 3), Price: cny("9.90")},
	} {
		if err := tr.AddPrice(p); err != nil {
			panic(err)
		}
	}
	sell := func(sku string, m time.Month, n int64, price string) {
		o := metrics.Order{ID: sku + m.String(), PlacedAt: day(m, 5).Add(time.Hour), Status: metrics.Paid, Currency: money.MustCurrency("CNY"),
			Lines: []metrics.Line{{SKU: sku, Quantity: n, UnitPrice: cny(price)}}}
		if err := tr.AddOrder(o); err != nil {
			panic(err)
		}
	}
	sell("TEA", time.October, 100, "120")
	sell("TEA", time.November, 40, "120")
	sell("CUP", time.October, 100, "50")
	sell("CUP", time.November, 120, "50")
	if err := tr.AddPromotion(metrics.DayOf(2025, time.November, 11, loc)); err != nil {
		panic(err)
	}
	r.Market = &report.Market{Summary: tr.Summarize(market.Config{}), Names: map[string]string{"TEA": "Green <tea>", "CUP": "Cup"}}
	r.Notes = append(r.Notes, report.Note{Section: report.SectionMarket, Key: "other_currency_prices", Reason: "USD", LeftOut: 3})
	return r
}

func TestMarketGolden(t *testing.T) {
	r := marketReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "market."+lang.String()+"."+format, render(t, rd, r))
		}
	}
}

// TestMarketSection checks the section's place after products, its
// numbers, its round trip through JSON, and that it is absent, with no
// note, without competitor prices.
func TestMarketSection(t *testing.T) {
	r := marketReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	md := render(t, Markdown{}, r)
	prod, mkt, promo := strings.Index(md, "Products and inventory"), strings.Index(md, "Market and competitors"), strings.Index(md, "Promotions")
	if prod < 0 || mkt < prod || promo < mkt {
		t.Errorf("the market section is not between products and promotions (%d, %d, %d)", prod, mkt, promo)
	}
	// JD: (4800 × 120 / 95 × 100 + 6000 × 100) / 10800 = 111.70; market:
	// (4800 × 120 + 6000 × 50 / 51 × 100) / 10800 = 107.80 (python3).
	for _, want := range []string{
		"| JD | 111.70 | 2 | 1 | 0 | CN¥10,800.00 |",
		"| Market (median of competitors) | 107.80 | 2 | 1 | 1 | CN¥10,800.00 |",
		"| Above the market | 1 | 1 | 100 | 40 | -60.0% | CN¥12,000.00 | CN¥4,800.00 | -60.0% |",
		"| At or below the market | 1 | 0 | 100 | 120 | +20.0% |",
		"| TEA | Green &lt;tea&gt; | CN¥120.00 | CN¥100.00 | 120.00 | 100 | 40 | -60.0% |",
		"| TM | 1 | 11-10 | — | 11-10 |",
		"SKUs with competitor prices that sold in neither period, so without a price of ours: 1.",
		"1 of 1 SKUs priced more than 5.0% above the market sold fewer units than in the previous period (units -60.0%), against +20.0% for the 1 SKUs at or below the market.",
		"TM ran promotions on 1 day of the period (2025-11-10), not a promotion day of ours; our CRM campaigns VIP coupon, Win-back SMS ran on it, for their targeted customers only.",
		"*Left out: Competitor prices in other currencies than the review's (USD: 3)*",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	doc := render(t, JSON{}, r)
	back, _, err := Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Market, back.Market); diff != "" {
		t.Errorf("decoded section (-want +got):\n%s", diff)
	}
	r.Market, r.Notes, r.Findings = nil, nil, nil
	if md := render(t, Markdown{}, r); strings.Contains(md, "Market and competitors") {
		t.Error("a review without competitor prices shows the market section")
	}
}

// TestMarketNames checks that every key the market section and its
// findings print has an English and a Chinese name.
func TestMarketNames(t *testing.T) {
	keys := []string{"market", "price_indices", "competitor", "market_index", "price_index", "skus_compared", "skus_dearer", "skus_cheaper",
		"weighted_sales", "market_median", "price_bands", "price_band", "above_market", "near_market", "at_or_below_market", "skus_units_fell",
		"units_previous", "units_change", "net_sales_previous", "net_sales_change", "above_market_skus", "our_price", "market_price",
		"promotion_days_table", "promotion_days_list", "days_n", "overlap_days", "alone_days", "us", "unpriced_skus", "above_shown", "market_def",
		"other_currency_prices", "invalid_prices", "no_prices_in_period", "days", "sku", "product", "units", "net_sales", "skus"}
	r := marketReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, f := range r.Findings {
		if f.Section != report.SectionMarket {
			continue
		}
		keys = append(keys, f.Watch)
		for _, e := range f.Evidence {
			keys = append(keys, e.Key)
			if e.Of != "" {
				keys = append(keys, e.Of)
			}
		}
	}
	for _, k := range keys {
		if k != "" && !HasLabel(k) {
			t.Errorf("key %q has no English and Chinese name", k)
		}
	}
}

// TestMarketCut: of a period whose data end early (Market.Cut), the price
// bands' counts of SKUs that fell read n/a, not 0, and their changes n/a;
// the JSON keeps the mark.
func TestMarketCut(t *testing.T) {
	r := marketReview()
	m := r.Market
	m.Cut = true
	undef := metrics.Undefined(metrics.UnitRatio)
	for _, g := range []*market.Group{&m.AboveMarket, &m.NearMarket, &m.AtOrBelow} {
		g.Fell, g.UnitsChange, g.NetChange = 0, undef, undef
	}
	for i := range m.SKUs {
		m.SKUs[i].UnitsChange, m.SKUs[i].NetChange = undef, undef
	}
	md := render(t, Markdown{}, r)
	if want := "| Above the market | 1 | n/a | 100 | 40 | n/a | CN¥12,000.00 | CN¥4,800.00 | n/a |"; !strings.Contains(md, want) {
		t.Errorf("the Markdown lacks %q", want)
	}
	back, _, err := Decode(strings.NewReader(render(t, JSON{}, r)))
	if err != nil {
		t.Fatal(err)
	}
	if !back.Market.Cut {
		t.Error("the JSON lost Market.Cut")
	}
}
