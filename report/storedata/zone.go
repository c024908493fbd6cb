package storedata

import (
	"fmt"
	"math"
	"time"
)

// Warning is a problem of the data that rejects no row, such as
// timestamps whose UTC offsets disagree with the store's zone: the caller
// prints it, counts it or stops on it.
type Warning struct {
	File    string // the file of the first value concerned
	Line    int    // its line
	Count   int64  // the number of values concerned
	Message string
}

func (w Warning) String() string {
	return fmt.Sprintf("storedata: %s:%d: warning: %s", w.File, w.Line, w.Message)
}

// zoneOffsets gives the UTC offset of a zone at an instant, remembered
// over the zone period of the last instant looked up (time.ZoneBounds),
// so that a file's times, which run through a few periods in order, look
// the zone up once a period. The zero zoneOffsets looks up its first
// instant.
type zoneOffsets struct {
	loc *time.Location
	// loc's offset over the instants [from, to), in Unix seconds.
	from, to int64
	off      int
}

// newZoneOffsets returns the offsets of loc.
func newZoneOffsets(loc *time.Location) zoneOffsets {
	return zoneOffsets{loc: loc, from: 1, to: 0}
}

// at returns the offset of the zone at the instant sec, in seconds east
// of UTC.
func (z *zoneOffsets) at(sec int64) int {
	if sec < z.from || sec >= z.to {
		t := time.Unix(sec, 0).In(z.loc)
		_, z.off = t.Zone()
		from, to := t.ZoneBounds()
		z.from, z.to = math.MinInt64, math.MaxInt64
		if !from.IsZero() {
			z.from = from.Unix()
		}
		if !to.IsZero() {
			z.to = to.Unix()
		}
		if sec < z.from || sec >= z.to { // bounds that do not hold sec: no memory
			z.from, z.to = 1, 0
		}
	}
	return z.off
}

// offsets tracks the UTC offsets of the timestamps of a directory's files.
type offsets struct {
	loc         *time.Location // the zone given, or nil
	n           int64          // timestamps seen
	first       offsetAt
	other       offsetAt // the first whose offset differs from first's
	nOther      int64
	mismatch    offsetAt // the first whose offset is not loc's at its instant
	nMismatch   int64
	locMismatch int // loc's offset at mismatch's instant
}

type offsetAt struct {
	file string
	line int
	off  int // seconds east of UTC
}

func (o *offsets) add(file string, line int, v time.Time) {
	_, off := v.Zone()
	want := off
	if o.loc != nil {
		_, want = v.In(o.loc).Zone()
	}
	o.addOffset(file, line, off, want)
}

// addOffset is add for a timestamp written with the UTC offset off, at
// an instant where the zone given (o.loc) has the offset want (anything
// when o.loc is nil). Dir's first reading of events.csv calls it with
// the offset and instant of its own parse (see [eventScan]).
func (o *offsets) addOffset(file string, line int, off, want int) {
	if o.n > 0 && off == o.first.off && (o.loc == nil || want == off) {
		o.n++ // the common case, which changes nothing else
		return
	}
	o.addOther(file, line, off, want)
}

// addAt is addOffset for a timestamp written with the UTC offset off at
// the instant sec (Unix seconds), the zone given's offset there taken
// from z, its zoneOffsets; z is nil when no zone is given. The first
// readings of order_lines.csv and events.csv, which parse the offsets
// themselves, call it.
func (o *offsets) addAt(z *zoneOffsets, file string, line int, sec int64, off int) {
	want := off
	if z != nil {
		want = z.at(sec)
	}
	o.addOffset(file, line, off, want)
}

// addOther is addOffset for a timestamp of the first, or another,
// offset, or one that the zone given does not have at its instant.
func (o *offsets) addOther(file string, line int, off, want int) {
	at := offsetAt{file, line, off}
	o.n++
	switch {
	case o.n == 1:
		o.first = at
	case off != o.first.off:
		if o.nOther == 0 {
			o.other = at
		}
		o.nOther++
	}
	if o.loc != nil && want != off {
		if o.nMismatch == 0 {
			o.mismatch, o.locMismatch = at, want
		}
		o.nMismatch++
	}
}

// zone returns the store's zone: the one given, or the fixed zone of the
// offsets when they agree, or UTC; and a warning when the offsets
// disagree with the zone given or with each other.
func (o *offsets) zone() (*time.Location, []Warning) {
	if o.loc != nil {
		if o.nMismatch == 0 {
			return o.loc, nil
		}
		return o.loc, []Warning{{File: o.mismatch.file, Line: o.mismatch.line, Count: o.nMismatch, Message: fmt.Sprintf(
			"%d of %d timestamps carry another UTC offset than the store's zone %s has at their time (the first: %s where %s has %s); are they the times of another zone?",
			o.nMismatch, o.n, o.loc, formatOffset(o.mismatch.off), o.loc, formatOffset(o.locMismatch))}}
	}
	switch {
	case o.n == 0:
		return time.UTC, nil
	case o.nOther == 0:
		return fixedZone(o.first.off), nil
	}
	return time.UTC, []Warning{{File: o.other.file, Line: o.other.line, Count: o.nOther, Message: fmt.Sprintf(
		"the timestamps carry different UTC offsets (%s on %s:%d, %s here; %d of %d differ from the first), so days are counted in UTC: give the store's time zone (Options.Location; -tz in the review command), such as Europe/London for a zone with daylight-saving time",
		formatOffset(o.first.off), o.first.file, o.first.line, formatOffset(o.other.off), o.nOther, o.n)}}
}

// fixedZone returns the zone of a fixed offset, named by it ("+08:00"),
// or UTC for offset 0.
func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone(formatOffset(off), off)
}

// formatOffset formats seconds east of UTC as +08:00 or -03:30.
func formatOffset(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	if s := off % 60; s != 0 {
		return fmt.Sprintf("%c%02d:%02d:%02d", sign, off/3600, off/60%60, s)
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off/60%60)
}
