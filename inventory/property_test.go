package inventory

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

type genSale struct {
	sku        string
	day        Day
	units      int64
	rev, costs money.Money
}

// genInput draws a small store: a period of 7 to 35 days from 1 Nov 2025,
// up to 5 SKUs with daily or sparse snapshots (some out of stock) and
// sales on random days.
func genInput(t *rapid.T) (metrics.Period, []Snapshot, []genSale, []Item) {
	days := rapid.IntRange(7, 35).Draw(t, "days")
	p, _ := metrics.NewPeriod(nov(1), nov(1).AddDate(0, 0, days))
	n := rapid.IntRange(1, 5).Draw(t, "skus")
	var snaps []Snapshot
	var sales []genSale
	var items []Item
	for i := range n {
		sku := fmt.Sprintf("S%d", i)
		items = append(items, Item{SKU: sku, Category: rapid.SampledFrom([]string{"a", "b"}).Draw(t, "category")})
		cost := cny.FromMinor(rapid.Int64Range(1, 500).Draw(t, "cost"))
		daily := rapid.Bool().Draw(t, "daily")
		for d := range days {
			if daily || d == 0 || d == days-1 || rapid.IntRange(0, 4).Draw(t, "sparse") == 0 {
				snaps = append(snaps, Snapshot{SKU: sku, Day: nov(1 + d), OnHand: rapid.Int64Range(0, 20).Draw(t, "onHand"), UnitCost: cost})
			}
			if rapid.IntRange(0, 2).Draw(t, "sells") == 0 {
				q := rapid.Int64Range(1, 5).Draw(t, "units")
				sales = append(sales, genSale{sku, DayOf(nov(1 + d)), q, cny.FromMinor(q * rapid.Int64Range(1, 900).Draw(t, "price")), cost.Mul(q)})
			}
		}
	}
	return p, snaps, sales, items
}

func salesOf(gs []genSale) *Sales {
	var s Sales
	for _, g := range gs {
		s.Add(g.sku, g.day, g.units, g.rev, g.costs)
	}
	return &s
}

// TestPropTurnoverTimesDIO: turnover × DIO = days in the period whenever
// both are defined, per SKU, category and store (it is COGS/avg ×
// avg/COGS × days; the tolerance is floating-point rounding).
func TestPropTurnoverTimesDIO(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, snaps, gs, items := genInput(t)
		avg := rapid.SampledFrom([]Averaging{MeanOfSnapshots, TimeWeighted}).Draw(t, "averaging")
		r, err := Analyze(Config{Averaging: avg}, Input{Period: p, Snapshots: seqOf(snaps), Sales: salesOf(gs), Items: items})
		if err != nil {
			t.Fatal(err)
		}
		check := func(name string, turn, dio metrics.Ratio) {
			a, ok1 := turn.Value()
			b, ok2 := dio.Value()
			if ok1 && ok2 && math.Abs(a*b-float64(r.Days)) > 1e-9*float64(r.Days) {
				t.Fatalf("%s: turnover %v × DIO %v = %v, want %d days", name, a, b, a*b, r.Days)
			}
		}
		for _, m := range r.SKUs {
			check(m.SKU, m.Turnover, m.DIO)
		}
		for _, g := range r.Categories {
			check("category "+g.Name, g.Turnover, g.DIO)
		}
		check("store", r.Store.Turnover, r.Store.DIO)
	})
}

// TestPropABCShares: the class shares add up to 100 % whenever some value
// is positive, the counts add up to the SKUs, and classes never go back
// (A before B before C in rank order).
func TestPropABCShares(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 40).Draw(t, "n")
		var in []ABCInput
		anyPos := false
		for i := range n {
			v := rapid.Int64Range(-1000, 100000).Draw(t, "value")
			anyPos = anyPos || v > 0
			in = append(in, ABCInput{SKU: fmt.Sprint(i), Value: decimal.New(v, -2)})
		}
		a := rapid.Float64Range(0.01, 1).Draw(t, "A")
		cfg := ABCConfig{A: a, B: rapid.Float64Range(a, 1).Draw(t, "B"), By: ByRevenue}
		got := must(ClassifyABC(in, cfg))
		var share float64
		count := 0
		for _, c := range got.Classes {
			v, ok := c.Share.Value()
			if ok != anyPos {
				t.Fatalf("share defined = %v with a positive value = %v", ok, anyPos)
			}
			share += v
			count += c.Count
		}
		if anyPos && math.Abs(share-1) > 1e-9 {
			t.Fatalf("class shares add up to %v, want 1", share)
		}
		if count != n {
			t.Fatalf("class counts add up to %d, want %d", count, n)
		}
		for i := 1; i < len(got.Items); i++ {
			if got.Items[i].Class < got.Items[i-1].Class {
				t.Fatalf("class goes back at rank %d: %v after %v", i, got.Items[i].Class, got.Items[i-1].Class)
			}
		}
	})
}

// TestPropIdleSKUChangesNothing: adding a SKU with no sales and no stock
// (zero on hand in its snapshots, or only a catalogue entry) leaves every
// other SKU, every category, the store and the other SKUs' ABC classes as
// they were.
func TestPropIdleSKUChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, snaps, gs, items := genInput(t)
		base, err := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(snaps), Sales: salesOf(gs), Items: items})
		if err != nil {
			t.Fatal(err)
		}
		idle := Item{SKU: "idle", Category: rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "idle category")}
		more := append([]Snapshot(nil), snaps...)
		if rapid.Bool().Draw(t, "with snapshots") {
			for d := range rapid.IntRange(1, 7).Draw(t, "idle days") {
				more = append(more, Snapshot{SKU: "idle", Day: nov(1 + d), UnitCost: yuan("3.00")})
			}
		}
		got, err := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(more), Sales: salesOf(gs), Items: append(append([]Item(nil), items...), idle)})
		if err != nil {
			t.Fatal(err)
		}
		var others []SKUMetrics
		for _, m := range got.SKUs {
			if m.SKU != "idle" {
				others = append(others, m)
			}
		}
		if diff := cmp.Diff(base.SKUs, others); diff != "" {
			t.Fatalf("other SKUs changed (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(base.Store, got.Store); diff != "" {
			t.Fatalf("store changed (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(base.Categories, got.Categories); diff != "" {
			t.Fatalf("categories changed (-before +after):\n%s", diff)
		}
		before, after := must(base.ABC(ABCConfig{})).Map(), must(got.ABC(ABCConfig{})).Map()
		delete(after, "idle")
		if diff := cmp.Diff(before, after); diff != "" {
			t.Fatalf("ABC classes changed (-before +after):\n%s", diff)
		}
	})
}

// TestPropSalesMerge: sales split over two shards and merged analyse the
// same as sales added to one Sales.
func TestPropSalesMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, snaps, gs, items := genInput(t)
		var a, b Sales
		for _, g := range gs {
			s := &a
			if rapid.Bool().Draw(t, "shard") {
				s = &b
			}
			s.Add(g.sku, g.day, g.units, g.rev, g.costs)
		}
		if err := a.Merge(&b); err != nil {
			t.Fatal(err)
		}
		want, _ := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(snaps), Sales: salesOf(gs), Items: items})
		got, _ := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(snaps), Sales: &a, Items: items})
		if diff := cmp.Diff(want.SKUs, got.SKUs); diff != "" {
			t.Fatalf("merged sales (-direct +merged):\n%s", diff)
		}
	})
}

// TestPropAllocateMatchesMetrics: the allocation of order discounts that
// AddOrder uses (metrics.Order.AppendLineMinor for orders of whole minor
// units, allocate for the others) gives exactly what money.Money.Allocate
// gives.
func TestPropAllocateMatchesMetrics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "lines")
		o := metrics.Order{Currency: cny, Discount: cny.FromMinor(rapid.Int64Range(-100000, 100000).Draw(t, "discount"))}
		ws := make([]decimal.Decimal, n)
		for i := range n {
			l := metrics.Line{SKU: "x", Quantity: rapid.Int64Range(0, 9).Draw(t, "q"),
				UnitPrice: cny.FromMinor(rapid.Int64Range(0, 1_000_000).Draw(t, "price")),
				Discount:  cny.FromMinor(rapid.Int64Range(0, 1000).Draw(t, "line discount"))}
			o.Lines = append(o.Lines, l)
			if v, _ := l.UnitPrice.Mul(l.Quantity).Sub(l.Discount); v.Sign() > 0 && l.Quantity > 0 {
				ws[i] = v.Decimal()
			}
		}
		want, werr := o.Discount.Allocate(ws)
		got, gerr := addOrderShares(o)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("errors: metrics %v, inventory %v", werr, gerr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("allocation (-metrics +inventory):\n%s", diff)
		}
	})
}

// addOrderShares returns the shares of o's discount that AddOrder uses.
func addOrderShares(o metrics.Order) ([]money.Money, error) {
	if lm, ok := o.AppendLineMinor(nil); ok && !o.Discount.IsZero() {
		shares := make([]money.Money, len(lm))
		for i, l := range lm {
			shares[i] = o.Currency.FromMinor(l.Share)
		}
		return shares, nil
	}
	return allocate(o)
}

// TestPropTimeWeightedDaily: with a snapshot on every day of the period
// (and no opening snapshot) the time-weighted average equals the mean of
// the snapshots; with sparse ones it lies within their range.
func TestPropTimeWeightedDaily(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, snaps, gs, items := genInput(t)
		in := Input{Period: p, Snapshots: seqOf(snaps), Sales: salesOf(gs), Items: items}
		mean, _ := Analyze(Config{}, in)
		in.Snapshots = seqOf(snaps)
		tw, _ := Analyze(Config{Averaging: TimeWeighted}, in)
		for i, m := range mean.SKUs {
			w := tw.SKUs[i]
			if m.SKUDays == mean.Days && !m.AvgCost.Equal(w.AvgCost) {
				t.Fatalf("%s: daily snapshots, mean %v, time-weighted %v", m.SKU, m.AvgCost, w.AvgCost)
			}
			lo, hi := int64(math.MaxInt64), int64(-1)
			for _, s := range snaps {
				if s.SKU == m.SKU {
					lo, hi = min(lo, s.OnHand), max(hi, s.OnHand)
				}
			}
			if hi >= 0 && (w.AvgUnits < float64(lo)-1e-9 || w.AvgUnits > float64(hi)+1e-9) {
				t.Fatalf("%s: time-weighted units %v outside [%d, %d]", m.SKU, w.AvgUnits, lo, hi)
			}
		}
	})
}
