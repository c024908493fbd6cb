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
// durations (a month of deliveries takes at most 44,640 entries).
type Durations struct {
	n      int64
	counts map[int64]int64 // minutes → how many durations
}

// Add records d, truncated to whole minutes. It panics if d is negative,
// a programmer error: [Tracker] checks its orders' times first.
func (d *Durations) Add(x time.Duration) {
	if x < 0 {
		panic("fulfilment: negative duration")
	}
	d.addCount(int64(x/Resolution), 1)
}

func (d *Durations) addCount(minute, n int64) {
	if d.counts == nil {
		d.counts = make(map[int64]int64)
	}
	d.counts[minute] += n
	d.n += n
}

// Merge adds every duration of o.
func (d *Durations) Merge(o *Durations) {
	for _, m := range o.minutes() { // sorted, so that merging d with itself is safe
		d.addCount(m, o.counts[m])
	}
}

// Len returns the number of durations.
func (d *Durations) Len() int64 { return d.n }

// minutes returns the distinct minutes, ascending.
func (d *Durations) minutes() []int64 { return slices.Sorted(maps.Keys(d.counts)) }

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
		seen += d.counts[ms[i]]
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
