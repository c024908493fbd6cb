package storedata

// The fast paths of the readers' cell parsers: each takes the common form
// of a cell and says no to anything else, which the exact parser then
// reads (or rejects, with its error). For every cell a fast path takes, it
// gives what the exact parser gives; FuzzFastParse checks it.

import (
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
)

// pow10 holds the powers of ten that fit in an int64.
var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// minorUnits returns the amount s in minor units of a currency with
// digits minor-unit digits ("59.90" with 2 digits is 5990), when s is an
// optional minus sign, digits and optionally a point and at most digits
// more, and at most 18 digits with the minor units: what
// money.Currency.Parse reads as whole minor units in an int64.
func minorUnits(s string, digits int) (int64, bool) {
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i = 1
	}
	var v int64
	whole := 0
	for ; i < len(s) && s[i]-'0' <= 9; i++ {
		v = v*10 + int64(s[i]-'0')
		whole++
	}
	if whole == 0 || whole+digits > 18 {
		return 0, false
	}
	frac := 0
	if i < len(s) {
		if s[i] != '.' {
			return 0, false
		}
		for i++; i < len(s) && s[i]-'0' <= 9; i++ {
			v = v*10 + int64(s[i]-'0')
			frac++
		}
		if frac == 0 || frac > digits || i < len(s) {
			return 0, false
		}
	}
	v *= pow10[digits-frac]
	if s[0] == '-' {
		v = -v
	}
	return v, true
}

// smallInt returns s as an integer when it is an optional minus sign
// and 1 to 18 digits: what strconv.ParseInt reads without a range error.
func smallInt(s string) (int64, bool) {
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i = 1
	}
	if n := len(s) - i; n == 0 || n > 18 {
		return 0, false
	}
	var v int64
	for ; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + int64(d)
	}
	if s[0] == '-' {
		v = -v
	}
	return v, true
}

// parseTime reads the common form of an RFC 3339 time,
// 2025-11-11T20:00:00+08:00, with an optional fraction of 1 to 9 digits
// and Z or an offset: the instant as Unix seconds and nanoseconds, and
// the offset in seconds east of UTC. ok is false for any other text, and
// for a field out of range (month 13, February 30, hour 24, second 60,
// offset hour 24), which time.Parse then reads or rejects.
func parseTime(s string) (sec, nsec int64, off int, ok bool) {
	var c dayCache
	return c.parseTime(s)
}

// dayCache remembers the dates of the last times that parseTime read,
// and their day numbers: the times of a file come in order, and many
// share their date. An order's times (placed, paid, shipped, delivered,
// promised) are a few days apart, so it keeps a date in each of 8 slots
// by its day of the month modulo 8 (see [daySlot]): eight days in a row
// have eight slots.
type dayCache [8]struct {
	date  [10]byte // 2006-01-02, valid
	days  int64    // from 1970-01-01 to date
	year  int
	valid bool
}

// parseTime is [parseTime], reading the date from the cache when it is
// the cached one.
func (c *dayCache) parseTime(s string) (sec, nsec int64, off int, ok bool) {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return 0, 0, 0, false
	}
	e := &c[daySlot(s)]
	if !e.valid || string(e.date[:]) != s[:10] {
		year, ok1 := digits4(s[0:4])
		month, ok2 := digits2(s[5:7])
		day, ok3 := digits2(s[8:10])
		if !(ok1 && ok2 && ok3) || month < 1 || month > 12 || day < 1 || day > civil.DaysIn(year, time.Month(month)) {
			return 0, 0, 0, false
		}
		copy(e.date[:], s)
		e.days, e.year, e.valid = civil.Days(year, time.Month(month), day), year, true
	}
	hour, ok4 := digits2(s[11:13])
	minute, ok5 := digits2(s[14:16])
	second, ok6 := digits2(s[17:19])
	if !(ok4 && ok5 && ok6) || hour > 23 || minute > 59 || second > 59 {
		return 0, 0, 0, false
	}
	rest := s[19:]
	if len(rest) > 0 && rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n]-'0' <= 9 {
			nsec = nsec*10 + int64(rest[n]-'0')
			n++
		}
		if n == 1 || n > 10 {
			return 0, 0, 0, false
		}
		nsec *= pow10[10-n]
		rest = rest[n:]
	}
	switch {
	case rest == "Z":
	case len(rest) == len("+08:00") && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		h, okh := digits2(rest[1:3])
		m, okm := digits2(rest[4:6])
		if !okh || !okm || h > 23 || m > 59 {
			return 0, 0, 0, false
		}
		off = (h*60 + m) * 60
		if rest[0] == '-' {
			off = -off
		}
	default:
		return 0, 0, 0, false
	}
	sec = e.days*86400 + int64(hour*3600+minute*60+second-off)
	return sec, nsec, off, true
}

// daySlot returns the slot of dayCache for the time s, which has at
// least 10 bytes: its day of the month modulo 8 when the day is two
// digits (10a+b ≡ 2a+b).
func daySlot(s string) byte { return (s[8]*2 + s[9]) & 7 }

func digits2(s string) (int, bool) {
	a, b := s[0]-'0', s[1]-'0'
	return int(a)*10 + int(b), a <= 9 && b <= 9
}

func digits4(s string) (int, bool) {
	hi, ok1 := digits2(s[:2])
	lo, ok2 := digits2(s[2:])
	return hi*100 + lo, ok1 && ok2
}
