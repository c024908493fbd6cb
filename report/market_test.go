package report

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// marketOrder is an order of one line of sku: q units at price.
func marketOrder(id string, at time.Time, sku string, q int64, price string) metrics.Order {
	return metrics.Order{ID: id, CustomerID: "c" + id, PlacedAt: at, Status: metrics.Paid, Currency: money.MustCurrency("CNY"),
		Lines: []metrics.Line{{SKU: sku, Name: "name of " + sku, Quantity: q, UnitPrice: cny(price), UnitCost: cny("1")}}}
}

func midnight(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }

// marketInput is a store of two SKUs: DEAR at 120 against a market of 100
// (20 % above), whose units fell from 30 to 12, and FAIR at 100 against 100,
// whose units rose from 30 to 36 (z = (ln 0.4 − ln 1.2) / √(1/12 + 1/30 +
// 1/36 + 1/30) = −2.61, beyond chance); one competitor promoted on 12.12 with
// us, the other on 12.11 alone.
func marketInput() Input {
	var orders []metrics.Order
	add := func(sku string, m time.Month, n int, price string) {
		for i := range n {
			orders = append(orders, marketOrder(sku+m.String()+strconv.Itoa(i), day(m, 1+i%28), sku, 1, price))
		}
	}
	add("DEAR", time.November, 30, "120")
	add("DEAR", time.December, 12, "120")
	add("FAIR", time.November, 30, "100")
	add("FAIR", time.December, 36, "100")
	prices := []market.Price{
		{SKU: "DEAR", Competitor: "JD", Day: midnight(time.December, 1), Price: cny("95")},
		{SKU: "DEAR", Competitor: "TM", Day: midnight(time.December, 1), Price: cny("105")},
		{SKU: "FAIR", Competitor: "JD", Day: midnight(time.December, 12), Price: cny("100"), Promotion: true},
		{SKU: "FAIR", Competitor: "TM", Day: midnight(time.December, 11), Price: cny("100"), Promotion: true},
		{SKU: "FAIR", Competitor: "TM", Day: midnight(time.December, 2), Price: money.MustNew("14", "USD")},
		{SKU: "FAIR", Competitor: "TM", Day: midnight(time.December, 3), Price: money.MustNew("15", "USD")},
	}
	w, _ := metrics.ParsePeriod("2025-12-12", time.UTC)
	return Input{Orders: slices.Values(orders), CompetitorPrices: prices,
		Promotions: []promo.Promotion{{ID: "p1", Window: w, Scope: promo.Scope{Store: true}, Mechanism: promo.PercentOff}}}
}

func TestMarketSection(t *testing.T) {
	r, err := Build(marketInput(), Config{Period: december})
	if err != nil {
		t.Fatal(err)
	}
	m := r.Market
	if m == nil {
		t.Fatal("no market section")
	}
	// DEAR: 120 / median(95, 105) = 120 / 100 → 120; FAIR 100. The market
	// index weights them by December net sales: (1440 × 120 + 3600 × 100)
	// / 5040 = 105.714285…
	type row struct {
		SKU   string
		Index float64
		Band  market.Band
	}
	var got []row
	for _, s := range m.SKUs {
		f, _ := s.Index.Float()
		got = append(got, row{s.SKU, f, s.Band})
	}
	want := []row{{"FAIR", 100, market.AtOrBelow}, {"DEAR", 120, market.Above}}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("SKUs (-want +got):\n%s", diff)
	}
	if f, _ := m.Market.Index.Float(); f != (1440*120.0+3600*100)/5040 {
		t.Errorf("market index %v, want 105.714…", f)
	}
	if m.Names["DEAR"] != "name of DEAR" {
		t.Errorf("names %v", m.Names)
	}
	if diff := gocmp.Diff([]Note{{Section: SectionMarket, Key: "other_currency_prices", Reason: "USD", LeftOut: 2}}, r.NotesOf(SectionMarket)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	var rules []string
	for _, f := range r.Findings {
		if f.Section == SectionMarket {
			rules = append(rules, f.Rule)
		}
	}
	if diff := gocmp.Diff([]string{"above_market_falling", "competitor_promotions_alone"}, rules); diff != "" {
		t.Errorf("market findings (-want +got):\n%s", diff)
	}
	for _, f := range r.Findings {
		if f.Rule == "above_market_falling" {
			// 1 of 1 SKU above the market fell (units −60 %), against +20 %
			// for the 1 SKU at or below it.
			args := f.Title.Args
			if n, _ := args[0].Value.Count(); n != 1 || !args[3].Change.Equal(metrics.Change(12, 30)) || !args[4].Change.Equal(metrics.Change(36, 30)) {
				t.Errorf("title args %+v", args)
			}
			if z := f.Evidence[len(f.Evidence)-1]; z.Key != "z_score" || !z.Value.Equal(metrics.NumberValue(-2.61)) {
				t.Errorf("evidence %+v, want z = -2.61", z)
			}
		}
		if f.Rule == "competitor_promotions_alone" && f.Title.Args[0].Text != "TM" {
			t.Errorf("promotions alone of %q, want TM", f.Title.Args[0].Text)
		}
	}
}

func TestMarketAbsent(t *testing.T) {
	in := marketInput()
	in.CompetitorPrices = nil
	r, err := Build(in, Config{Period: december})
	if err != nil {
		t.Fatal(err)
	}
	if r.Market != nil || len(r.NotesOf(SectionMarket)) > 0 {
		t.Errorf("market section without prices: %+v, notes %v", r.Market, r.NotesOf(SectionMarket))
	}
	for _, o := range r.Omitted {
		if o.Section == SectionMarket {
			t.Errorf("market listed as omitted: older stores simply lack the data")
		}
	}
}

func TestMarketBadPrices(t *testing.T) {
	in := marketInput()
	in.CompetitorPrices = append(in.CompetitorPrices, market.Price{SKU: "FAIR", Day: midnight(time.December, 5), Price: cny("-1")})
	_, err := Build(in, Config{Period: december})
	var pe *market.PriceError
	if !errors.As(err, &pe) {
		t.Fatalf("strict: %v, want a *market.PriceError", err)
	}
	in = marketInput()
	in.CompetitorPrices = append(in.CompetitorPrices, market.Price{SKU: "FAIR", Day: midnight(time.December, 5), Price: cny("-1")})
	r, err := Build(in, Config{Period: december, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, n := range r.NotesOf(SectionMarket) {
		keys = append(keys, n.Key)
	}
	if diff := gocmp.Diff([]string{"other_currency_prices", "invalid_prices"}, keys); diff != "" {
		t.Errorf("notes under Skip (-want +got):\n%s", diff)
	}
}

// TestAboveMarketFallingNoise checks that the rule stays silent when the
// SKUs above the market fell by chance: 10 to 4 units against 10 to 12 is
// z = −1.50, above −1.96.
func TestAboveMarketFallingNoise(t *testing.T) {
	r := &Review{Period: december, Market: &Market{Summary: market.Summary{
		AboveMarket: market.Group{SKUs: 1, Fell: 1, Sales: market.Sales{Units: 4}, Previous: market.Sales{Units: 10}},
		AtOrBelow:   market.Group{SKUs: 1, Sales: market.Sales{Units: 12}, Previous: market.Sales{Units: 10}},
	}}}
	if fs := (Thresholds{}).withDefaults().aboveMarketFalling(r); len(fs) != 0 {
		t.Errorf("findings %+v, want none", fs)
	}
	r.Market.AboveMarket.Sales.Units, r.Market.AboveMarket.Previous.Units = 40, 100
	r.Market.AtOrBelow.Sales.Units, r.Market.AtOrBelow.Previous.Units = 120, 100
	if fs := (Thresholds{}).withDefaults().aboveMarketFalling(r); len(fs) != 1 {
		t.Errorf("100 to 40 against 100 to 120 (z = −4.76): %d findings, want 1", len(fs))
	}
}

// TestCompetitorPromotionsOfAnyScope: our promotion days, against which a
// competitor's are read, are those of every promotion of the input,
// whatever its scope. A promotion on one SKU on 12.12 meets JD's that
// day (no finding); TM's 12.11, on which we ran none, is said to be no
// promotion day of ours, not only no store-wide one.
func TestCompetitorPromotionsOfAnyScope(t *testing.T) {
	in := marketInput()
	for i := range in.Promotions {
		in.Promotions[i].Scope = promo.Scope{SKUs: []string{"FAIR"}}
	}
	r, err := Build(in, Config{Period: december})
	if err != nil {
		t.Fatal(err)
	}
	var got []Message
	for _, f := range r.Findings {
		if f.Rule == "competitor_promotions_alone" {
			got = append(got, f.Title)
		}
	}
	want := []Message{Say("%s ran promotions on %s day of the period (%s), not a promotion day of ours.",
		"%s在本期有%s天促销（%s），不在我方促销日内。",
		DataArg("TM"), ValueArg(metrics.CountValue(1)), DataArg("2025-12-11"))}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("competitor promotions alone (-want +got):\n%s", diff)
	}
}
