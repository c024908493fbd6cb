package cohort

import (
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Days are numbered as calendar days in the store's time zone, counted
// from 1970-01-01 (day 0). All cohort arithmetic is on these numbers, so
// a period index is a few integer operations and never a time format.

// floorDiv returns ⌊a/b⌋ for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) {
		q--
	}
	return q
}

// dateOf returns the calendar date of day d.
func dateOf(d int64) (year int64, month, day int) {
	y, m, dd := civil.Date(d)
	return int64(y), int(m), dd
}

// dayNumber returns the number of the day y-m-d.
func dayNumber(y int64, m, d int) int64 { return civil.Days(int(y), time.Month(m), d) }

// index returns the calendar period of grain g (Day, Week or Month) that
// holds day d, numbered consecutively: weeks are ISO weeks (Monday first;
// 1970-01-01 was a Thursday), months are year×12 + month − 1.
func index(d int64, g metrics.Grain) int64 {
	switch g {
	case metrics.Week:
		return floorDiv(d+3, 7)
	case metrics.Month:
		y, m, _ := dateOf(d)
		return y*12 + int64(m-1)
	}
	return d
}

// startDay returns the first day of calendar period i of grain g.
func startDay(i int64, g metrics.Grain) int64 {
	switch g {
	case metrics.Week:
		return i*7 - 3
	case metrics.Month:
		return dayNumber(floorDiv(i, 12), int(i-floorDiv(i, 12)*12)+1, 1)
	}
	return i
}

// offset returns the number of the period since acquisition that holds
// day d ≥ first, for a customer first seen on day first: calendar periods
// count period boundaries crossed; rolling ones count whole windows of 1
// or 7 days, or months to the monthly anniversary of the first day (the
// anniversary of the 31st falls on the last day of shorter months).
func offset(first, d int64, g metrics.Grain, w Window) int64 {
	if w == Calendar {
		return index(d, g) - index(first, g)
	}
	switch g {
	case metrics.Week:
		return floorDiv(d-first, 7)
	case metrics.Month:
		y1, m1, d1 := dateOf(first)
		y2, m2, d2 := dateOf(d)
		n := (y2-y1)*12 + int64(m2-m1)
		if d2 < min(d1, civil.DaysIn(int(y2), time.Month(m2))) {
			n--
		}
		return n
	}
	return d - first
}

// dayTime returns the first instant of day d in loc: its midnight or, on
// a day whose midnight a daylight-saving change skips, the instant the
// clocks jump to (time.Date alone would give 23:00 of the day before).
func dayTime(d int64, loc *time.Location) time.Time {
	y, m, dd := dateOf(d)
	return metrics.DayOf(int(y), time.Month(m), dd, loc).Start
}

// counter counts periods since acquisition like [offset], with the month
// arithmetic looked up in tables over a range of days, so that each day
// of activity costs an array load and a subtraction.
type counter struct {
	g      metrics.Grain
	w      Window
	lo     int64
	month  []int32 // year×12 + month − 1 of day lo+i
	dom    []uint8 // day of month
	dim    []uint8 // days in that month
	direct bool    // no tables: the range is too wide or not in months
}

// maxTableDays bounds the tables (about 11,000 years of days).
const maxTableDays = 1 << 22

// newCounter returns a counter for days in [lo, hi].
func newCounter(g metrics.Grain, w Window, lo, hi int64) *counter {
	c := &counter{g: g, w: w, lo: lo}
	if g != metrics.Month || hi < lo || hi-lo >= maxTableDays {
		c.direct = true
		return c
	}
	n := int(hi - lo + 1)
	c.month, c.dom, c.dim = make([]int32, n), make([]uint8, n), make([]uint8, n)
	y, m, d := dateOf(lo)
	for i := 0; i < n; i++ {
		c.month[i] = int32(y*12 + int64(m-1))
		c.dom[i] = uint8(d)
		dim := civil.DaysIn(int(y), time.Month(m))
		c.dim[i] = uint8(dim)
		if d++; d > dim {
			d, m = 1, m+1
			if m > 12 {
				m, y = 1, y+1
			}
		}
	}
	return c
}

// offset is [offset] for days first ≤ d in the counter's range.
func (c *counter) offset(first, d int64) int64 {
	if c.direct {
		return offset(first, d, c.g, c.w)
	}
	i, j := first-c.lo, d-c.lo
	n := int64(c.month[j] - c.month[i])
	if c.w == Rolling && c.dom[j] < min(c.dom[i], c.dim[j]) {
		n--
	}
	return n
}
