package report

import (
	"fmt"
	"testing"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics/forecast"
)

// TestCauseOf: a note's cause is found through wrapping, and an error of
// no known kind has none.
func TestCauseOf(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("report: purchase model: %w", clv.ErrNotConverged), "cause_not_converged"},
		{fmt.Errorf("report: spend model: %w", clv.ErrNoData), "cause_no_customers"},
		{&forecast.ShortError{Have: 3, Need: 28}, "cause_short_history"},
		{fmt.Errorf("plain"), ""},
	} {
		if got := causeOf(c.err); got != c.want {
			t.Errorf("causeOf(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
