package inventory

import (
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Day is a calendar day, counted in days since 1970-01-01. Inventory is
// counted once a day, so every date in this package is a Day: snapshots,
// receipts and sales are bucketed by the calendar date of their time stamp
// in the time stamp's own location (the store's time zone).
type Day int32

// DayOf returns the calendar date of t in t's location; the time of day is
// ignored.
func DayOf(t time.Time) Day { return Day(civil.Of(t, t.Location())) }

// Date returns the start of the day in loc: midnight, or the instant the
// clocks jump to where a daylight-saving change skips midnight.
func (d Day) Date(loc *time.Location) time.Time {
	y, m, dd := civil.Date(int64(d))
	return metrics.DayOf(y, m, dd, loc).Start
}

// String returns the date as "2006-01-02".
func (d Day) String() string { return d.Date(time.UTC).Format(time.DateOnly) }

// dayCache turns time stamps into days fast for a stream of time stamps,
// each in its own location (the store's time zone).
type dayCache struct{ c civil.Cache }

func (c *dayCache) day(t time.Time) Day { return Day(c.c.Day(t, t.Location())) }
