package fulfilment

import (
	"maps"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/quantile"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Resolution is the resolution at which durations are kept: a duration is
// truncated to whole minutes.
const Resolution = time.Minute

// Durations is an exact, mergeable multiset of non-negative durations at
// [Resolution]: a count per whole minute. The zero Durations is empty and
// ready to use. Its size grows with the number of distinct minutes, not of
// durations (a month of deliveries takes at most 44,640 entries): a few
// hundred bytes for a group of a few durations, at most 256 KiB more for
// one of thousands (see denseAfter).
type Durations struct {
	n int64
	// dense counts the durations of the minutes below its length, at
	// most denseMinutes, once counts has held denseAfter distinct
	// minutes: a slice index instead of a map's hash and probe for the
	// times of almost every order (the review of 1.08M orders spent
	// 0.25 CPU-s in the map). A minute below len(dense) is never in
	// counts, nor, once dense is made, one below denseMinutes.
	dense  []int64
	counts map[int64]int64 // the other minutes → how many durations
}

// denseMinutes is the number of minutes, from 0, that Durations counts in
// a slice, grown as needed: 32,768 minutes are close to 23 days, 256 KiB.
const denseMinutes = 1 << 15

// denseAfter is the number of distinct minutes in the map from which a
// Durations counts its minutes below denseMinutes in a slice: a map of
// 1,024 minutes takes about as much memory as a slice of a few days, so
// that the many small groups of a review (a region with a few orders)
// stay small.
const denseAfter = 1 << 10

// Add records d, truncated to whole minutes. It panics if d is negative,
// a programmer error: [Tracker] checks its orders' times first.
func (d *Durations) Add(x time.Duration) {
	if x < 0 {
		panic("fulfilment: negative duration")
	}
	d.addCount(int64(x/Resolution), 1)
}

// addCount adds n durations (n may be negative, in tests) of minute.
func (d *Durations) addCount(minute, n int64) {
	d.n += n
	if minute < int64(len(d.dense)) {
		d.dense[minute] += n
		return
	}
	if d.dense != nil && minute < denseMinutes {
		d.grow(minute)
		d.dense[minute] += n
		return
	}
	if d.counts == nil {
		d.counts = make(map[int64]int64)
	}
	if c := d.counts[minute] + n; c != 0 {
		d.counts[minute] = c
	} else {
		delete(d.counts, minute)
	}
	if d.dense == nil && minute < denseMinutes && len(d.counts) >= denseAfter {
		d.densify()
	}
}

// densify moves the map's minutes below denseMinutes, of which there is
// one at least, into d.dense.
func (d *Durations) densify() {
	top := int64(-1)
	for m := range d.counts {
		if m < denseMinutes {
			top = max(top, m)
		}
	}
	d.dense = make([]int64, 0)
	d.grow(top)
	for m, c := range d.counts {
		if m < denseMinutes {
			d.dense[m] = c
			delete(d.counts, m)
		}
	}
}

// grow lengthens d.dense to hold minute, which is below denseMinutes.
func (d *Durations) grow(minute int64) {
	n := min(max(2*len(d.dense), int(minute)+1, 64), denseMinutes)
	d.dense = append(d.dense, make([]int64, n-len(d.dense))...)
}

// count returns the number of durations of minute.
func (d *Durations) count(minute int64) int64 {
	if minute < int64(len(d.dense)) {
		return d.dense[minute]
	}
	return d.counts[minute]
}

// Merge adds every duration of o.
func (d *Durations) Merge(o *Durations) {
	for _, m := range o.minutes() { // taken first, so that merging d with itself is safe
		d.addCount(m, o.count(m))
	}
}

// Len returns the number of durations.
func (d *Durations) Len() int64 { return d.n }

// minutes returns the distinct minutes, ascending.
func (d *Durations) minutes() []int64 {
	var ms []int64
	for m, c := range d.dense {
		if c != 0 {
			ms = append(ms, int64(m))
		}
	}
	return append(ms, slices.Sorted(maps.Keys(d.counts))...) // each from denseMinutes
}

// Quantile returns the p-quantile (0 ≤ p ≤ 1) of the durations, by linear
// interpolation between order statistics (Hyndman & Fan type 7, the
// default of R and NumPy) rounded half up to a whole minute, and false
// when there are none or p is outside [0, 1].
func (d *Durations) Quantile(p float64) (time.Duration, bool) {
	if d.n == 0 || !(p >= 0 && p <= 1) {
		return 0, false
	}
	return d.quantile(d.minutes(), p), true
}

// quantile returns the p-quantile given the sorted distinct minutes ms.
func (d *Durations) quantile(ms []int64, p float64) time.Duration {
	h := p * float64(d.n-1)
	lo := min(int64(h), d.n-1)
	// The order statistics at ranks lo and lo+1 (0-based).
	var a, b int64
	var seen int64
	i := 0
	for ; i < len(ms); i++ {
		seen += d.count(ms[i])
		if seen > lo {
			a = ms[i]
			break
		}
	}
	b = a
	if seen <= lo+1 && i+1 < len(ms) {
		b = ms[i+1]
	}
	return time.Duration(quantile.Sorted([]int64{a, b}, h-float64(lo))) * Resolution
}

// Times returns the count, median and 90th percentile of the durations;
// the quantiles are undefined [metrics.UnitDuration] values when there is
// none.
func (d *Durations) Times() Times {
	t := Times{N: d.n, Median: metrics.Undefined(metrics.UnitDuration), P90: metrics.Undefined(metrics.UnitDuration)}
	if d.n > 0 {
		ms := d.minutes() // sorted once for both
		t.Median = metrics.DurationValue(d.quantile(ms, 0.5))
		t.P90 = metrics.DurationValue(d.quantile(ms, 0.9))
	}
	return t
}

// Times are the count, median and 90th percentile of some durations
// (type-7 quantiles at [Resolution]); Median and P90 are undefined when N
// is 0.
type Times struct {
	N           int64
	Median, P90 metrics.Value // of unit metrics.UnitDuration
}
