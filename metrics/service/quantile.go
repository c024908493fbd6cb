package service

import (
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/quantile"
)

// Durations is a mergeable collection of durations with exact quantiles,
// for response and resolution times. The zero Durations is empty and ready
// to use. It keeps every value (8 bytes each), which is exact and cheap at
// the scale of service tickets.
type Durations struct {
	v      []time.Duration
	sorted bool
}

// Add records d.
func (d *Durations) Add(x time.Duration) { d.v = append(d.v, x); d.sorted = false }

// Merge adds every value of o.
func (d *Durations) Merge(o Durations) { d.v = append(d.v, o.v...); d.sorted = false }

// Len returns the number of values.
func (d *Durations) Len() int { return len(d.v) }

// Quantile returns the p-quantile (0 ≤ p ≤ 1) by linear interpolation
// between order statistics (Hyndman & Fan type 7, the default of R and
// NumPy), rounded to the nearest nanosecond, and false when there are no
// values or p is outside [0, 1].
func (d *Durations) Quantile(p float64) (time.Duration, bool) {
	if len(d.v) == 0 || !(p >= 0 && p <= 1) {
		return 0, false
	}
	if !d.sorted {
		slices.Sort(d.v)
		d.sorted = true
	}
	return quantile.Sorted(d.v, p), true
}

// Median returns the 0.5-quantile, and false when there are no values.
func (d *Durations) Median() (time.Duration, bool) { return d.Quantile(0.5) }
