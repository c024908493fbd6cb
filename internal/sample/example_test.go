package sample_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The default demo store: two years of a shop in Asia/Shanghai.
func Example() {
	s := sample.Generate(sample.Config{})
	fmt.Println("period:", s.Period, s.Period.Location())
	fmt.Println("SKUs:", len(s.Catalogue), "customers:", len(s.Customers))
	fmt.Println("orders:", len(s.Orders), "refunds:", len(s.Refunds), "tickets:", len(s.Tickets))
	fmt.Println("events:", len(s.Events))
	for _, p := range s.Promotions {
		fmt.Println("promotion:", p.ID, p.Mechanism, p.Window)
	}
	o := s.Orders[0]
	fmt.Println("first order:", o.ID, o.PlacedAt.Format("2006-01-02 15:04"), o.Lines[0].Name)
	fmt.Println("shipped:", o.ShippedAt.Format("01-02 15:04"), "by", o.Carrier, "delivered:", o.DeliveredAt.Format("01-02 15:04"), "in", o.Region,
		"promised by:", o.PromisedBy.Format("01-02 15:04"))
	// Output:
	// period: 2024-01-01..2025-12-31 Asia/Shanghai
	// SKUs: 120 customers: 5000
	// orders: 17259 refunds: 1046 tickets: 2432
	// events: 629801
	// promotion: P618-15OFF percent_off 2024-06-10..2024-06-19
	// promotion: MJ300-40 spend_save 2024-09-01..2024-09-14
	// promotion: D11-2024 spend_save 2024-11-01..2024-11-11
	// promotion: D12-2024 percent_off 2024-12-10..2024-12-12
	// promotion: D11-2025 spend_save 2025-11-01..2025-11-11
	// promotion: D12-2025 percent_off 2025-12-10..2025-12-12
	// first order: O00000001 2024-01-01 10:31 氨基酸洗面奶 经典款
	// shipped: 01-01 17:12 by JD Logistics delivered: 01-02 07:09 in Zhejiang promised by: 01-04 10:32
}

// Stream orders one at a time, without holding them in memory; the same
// code streams a million orders with Customers: 410_000 and Days: 365.
func ExampleOrders() {
	var gross money.Sum
	n := 0
	for o := range sample.Orders(sample.Config{Customers: 500, Days: 31}) {
		for _, l := range o.Lines {
			gross.Add(l.UnitPrice.Mul(l.Quantity))
		}
		n++
	}
	fmt.Println(n, "orders, gross", gross.Total(money.MustCurrency("CNY")))
	// Output:
	// 577 orders, gross CNY 111885.70
}

// The true parameters behind the demo, for checking estimators.
func ExampleTruthOf() {
	t := sample.TruthOf(sample.Config{})
	fmt.Printf("BG/NBD r=%.2f alpha=%.0f a=%.1f b=%.1f\n", t.R, t.Alpha, t.A, t.B)
	fmt.Printf("Gamma-Gamma p=%.0f q=%.1f gamma=%.0f: mean order value %.0f CNY\n", t.P, t.Q, t.Gamma, t.P*t.Gamma/(t.Q-1))
	fmt.Printf("weekend uplift %.0f %%, answered within 1 h %.1f %%\n", 100*t.WeekendUplift, 100*t.WithinHour())
	fmt.Println("peak:", t.PeakDay.Format("2006-01-02"))
	fmt.Println("pays:", t.Paying, "does not pay:", t.Losing)
	fmt.Println("slow carrier:", t.SlowCarrier, "late region:", t.LateRegion, "promise:", t.PromisedHours, "h")
	fmt.Println("live-stream CAC:", t.LiveCAC, "new products:", len(t.NewSKUs))
	// Output:
	// BG/NBD r=0.75 alpha=60 a=0.8 b=3.2
	// Gamma-Gamma p=6 q=3.5 gamma=85: mean order value 204 CNY
	// weekend uplift 25 %, answered within 1 h 78.5 %
	// peak: 2025-11-11
	// pays: [D11-2024 D11-2025] does not pay: [D12-2024 D12-2025]
	// slow carrier: YTO late region: Xinjiang promise: 72 h
	// live-stream CAC: CNY 88.00 new products: 6
}

// Walk the store day by day: here, the SKU-days out of stock in January
// and the refunds paid.
func ExampleDays() {
	out, refunds := 0, 0
	for d := range sample.Days(sample.Config{Days: 31}) {
		for _, s := range d.Snapshots {
			if s.OnHand == 0 {
				out++
			}
		}
		refunds += len(d.Refunds)
	}
	fmt.Println("SKU-days out of stock:", out, "refunds:", refunds)
	// Output:
	// SKU-days out of stock: 39 refunds: 232
}

// Stream the events in batches of columns, and count the page views of a
// month with the user and name numbers the batches share.
func ExampleEventBatches() {
	cfg := sample.Config{Customers: 200, Days: 31}
	batches, events, views := 0, 0, 0
	for b := range sample.EventBatches(cfg, 2_000) {
		view, ok := b.Names.Lookup(sample.PageView)
		batches++
		events += b.Len()
		for _, n := range b.Name {
			if ok && n == view {
				views++
			}
		}
	}
	fmt.Println("batches:", batches, "events:", events, "page views:", views)
	// Output:
	// batches: 5 events: 8415 page views: 7059
}
