package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestIntervalCoverage checks that the plan's interval coverage carries
// its counts: "33.3%" of three backtest periods read as a measured rate.
func TestIntervalCoverage(t *testing.T) {
	tests := []struct {
		name   string
		c      metrics.Ratio
		l      Language
		want   string
		reason string
	}{
		{"one of three", metrics.CountRatio(1, 3), English, "33.3% (1/3)", "the demo's December"},
		{"zh", metrics.CountRatio(2, 3), Chinese, "66.7%（2/3）", "full-width parentheses"},
		{"no periods", metrics.CountRatio(0, 0), English, "n/a", "no backtest: no counts to show"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, intervalCoverage(tt.c, Formatter{Lang: tt.l})); diff != "" {
			t.Errorf("%s (-want +got):\n%s\n%s", tt.name, diff, tt.reason)
		}
	}
}
