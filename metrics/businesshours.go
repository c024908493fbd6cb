package metrics

import (
	"fmt"
	"time"
)

// BusinessHours are a store's service opening hours in its time zone, the
// same every week: for each weekday an opening and a closing time of day.
// A weekday whose Close is not after its Open is closed all day.
//
// The zero BusinessHours is "always open": elapsed business time is then
// plain elapsed time.
type BusinessHours struct {
	Location *time.Location                         // the store's time zone; nil means UTC
	Days     [7]struct{ Open, Close time.Duration } // indexed by time.Weekday; durations since midnight
}

// NewBusinessHours returns hours open from open to close (durations since
// midnight, such as 9*time.Hour and 21*time.Hour) on the given weekdays,
// in loc. It returns an error if close is not after open or either is
// outside one day.
func NewBusinessHours(loc *time.Location, open, close time.Duration, days ...time.Weekday) (BusinessHours, error) {
	if open < 0 || close > 24*time.Hour || close <= open {
		return BusinessHours{}, fmt.Errorf("metrics: business hours %v to %v are not within one day", open, close)
	}
	b := BusinessHours{Location: loc}
	for _, d := range days {
		b.Days[d].Open, b.Days[d].Close = open, close
	}
	return b, nil
}

// IsZero reports whether b is the zero BusinessHours (always open).
func (b BusinessHours) IsZero() bool {
	return b.Location == nil && b.Days == [7]struct{ Open, Close time.Duration }{}
}

// Elapsed returns the business time between from and to: the part of
// [from, to) that falls within opening hours. It is zero if to is not after
// from. Opening hours are wall-clock times of each calendar day, so a day
// of a daylight-saving change keeps its 09:00 to 21:00.
func (b BusinessHours) Elapsed(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	if b.IsZero() {
		return to.Sub(from)
	}
	loc := b.Location
	if loc == nil {
		loc = time.UTC
	}
	from, to = from.In(loc), to.In(loc)
	var total time.Duration
	y, m, d := from.Date()
	for day := time.Date(y, m, d, 0, 0, 0, 0, loc); day.Before(to); day = day.AddDate(0, 0, 1) {
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

// wallClock returns the instant at wall-clock offset d after midnight of
// day, in day's location.
func wallClock(day time.Time, d time.Duration) time.Time {
	h, rest := d/time.Hour, d%time.Hour
	return time.Date(day.Year(), day.Month(), day.Day(), int(h), 0, 0, 0, day.Location()).Add(rest)
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
