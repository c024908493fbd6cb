package market_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Our tea sells at 11.00 while two competitors ask 10.00 and 11.50: we
// are 10 % dearer than the first, 4 % cheaper than the second and 2.3 %
// above the market (their median, 10.75), within the 5 % band.
func ExampleTracker() {
	dec := metrics.MonthOf(2025, time.December, time.UTC)
	tr := &market.Tracker{Period: dec}
	cny := money.MustCurrency("CNY")
	at := func(d int) time.Time { return time.Date(2025, time.December, d, 0, 0, 0, 0, time.UTC) }
	for _, p := range []market.Price{
		{SKU: "tea", Competitor: "JD", Day: at(1), Price: money.MustNew("10.00", "CNY")},
		{SKU: "tea", Competitor: "PDD", Day: at(1), Price: money.MustNew("11.50", "CNY"), Promotion: true},
	} {
		if err := tr.AddPrice(p); err != nil {
			log.Fatal(err)
		}
	}
	o := metrics.Order{ID: "1", PlacedAt: at(3), Status: metrics.Paid, Currency: cny,
		Lines: []metrics.Line{{SKU: "tea", Quantity: 2, UnitPrice: money.MustNew("11.00", "CNY")}}}
	if err := tr.AddOrder(o); err != nil {
		log.Fatal(err)
	}
	s := tr.Summarize(market.Config{})
	for _, ix := range s.Indices {
		f, _ := ix.Index.Float()
		fmt.Printf("%s %.1f\n", ix.Competitor, f)
	}
	f, _ := s.Market.Index.Float()
	fmt.Printf("market %.1f (%v), PDD promoted on %v\n", f, s.SKUs[0].Band, s.Promotions[1].Days)
	// Output:
	// JD 110.0
	// PDD 95.7
	// market 102.3 (near), PDD promoted on [2025-12-01]
}
