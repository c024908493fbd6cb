package report

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestCurCoverage: when the data ends before the reviewed period's last
// day (here the demo's orders, 2.2 a day, up to 20 December of a
// December review), the overview's daily series stops at the data's last
// day, not a row of zeros for each day after it, a "cur_coverage" note
// gives that day, and the totals and counts are not compared with whole
// periods; data that reaches the period's last day gives the whole month,
// its comparisons and no note. (A sparse store's quiet last days are not
// cut: TestBuildTinyStore.)
func TestCurCoverage(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 300})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	loc := dec.Start.Location()
	cut := time.Date(2025, time.December, 21, 0, 0, 0, 0, loc)
	if dec != metrics.MonthOf(2025, time.December, loc) {
		t.Fatalf("the demo's last month is %v, the test wants December 2025", dec)
	}
	build := func(orders []metrics.Order) *Review {
		r, err := Build(Input{Orders: slices.Values(orders)}, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	var early []metrics.Order
	for _, o := range s.Orders {
		if o.PlacedAt.Before(cut) {
			early = append(early, o)
		}
	}
	var last time.Time
	for _, o := range early {
		if o.PlacedAt.After(last) {
			last = o.PlacedAt
		}
	}
	lastDay := last.In(loc).Format(time.DateOnly)
	if lastDay != "2025-12-20" {
		t.Fatalf("the demo's orders before the cut end on %s, the test wants 2025-12-20", lastDay)
	}

	r := build(early)
	if n := len(r.Overview.Daily); n != 20 {
		t.Errorf("%d days in the daily series, want the 20 the data covers", n)
	}
	if got := r.Overview.Daily[len(r.Overview.Daily)-1].Date.Format(time.DateOnly); got != "2025-12-20" {
		t.Errorf("the series ends on %s, want 2025-12-20", got)
	}
	notes := notesKeyed(r, SectionOverview, "cur_coverage")
	if len(notes) != 1 || notes[0].Reason != "2025-12-20" {
		t.Errorf("cur_coverage notes %+v, want one giving 2025-12-20", notes)
	}

	// Of the cut period, the totals and counts are not compared with the
	// whole month before (nor their target); the averages are.
	for _, c := range []struct {
		key      string
		compared bool
	}{{"net_sales", false}, {"orders", false}, {"new_customers", false}, {"aov", true}, {"gross_margin", true}} {
		k, ok := findKPI(r.Overview.KPIs, c.key)
		if !ok {
			t.Fatalf("no KPI %s", c.key)
		}
		if k.ChangePrev.Defined() != c.compared || k.ChangeYear.Defined() && !c.compared || k.Attainment.Defined() && !c.compared {
			t.Errorf("%s of a period cut short: change %v, 同比 %v, attainment %v; want them defined: %v", c.key, k.ChangePrev, k.ChangeYear, k.Attainment, c.compared)
		}
		if !k.Previous.Defined() {
			t.Errorf("%s: the previous period's value is gone: %v", c.key, k.Previous)
		}
	}

	whole := build(s.Orders)
	if k, _ := findKPI(whole.Overview.KPIs, "net_sales"); !k.ChangePrev.Defined() {
		t.Errorf("net sales of a whole month not compared: %v", k.ChangePrev)
	}
	if n := len(whole.Overview.Daily); n != 31 {
		t.Errorf("%d days for data through December, want 31", n)
	}
	for _, n := range whole.Notes {
		if n.Key == "cur_coverage" {
			t.Errorf("data through December has a cur_coverage note: %+v", n)
		}
	}
	j, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(j), `"key":"cur_coverage"`) {
		t.Errorf("the JSON review does not carry the note")
	}
}
