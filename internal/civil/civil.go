// Package civil numbers calendar days: day 0 is 1970-01-01 and every
// package that buckets by day (cohort, inventory, promo) counts with these
// numbers, so that a day index is integer arithmetic, never a time format.
// The conversions are Howard Hinnant's days_from_civil and civil_from_days
// for the proleptic Gregorian calendar.
package civil

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"time"
)

// Days returns the day number of the date y-m-d.
func Days(y int, m time.Month, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400                               // [0, 399]
	doy := (153*((int64(m)+9)%12)+2)/5 + int64(d) - 1 // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy            // [0, 146096]
	return era*146097 + doe - 719468
}

// DaysIn returns the number of days of month m in year y.
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Date returns the date of day number n.
func Date(n int64) (year int, month time.Month, day int) {
	z := n + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100) // [0, 365]
	mp := (5*doy + 2) / 153                  // [0, 11]
	day = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		month = time.Month(mp + 3)
	} else {
		month = time.Month(mp - 9)
		y++
	}
	return int(y), month, day
}

// Of returns the day number of t's calendar date in loc.
func Of(t time.Time, loc *time.Location) int64 {
	y, m, d := t.In(loc).Date()
	return Days(y, m, d)
}

// Weekday returns the weekday of day number n (1970-01-01 was a Thursday).
func Weekday(n int64) time.Weekday {
	return time.Weekday(floorMod(n+4, 7))
}

// Cache turns a stream of time stamps into day numbers fast: it remembers
// the zone offset in effect over an interval of Unix seconds, so that most
// calls are an addition and a division. The zero Cache is ready to use. A
// Cache is not safe for concurrent use.
type Cache struct {
	loc    *time.Location
	lo, hi int64 // the offset holds for Unix seconds in [lo, hi)
	off    int64
}

// Day returns the day number of t's calendar date in loc (UTC if nil).
func (c *Cache) Day(t time.Time, loc *time.Location) int64 {
	if loc == nil {
		loc = time.UTC
	}
	u := t.Unix()
	if loc != c.loc || u < c.lo || u >= c.hi {
		lt := t.In(loc)
		_, off := lt.Zone()
		s, e := lt.ZoneBounds()
		c.loc, c.off, c.lo, c.hi = loc, int64(off), math.MinInt64, math.MaxInt64
		if !s.IsZero() {
			c.lo = s.Unix()
		}
		if !e.IsZero() {
			c.hi = e.Unix()
		}
	}
	return floorDiv(u+c.off, 86400)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// Midnight returns the first instant of the calendar day y-m-d in loc
// (time.Date normalises an out-of-range month or day). Where a time zone
// skips midnight (a daylight-saving change at 00:00), the day starts when
// the skipped hour ends.
func Midnight(y int, m time.Month, d int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if Of(t, loc) < Of(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), time.UTC) {
		if _, end := t.ZoneBounds(); !end.IsZero() {
			return end
		}
	}
	return t
}

// SameLocation reports whether a and b number days alike: the same name
// (two loads of one zone are the same) and, for that name, the same UTC
// offset at a fixed set of instants, the 15th of January, April, July and
// October of every fourth year from 1970 to 2050, so that winter and
// summer time are both compared. Two fixed zones of one name and different
// offsets, such as "CST" at +8 and at −6 hours, are not the same. A nil
// location is UTC.
func SameLocation(a, b *time.Location) bool {
	if a == nil {
		a = time.UTC
	}
	if b == nil {
		b = time.UTC
	}
	if a == b {
		return true
	}
	if a.String() != b.String() {
		return false
	}
	for y := 1970; y <= 2050; y += 4 {
		for m := time.January; m <= time.December; m += 3 {
			t := time.Date(y, m, 15, 12, 0, 0, 0, time.UTC)
			_, oa := t.In(a).Zone()
			_, ob := t.In(b).Zone()
			if oa != ob {
				return false
			}
		}
	}
	return true
}

// OffsetsDigest returns the FNV-1a digest of loc's UTC offsets at the
// instants SameLocation compares (each a signed varint, in order), for an
// encoding that names a zone to check, where it is decoded, that the zone
// of that name has the same offsets: two locations SameLocation finds the
// same have the same digest. A nil location is UTC.
func OffsetsDigest(loc *time.Location) uint64 {
	if loc == nil {
		loc = time.UTC
	}
	var buf []byte
	for y := 1970; y <= 2050; y += 4 {
		for m := time.January; m <= time.December; m += 3 {
			_, off := time.Date(y, m, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
			buf = binary.AppendVarint(buf, int64(off))
		}
	}
	h := fnv.New64a()
	h.Write(buf)
	return h.Sum64()
}
