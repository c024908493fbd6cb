package campaign

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestPreWindow checks the pre-window of windows of whole days across
// clock changes, which keeps its start at midnight (with a duration, it
// would start an hour off), and of a window of hours, which has the same
// duration. New York's summer time ended on 5 November 2017 and began
// on 12 March 2017; the Complete Journey slice's campaign 14 ran from 4
// September to 8 November 2017 (65 days and an hour).
func TestPreWindow(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	at := func(y int, m time.Month, d, h int, loc *time.Location) time.Time {
		return time.Date(y, m, d, h, 0, 0, 0, loc)
	}
	type span struct{ Start, End string }
	str := func(p metrics.Period) span {
		return span{p.Start.Format(time.RFC3339), p.End.Format(time.RFC3339)}
	}
	for _, tc := range []struct {
		name string
		w    metrics.Period
		want span
	}{
		{"over the end of summer time", metrics.Period{Start: at(2017, 9, 4, 0, ny), End: at(2017, 11, 9, 0, ny)},
			span{"2017-06-30T00:00:00-04:00", "2017-09-04T00:00:00-04:00"}},
		{"pre-window over the start of summer time", metrics.Period{Start: at(2017, 3, 20, 0, ny), End: at(2017, 3, 27, 0, ny)},
			span{"2017-03-13T00:00:00-04:00", "2017-03-20T00:00:00-04:00"}},
		{"both over a change", metrics.Period{Start: at(2017, 3, 12, 0, ny), End: at(2017, 3, 14, 0, ny)},
			span{"2017-03-10T00:00:00-05:00", "2017-03-12T00:00:00-05:00"}},
		{"days in UTC", metrics.Period{Start: at(2025, 12, 1, 0, time.UTC), End: at(2026, 1, 1, 0, time.UTC)},
			span{"2025-10-31T00:00:00Z", "2025-12-01T00:00:00Z"}},
		{"hours: equal duration", metrics.Period{Start: at(2017, 11, 5, 10, ny), End: at(2017, 11, 5, 14, ny)},
			span{"2017-11-05T06:00:00-05:00", "2017-11-05T10:00:00-05:00"}},
		{"end in another location", metrics.Period{Start: at(2017, 9, 4, 0, ny), End: at(2017, 11, 9, 5, time.UTC)},
			span{"2017-06-30T00:00:00-04:00", "2017-09-04T00:00:00-04:00"}},
	} {
		if d := cmp.Diff(tc.want, str(PreWindow(tc.w))); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
	}
}
