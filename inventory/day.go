package inventory

import "time"

// Day is a calendar day, counted in days since 1970-01-01. Inventory is
// counted once a day, so every date in this package is a Day: snapshots,
// receipts and sales are bucketed by the calendar date of their time stamp
// in the time stamp's own location (the store's time zone).
type Day int32

// DayOf returns the calendar date of t in t's location; the time of day is
// ignored.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return civil(y, int(m), d)
}

// civil returns the day number of the proleptic Gregorian date y-m-d
// (Howard Hinnant's days_from_civil).
func civil(y, m, d int) Day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// Date returns the day at midnight in loc.
func (d Day) Date(loc *time.Location) time.Time {
	t := time.Unix(int64(d)*86400, 0).UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// String returns the date as "2006-01-02".
func (d Day) String() string { return d.Date(time.UTC).Format(time.DateOnly) }

// dayCache turns time stamps into days fast for a stream of time stamps in
// few locations: it remembers the zone offset in effect over an interval of
// Unix seconds and divides.
type dayCache struct {
	loc    *time.Location
	lo, hi int64 // the zone's offset holds for Unix seconds in [lo, hi)
	off    int64
}

func (c *dayCache) day(t time.Time) Day {
	u := t.Unix()
	if t.Location() != c.loc || u < c.lo || u >= c.hi {
		c.loc = t.Location()
		_, off := t.Zone()
		c.off = int64(off)
		s, e := t.ZoneBounds()
		c.lo, c.hi = -1<<63, 1<<63-1
		if !s.IsZero() {
			c.lo = s.Unix()
		}
		if !e.IsZero() {
			c.hi = e.Unix()
		}
	}
	v := u + c.off
	d := v / 86400
	if v%86400 < 0 {
		d--
	}
	return Day(d)
}
