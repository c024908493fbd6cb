package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestYearOnYear: with two years of data, a December 2025 review compares
// every KPI row with December 2024 (同比, issue 21 item 5), except the
// rows that have no value a year ago by definition.
func TestYearOnYear(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reviews two years of the demo store")
	}
	loc := time.FixedZone("CST", 8*3600)
	s := sample.Generate(sample.Config{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, loc), Days: 731, Customers: 1500, SKUs: 40})
	items := catalogueItems(s)
	in := Input{
		Items: items, Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events),
		Spend: s.Spend, Targets: s.Targets, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts,
		Promotions: s.Promotions, Tickets: s.Tickets,
	}
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.December, loc)})
	if err != nil {
		t.Fatal(err)
	}
	// The customer model's rows are a forecast as of the period's end,
	// without comparisons.
	noYear := map[string]bool{"active_customers": true, "buyers_90d": true, "buyers_180d": true, "predicted_clv": true, "predicted_clv_per_customer": true}
	var all []KPI
	for _, ks := range [][]KPI{r.Overview.KPIs, r.Traffic.KPIs, r.Products.KPIs, r.Customers.KPIs, r.Service.KPIs} {
		all = append(all, ks...)
	}
	for _, k := range all {
		if noYear[k.Key] {
			continue
		}
		if !k.YearAgo.Defined() && k.Current.Defined() {
			t.Errorf("%s: %v now, no value a year ago", k.Key, k.Current)
		}
	}
}
