package report

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestCurCoverageTraffic: of a period whose data ends early (the demo's
// orders and events up to 20 December of a December review), the traffic
// section's counts (sessions) are not compared with whole periods either,
// as the overview's visitors are not: 20 days of sessions against a whole
// November would say a fall that is only days not yet in the data. Its
// rates and averages (bounce rate, pages per session) keep their change.
func TestCurCoverageTraffic(t *testing.T) {
	s := sample.Generate(sample.Config{Customers: 300})
	dec := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	cut := time.Date(2025, time.December, 21, 0, 0, 0, 0, dec.Start.Location())
	build := func(end time.Time) *Review {
		os := before(s.Orders, end, func(o metrics.Order) time.Time { return o.PlacedAt })
		es := before(s.Events, end, func(e funnel.Event) time.Time { return e.Time })
		r, err := Build(Input{Orders: slices.Values(os), Events: slices.Values(es)}, Config{Period: dec})
		if err != nil {
			t.Fatal(err)
		}
		if r.Traffic == nil {
			t.Fatal("no traffic section")
		}
		return r
	}
	for _, tc := range []struct {
		name     string
		end      time.Time
		key      string
		compared bool
	}{
		{"cut", cut, "sessions", false},
		{"cut", cut, "visitors", false},
		{"cut", cut, "pages_per_session", true},
		{"cut", cut, "conversion_rate", true},
		{"whole", dec.End, "sessions", true},
	} {
		r := build(tc.end)
		k, ok := findKPI(r.Traffic.KPIs, tc.key)
		if !ok {
			t.Fatalf("%s: no traffic KPI %s", tc.name, tc.key)
		}
		if k.ChangePrev.Defined() != tc.compared || k.ChangeYear.Defined() && !tc.compared {
			t.Errorf("%s: traffic %s: change %v, 同比 %v; want them defined: %v", tc.name, tc.key, k.ChangePrev, k.ChangeYear, tc.compared)
		}
		if !k.Previous.Defined() {
			t.Errorf("%s: traffic %s: the previous period's value is gone", tc.name, tc.key)
		}
	}
}
