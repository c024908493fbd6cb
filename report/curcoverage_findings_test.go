package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

// TestCurCoverageFindings: of the demo's December whose orders and points
// end on the 20th, the spend per buyer (net sales over distinct buyers,
// who order more the more days are counted: −7.3 % against November,
// the whole month +2.9 %) has no change, and the active-member rate
// (10.9 % of 20 days against November's 15.7 %; 16.0 % over the whole
// month) raises no loyalty_active_falling finding. A whole December
// compares the spend per buyer.
func TestCurCoverageFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews its December twice")
	}
	s := sample.Generate(sample.Config{Customers: 1500})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	cut := time.Date(2025, time.December, 21, 0, 0, 0, 0, dec.Start.Location())
	for _, tc := range []struct {
		name string
		end  time.Time
		cut  bool
	}{{"cut", cut, true}, {"whole", dec.End, false}} {
		os := before(s.Orders, tc.end, func(o metrics.Order) time.Time { return o.PlacedAt })
		points := before(s.Points, tc.end, func(p loyalty.Entry) time.Time { return p.At })
		r, err := Build(Input{Orders: slices.Values(os), Members: s.Members, Points: points}, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		if r.Overview == nil || r.Membership == nil {
			t.Fatalf("%s: overview %v, membership %v; want both", tc.name, r.Overview != nil, r.Membership != nil)
		}
		k, ok := findKPI(r.Overview.KPIs, metrics.KeySpendPerBuyer)
		if !ok || !k.Previous.Defined() {
			t.Fatalf("%s: spend per buyer %+v: want it with November's value", tc.name, k)
		}
		if k.ChangePrev.Defined() == tc.cut || k.ChangeYear.Defined() && tc.cut {
			t.Errorf("%s: spend per buyer change %v, 同比 %v; want them defined: %v", tc.name, k.ChangePrev, k.ChangeYear, !tc.cut)
		}
		a, ok := findKPI(r.Membership.KPIs, "loyalty_active_rate")
		if !ok || !a.Previous.Defined() {
			t.Fatalf("%s: active rate %+v: want it with November's value", tc.name, a)
		}
		for _, f := range r.Findings {
			if f.Rule == "loyalty_active_falling" {
				t.Errorf("%s: %s finding on an active rate of %v against %v", tc.name, f.Rule, a.Current, a.Previous)
			}
		}
	}
}

// TestCurCoverageNoRecordStock: the demo's orders up to 30 November and
// its snapshots to 31 December, reviewed for December: the data cover no
// day of it, so every December snapshot is after the data's end, counted
// in the inventory_after_data_end note, and the stock is not analysed
// (over the whole month without a sale, all of it read as slow or dead:
// a slow_stock warning of 100 % of the stock's value).
func TestCurCoverageNoRecordStock(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 300})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	os := before(s.Orders, dec.Start, func(o metrics.Order) time.Time { return o.PlacedAt })
	items := catalogueItems(s)
	r, err := Build(Input{Orders: slices.Values(os), Items: items, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts},
		Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	var inDec int64
	for _, x := range s.Snapshots {
		if dec.Contains(x.Day) {
			inDec++
		}
	}
	var left int64 = -1
	for _, n := range r.NotesOf(SectionProducts) {
		if n.Key == "inventory_after_data_end" {
			left = n.LeftOut
		}
	}
	if inDec == 0 || left != inDec {
		t.Errorf("inventory_after_data_end note leaves out %d snapshots; %d are in December, after the data's end", left, inDec)
	}
	if r.Products != nil {
		t.Errorf("products %+v: want the section left out, the data covering no day of the period", r.Products.KPIs)
	}
	for _, f := range r.Findings {
		if f.Section == SectionProducts {
			t.Errorf("finding %s (%s) on a period the data does not reach", f.Rule, f.Title.Text.EN)
		}
	}
}
