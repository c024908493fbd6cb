package service

import (
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
)

// BusinessHours are a store's service opening hours in its time zone, the
// same every week: for each weekday an opening and a closing time of day.
// A weekday whose Close is not after its Open is closed all day.
//
// The zero BusinessHours is "always open": elapsed business time is then
// plain elapsed time. So are hours with no open weekday (only a Location
// set): a store that never answers has no business time to measure.
type BusinessHours struct {
	Location *time.Location                         // the store's time zone; nil means UTC
	Days     [7]struct{ Open, Close time.Duration } // indexed by time.Weekday; durations since midnight
}

// NewBusinessHours returns hours open from open to close (durations since
// midnight, such as 9*time.Hour and 21*time.Hour) on the given weekdays,
// in loc. It returns a *metrics.ConfigError, wrapping metrics.ErrConfig, if
// close is not after open, either is outside one day, or a day is not a
// weekday (Sunday to Saturday).
func NewBusinessHours(loc *time.Location, open, close time.Duration, days ...time.Weekday) (BusinessHours, error) {
	if open < 0 || close > 24*time.Hour || close <= open {
		return BusinessHours{}, configError("close", "business hours "+open.String()+" to "+close.String()+" are not within one day")
	}
	b := BusinessHours{Location: loc}
	for i, d := range days {
		if d < time.Sunday || d > time.Saturday {
			return BusinessHours{}, configError("days["+strconv.Itoa(i)+"]", "weekday "+strconv.Itoa(int(d))+" is not Sunday (0) to Saturday (6)")
		}
		b.Days[d].Open, b.Days[d].Close = open, close
	}
	return b, nil
}

// problems returns a *metrics.ConfigError for each weekday of b whose
// opening or closing time is outside the day, naming it under field.
func (b BusinessHours) problems(field string) []error {
	var errs []error
	for d, h := range b.Days {
		f := field + ".Days[" + time.Weekday(d).String() + "]"
		if h.Open < 0 || h.Open > 24*time.Hour {
			errs = append(errs, configError(f+".Open", h.Open.String()+" is outside the day"))
		}
		if h.Close < 0 || h.Close > 24*time.Hour {
			errs = append(errs, configError(f+".Close", h.Close.String()+" is outside the day"))
		}
	}
	return errs
}

// IsZero reports whether b is the zero BusinessHours (always open).
func (b BusinessHours) IsZero() bool {
	return b.Location == nil && b.Days == [7]struct{ Open, Close time.Duration }{}
}

// Elapsed returns the business time between from and to: the part of
// [from, to) that falls within opening hours. It is zero if to is not after
// from. Opening hours are wall-clock times of each calendar day, so a day
// of a daylight-saving change keeps its 09:00 to 21:00; an opening time
// that the change skips (00:30 where the clocks jump from 00:00 to 01:00)
// opens at the jump.
func (b BusinessHours) Elapsed(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	if !b.anyOpen() {
		return to.Sub(from)
	}
	loc := b.Location
	if loc == nil {
		loc = time.UTC
	}
	from, to = from.In(loc), to.In(loc)
	var total time.Duration
	y, m, d := from.Date()
	for i := 0; ; i++ {
		day := civil.Midnight(y, m, d+i, loc)
		if !day.Before(to) {
			break
		}
		h := b.Days[day.Weekday()]
		if h.Close <= h.Open {
			continue
		}
		open := wallClock(day, h.Open)
		closing := wallClock(day, h.Close)
		s, e := maxTime(open, from), minTime(closing, to)
		if e.After(s) {
			total += e.Sub(s)
		}
	}
	return total
}

// same reports whether b and o measure time alike: the same opening hours
// in time zones of the same name (two loads of one zone are the same).
func (b BusinessHours) same(o BusinessHours) bool {
	if !b.anyOpen() || !o.anyOpen() { // always open, whatever the Location
		return b.anyOpen() == o.anyOpen()
	}
	name := func(l *time.Location) string {
		if l == nil {
			return time.UTC.String()
		}
		return l.String()
	}
	return b.Days == o.Days && name(b.Location) == name(o.Location)
}

// anyOpen reports whether some weekday has opening hours.
func (b BusinessHours) anyOpen() bool {
	for _, h := range b.Days {
		if h.Close > h.Open {
			return true
		}
	}
	return false
}

// wallClock returns the instant at wall-clock offset d after midnight of
// day (the first instant of a calendar day), in day's location: 24 hours is
// the start of the next day, and a wall-clock time before the day's first
// instant (skipped by a daylight-saving change) is that first instant.
func wallClock(day time.Time, d time.Duration) time.Time {
	y, m, dd := day.Date()
	if d >= 24*time.Hour {
		return civil.Midnight(y, m, dd+1, day.Location())
	}
	h, rest := d/time.Hour, d%time.Hour
	t := time.Date(y, m, dd, int(h), 0, 0, 0, day.Location()).Add(rest)
	if t.Before(day) {
		return day
	}
	return t
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
