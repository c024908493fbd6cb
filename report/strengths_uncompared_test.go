package report

import (
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestKPIImprovedUncompared: a KPI whose change is left undefined (the
// orders of a period whose data end early, not compared with a whole
// one) is not praised, however its values differ; with its change it is.
func TestKPIImprovedUncompared(t *testing.T) {
	for _, tc := range []struct {
		name     string
		uncut    bool
		findings int
	}{{"compared", true, 1}, {"uncompared", false, 0}} {
		k := testKPI("orders", metrics.HigherIsBetter, metrics.CountValue(2000), metrics.CountValue(1000), metrics.Value{}, metrics.Value{})
		if !tc.uncut {
			k.ChangePrev = metrics.Ratio{}
		}
		r := &Review{Overview: &Overview{KPIs: []KPI{k}}}
		if got := len(Thresholds{}.withDefaults().kpiImproved(r)); got != tc.findings {
			t.Errorf("%s: %d kpi_improved findings, want %d", tc.name, got, tc.findings)
		}
	}
}
