package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestProductsWithoutOrders: a review of the stock without orders does
// not know the stock's sales, and does not read them as zero. The levels
// of the stock (its value, the share of days out of stock) are those of
// the review with the orders; the figures of its sales (turnover, days
// of inventory, sell-through, GMROI, lost sales) are n/a, the parts built
// on them (slow movers, the ABC×XYZ classes, the A items out of stock,
// lost sales, the reorder list) are left out with a stock_flow note, and
// no finding says the stock is slow. On the demo's December, read as
// unsold, the stock was 100 % slow, with a slow_stock finding. Orders
// given but none in the period are known sales of zero, and keep them.
func TestProductsWithoutOrders(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 300})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	items := catalogueItems(s)
	build := func(orders []metrics.Order, withOrders bool) *Review {
		t.Helper()
		in := Input{Items: items, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts}
		if withOrders {
			in.Orders = slices.Values(orders)
		}
		r, err := Build(in, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		if r.Products == nil {
			t.Fatal("no products section")
		}
		return r
	}
	whole := build(s.Orders, true)
	none := build(nil, false)
	kpi := func(r *Review, key string) KPI {
		t.Helper()
		k, ok := findKPI(r.Products.KPIs, key)
		if !ok {
			t.Fatalf("no %s KPI", key)
		}
		return k
	}
	for _, key := range []string{"inventory_value", "stockout_rate"} {
		got, want := kpi(none, key).Current, kpi(whole, key).Current
		if !got.Defined() || !got.Equal(want) {
			t.Errorf("%s without orders: %v, want %v, the stock's level with them", key, got, want)
		}
	}
	for _, key := range []string{"turnover", "dio", "sell_through", "gmroi", "lost_sales"} {
		if k := kpi(whole, key); !k.Current.Defined() {
			t.Fatalf("%s is n/a with the orders: the test proves nothing", key)
		}
		if k := kpi(none, key); k.Current.Defined() || k.ChangePrev.Defined() {
			t.Errorf("%s without orders: %v (change %v), want n/a", key, k.Current, k.ChangePrev)
		}
	}
	p := none.Products
	if len(whole.Products.SlowMovers) == 0 || len(whole.Products.Classes) == 0 {
		t.Fatal("no slow movers or classes with the orders: the test proves nothing")
	}
	if len(p.SlowMovers) > 0 || p.SlowShare.Defined() || p.SlowValue.Defined() || len(p.Classes) > 0 || len(p.Pareto) > 0 ||
		len(p.StockOutsA) > 0 || len(p.Reorder) > 0 || len(p.LostSales) > 0 {
		t.Errorf("parts built on the sales without orders: slow %d (share %v, value %v), classes %d, pareto %d, A out %d, reorder %d, lost %d",
			len(p.SlowMovers), p.SlowShare, p.SlowValue, len(p.Classes), len(p.Pareto), len(p.StockOutsA), len(p.Reorder), len(p.LostSales))
	}
	if len(p.Aging) == 0 {
		t.Error("no stock aging without orders: it needs the receipts and the stock only")
	}
	// The aging buckets add up to the inventory value, in the stock's
	// currency: without orders the store's currency is the snapshots'
	// (the unknown bucket was a zero and every share n/a).
	var aged money.Sum
	for _, a := range p.Aging {
		aged.Add(a.Cost)
		if !a.Share.Defined() {
			t.Errorf("aging %s: share n/a", a.Label)
		}
	}
	if v, ok := kpi(none, "inventory_value").Current.Money(); !ok || !aged.Total(v.Currency()).Equal(v) {
		t.Errorf("the aging buckets add up to %v, the inventory value is %v", aged.Total(v.Currency()), v)
	}
	if !p.NoSales || whole.Products.NoSales {
		t.Errorf("NoSales %v without orders, %v with them; want true, false", p.NoSales, whole.Products.NoSales)
	}
	if n := notesKeyed(none, SectionProducts, "stock_flow"); len(n) != 1 || n[0].Reason != "no_orders" {
		t.Errorf("stock_flow notes %+v, want one for no_orders", n)
	}
	if n := notesKeyed(whole, SectionProducts, "stock_flow"); len(n) != 0 {
		t.Errorf("stock_flow notes %+v with the orders, want none", n)
	}
	for _, f := range none.Findings {
		if f.Rule == "slow_stock" {
			t.Errorf("a slow_stock finding without orders: %+v", f)
		}
	}
	// Orders given, none of them in the period: sales known to be none.
	var early []metrics.Order
	for _, o := range s.Orders {
		if o.PlacedAt.Before(dec.Start.AddDate(0, -6, 0)) {
			early = append(early, o)
		}
	}
	known := build(early, true)
	if k := kpi(known, "sell_through"); !k.Current.Defined() {
		t.Errorf("sell-through with orders before the period: %v, want defined (no sale in the period is known)", k.Current)
	}
	if n := notesKeyed(known, SectionProducts, "stock_flow"); len(n) != 0 {
		t.Errorf("stock_flow notes %+v with orders given, want none", n)
	}
}
