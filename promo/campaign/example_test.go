package campaign_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// A coupon campaign with a randomised holdout: four customers sent the
// coupon, four held out.
func ExampleLedger_Analyze() {
	cny := money.MustCurrency("CNY")
	day := func(d int) time.Time { return time.Date(2025, 3, d, 12, 0, 0, 0, time.UTC) }
	c := campaign.Campaign{ID: "spring", Name: "Spring coupon",
		Window: metrics.Period{Start: day(1).Truncate(24 * time.Hour), End: day(15).Truncate(24 * time.Hour)},
		Cost:   money.MustNew("20.00", "CNY")}
	var l campaign.Ledger
	if err := l.Track(c); err != nil {
		log.Fatal(err)
	}
	buy := func(id, customer string, d int, price, cost int64) {
		o := metrics.Order{ID: id, CustomerID: customer, PlacedAt: day(d), Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "tea", Quantity: 1, UnitPrice: cny.FromMinor(price), UnitCost: cny.FromMinor(cost)}}}
		if err := l.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	buy("1", "t1", 3, 8000, 3000)
	buy("2", "t2", 5, 6000, 2000)
	buy("3", "t3", 9, 7000, 3000)
	buy("4", "k1", 4, 6000, 3000)
	var targets []campaign.Target
	for _, id := range []string{"t1", "t2", "t3", "t4"} {
		targets = append(targets, campaign.Target{Campaign: "spring", Customer: id, Group: campaign.Targeted})
	}
	for _, id := range []string{"k1", "k2", "k3", "k4"} {
		targets = append(targets, campaign.Target{Campaign: "spring", Customer: id, Group: campaign.Control})
	}
	reds := []campaign.Redemption{{Campaign: "spring", Customer: "t1", Day: day(3), Order: "1", Discount: money.MustNew("5.00", "CNY")}}
	rs, err := l.Analyze(targets, reds, campaign.Config{})
	if err != nil {
		log.Fatal(err)
	}
	r := rs[0]
	fmt.Println("response:", r.Response.Percent(1), "against", r.CompareResponse.Percent(1))
	fmt.Println("redemption:", r.Redemption.Percent(1))
	fmt.Println("incremental gross profit:", r.IncrementalProfit, "from", r.ProfitLow, "to", r.ProfitHigh)
	roi, _ := r.ROI.Ratio()
	fmt.Println("ROI:", roi.Percent(1), "verdict:", r.Outcome)
	// Output:
	// response: 75.0% against 25.0%
	// redemption: 25.0%
	// incremental gross profit: CNY 100.00 from CNY -35.54 to CNY 235.54
	// ROI: 400.0% verdict: inconclusive
}
