package promo

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func TestOutcomeOf(t *testing.T) {
	pct := func(v float64) metrics.Ratio { return metrics.NewRatio(v, 100) }
	tests := []struct {
		name, reason string
		lo, hi       metrics.Ratio
		want         Outcome
	}{
		{"issue 17 满300减40", "ROI −25.8 % in [−119.7 %, +68.0 %]: the interval contains zero, so the data cannot tell", pct(-119.7), pct(68.0), Inconclusive},
		{"issue 17 618", "ROI −84.3 % in [−102.5 %, −66.1 %]: wholly below zero", pct(-102.5), pct(-66.1), DoesNotPay},
		{"pays", "wholly above zero", pct(3), pct(40), Pays},
		{"touches zero", "a bound of exactly zero is not beyond it", pct(0), pct(40), Inconclusive},
		{"no interval", "an undefined bound decides nothing", metrics.Ratio{}, pct(40), Inconclusive},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, OutcomeOf(tt.lo, tt.hi)); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
	if Inconclusive.String() != "inconclusive" || Pays.String() != "pays" || DoesNotPay.String() != "does not pay" || Outcome(9).String() != "Outcome(9)" {
		t.Error("Outcome.String")
	}
}
