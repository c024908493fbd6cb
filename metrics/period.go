package metrics

import (
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
)

// Grain is the length of a calendar bucket: a day, an ISO week (Monday to
// Sunday) or a calendar month, and for periods also a quarter or a year.
type Grain uint8

const (
	Custom  Grain = iota // no calendar unit: an arbitrary interval
	Day                  // a calendar day, midnight to midnight
	Week                 // an ISO 8601 week, Monday 00:00 to the next Monday
	Month                // a calendar month
	Quarter              // a calendar quarter
	Year                 // a calendar year
)

var grainNames = [...]string{"custom", "day", "week", "month", "quarter", "year"}

// String returns the grain's name, such as "week".
func (g Grain) String() string {
	if int(g) < len(grainNames) {
		return grainNames[g]
	}
	return fmt.Sprintf("Grain(%d)", g)
}

// Period is a half-open interval of time [Start, End) in a location, the
// store's time zone.
//
// A Period made by [NewPeriod] is an arbitrary interval; one made by
// [PeriodOf] is a calendar unit (a day, an ISO week, a month, a quarter, a
// year) and remembers it, so that its [Period.Previous] is the previous
// calendar unit (October for November) rather than the 30 days before.
//
// All calendar arithmetic is in calendar days of the location, so a day
// across a daylight-saving change is 23 or 25 hours long, as on the wall
// clock. A day whose midnight the change skips (America/Santiago,
// Asia/Beirut) starts at the instant the clocks jump to, such as 01:00.
type Period struct {
	Start, End time.Time // Start inclusive, End exclusive, in the same location
	Grain      Grain     // the calendar unit, or Custom
}

// NewPeriod returns the custom period [start, end), with end converted to
// start's location. It returns an error if end is not after start.
func NewPeriod(start, end time.Time) (Period, error) {
	if !end.After(start) {
		return Period{}, fmt.Errorf("metrics: period end %s is not after start %s", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	return Period{Start: start, End: end.In(start.Location())}, nil
}

// PeriodOf returns the calendar unit of grain g that contains t, in t's
// location. For g == Custom it returns the day containing t.
func PeriodOf(t time.Time, g Grain) Period {
	start := truncate(t, g)
	if g == Custom {
		g = Day
	}
	return Period{Start: start, End: step(start, g, 1), Grain: g}
}

// MonthOf returns the calendar month year-month in loc.
func MonthOf(year int, month time.Month, loc *time.Location) Period {
	return PeriodOf(civil.Midnight(year, month, 1, loc), Month)
}

// DayOf returns the calendar day in loc.
func DayOf(year int, month time.Month, day int, loc *time.Location) Period {
	return PeriodOf(civil.Midnight(year, month, day, loc), Day)
}

// truncate returns the start of the calendar unit of g containing t.
func truncate(t time.Time, g Grain) time.Time {
	y, m, d := t.Date()
	loc := t.Location()
	switch g {
	case Week:
		wd := int(t.Weekday()+6) % 7 // Monday = 0
		return civil.Midnight(y, m, d-wd, loc)
	case Month:
		return civil.Midnight(y, m, 1, loc)
	case Quarter:
		return civil.Midnight(y, m-(m-1)%3, 1, loc)
	case Year:
		return civil.Midnight(y, 1, 1, loc)
	}
	return civil.Midnight(y, m, d, loc)
}

// step moves t by n units of g in calendar terms. The start of a day stays
// the start of a day, even where a daylight-saving change skips midnight.
func step(t time.Time, g Grain, n int) time.Time {
	var dy, dm, dd int
	switch g {
	case Week:
		dd = 7 * n
	case Month:
		dm = n
	case Quarter:
		dm = 3 * n
	case Year:
		dy = n
	default:
		dd = n
	}
	y, m, d := t.Date()
	if !t.Equal(civil.Midnight(y, m, d, t.Location())) {
		return t.AddDate(dy, dm, dd)
	}
	c := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).AddDate(dy, dm, dd) // the calendar date, as AddDate normalises it
	return civil.Midnight(c.Year(), c.Month(), c.Day(), t.Location())
}

// Location returns the period's time zone.
func (p Period) Location() *time.Location { return p.Start.Location() }

// Contains reports whether t lies in [Start, End).
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && t.Before(p.End)
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.Start.IsZero() && p.End.IsZero() }

// Days returns the number of calendar days the period spans in its
// location: 30 for November, 7 for an ISO week, even across a
// daylight-saving change. A period that does not start or end at midnight
// counts each calendar day it touches.
func (p Period) Days() int {
	if !p.End.After(p.Start) {
		return 0
	}
	last := p.End.In(p.Location()).Add(-time.Nanosecond)
	return civilDays(last) - civilDays(p.Start) + 1
}

// civilDays returns the day number of t's calendar date, in t's location.
func civilDays(t time.Time) int { return int(civil.Of(t, t.Location())) }

// Previous returns the period just before p: the previous calendar unit for
// a calendar period (October for November, the previous ISO week), and the
// interval of equal length ending at Start for a custom one (in calendar
// days when p is made of whole days, so DST does not shift it).
func (p Period) Previous() Period {
	if p.Grain != Custom {
		return Period{Start: step(p.Start, p.Grain, -1), End: p.Start, Grain: p.Grain}
	}
	if wholeDays(p) {
		return Period{Start: step(p.Start, Day, -p.Days()), End: p.Start}
	}
	return Period{Start: p.Start.Add(-p.End.Sub(p.Start)), End: p.Start}
}

func wholeDays(p Period) bool {
	return p.Start.Equal(truncate(p.Start, Day)) && p.End.In(p.Location()).Equal(truncate(p.End.In(p.Location()), Day))
}

// YearAgo returns the same period one calendar year earlier (同比), so
// that a day is compared with one day and a month with a whole month:
//
//   - a day is the same date a year earlier, and 29 February is 28 February
//     (2024-02-29 → 2023-02-28, 2025-02-28 → 2024-02-28: one day each);
//   - a month, quarter or year is its calendar counterpart (February 2024,
//     29 days, is compared with February 2023, 28 days);
//   - an ISO week ([Week]) is the week 52 weeks (364 days) earlier, so that
//     weekdays line up; after a 53-week ISO year that week has the previous
//     week number (2021-W01 is compared with 2020-W02);
//   - a custom period made of whole days starts on the same date a year
//     earlier (29 February becoming 28 February) and has the same number
//     of calendar days, so that equal numbers of days are compared even
//     when one of the two spans 29 February (2025-02-25..2025-03-03, 7 days,
//     → 2024-02-25..2024-03-02, 7 days);
//   - any other custom period starts at the same date and clock time a year
//     earlier (29 February becoming 28 February) and has the same length
//     in elapsed time, as [Period.Previous] has, so that it is never empty
//     or inverted where p is not.
//
// The zero Period (all time) is its own year-ago period.
func (p Period) YearAgo() Period {
	if p.IsZero() {
		return p
	}
	loc := p.Location()
	switch {
	case p.Grain == Week: // 52 weeks back, so that weekdays line up
		return Period{Start: step(p.Start, Day, -364), End: step(p.End.In(loc), Day, -364), Grain: Week}
	case p.Grain != Custom:
		start := yearBefore(p.Start)
		return Period{Start: start, End: step(start, p.Grain, 1), Grain: p.Grain}
	case wholeDays(p):
		start := yearBefore(p.Start)
		return Period{Start: start, End: step(start, Day, p.Days())}
	}
	start := yearBefore(p.Start)
	return Period{Start: start, End: start.Add(p.End.Sub(p.Start))}
}

// yearBefore returns the same date and clock time one year before t, in
// t's location, with 29 February becoming 28 February. The start of a day
// stays the start of a day, as in step.
func yearBefore(t time.Time) time.Time {
	y, m, d := t.Date()
	loc := t.Location()
	day := d
	if m == time.February && d == 29 {
		day = 28
	}
	if t.Equal(civil.Midnight(y, m, d, loc)) {
		return civil.Midnight(y-1, m, day, loc)
	}
	h, mi, sec := t.Clock()
	r := time.Date(y-1, m, day, h, mi, sec, t.Nanosecond(), loc)
	if ry, rm, rd := r.Date(); ry != y-1 || rm != m || rd != day {
		// The wall clock is in a gap that skips midnight a year before
		// (a daylight-saving change at 00:00): keep the date, and the
		// time elapsed since the day began.
		r = civil.Midnight(y-1, m, day, loc).Add(t.Sub(civil.Midnight(y, m, d, loc)))
	}
	return r
}

// Buckets returns the calendar units of grain g that cover p, in order,
// each clipped to p: the weeks of a month start with the part-week before
// the month's first Monday. Buckets panics if g is Custom.
func (p Period) Buckets(g Grain) iter.Seq[Period] {
	if g == Custom {
		panic("metrics: Buckets of the Custom grain")
	}
	return func(yield func(Period) bool) {
		for s := truncate(p.Start, g); s.Before(p.End); s = step(s, g, 1) {
			b := Period{Start: s, End: step(s, g, 1), Grain: g}
			if b.Start.Before(p.Start) {
				b.Start, b.Grain = p.Start, Custom
			}
			if b.End.After(p.End) {
				b.End, b.Grain = p.End.In(p.Location()), Custom
			}
			if !yield(b) {
				return
			}
		}
	}
}

// Label returns a short name of the period: "2025-11-03" for a day,
// "2025-W45" for an ISO week, "2025-11" for a month, "2025-Q4" for a
// quarter, "2025" for a year, and "2025-11-03..2025-11-09" (the last day
// included) for a custom period of whole days. The zero Period's label is
// empty.
func (p Period) Label() string {
	if p.IsZero() {
		return ""
	}
	switch p.Grain {
	case Day:
		return p.Start.Format("2006-01-02")
	case Week:
		y, w := p.Start.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	case Month:
		return p.Start.Format("2006-01")
	case Quarter:
		return fmt.Sprintf("%d-Q%d", p.Start.Year(), (p.Start.Month()-1)/3+1)
	case Year:
		return p.Start.Format("2006")
	}
	if wholeDays(p) {
		y, m, d := p.End.In(p.Location()).Date()
		return p.Start.Format("2006-01-02") + ".." + time.Date(y, m, d-1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	}
	return p.Start.Format(time.RFC3339) + ".." + p.End.In(p.Location()).Format(time.RFC3339)
}

// String returns [Period.Label].
func (p Period) String() string { return p.Label() }

// ParsePeriod parses the labels written by [Period.Label], in loc: a day
// "2025-11-03", an ISO week "2025-W45", a month "2025-11", a quarter
// "2025-Q4", a year "2025", and a custom range of whole days
// "2025-11-01..2025-11-15" whose end date is included.
func ParsePeriod(s string, loc *time.Location) (Period, error) {
	bad := func() (Period, error) {
		return Period{}, fmt.Errorf("metrics: period %q: want 2025-11-03, 2025-W45, 2025-11, 2025-Q4, 2025 or 2025-11-01..2025-11-15", s)
	}
	if loc == nil {
		loc = time.UTC
	}
	if a, b, ok := strings.Cut(s, ".."); ok {
		d0, err0 := time.Parse("2006-01-02", a) // the calendar dates, in UTC
		d1, err1 := time.Parse("2006-01-02", b)
		if err0 != nil || err1 != nil || d1.Before(d0) || d0.Year() < 1000 {
			return bad()
		}
		return Period{Start: civil.Midnight(d0.Year(), d0.Month(), d0.Day(), loc), End: civil.Midnight(d1.Year(), d1.Month(), d1.Day()+1, loc)}, nil
	}
	if len(s) < 4 || s[0] < '1' || s[0] > '9' { // years 1000 to 9999
		return bad()
	}
	switch {
	case len(s) == 10:
		if d, err := time.Parse("2006-01-02", s); err == nil {
			return DayOf(d.Year(), d.Month(), d.Day(), loc), nil
		}
	case len(s) == 8 && s[4:6] == "-W":
		y, err0 := strconv.Atoi(s[:4])
		w, err1 := strconv.Atoi(s[6:])
		if err0 != nil || err1 != nil || w < 1 || w > 53 {
			return bad()
		}
		// ISO week 1 contains 4 January.
		start := step(PeriodOf(civil.Midnight(y, 1, 4, loc), Week).Start, Week, w-1)
		if yy, ww := start.ISOWeek(); yy != y || ww != w {
			return bad()
		}
		return PeriodOf(start, Week), nil
	case len(s) == 7 && s[4:6] == "-Q":
		y, err0 := strconv.Atoi(s[:4])
		q, err1 := strconv.Atoi(s[6:])
		if err0 != nil || err1 != nil || q < 1 || q > 4 {
			return bad()
		}
		return PeriodOf(civil.Midnight(y, time.Month(3*q-2), 1, loc), Quarter), nil
	case len(s) == 7:
		if d, err := time.Parse("2006-01", s); err == nil {
			return MonthOf(d.Year(), d.Month(), loc), nil
		}
	case len(s) == 4:
		if d, err := time.Parse("2006", s); err == nil {
			return PeriodOf(civil.Midnight(d.Year(), 1, 1, loc), Year), nil
		}
	}
	return bad()
}
