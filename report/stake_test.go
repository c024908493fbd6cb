package report

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestStockoutStakeRecomputed checks the sales lost to the demo store's
// December A-item stock-outs against a computation from its raw data,
// without package inventory: per SKU, the net sales (after line and
// allocated order discounts) of its days with stock on hand at the end of
// the day, per such day, times its days out; and the stock-out finding's
// stake is their sum.
func TestStockoutStakeRecomputed(t *testing.T) {
	s := sample.Generate(sample.Config{})
	loc := s.Period.Start.Location()
	p := metrics.MonthOf(2025, time.December, loc)
	r, err := Build(Input{Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events), Spend: s.Spend,
		Targets: s.Targets, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts, Promotions: s.Promotions, Tickets: s.Tickets},
		Config{Period: p, Sessions: funnel.SessionRule{Key: funnel.PropSession}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Products == nil || len(r.Products.StockOutsA) == 0 {
		t.Fatal("the demo's December has no A-item stock-out to check")
	}
	day := func(tm time.Time) string { return tm.In(loc).Format(time.DateOnly) }
	var sum money.Total
	for _, so := range r.Products.StockOutsA {
		inStock := map[string]bool{}
		for _, sn := range s.Snapshots {
			if sn.SKU == so.SKU && p.Contains(sn.Day) {
				inStock[day(sn.Day)] = sn.OnHand > 0
			}
		}
		var in, out int
		for _, v := range inStock {
			if v {
				in++
			} else {
				out++
			}
		}
		var rev float64
		for _, o := range s.Orders {
			if o.Status == metrics.Cancelled || !p.Contains(o.PlacedAt) || !inStock[day(o.PlacedAt)] {
				continue
			}
			shares, err := o.DiscountShares()
			if err != nil {
				t.Fatal(err)
			}
			for i, l := range o.Lines {
				if l.SKU == so.SKU {
					n, err := l.Net()
					if err == nil {
						n, err = n.Sub(shares[i])
					}
					if err != nil {
						t.Fatal(err)
					}
					f, _ := n.Decimal().Float64()
					rev += f
				}
			}
		}
		want := rev / float64(in) * float64(out)
		got, _ := so.LostSales.Decimal().Float64()
		// The review rounds each SKU's estimate to the fen.
		if int64(out) != so.Days || math.Abs(got-want) > 0.005 {
			t.Errorf("%s: %d days out, lost %.4f; review: %d days, %s", so.SKU, out, want, so.Days, so.LostSales)
		}
		sum.AddMoney(so.LostSales)
	}
	i := slices.IndexFunc(r.Findings, func(f Finding) bool { return f.Rule == "stockout_a" })
	if i < 0 {
		t.Fatal("no stock-out finding")
	}
	if want := metrics.MoneyValue(sum.Money(r.Currency)); !r.Findings[i].Stake.Equal(want) {
		t.Errorf("stake %v, want the sum %v", r.Findings[i].Stake, want)
	}
	if r.Plan == nil || len(r.Plan.Actions) == 0 {
		t.Error("Build made no plan actions")
	}
}
