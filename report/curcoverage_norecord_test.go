package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestCurCoverageNoRecord: data that ends before the reviewed period
// starts (the demo's orders up to 30 November, about 2.4 a day in
// November, for a December review) is said as the data's end, like data
// that ends within it: 31 days without a record at that pace have a
// chance of e^(−73), so the overview has a "cur_coverage" note giving
// 2025-11-30, no daily row of zeros, and no change of its totals against
// the whole November (not the −100 % of a month of zeros).
func TestCurCoverageNoRecord(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 300})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	var early []metrics.Order
	for _, o := range s.Orders {
		if o.PlacedAt.Before(dec.Start) {
			early = append(early, o)
		}
	}
	r, err := Build(Input{Orders: slices.Values(early)}, Config{Period: dec})
	if err != nil {
		t.Fatal(err)
	}
	notes := notesKeyed(r, SectionOverview, "cur_coverage")
	if len(notes) != 1 || notes[0].Reason != "2025-11-30" {
		t.Errorf("cur_coverage notes %+v, want one giving 2025-11-30", notes)
	}
	if n := len(r.Overview.Daily); n != 0 {
		t.Errorf("%d days in the daily series, want none: the data has no day of the period", n)
	}
	k, ok := findKPI(r.Overview.KPIs, "net_sales")
	if !ok {
		t.Fatal("no KPI net_sales")
	}
	if k.ChangePrev.Defined() || k.ChangeYear.Defined() {
		t.Errorf("net sales of a period the data does not reach: change %v, 同比 %v; want undefined", k.ChangePrev, k.ChangeYear)
	}
	if !k.Previous.Defined() {
		t.Errorf("net sales: the previous period's value is gone")
	}
}
