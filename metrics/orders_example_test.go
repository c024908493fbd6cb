package metrics_test

import (
	"fmt"
	"log"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// exampleStore returns a small store: three customers, one guest, a
// returned item, in November 2025, plus an October order that makes alice
// a returning customer.
func exampleStore() ([]metrics.Order, []metrics.Refund) {
	cny := money.MustCurrency("CNY")
	m := func(s string) money.Money { return money.MustNew(s, "CNY") }
	at := func(month time.Month, d int) time.Time { return time.Date(2025, month, d, 10, 0, 0, 0, time.UTC) }
	mug := metrics.Line{SKU: "MUG", Category: "kitchen", Quantity: 2, UnitPrice: m("39.00"), UnitCost: m("12.00")}
	tea := metrics.Line{SKU: "TEA", Category: "food", Quantity: 1, UnitPrice: m("88.00"), UnitCost: m("40.00")}
	orders := []metrics.Order{
		{ID: "1001", CustomerID: "alice", PlacedAt: at(10, 20), Channel: "search", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{tea}},
		{ID: "1002", CustomerID: "alice", PlacedAt: at(11, 3), Channel: "search", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{mug, tea}, Discount: m("10.00"), Shipping: m("8.00")},
		{ID: "1003", CustomerID: "bob", PlacedAt: at(11, 5), Channel: "ads", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{tea}},
		{ID: "1004", CustomerID: "bob", PlacedAt: at(11, 18), Channel: "ads", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{mug}},
		{ID: "1005", CustomerID: "carol", PlacedAt: at(11, 9), Channel: "ads", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{tea, tea}},
		{ID: "1006", PlacedAt: at(11, 11), Channel: "search", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{mug}},
		{ID: "1007", CustomerID: "dan", PlacedAt: at(11, 12), Channel: "ads", Status: metrics.Cancelled, Currency: cny,
			Lines: []metrics.Line{tea}},
	}
	refunds := []metrics.Refund{
		{ID: "R1", OrderID: "1004", At: at(11, 25), Amount: m("39.00"),
			Lines: []metrics.ReturnedLine{{SKU: "MUG", Quantity: 1, Restocked: true}}},
	}
	return orders, refunds
}

// A month's summary of a small store, straight from its orders and refunds.
// By hand: gross 166 + 88 + 78 + 176 + 78 = 586; net 586 − 10 − 39 = 537;
// COGS 232 − 12 (the restocked mug) = 220; AOV 537 / 5; 客单价 537 / 3.
func ExampleSummarize() {
	orders, refunds := exampleStore()
	if err := metrics.Validate(slices.Values(orders), slices.Values(refunds)); err != nil {
		log.Fatal(err)
	}
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	sums, err := metrics.Summarize(nov, slices.Values(orders), slices.Values(refunds), metrics.Options{})
	if err != nil {
		log.Fatal(err)
	}
	s := sums[0]
	aov, _ := s.AOV()
	spb, _ := s.SpendPerBuyer()
	fmt.Println("period       ", s.Period)
	fmt.Println("gross sales  ", s.GrossSales)
	fmt.Println("discounts    ", s.Discounts)
	fmt.Println("returns      ", s.Returns)
	fmt.Println("net sales    ", s.NetSales)
	fmt.Println("gross profit ", s.GrossProfit, s.GrossMargin.Percent(2))
	fmt.Println("orders       ", s.Orders, "guest", s.GuestOrders)
	fmt.Println("AOV          ", aov)
	fmt.Println("客单价        ", spb)
	fmt.Println("buyers       ", s.Buyers, "new", s.NewBuyers, "returning", s.ReturningBuyers)
	fmt.Println("repurchase   ", s.RepurchaseRate.Percent(2))
	for _, g := range s.ByCategory {
		fmt.Printf("  %-8s %s margin %s\n", g.Key, g.NetSales, g.GrossMargin.Percent(1))
	}
	// Output:
	// period        2025-11
	// gross sales   CNY 586.00
	// discounts     CNY 10.00
	// returns       CNY 39.00
	// net sales     CNY 537.00
	// gross profit  CNY 317.00 59.03%
	// orders        5 guest 1
	// AOV           CNY 107.40
	// 客单价         CNY 179.00
	// buyers        3 new 2 returning 1
	// repurchase    33.33%
	//   food     CNY 346.70 margin 53.9%
	//   kitchen  CNY 190.30 margin 68.5%
}

// This month against last month and against target, with lower-is-better
// KPIs marked.
func ExampleCompare() {
	orders, refunds := exampleStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	var cur, prev metrics.Summarizer
	cur.Period, prev.Period = nov, nov.Previous()
	for _, o := range orders {
		for _, s := range []*metrics.Summarizer{&cur, &prev} {
			if err := s.Add(o); err != nil {
				log.Fatal(err)
			}
		}
	}
	for _, r := range refunds {
		o := orders[slices.IndexFunc(orders, func(o metrics.Order) bool { return o.ID == r.OrderID })]
		if err := cur.AddRefund(r, o); err != nil {
			log.Fatal(err)
		}
	}
	cny := money.MustCurrency("CNY")
	targets := []metrics.Target{
		{Metric: metrics.KeyNetSales, Period: nov, Amount: money.MustNew("600.00", "CNY")},
		{Metric: metrics.KeyReturnRate, Period: nov, Value: 0.05},
	}
	rows, err := metrics.Compare(cur.For(cny), prev.For(cny), targets)
	if err != nil {
		log.Fatal(err)
	}
	// show prints a share as a percentage and other values plainly; a
	// report's renderer does this for its readers.
	show := func(v metrics.Value) string {
		if r, ok := v.Ratio(); ok && v.Unit() == metrics.UnitRatio {
			return r.Percent(2)
		}
		return v.String()
	}
	// change prints a change in its kind: a rate's in points, others in percent.
	change := func(kind metrics.ChangeKind, r metrics.Ratio) string {
		v, ok := r.Value()
		if !ok {
			return "n/a"
		}
		if kind == metrics.PointChange {
			return fmt.Sprintf("%+.2f pp", v*100)
		}
		return fmt.Sprintf("%+.2f%%", v*100)
	}
	for _, r := range rows {
		switch r.KPI.Key {
		case metrics.KeyNetSales, metrics.KeyOrders, metrics.KeyReturnRate:
			better := ""
			if r.KPI.Direction == metrics.LowerIsBetter {
				better = " (lower is better)"
			}
			met, known := r.OnTarget()
			attained := func(r metrics.Comparison) string { // a rate's distance from target, others' share of it
				if r.ChangeKind() == metrics.PointChange {
					return change(metrics.PointChange, r.Attainment)
				}
				return r.Attainment.Percent(2)
			}
			fmt.Printf("%s (%v)%s: %s, prev %s, 环比 %s, target %s, attained %s met=%v/%v\n",
				r.KPI.Key, r.KPI.Unit, better, show(r.Current), show(r.Previous), change(r.ChangeKind(), r.Change),
				show(r.Target), attained(r), met, known)
		}
	}
	// Output:
	// net_sales (money): CNY 537.00, prev CNY 88.00, 环比 +510.23%, target CNY 600.00, attained 89.50% met=false/true
	// orders (count): 5, prev 1, 环比 +400.00%, target n/a, attained n/a met=false/false
	// return_rate (ratio) (lower is better): 6.77%, prev 0.00%, 环比 +6.77 pp, target 5.00%, attained +1.77 pp met=false/true
}

// CAC per channel from marketing spend and the channel of each new
// customer's first order, and LTV/CAC with a simple LTV.
func ExampleAcquisitionCost() {
	orders, refunds := exampleStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	sums, err := metrics.Summarize(nov, slices.Values(orders), slices.Values(refunds), metrics.Options{})
	if err != nil {
		log.Fatal(err)
	}
	s := sums[0]
	spend := []metrics.Spend{
		{Channel: "ads", Day: nov.Start, Amount: money.MustNew("150.00", "CNY")},
		{Channel: "ads", Day: nov.Start.AddDate(0, 0, 14), Amount: money.MustNew("90.00", "CNY")},
		{Channel: "search", Day: nov.Start, Amount: money.MustNew("40.00", "CNY")},
	}
	channels, blended, err := metrics.AcquisitionCost(s, slices.Values(spend))
	if err != nil {
		log.Fatal(err)
	}
	// Simple LTV: AOV × 1.2 orders a month × gross margin × 1 / 10 % monthly churn.
	aov, _ := s.AOV()
	margin, _ := s.GrossMargin.Value()
	ltv, _ := metrics.SimpleLTV(aov, 1.2, margin, 0.10)
	fmt.Println("LTV", ltv)
	for _, c := range append(channels, blended) {
		name := c.Channel
		if name == "" {
			name = "blended"
		}
		cac, ok := c.Cost()
		if !ok {
			fmt.Printf("%-8s spend %s, no new customer: CAC n/a\n", name, c.Spend)
			continue
		}
		r, err := metrics.LTVToCAC(ltv, cac)
		if err != nil {
			log.Fatal(err)
		}
		v, _ := r.Value()
		fmt.Printf("%-8s spend %s / %d new = CAC %s, LTV/CAC %.2f\n", name, c.Spend, c.NewCustomers, cac, v)
	}
	// Output:
	// LTV CNY 760.80
	// ads      spend CNY 240.00 / 2 new = CAC CNY 120.00, LTV/CAC 6.34
	// search   spend CNY 40.00, no new customer: CAC n/a
	// blended  spend CNY 280.00 / 2 new = CAC CNY 140.00, LTV/CAC 5.43
}

// Why did sales change? 销售额 = 访客数 × 转化率 × 客单价, with the change
// attributed to each factor by LMDI. With summaries, the factors are
// Summary.Factors(visitors). The effects are checked in the package's tests
// against a Python computation.
func ExampleDecompose() {
	oct := metrics.SalesFactors{Visitors: 1000, Buyers: 50, Sales: money.MustNew("5000.00", "CNY")}
	nov := metrics.SalesFactors{Visitors: 1200, Buyers: 54, Sales: money.MustNew("5940.00", "CNY")}
	d, err := metrics.Decompose(oct, nov)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("change         ", d.Change)
	fmt.Println("visitors 访客数 ", d.Visitors)
	fmt.Println("conversion 转化率", d.Conversion)
	fmt.Println("per buyer 客单价 ", d.SpendPerBuyer)
	// Output:
	// change          CNY 940.00
	// visitors 访客数  CNY 994.84
	// conversion 转化率 CNY -574.90
	// per buyer 客单价  CNY 520.06
}

// Summaries of shards (stores, days, goroutines) merge into the summary of
// the whole, with each buyer counted once.
func ExampleSummarizer_Merge() {
	orders, _ := exampleStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	shards := make([]metrics.Summarizer, 2)
	for i := range shards {
		shards[i].Period = nov
	}
	for i, o := range orders {
		if err := shards[i%2].Add(o); err != nil { // orders alternate between two shards
			log.Fatal(err)
		}
	}
	total := metrics.Summarizer{Period: nov}
	for i := range shards {
		if err := total.Merge(&shards[i]); err != nil { // a *metrics.MergeError if the shards were set up differently
			log.Fatal(err)
		}
	}
	cny := money.MustCurrency("CNY")
	fmt.Println("shard buyers:", shards[0].For(cny).Buyers, shards[1].For(cny).Buyers)
	s := total.For(cny)
	fmt.Println("merged buyers:", s.Buyers, "new:", s.NewBuyers, "repeat:", s.RepeatBuyers, "net sales:", s.NetSales)
	// Bob has an order in each shard: a buyer of both, one repeat buyer
	// once merged. Alice's October order is in the other shard than her
	// November one, and still makes her a returning customer.
	// Output:
	// shard buyers: 2 2
	// merged buyers: 3 new: 2 repeat: 1 net sales: CNY 576.00
}
