package report

import (
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// costDays holds the days of non-cancelled orders with a line sold
// without a unit cost (an empty or zero unit_cost), in the review's
// location: a promotion or CRM campaign whose measured days include one
// gets no gross-profit figures (ROI, gain, their intervals, the verdict),
// since its incremental gross profit would count those sales at zero cost
// (the Complete Journey data, which has no costs, read "pays" at a 39 %
// ROI). The overview's margin follows the same rule (costCoverage).
type costDays struct {
	days  map[int64]bool // civil.Of
	cache civil.Cache
	loc   *time.Location
}

// add notes o's day if o is not cancelled and sold a line without a cost.
func (c *costDays) add(o *metrics.Order) {
	if o.Status == metrics.Cancelled {
		return
	}
	for i := range o.Lines {
		if o.Lines[i].CostMissing() {
			if c.days == nil {
				c.days = make(map[int64]bool)
			}
			c.days[c.cache.Day(o.PlacedAt, c.loc)] = true
			return
		}
	}
}

// lacking reports whether a day from start (inclusive) to end
// (exclusive) had sales without a unit cost.
func (c *costDays) lacking(start, end time.Time) bool {
	if len(c.days) == 0 || !end.After(start) {
		return false
	}
	for d, last := civil.Of(start, c.loc), civil.Of(end.Add(-time.Nanosecond), c.loc); d <= last; d++ {
		if c.days[d] {
			return true
		}
	}
	return false
}
