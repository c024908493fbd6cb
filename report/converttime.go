package report

import (
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/quantile"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TimeToConvert is the distribution of the time buyers of the period took
// to buy (转化时长), as the time-lag reports of web analytics measure it:
// for each buyer (a customer with a non-cancelled order in the period, as
// Traffic.Buyers), the time from their first event within the look-back
// window before their first purchase of the period (Window, the
// attribution's: 30 days by default) to that purchase. The window starts
// after the buyer's last purchase before it when that lies in it, and
// after the AfterPurchase that follows it: an event before an earlier
// purchase led to that one, and one just after it is still its own (as
// in [Attribution]). Events after the purchase do not count; a buyer whose
// first event in the window is the purchase's own counts 0. Times are at most Window, so the last bucket
// holds the buyers who first came between 7 days and Window before.
//
// Buyers counts the buyers with an event in the window; NoVisit those
// without (their time is unknown; they are not in the median, the
// quantile or the buckets, whose Users add up to Buyers). Median and P90
// are the 50th and 90th percentiles, interpolated linearly between the
// closest ranks (Hyndman and Fan's definition 7, as the funnel's times),
// durations; undefined when Buyers is 0.
type TimeToConvert struct {
	Window        time.Duration `json:"window"`
	AfterPurchase time.Duration `json:"after_purchase"` // Attribution.AfterPurchase
	Buyers        int64         `json:"buyers"`
	NoVisit       int64         `json:"no_visit"`
	Median        metrics.Value `json:"median"`
	P90           metrics.Value `json:"p90"`
	Buckets       []TimeBucket  `json:"buckets"` // under_1h, 1h_24h, 1d_7d, over_7d, in that order
}

// TimeBucket is one bar of the distribution of the time to convert: the
// buyers whose time is in [Min, Max) (Max 0: no upper bound) and their
// share of TimeToConvert.Buyers, undefined when Buyers is 0.
type TimeBucket struct {
	Key   string        `json:"key"`
	Min   time.Duration `json:"min"`
	Max   time.Duration `json:"max"`
	Users int64         `json:"users"`
	Share metrics.Ratio `json:"share"`
}

// timeBuckets are the buckets of the time to convert.
var timeBuckets = []TimeBucket{
	{Key: "under_1h", Max: time.Hour},
	{Key: "1h_24h", Min: time.Hour, Max: 24 * time.Hour},
	{Key: "1d_7d", Min: 24 * time.Hour, Max: 7 * 24 * time.Hour},
	{Key: "over_7d", Min: 7 * 24 * time.Hour},
}

// firstSeen holds the first event of each buyer of the period within
// the look-back window before their first purchase of the period (set
// from the buyers' states, traffic.finishUsers).
type firstSeen map[string]time.Time

// timeToConvert returns the distribution of the times from first event
// to purchase of the buyers in purchase, their first events in window
// before it in first.
func timeToConvert(purchase map[string]time.Time, first firstSeen, window, after time.Duration) *TimeToConvert {
	out := &TimeToConvert{Window: window, AfterPurchase: after, Median: metrics.Undefined(metrics.UnitDuration), P90: metrics.Undefined(metrics.UnitDuration)}
	var ds []time.Duration
	for buyer, p := range purchase {
		s, ok := first[buyer]
		if !ok {
			out.NoVisit++
			continue
		}
		ds = append(ds, p.Sub(s))
	}
	out.Buyers = int64(len(ds))
	out.Buckets = slices.Clone(timeBuckets)
	for _, d := range ds {
		for i := range out.Buckets {
			b := &out.Buckets[i]
			if d >= b.Min && (b.Max == 0 || d < b.Max) {
				b.Users++
				break
			}
		}
	}
	for i := range out.Buckets {
		out.Buckets[i].Share = metrics.CountRatio(out.Buckets[i].Users, out.Buyers)
	}
	if len(ds) > 0 {
		q := quantile.Of(ds, 0.5, 0.9)
		out.Median, out.P90 = metrics.DurationValue(q[0]), metrics.DurationValue(q[1])
	}
	return out
}
