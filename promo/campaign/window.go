package campaign

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// PreWindow returns the pre-window of a campaign's window w: the period
// of equal length just before it, which the difference in differences
// sets the window against. A window of whole days (its start and end at
// midnight in the start's location) has a pre-window of as many calendar
// days, so a clock change in either keeps its start at midnight (a
// window over the end of summer time lasts an hour longer than its days:
// a pre-window of equal duration would start at 23:00 the day before); any
// other window has one of equal duration.
func PreWindow(w metrics.Period) metrics.Period {
	loc := w.Start.Location()
	start, end := w.Start, w.End.In(loc)
	if atMidnight(start) && atMidnight(end) {
		y0, m0, d0 := start.Date()
		y1, m1, d1 := end.Date()
		days := int(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC).Sub(time.Date(y0, m0, d0, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
		return metrics.Period{Start: start.AddDate(0, 0, -days), End: w.Start}
	}
	return metrics.Period{Start: w.Start.Add(-w.End.Sub(w.Start)), End: w.Start}
}

// atMidnight reports whether t is the start of its day in its location.
func atMidnight(t time.Time) bool {
	y, m, d := t.Date()
	return t.Equal(time.Date(y, m, d, 0, 0, 0, 0, t.Location()))
}
