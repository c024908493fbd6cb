package service

import (
	"errors"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
)

// BusinessHours are a store's service opening hours in its time zone, the
// same every week: for each weekday an opening and a closing time of day.
// A weekday whose Close equals its Open, such as the zero {0, 0}, is
// closed all day. A Close before its Open (hours across midnight, which
// are not supported) is invalid: [Config.Validate] reports it, as
// [NewBusinessHours] does, and [BusinessHours.Elapsed] counts such a day
// as closed.
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
// in loc. It returns an errors.Join of one *metrics.ConfigError, wrapping
// metrics.ErrConfig, per problem, naming the parameter: "NewBusinessHours(open)"
// or "NewBusinessHours(close)" if it is outside the day (before 0 or after
// 24 hours), "NewBusinessHours(close)" if close is not after open, and
// "NewBusinessHours(days[i])" if a day is not a weekday (Sunday to
// Saturday).
func NewBusinessHours(loc *time.Location, open, close time.Duration, days ...time.Weekday) (BusinessHours, error) {
	var errs []error
	if open < 0 || open > 24*time.Hour {
		errs = append(errs, configError("NewBusinessHours(open)", open.String()+" is outside the day"))
	}
	switch {
	case close < 0 || close > 24*time.Hour:
		errs = append(errs, configError("NewBusinessHours(close)", close.String()+" is outside the day"))
	case close <= open:
		errs = append(errs, configError("NewBusinessHours(close)", "closing at "+close.String()+" is not after opening at "+open.String()))
	}
	b := BusinessHours{Location: loc}
	for i, d := range days {
		if d < time.Sunday || d > time.Saturday {
			errs = append(errs, configError("NewBusinessHours(days["+strconv.Itoa(i)+"])", "weekday "+strconv.Itoa(int(d))+" is not Sunday (0) to Saturday (6)"))
			continue
		}
		b.Days[d].Open, b.Days[d].Close = open, close
	}
	if err := errors.Join(errs...); err != nil {
		return BusinessHours{}, err
	}
	return b, nil
}

// problems returns a *metrics.ConfigError for each weekday of b whose
// opening or closing time is outside the day or whose closing time is
// before its opening time, naming it under field.
func (b BusinessHours) problems(field string) []error {
	var errs []error
	for d, h := range b.Days {
		f := field + ".Days[" + time.Weekday(d).String() + "]"
		openOK := h.Open >= 0 && h.Open <= 24*time.Hour
		closeOK := h.Close >= 0 && h.Close <= 24*time.Hour
		if !openOK {
			errs = append(errs, configError(f+".Open", h.Open.String()+" is outside the day"))
		}
		if !closeOK {
			errs = append(errs, configError(f+".Close", h.Close.String()+" is outside the day"))
		}
		if openOK && closeOK && h.Close < h.Open {
			errs = append(errs, configError(f+".Close", "closing at "+h.Close.String()+" is before opening at "+h.Open.String()+
				": hours across midnight are not supported; a closed day has Open equal to Close"))
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
// on every open day (a closed day is closed however it is written) in the
// same time zone (compared by name and UTC offsets, so two loads of one
// zone are the same and two fixed zones of one name and different offsets
// are not).
func (b BusinessHours) same(o BusinessHours) bool {
	if !b.anyOpen() || !o.anyOpen() { // always open, whatever the Location
		return b.anyOpen() == o.anyOpen()
	}
	for d := range b.Days {
		x, y := b.Days[d], o.Days[d]
		xOpen, yOpen := x.Close > x.Open, y.Close > y.Open
		if xOpen != yOpen || xOpen && x != y {
			return false
		}
	}
	return civil.SameLocation(b.Location, o.Location)
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
