package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestProductsWithoutSnapshots: without inventory snapshots the whole
// products section used to be left out, top sellers included, although
// the orders carry SKUs (issue 17, partial data). The sales parts come
// from the orders; the stock parts are not computed, and a note says so.
func TestProductsWithoutSnapshots(t *testing.T) {
	r, err := Build(tinyStore(), Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Products
	if p == nil {
		t.Fatalf("products section left out: %+v", r.Omitted)
	}
	var top []string
	for _, x := range p.TopSellers {
		top = append(top, x.SKU+" "+x.NetSales.String()+" "+x.Class)
	}
	// November: S2 200 − 20 order discount = 180, S1 50; B's cancelled
	// order is not a sale. ABC by sales: S2 starts at 0 (A), S1 at
	// 180/230 = 78 % (A); one sale each in the month's weeks: Z.
	if diff := cmp.Diff([]string{"S2 CNY 180.00 AZ", "S1 CNY 50.00 AZ"}, top); diff != "" {
		t.Errorf("top sellers (-want +got):\n%s", diff)
	}
	if !p.NoStock || len(p.KPIs) != 0 || len(p.SlowMovers) != 0 || len(p.StockOutsA) != 0 || len(p.Reorder) != 0 {
		t.Errorf("stock parts without snapshots: NoStock %v, %d KPIs, %d slow, %d stock-outs, %d reorder", p.NoStock, len(p.KPIs), len(p.SlowMovers), len(p.StockOutsA), len(p.Reorder))
	}
	if len(p.Categories) != 1 || p.Categories[0].Category != "cat" {
		t.Errorf("categories = %+v", p.Categories)
	}
	found := false
	for _, n := range r.NotesOf(SectionProducts) {
		found = found || n.Key == "stock_parts"
	}
	if !found {
		t.Errorf("no note on the stock parts: %+v", r.Notes)
	}
}

// TestMarginWithoutCosts: sales without a unit cost made the gross margin
// 100 % on UCI Online Retail (issue 17, partial data). The margin and the
// category's gross profit are undefined, with a note of the share of gross
// sales that has no cost.
func TestMarginWithoutCosts(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	in := tinyStore()
	var orders []metrics.Order
	for o := range in.Orders {
		if o.ID == "o3" { // B's S1 at 50, now without a cost: 50 of 250 gross sales, 20 %
			o.Lines = slices.Clone(o.Lines)
			o.Lines[0].UnitCost = money.MustCurrency("CNY").Zero()
		}
		orders = append(orders, o)
	}
	in.Orders = slices.Values(orders)
	r, err := Build(in, Config{Period: nov})
	if err != nil {
		t.Fatal(err)
	}
	k, ok := findKPI(r.Overview.KPIs, metrics.KeyGrossMargin)
	if !ok || k.Current.Defined() || k.ChangePrev.Defined() {
		t.Errorf("gross margin with 20 %% of sales uncosted = %v (change %v); want n/a", k.Current, k.ChangePrev)
	}
	var reason string
	for _, n := range r.NotesOf(SectionOverview) {
		if n.Key == "margin_no_cost" {
			reason = n.Reason
		}
	}
	if !strings.HasSuffix(reason, "20.0%") {
		t.Errorf("margin note %q; want the share 20.0%%", reason)
	}
	if !k.Previous.Defined() { // October's sales all have costs
		t.Errorf("October's gross margin = %v; want defined", k.Previous)
	}
	if c := r.Products.Categories[0]; c.GrossProfit.Defined() || c.Margin.Defined() {
		t.Errorf("category margin with uncosted sales = %v, %v; want n/a", c.GrossProfit, c.Margin)
	}
	// Reviewing December, November is the previous period: its margin,
	// with uncosted sales, is undefined too, and December has no note.
	in2 := in
	in2.Orders = slices.Values(orders)
	r, err = Build(in2, Config{Period: metrics.MonthOf(2025, time.December, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := findKPI(r.Overview.KPIs, metrics.KeyGrossMargin); !ok || k.Previous.Defined() {
		t.Errorf("November's margin as the previous period = %v; want n/a", k.Previous)
	}
	// With every cost known, the margin is defined and there is no note.
	r, err = Build(tinyStore(), Config{Period: nov})
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := findKPI(r.Overview.KPIs, metrics.KeyGrossMargin); !k.Current.Defined() {
		t.Error("gross margin undefined with all costs known")
	}
	for _, n := range r.Notes {
		if n.Key == "margin_no_cost" {
			t.Errorf("margin note with all costs known: %+v", n)
		}
	}
}

// TestNewProducts: "first sold in the period" listed every top seller as
// new in the first month of the data (issue 17 item 5). A product is new
// when launched within the last 90 days of the period: by the catalogue's
// launch date, or else by a first sale after the first 60 days of the
// data; never in the first month of the data.
func TestNewProducts(t *testing.T) {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	c := money.MustCurrency("CNY")
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	var orders []metrics.Order
	sell := func(sku string, m time.Month, d int) {
		orders = append(orders, metrics.Order{ID: sku + m.String() + string(rune('a'+d)), CustomerID: "c" + sku, PlacedAt: day(m, d), Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: sku, Category: "cat", Quantity: 1, UnitPrice: cny("10"), UnitCost: cny("4")}}})
	}
	// The data starts on 1 January. OLD sells from then on; LATE first
	// sells on 10 April (after the first 60 days); CAT first sells on
	// 21 February (within them) but the catalogue says it launched on
	// 20 February; EARLY first sells on 20 January, in the first month.
	for _, m := range []time.Month{1, 2, 3, 4, 5} {
		sell("OLD", m, 1)
		if m >= 4 {
			sell("LATE", m, 10)
		}
		if m >= 2 {
			sell("CAT", m, 21)
		}
		sell("EARLY", m, 20)
	}
	items := []inventory.Item{{SKU: "OLD"}, {SKU: "LATE"}, {SKU: "EARLY"}, {SKU: "CAT", Launch: time.Date(2025, 2, 20, 0, 0, 0, 0, time.UTC)}}
	tests := []struct {
		period metrics.Period
		want   []string
		reason string
	}{
		{metrics.MonthOf(2025, 1, time.UTC), nil, "the first month of the data: every SKU is first seen, none is new"},
		{metrics.MonthOf(2025, 3, time.UTC), []string{"CAT"}, "CAT launched 20 Feb (catalogue), within 90 days of 1 Apr; LATE has not sold yet"},
		{metrics.MonthOf(2025, 5, time.UTC), []string{"LATE"}, "LATE first sold 10 Apr, after the first 60 days and within the 90 days before 1 Jun; CAT's launch, 20 Feb, is 101 days before"},
	}
	for _, tt := range tests {
		r, err := Build(Input{Store: "new", Items: items, Orders: slices.Values(orders)}, Config{Period: tt.period})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range r.Products.NewProducts {
			got = append(got, p.SKU)
		}
		slices.Sort(got)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.period.Label(), tt.reason, diff)
		}
	}
}

// stockStore is one SKU over the 10 days from Nov 1 2025: 10 units at the
// opening (Oct 31), 2 sold a day until it runs out on Nov 5, out of stock
// Nov 5–7, 10 received on Nov 8, 2 sold on Nov 9 and 10. Price 10, cost 4.
func stockStore() (Input, metrics.Period) {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	c := money.MustCurrency("CNY")
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	var orders []metrics.Order
	for i, d := range []int{1, 2, 3, 4, 5, 9, 10} {
		orders = append(orders, metrics.Order{ID: "o" + string(rune('a'+i)), CustomerID: "c" + string(rune('a'+i)), PlacedAt: day(11, d), Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "S", Name: "shoe", Quantity: 2, UnitPrice: cny("10"), UnitCost: cny("4")}}})
	}
	onHand := []int64{10, 8, 6, 4, 2, 0, 0, 0, 10, 8, 6} // Oct 31 … Nov 10
	var snaps []inventory.Snapshot
	for i, n := range onHand {
		snaps = append(snaps, inventory.Snapshot{SKU: "S", Day: day(10, 31).AddDate(0, 0, i), OnHand: n, UnitCost: cny("4")})
	}
	p, err := metrics.NewPeriod(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	return Input{Orders: slices.Values(orders), Snapshots: slices.Values(snaps),
		Receipts: []inventory.Receipt{{SKU: "S", Day: day(10, 1), Quantity: 10, UnitCost: cny("4")}, {SKU: "S", Day: day(11, 8), Quantity: 10, UnitCost: cny("4")}}}, p
}

// TestStockParts checks sell-through, GMROI, stock aging and the sales
// lost to stock-outs against stockStore, computed by hand.
func TestStockParts(t *testing.T) {
	in, p := stockStore()
	r, err := Build(in, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	pr := r.Products
	got := map[string]metrics.Value{}
	for _, k := range pr.KPIs {
		got[k.Key] = k.Current
	}
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	want := map[string]metrics.Value{
		// 14 units sold / (10 at the opening + 10 received)
		"sell_through": pct(metrics.NewRatio(14, 20)),
		// gross profit 14 × (10 − 4) = 84 / mean inventory at cost of the 11
		// snapshots, opening included: 4 × 54 / 11 = 19.636… held as the
		// amount 19.64
		"gmroi": multiple(metrics.NewRatio(84, 19.64)),
		// in-stock days Nov 1–4 and 8–10 sold 12 units for 120: 120 / 7 × 3 stock-out days
		"lost_sales": metrics.MoneyValue(cny("51.43")),
	}
	for key, w := range want {
		if diff := cmp.Diff(w.String(), got[key].String()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", key, diff)
		}
	}
	wantLost := []LostSale{{SKU: "S", Name: "shoe", StockoutDays: 3, Units: number(metrics.NewRatio(12*3, 7)), Revenue: cny("51.43")}}
	if diff := cmp.Diff(wantLost, pr.LostSales); diff != "" {
		t.Errorf("lost sales (-want +got):\n%s", diff)
	}
	// The 6 units on hand on Nov 10 are of the Nov 8 receipt: 2 days old.
	var aged []string
	for _, a := range pr.Aging {
		if a.Units > 0 {
			aged = append(aged, a.Label+" "+a.Cost.String()+" "+a.Share.String())
		}
	}
	if diff := cmp.Diff([]string{"0-30 CNY 24.00 " + metrics.NewRatio(1, 1).String()}, aged); diff != "" {
		t.Errorf("aging (-want +got):\n%s", diff)
	}
}

// TestAgingAddsUpToInventoryValue checks that the stock of a SKU without
// receipts is in the aging's unknown bucket, so that the buckets add up to
// the inventory value at cost (the demo's December showed CN¥161,394 of
// aging against CN¥246,229 of inventory, unknown 0).
func TestAgingAddsUpToInventoryValue(t *testing.T) {
	in, p := stockStore()
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	snaps := slices.Collect(in.Snapshots)
	for i := range 11 { // Oct 31 … Nov 10, 5 units at 3: never received in the data
		snaps = append(snaps, inventory.Snapshot{SKU: "U", Day: time.Date(2025, 10, 31+i, 12, 0, 0, 0, time.UTC), OnHand: 5, UnitCost: cny("3")})
	}
	in.Snapshots = slices.Values(snaps)
	r, err := Build(in, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var sum money.Sum
	for _, a := range r.Products.Aging {
		sum.Add(a.Cost)
		if a.Units > 0 {
			got = append(got, fmt.Sprintf("%s %d %s", a.Label, a.Units, a.Cost))
		}
	}
	// S: 6 units of the Nov 8 receipt at 4; U: 5 units at 3, of unknown age.
	want := []string{"0-30 6 CNY 24.00", "unknown 5 CNY 15.00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("aging (-want +got):\n%s", diff)
	}
	for _, k := range r.Products.KPIs {
		if k.Key == "inventory_value" {
			if diff := cmp.Diff(k.Current.String(), metrics.MoneyValue(sum.Total(money.MustCurrency("CNY"))).String()); diff != "" {
				t.Errorf("inventory value against the aging's total (-value +aging):\n%s", diff)
			}
		}
	}
}
