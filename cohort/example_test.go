package cohort_test

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// demoStore is a small hand-built store: six customers over four months.
func demoStore() []metrics.Order {
	cny := money.MustCurrency("CNY")
	mk := func(id, cust, day string, yuan int64) metrics.Order {
		t, err := time.Parse("2006-01-02", day)
		if err != nil {
			log.Fatal(err)
		}
		return metrics.Order{
			ID: id, CustomerID: cust, PlacedAt: t.Add(12 * time.Hour), Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "tea", Quantity: 1, UnitPrice: cny.FromMinor(yuan * 100), UnitCost: cny.FromMinor(yuan * 60)}},
		}
	}
	return []metrics.Order{
		mk("1", "ann", "2025-01-03", 120), mk("2", "bob", "2025-01-10", 80),
		mk("3", "cat", "2025-01-28", 60), mk("4", "ann", "2025-02-02", 90),
		mk("5", "dan", "2025-02-14", 200), mk("6", "bob", "2025-03-01", 40),
		mk("7", "ann", "2025-03-20", 150), mk("8", "eve", "2025-03-22", 70),
		mk("9", "dan", "2025-04-05", 110), mk("10", "ann", "2025-04-18", 60),
		mk("11", "fay", "2025-04-20", 30), mk("12", "eve", "2025-04-25", 45),
	}
}

// The monthly retention table of a store: the share of each month's new
// customers who ordered again 1, 2, 3 months later. "n/a" marks months
// that have not happened yet for a cohort.
func Example_monthlyRetention() {
	var l cohort.Ledger
	for _, o := range demoStore() {
		if err := l.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	m, err := l.Retention(cohort.RetentionConfig{Grain: metrics.Month})
	if err != nil { // a *metrics.ConfigError for an invalid configuration
		log.Fatal(err)
	}
	table, err := m.Table(cohort.Rate)
	if err != nil {
		log.Fatal(err)
	}
	for _, row := range table {
		fmt.Println(strings.Join(row, "\t"))
	}
	// Output:
	// cohort	customers	M0	M1	M2	M3
	// 2025-01	3	100.00%	33.33%	66.67%	33.33%
	// 2025-02	1	100.00%	0.00%	100.00%	n/a
	// 2025-03	1	100.00%	100.00%	n/a	n/a
	// 2025-04	1	100.00%	n/a	n/a	n/a
}

// The share of each month's new customers who ordered again within 90
// days of their first order (90天复购率). Customers acquired less than 90
// days before the last day (cat, on 28 January, and everyone after) are
// not counted yet: their window is still open.
func Example_repeatRate() {
	var l cohort.Ledger
	for _, o := range demoStore() {
		if err := l.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	r, err := l.Repurchase(cohort.RepurchaseConfig{Within: []int{90}})
	if err != nil {
		log.Fatal(err)
	}
	for _, row := range r.Cohorts {
		rate := row.Rates[0]
		fmt.Printf("%s: %d of %d eligible customers (%s)\n", row.Label, rate.Repeaters, rate.Eligible, rate.Rate.Percent(1))
	}
	fmt.Println("overall:", r.Overall[0].Rate.Percent(1))
	fmt.Printf("days between purchases: median %.1f, p90 %.1f\n", r.Gaps.Median, r.Gaps.P90)
	fmt.Println("net sales from returning customers:", r.ReturningShare.Percent(1))
	// Output:
	// 2025-01: 2 of 2 eligible customers (100.0%)
	// 2025-02: 0 of 0 eligible customers (n/a)
	// 2025-03: 0 of 0 eligible customers (n/a)
	// 2025-04: 0 of 0 eligible customers (n/a)
	// overall: 100.0%
	// days between purchases: median 40.0, p90 50.0
	// net sales from returning customers: 46.9%
}

// RFM segments of a store at the end of April: who are the best
// customers, and who is slipping away.
func Example_rfmSegments() {
	var l cohort.Ledger
	for _, o := range demoStore() {
		if err := l.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	r := l.RFM(cohort.RFMConfig{AsOf: time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC)})
	for _, c := range r.Customers {
		fmt.Printf("%s R%d F%d M%d  %-20s recency %d days, frequency %d, monetary %s\n", c.ID, c.R, c.F, c.M, c.Segment, c.Recency, c.Frequency, c.Monetary)
	}
	for _, s := range r.Segments {
		if s.Customers > 0 {
			fmt.Printf("%-20s %d customers, %s of net sales\n", s.Segment, s.Customers, s.ValueShare.Percent(1))
		}
	}
	// Output:
	// ann R3 F5 M5  Loyal                recency 12 days, frequency 4, monetary CNY 420.00
	// bob R1 F2 M3  Lost                 recency 60 days, frequency 2, monetary CNY 120.00
	// cat R1 F1 M1  Lost                 recency 92 days, frequency 1, monetary CNY 60.00
	// dan R2 F2 M4  Hibernating          recency 25 days, frequency 2, monetary CNY 310.00
	// eve R5 F2 M2  Potential loyalists  recency 5 days, frequency 2, monetary CNY 115.00
	// fay R4 F1 M1  New                  recency 10 days, frequency 1, monetary CNY 30.00
	// Loyal                1 customers, 39.8% of net sales
	// Potential loyalists  1 customers, 10.9% of net sales
	// New                  1 customers, 2.8% of net sales
	// Hibernating          1 customers, 29.4% of net sales
	// Lost                 2 customers, 17.1% of net sales
}

// The per-customer statistics that BG/NBD and Gamma-Gamma models fit,
// with a calibration period to the end of March and April as holdout, in
// weeks: x repeat purchase days, recency t_x, age T, mean repeat spend.
func Example_clvSummary() {
	var l cohort.Ledger
	if err := l.AddAll(demoStore()); err != nil {
		log.Fatal(err)
	}
	s, err := l.Summary(cohort.SummaryConfig{
		CalibrationEnd: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("id   x   t_x     T  spend  holdout")
	for _, r := range s.Rows {
		fmt.Printf("%-3s %2.0f %5.2f %5.2f %6.2f %4.0f\n", r.ID, r.X, r.Tx, r.T, r.Monetary, r.XHoldout)
	}
	fmt.Printf("holdout %.2f weeks; %d customer acquired later\n", s.HoldoutLength, s.Later)
	// Output:
	// id   x   t_x     T  spend  holdout
	// ann  2 10.86 12.43 120.00    1
	// bob  1  7.14 11.43  40.00    0
	// cat  0  0.00  8.86   0.00    0
	// dan  0  0.00  6.43   0.00    1
	// eve  0  0.00  1.29   0.00    1
	// holdout 4.29 weeks; 1 customer acquired later
}

// The weighted average retention curve: each month since acquisition
// pools the cohorts old enough to have reached it, so young cohorts do
// not drag the later months down.
func ExampleMatrix_Curve() {
	var l cohort.Ledger
	if err := l.AddAll(demoStore()); err != nil {
		log.Fatal(err)
	}
	m, err := l.Retention(cohort.RetentionConfig{})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range m.Curve() {
		fmt.Printf("M%d: %d of %d customers in %d cohorts (%s), LTV %s\n", p.Period, p.Active, p.Eligible, p.Cohorts, p.Retention.Percent(1), p.LTVNetSales.Amount())
	}
	// Output:
	// M0: 6 of 6 customers in 4 cohorts (100.0%), LTV 93.33
	// M1: 2 of 5 customers in 3 cohorts (40.0%), LTV 133.00
	// M2: 3 of 4 customers in 2 cohorts (75.0%), LTV 212.50
	// M3: 1 of 3 customers in 1 cohorts (33.3%), LTV 200.00
}

// A ledger fed batches of columns (metrics.Orders), as a reader fills
// them, rather than orders one by one: two batches that share their
// dictionaries, so that the second finds the customers of the first by
// number. The matrix is the one Add gives for the same orders.
func ExampleLedger_AddOrders() {
	orders := demoStore()
	var first, second metrics.Orders
	first.Init()
	second = metrics.Orders{CustomerIDs: first.CustomerIDs, Channels: first.Channels, Promotions: first.Promotions,
		Carriers: first.Carriers, Regions: first.Regions, SKUs: first.SKUs, Names: first.Names, Categories: first.Categories}
	for i, o := range orders {
		b := &first
		if i >= len(orders)/2 {
			b = &second
		}
		if err := b.Append(o); err != nil { // a *metrics.ValidationError for a time out of range
			log.Fatal(err)
		}
	}
	var l cohort.Ledger
	for _, b := range []*metrics.Orders{&first, &second} {
		if err := l.AddOrders(b); err != nil { // *cohort.OrderError values, joined
			log.Fatal(err)
		}
	}
	m, err := l.Retention(cohort.RetentionConfig{Grain: metrics.Month})
	if err != nil {
		log.Fatal(err)
	}
	table, err := m.Table(cohort.Customers)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Customers(), "customers,", l.Orders(), "orders")
	for _, row := range table {
		fmt.Println(strings.Join(row, "\t"))
	}
	// Output:
	// 6 customers, 12 orders
	// cohort	customers	M0	M1	M2	M3
	// 2025-01	3	3	1	2	1
	// 2025-02	1	1	0	1	n/a
	// 2025-03	1	1	1	n/a	n/a
	// 2025-04	1	1	n/a	n/a	n/a
}

// The monthly retention table of Example_monthlyRetention from the lean
// Activity, which keeps only the months each customer ordered in: the
// same cohorts and rates, from a batch of orders held as columns (what
// readers fill), with a shard built elsewhere, sent as bytes and merged:
// fay's order of 1 May makes April's cohort 100% in M1, and adds M4.
func ExampleActivity() {
	var b metrics.Orders
	for _, o := range demoStore() {
		if err := b.Append(o); err != nil {
			log.Fatal(err)
		}
	}
	var a cohort.Activity // months in UTC
	if err := a.AddOrders(&b); err != nil {
		log.Fatal(err)
	}
	// Another shard, encoded where it was built and merged here.
	var shard cohort.Activity
	late := demoStore()[0]
	late.ID, late.CustomerID, late.PlacedAt = "13", "fay", late.PlacedAt.AddDate(0, 3, 28) // 1 May
	if err := shard.Add(late); err != nil {
		log.Fatal(err)
	}
	data, err := shard.MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}
	var received cohort.Activity
	if err := received.UnmarshalBinary(data); err != nil {
		log.Fatal(err)
	}
	if err := a.Merge(&received); err != nil {
		log.Fatal(err)
	}
	m, err := a.Retention(cohort.RetentionConfig{Grain: metrics.Month})
	if err != nil { // a *metrics.ConfigError for what an Activity cannot answer
		log.Fatal(err)
	}
	table, err := m.Table(cohort.Rate)
	if err != nil {
		log.Fatal(err)
	}
	for _, row := range table {
		fmt.Println(strings.Join(row, "\t"))
	}
	fmt.Println(a.Customers(), "customers,", a.Orders(), "orders")
	// Output:
	// cohort	customers	M0	M1	M2	M3	M4
	// 2025-01	3	100.00%	33.33%	66.67%	33.33%	0.00%
	// 2025-02	1	100.00%	0.00%	100.00%	0.00%	n/a
	// 2025-03	1	100.00%	100.00%	0.00%	n/a	n/a
	// 2025-04	1	100.00%	100.00%	n/a	n/a	n/a
	// 6 customers, 13 orders
}
