package report

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestBuildCompare reviews November of the tiny store against October
// with Config.Compare: the year-ago column holds October's figures, the
// ones a review of October itself shows as current (computed by Build on
// another path: October as the reviewed period), and Review.YearAgo is
// October. Without Compare it is November 2024, which has no data.
func TestBuildCompare(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	oct := metrics.MonthOf(2025, time.October, time.UTC)
	r, err := Build(tinyStore(), Config{Period: nov, Compare: oct})
	if err != nil {
		t.Fatal(err)
	}
	if r.YearAgo != oct {
		t.Errorf("YearAgo = %v, want %v", r.YearAgo, oct)
	}
	o, err := Build(tinyStore(), Config{Period: oct})
	if err != nil {
		t.Fatal(err)
	}
	current := map[string]metrics.Value{}
	for _, k := range o.Overview.KPIs {
		current[k.Key] = k.Current
	}
	got := map[string]metrics.Value{}
	for _, k := range r.Overview.KPIs {
		if _, ok := current[k.Key]; ok {
			got[k.Key] = k.YearAgo
		}
	}
	// October: one order of 100 (A's), net sales 100.
	if v := got["net_sales"]; v.String() != current["net_sales"].String() || !v.Defined() {
		t.Errorf("net sales of the compared October = %v, want %v", v, current["net_sales"])
	}
	if diff := cmp.Diff(current, got); diff != "" {
		t.Errorf("year-ago column with Compare = October vs October's own review (-october +compared):\n%s", diff)
	}
	d, err := Build(tinyStore(), Config{Period: nov})
	if err != nil {
		t.Fatal(err)
	}
	if d.YearAgo != nov.YearAgo() {
		t.Errorf("default YearAgo = %v, want %v", d.YearAgo, nov.YearAgo())
	}
}
