package loyalty_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// A member buys twice and a guest once; the member's points are worth
// 0.01 yuan each.
func Example() {
	december, err := metrics.ParsePeriod("2025-12", time.UTC)
	if err != nil {
		log.Fatal(err)
	}
	cny := money.MustCurrency("CNY")
	day := func(d int) time.Time { return time.Date(2025, 12, d, 10, 0, 0, 0, time.UTC) }
	buy := func(id, customer string, d int, yuan int64) metrics.Order {
		return metrics.Order{ID: id, CustomerID: customer, PlacedAt: day(d), Currency: cny,
			Lines: []metrics.Line{{SKU: "tea", Quantity: 1, UnitPrice: cny.FromMinor(yuan * 100)}}}
	}
	members := []loyalty.Member{{CustomerID: "m1", Level: "gold", Joined: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}}
	ledger := []loyalty.Entry{
		{CustomerID: "m1", At: day(2), Kind: loyalty.Issued, Points: 300, OrderID: "o1"},
		{CustomerID: "m1", At: day(9), Kind: loyalty.Redeemed, Points: 100, OrderID: "o2"},
	}
	if err := loyalty.Validate(members, ledger); err != nil {
		log.Fatal(err)
	}
	tr := loyalty.Tracker{Period: december}
	for _, m := range members {
		if err := tr.AddMember(m); err != nil {
			log.Fatal(err)
		}
	}
	for _, e := range ledger {
		if err := tr.AddEntry(e); err != nil {
			log.Fatal(err)
		}
	}
	for _, o := range []metrics.Order{buy("o1", "m1", 2, 300), buy("o2", "m1", 9, 100), buy("o3", "", 12, 100)} {
		if err := tr.AddOrder(o); err != nil {
			log.Fatal(err)
		}
	}
	s := tr.Summary()
	fmt.Println("members' share of sales:", s.SalesShare.Percent(1))
	fmt.Println("member AOV:", s.Member.AOV, "non-member AOV:", s.NonMember.AOV)
	fmt.Println("active members:", s.ActiveRate.Percent(0))
	fmt.Println("points outstanding:", s.Points.Outstanding, "liability:", s.Points.Liability)
	// Output:
	// members' share of sales: 80.0%
	// member AOV: CNY 200.00 non-member AOV: CNY 100.00
	// active members: 100%
	// points outstanding: 200 liability: CNY 2.00
}
