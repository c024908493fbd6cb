package report

import (
	"slices"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// demoReview builds the review of period p of the default demo store with
// every input the store has.
func demoReview(t *testing.T, s *sample.Store, p metrics.Period) *Review {
	t.Helper()
	items := make([]inventory.Item, len(s.Catalogue))
	for i, c := range s.Catalogue {
		items[i] = inventory.Item{SKU: c.SKU, Name: c.Name, Category: c.Category, Launch: c.Launch}
	}
	in := Input{
		Items: items, Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events),
		Spend: s.Spend, Targets: s.Targets, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts,
		Promotions: s.Promotions, Tickets: s.Tickets,
	}
	r, err := Build(in, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDemoWholeReview reviews the default demo's December 2025, the main
// job's default period, and checks that the sections of issue 21 recover
// the truths the store was drawn from (internal/sample's Truth): the slow
// carrier and the late region by the fulfilment section and its rule,
// 双12 as a promotion that does not pay, the live-stream channel's CAC,
// the products launched in the last 90 days, and a forecast of January.
func TestDemoWholeReview(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews its December")
	}
	s := sample.Generate(sample.Config{})
	tr := s.Truth
	r := demoReview(t, s, metrics.PeriodOf(metrics.DayOf(2025, 12, 1, s.Config.Location).Start, metrics.Month))

	f := r.Fulfilment
	if f == nil {
		t.Fatal("no fulfilment section")
	}
	slowest, latest := "", ""
	var most float64
	least := 2.0
	for _, c := range f.Carriers {
		if v, ok := c.ShipMedian.Float(); ok && v > most {
			slowest, most = c.Name, v
		}
	}
	for _, g := range f.Regions {
		if v, ok := g.OnTimeRate.Value(); ok && v < least {
			latest, least = g.Name, v
		}
	}
	if slowest != tr.SlowCarrier || latest != tr.LateRegion {
		t.Errorf("slowest carrier %q, latest region %q; want the truth's %q and %q", slowest, latest, tr.SlowCarrier, tr.LateRegion)
	}
	flagged := map[string]bool{}
	for _, x := range r.Findings {
		if x.Rule == "late_deliveries" {
			for _, e := range x.Evidence {
				flagged[e.Subject] = true
			}
		}
	}
	if !flagged[tr.SlowCarrier] || !flagged[tr.LateRegion] {
		t.Errorf("late_deliveries findings name %v; want %q and %q among them", flagged, tr.SlowCarrier, tr.LateRegion)
	}

	if r.Promotions == nil {
		t.Fatal("no promotions section")
	}
	verdicts := map[string]string{}
	for _, p := range r.Promotions.Items {
		verdicts[p.ID] = p.Verdict
	}
	var dec int
	for _, id := range tr.Losing {
		if v, ok := verdicts[id]; ok {
			dec++
			if v != "does_not_pay" {
				t.Errorf("promotion %s (built to lose) has verdict %q, want does_not_pay", id, v)
			}
		}
	}
	if dec == 0 {
		t.Errorf("December's review measures none of the losing promotions %v (got %v)", tr.Losing, verdicts)
	}

	if r.Channels == nil {
		t.Fatal("no channels section")
	}
	live := false
	want, _ := tr.LiveCAC.Decimal().Float64()
	for _, c := range r.Channels.Rows {
		if c.Channel != sample.LiveChannel {
			continue
		}
		live = true
		got, ok := c.CAC.Float()
		// A month's new customers of the channel are a Poisson count of
		// a few dozen: the month's CAC is within a third of the truth.
		if !ok || got < want*2/3 || got > want*4/3 {
			t.Errorf("live-stream CAC %v, want about %v", c.CAC, tr.LiveCAC)
		}
	}
	if !live {
		t.Errorf("no live-stream channel row")
	}

	if r.Products == nil || len(r.Products.NewProducts) == 0 {
		t.Fatal("no new products")
	}
	for _, p := range r.Products.NewProducts {
		if !slices.Contains(tr.NewSKUs, p.SKU) {
			t.Errorf("new product %s is not one of the truth's launches %v", p.SKU, tr.NewSKUs)
		}
	}

	if r.Plan == nil || len(r.Plan.Forecasts) == 0 {
		t.Fatal("no forecast in the plan")
	}
}
