package forecast

import (
	"fmt"
	"math"
	"time"
)

// Frequency is the step of a [Series].
type Frequency uint8

// The frequencies of a series.
const (
	Daily  Frequency = iota // one step a calendar day
	Weekly                  // one step a week of seven days
)

// String returns "daily" or "weekly".
func (f Frequency) String() string {
	switch f {
	case Daily:
		return "daily"
	case Weekly:
		return "weekly"
	}
	return fmt.Sprintf("Frequency(%d)", uint8(f))
}

// days returns the length of a step in days.
func (f Frequency) days() int {
	if f == Weekly {
		return 7
	}
	return 1
}

// Series is a regular series of one quantity: Values[i] is the total of
// the step that starts i steps after Start.
type Series struct {
	// Start is the start of the first step, in the location whose
	// calendar the steps follow.
	Start time.Time
	// Frequency is the step. Defaults to Daily.
	Frequency Frequency
	// Values are the totals of the steps, oldest first.
	Values []float64
}

// At returns the start of step i (i may be past the end of Values).
func (s Series) At(i int) time.Time {
	return s.Start.AddDate(0, 0, i*s.Frequency.days())
}

// index returns the step that contains day t (possibly out of range).
func (s Series) index(t time.Time) int {
	d := dayNumber(t) - dayNumber(s.Start)
	k := s.Frequency.days()
	if d < 0 {
		return (d - k + 1) / k
	}
	return d / k
}

// dayNumber returns the days from 1970-01-01 to the calendar date of t in
// its own location.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// check returns a *ValueError for the first value that is NaN or
// infinite.
func (s Series) check() error {
	if s.Frequency > Weekly {
		panic("forecast: invalid Frequency")
	}
	for i, v := range s.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &ValueError{Index: i, At: s.At(i), Value: v}
		}
	}
	return nil
}
