package sample_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The default demo store: one year of a shop in Asia/Shanghai.
func Example() {
	s := sample.Generate(sample.Config{})
	fmt.Println("period:", s.Period, s.Period.Location())
	fmt.Println("SKUs:", len(s.Catalogue), "customers:", len(s.Customers))
	fmt.Println("orders:", len(s.Orders), "refunds:", len(s.Refunds), "tickets:", len(s.Tickets))
	fmt.Println("events:", len(s.Events))
	for _, p := range s.Promotions {
		fmt.Println("promotion:", p.ID, p.Mechanism, p.Window)
	}
	fmt.Println("first order:", s.Orders[0].ID, s.Orders[0].PlacedAt.Format("2006-01-02 15:04"), s.Orders[0].Lines[0].Name)
	// Output:
	// period: 2025 Asia/Shanghai
	// SKUs: 120 customers: 3000
	// orders: 7365 refunds: 363 tickets: 740
	// events: 255836
	// promotion: P618-15OFF percent_off 2025-06-10..2025-06-19
	// promotion: MJ300-40 spend_save 2025-09-01..2025-09-14
	// first order: O00000001 2025-01-01 01:30 防晒乳 SPF50 经典款
}

// Stream orders one at a time, without holding them in memory; the same
// code streams a million orders with Customers: 410_000.
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
	// 606 orders, gross CNY 111764.50
}

// The true parameters behind the demo, for checking estimators.
func ExampleTruthOf() {
	t := sample.TruthOf(sample.Config{})
	fmt.Printf("BG/NBD r=%.2f alpha=%.0f a=%.1f b=%.1f\n", t.R, t.Alpha, t.A, t.B)
	fmt.Printf("Gamma-Gamma p=%.0f q=%.1f gamma=%.0f: mean order value %.0f CNY\n", t.P, t.Q, t.Gamma, t.P*t.Gamma/(t.Q-1))
	fmt.Printf("weekend uplift %.0f %%, answered within 1 h %.1f %%\n", 100*t.WeekendUplift, 100*t.WithinHour())
	fmt.Println("peak:", t.PeakDay.Format("2006-01-02"))
	// Output:
	// BG/NBD r=0.75 alpha=60 a=0.8 b=3.2
	// Gamma-Gamma p=6 q=3.5 gamma=85: mean order value 204 CNY
	// weekend uplift 25 %, answered within 1 h 78.5 %
	// peak: 2025-11-11
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
	// SKU-days out of stock: 42 refunds: 140
}
