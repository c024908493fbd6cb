package inventory_test

import (
	"fmt"
	"log"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func day(d int) time.Time { return time.Date(2025, 11, d, 0, 0, 0, 0, time.UTC) }

// num prints a ratio's value with two decimals, or "n/a".
func num(r metrics.Ratio) string {
	v, ok := r.Value()
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", v)
}

// sell adds an order of q units of sku on day d to s.
func sell(s *inventory.Sales, sku string, d int, q int64, price, cost string) {
	s.AddOrder(metrics.Order{
		ID: fmt.Sprintf("%s-%d", sku, d), PlacedAt: day(d), Status: metrics.Paid,
		Currency: money.MustCurrency("CNY"),
		Lines: []metrics.Line{{SKU: sku, Quantity: q,
			UnitPrice: money.MustNew(price, "CNY"), UnitCost: money.MustNew(cost, "CNY")}},
	})
}

// Turnover and days of inventory by category for November, from stock
// counts on the first and the last day (the average is the mean of the two)
// and the month's orders.
func Example_turnoverByCategory() {
	var sales inventory.Sales
	for d := 1; d <= 10; d++ {
		sell(&sales, "mug", d, 4, "25.00", "10.00") // 40 mugs
		sell(&sales, "pan", d, 1, "99.00", "50.00") // 10 pans
		sell(&sales, "tee", d, 2, "19.90", "8.00")  // 20 tees
	}
	cost := func(s string) money.Money { return money.MustNew(s, "CNY") }
	snapshots := []inventory.Snapshot{
		{SKU: "mug", Day: day(1), OnHand: 100, UnitCost: cost("10.00")},
		{SKU: "mug", Day: day(30), OnHand: 60, UnitCost: cost("10.00")},
		{SKU: "pan", Day: day(1), OnHand: 20, UnitCost: cost("50.00")},
		{SKU: "pan", Day: day(30), OnHand: 10, UnitCost: cost("50.00")},
		{SKU: "tee", Day: day(1), OnHand: 200, UnitCost: cost("8.00")},
		{SKU: "tee", Day: day(30), OnHand: 180, UnitCost: cost("8.00")},
	}
	r, err := inventory.Analyze(inventory.Config{}, inventory.Input{
		Period: metrics.MonthOf(2025, time.November, time.UTC),
		Items: []inventory.Item{
			{SKU: "mug", Category: "kitchen"}, {SKU: "pan", Category: "kitchen"}, {SKU: "tee", Category: "apparel"},
		},
		Snapshots: slices.Values(snapshots),
		Sales:     &sales,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range append(r.Categories, r.Store) {
		name := g.Name
		if name == "" {
			name = "store"
		}
		fmt.Printf("%-8s avg inventory %-12s COGS %-12s turnover %s  DIO %s days\n",
			name, g.AvgCost, g.COGS, num(g.Turnover), num(g.DIO))
	}
	// Output:
	// apparel  avg inventory CNY 1520.00  COGS CNY 160.00   turnover 0.11  DIO 285.00 days
	// kitchen  avg inventory CNY 1550.00  COGS CNY 900.00   turnover 0.58  DIO 51.67 days
	// store    avg inventory CNY 3070.00  COGS CNY 1060.00  turnover 0.35  DIO 86.89 days
}

// The ABC×XYZ matrix of four weeks of sales: ABC by revenue (80/15/5) and
// XYZ by the coefficient of variation of weekly units.
func Example_abcXYZMatrix() {
	weekly := map[string][4]int64{ // units sold each week, at CNY 10.00 (C1, C2 at 5.00)
		"A1": {100, 100, 100, 100}, // steady: X
		"A2": {50, 150, 50, 150},   // CV 0.5: Y
		"B1": {25, 25, 25, 25},
		"B2": {0, 50, 0, 50}, // CV 1.0: Z
		"C1": {15, 15, 15, 15},
		"C2": {0, 0, 0, 48},
	}
	var sales inventory.Sales
	for sku, w := range weekly {
		price := "10.00"
		if sku[0] == 'C' {
			price = "5.00"
		}
		for i, q := range w {
			if q > 0 {
				sell(&sales, sku, 3+7*i, q, price, "4.00")
			}
		}
	}
	period, err := metrics.NewPeriod(day(3), day(3).AddDate(0, 0, 28)) // four weeks from Monday 3 Nov
	if err != nil {
		log.Fatal(err)
	}
	r, err := inventory.Analyze(inventory.Config{}, inventory.Input{Period: period, Sales: &sales})
	if err != nil {
		log.Fatal(err)
	}
	abc, err := r.ABC(inventory.ABCConfig{By: inventory.ByRevenue})
	if err != nil {
		log.Fatal(err)
	}
	m, err := r.Matrix(abc, inventory.XYZConfig{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("ABC|XYZ  X            Y            Z")
	for i, row := range m.Cells {
		fmt.Printf("%-7v", inventory.Class(i))
		for _, c := range row[:3] { // the fourth column holds SKUs without an XYZ class
			v, _ := c.Share.Value()
			fmt.Printf("  %d (%5.2f%%)", c.Count, 100*v)
		}
		fmt.Println()
	}
	// Output:
	// ABC|XYZ  X            Y            Z
	// A        2 (47.44%)  1 (37.95%)  0 ( 0.00%)
	// B        1 ( 2.85%)  0 ( 0.00%)  1 ( 9.49%)
	// C        0 ( 0.00%)  0 ( 0.00%)  1 ( 2.28%)
}

// A reorder list: the SKUs at or below their reorder point, with the
// quantity to order, most urgent first.
func Example_reorderList() {
	var sales inventory.Sales
	for d := 1; d <= 28; d++ {
		sell(&sales, "filter", d, 5, "30.00", "12.00")
		sell(&sales, "kettle", d, int64(1+2*(d%2)), "199.00", "90.00") // 3, 1, 3, 1, …
		sell(&sales, "lamp", d, 1, "59.00", "20.00")
	}
	cost := func(s string) money.Money { return money.MustNew(s, "CNY") }
	snapshots := []inventory.Snapshot{
		{SKU: "filter", Day: day(28), OnHand: 40, UnitCost: cost("12.00")},
		{SKU: "kettle", Day: day(28), OnHand: 10, UnitCost: cost("90.00")},
		{SKU: "lamp", Day: day(28), OnHand: 50, UnitCost: cost("20.00")},
	}
	period, err := metrics.NewPeriod(day(1), day(29))
	if err != nil {
		log.Fatal(err)
	}
	r, err := inventory.Analyze(inventory.Config{}, inventory.Input{
		Period: period,
		Items: []inventory.Item{
			{SKU: "filter", LeadTimeDays: 10},
			// An order costs CNY 100 and a kettle costs CNY 5 a year to keep: EOQ.
			{SKU: "kettle", OrderCost: cost("100"), HoldingCost: cost("5")},
			{SKU: "lamp"},
		},
		Snapshots: slices.Values(snapshots),
		Sales:     &sales,
	})
	if err != nil {
		log.Fatal(err)
	}
	list, err := r.ReorderList(inventory.ReorderConfig{ServiceLevel: 0.95, LeadTimeDays: 7})
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range list {
		fmt.Printf("%-7s on hand %3d  reorder point %6.2f  order %3d  out of stock in %s days\n",
			o.SKU, o.OnHand, o.ReorderPoint, o.Quantity, num(o.DaysUntilStockout))
	}
	// Output:
	// kettle  on hand  10  reorder point  18.43  order 180  out of stock in 5.00 days
	// filter  on hand  40  reorder point  50.00  order 150  out of stock in 8.00 days
}

// Data problems are reported with the SKU and the day, and the rest of the
// data is still analysed.
func Example_dataProblems() {
	cost := money.MustNew("3.00", "CNY")
	snapshots := []inventory.Snapshot{
		{SKU: "cup", Day: day(1), OnHand: 4, UnitCost: cost},
		{SKU: "cup", Day: day(2), OnHand: -2, UnitCost: cost}, // oversold
		{SKU: "cup", Day: day(3), OnHand: 6, UnitCost: money.MustNew("0.40", "USD")},
		{SKU: "bowl", Day: day(3), OnHand: 1, UnitCost: cost}, // not in the catalogue
	}
	period, err := metrics.NewPeriod(day(1), day(4))
	if err != nil {
		log.Fatal(err)
	}
	r, err := inventory.Analyze(inventory.Config{}, inventory.Input{
		Period:    period,
		Items:     []inventory.Item{{SKU: "cup"}},
		Snapshots: slices.Values(snapshots),
	})
	fmt.Println(err)
	cup, _ := r.SKU("cup")
	fmt.Printf("cup: %d days counted, %d out of stock, average %s\n", cup.SKUDays, cup.StockoutDays, cup.AvgCost)
	// Output:
	// inventory: snapshot #2 sku "cup" on 2025-11-02: negative on hand (on hand -2)
	// inventory: snapshot #3 sku "cup" on 2025-11-03: currency mismatch (unit cost USD 0.40, store currency CNY)
	// inventory: snapshot #4 sku "bowl" on 2025-11-03: unknown sku (not in the catalogue)
	// cup: 2 days counted, 1 out of stock, average CNY 6.00
}

// The lenient path: with the Skip policy the same bad records are left out,
// as if they were not in the file, and counted, so that a review can state
// them instead of failing. Each problem still names its record.
func Example_skipBadRecords() {
	cost := money.MustNew("3.00", "CNY")
	snapshots := []inventory.Snapshot{
		{SKU: "cup", Day: day(1), OnHand: 4, UnitCost: cost},
		{SKU: "cup", Day: day(2), OnHand: -2, UnitCost: cost}, // oversold
		{SKU: "cup", Day: day(3), OnHand: 6, UnitCost: cost},
		{SKU: "bowl", Day: day(3), OnHand: 1, UnitCost: cost}, // not in the catalogue
	}
	period, err := metrics.NewPeriod(day(1), day(4))
	if err != nil {
		log.Fatal(err)
	}
	r, err := inventory.Analyze(inventory.Config{BadRecords: inventory.Skip}, inventory.Input{
		Period:    period,
		Items:     []inventory.Item{{SKU: "cup"}},
		Snapshots: slices.Values(snapshots),
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range r.ProblemCounts() {
		fmt.Printf("%d left out: %v\n", c.Records, c.Err)
	}
	for _, p := range r.Problems {
		fmt.Printf("record %d of the %ss: sku %s on %s\n", p.Record, p.Source, p.SKU, p.Day)
	}
	cup, _ := r.SKU("cup")
	fmt.Printf("cup: %d days counted, %d out of stock, average %s\n", cup.SKUDays, cup.StockoutDays, cup.AvgCost)
	// Output:
	// 1 left out: inventory: negative on hand
	// 1 left out: inventory: unknown sku
	// record 2 of the snapshots: sku cup on 2025-11-02
	// record 4 of the snapshots: sku bowl on 2025-11-03
	// cup: 2 days counted, 0 out of stock, average CNY 15.00
}

// Slow-moving and dead stock with the cash tied up in it.
func ExampleReport_SlowMoving() {
	var sales inventory.Sales
	sell(&sales, "vase", 2, 1, "80.00", "30.00") // one vase early in the month
	for d := 1; d <= 30; d++ {
		sell(&sales, "mug", d, 3, "25.00", "10.00")
	}
	cost := func(s string) money.Money { return money.MustNew(s, "CNY") }
	snapshots := []inventory.Snapshot{
		{SKU: "frame", Day: day(30), OnHand: 12, UnitCost: cost("15.00")}, // never sold
		{SKU: "mug", Day: day(30), OnHand: 60, UnitCost: cost("10.00")},   // 20 days of supply
		{SKU: "vase", Day: day(30), OnHand: 9, UnitCost: cost("30.00")},   // nothing sold in the last 28 days
	}
	r, err := inventory.Analyze(inventory.Config{}, inventory.Input{
		Period:    metrics.MonthOf(2025, time.November, time.UTC),
		Snapshots: slices.Values(snapshots),
		Sales:     &sales,
	})
	if err != nil {
		log.Fatal(err)
	}
	slow, err := r.SlowMoving(inventory.SlowConfig{})
	if err != nil {
		log.Fatal(err)
	}
	for _, it := range slow.Items {
		fmt.Printf("%-5s %-4s %2d units  %s tied up\n", it.SKU, it.Movement, it.OnHand, it.CashTiedUp)
	}
	fmt.Printf("%s of %s at cost is slow or dead\n", slow.TotalCash, slow.StockValue)
	// Output:
	// frame dead 12 units  CNY 180.00 tied up
	// vase  slow  9 units  CNY 270.00 tied up
	// CNY 450.00 of CNY 1050.00 at cost is slow or dead
}
