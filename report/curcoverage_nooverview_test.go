package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestCoveredWithoutOverview: a review without orders has no overview,
// which alone decides that the data end before the period (curCoverage),
// so no day of the period is taken off (builder.coveredPeriod): the
// demo's December snapshots, without orders, are all analysed, none is
// counted in an inventory_after_data_end note, and the stock's value is
// the one at the month's last snapshot, as in a review of the whole
// month with its orders. Were the covered period the zero Period, the
// period's start and end at the zero time, the section would be left out.
func TestCoveredWithoutOverview(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 300})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	items := catalogueItems(s)
	stock := func(r *Review) metrics.Value {
		t.Helper()
		if r.Products == nil {
			t.Fatal("no products section: the stock of the period was not analysed")
		}
		k, ok := findKPI(r.Products.KPIs, "inventory_value")
		if !ok || !k.Current.Defined() {
			t.Fatalf("inventory value %+v: want it defined", k)
		}
		return k.Current
	}
	r, err := Build(Input{Items: items, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts}, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	if r.Overview != nil {
		t.Fatal("an overview without orders: the test proves nothing")
	}
	if n := notesKeyed(r, SectionOverview, "cur_coverage"); len(n) != 0 {
		t.Errorf("cur_coverage notes %+v without an overview; want none", n)
	}
	if n := notesKeyed(r, SectionProducts, "inventory_after_data_end"); len(n) != 0 {
		t.Errorf("inventory_after_data_end notes %+v; want none: no day of the period is taken off", n)
	}
	whole, err := Build(Input{Orders: slices.Values(s.Orders), Items: items, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts},
		Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	if n := notesKeyed(whole, SectionOverview, "cur_coverage"); len(n) != 0 {
		t.Fatalf("the demo's December with its orders is cut short (%+v): the test proves nothing", n)
	}
	if got, want := stock(r), stock(whole); !got.Equal(want) {
		t.Errorf("inventory value %v without orders, %v with them; want the month's last snapshot's in both", got, want)
	}
}
