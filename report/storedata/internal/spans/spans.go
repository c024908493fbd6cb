// Package spans holds the instants of a set of periods as the batch
// readers of storedata and its PostgreSQL adapter test an event's time
// against their Options.PropsWithin: sorted, merged spans of Unix
// nanoseconds.
package spans

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Set is a set of instants as spans of Unix nanoseconds, each [from,
// to), sorted and merged where they overlap or touch; nil stands for
// every instant.
type Set [][2]int64

// Of returns the spans of ps, nil for a nil ps and an empty, non-nil set
// for an empty one. A bound before the Unix second minSec or at or after
// maxSec (the instants a batch holds) is taken as the least or the
// greatest instant, which a batch's events are all within.
func Of(ps []metrics.Period, minSec, maxSec int64) Set {
	if ps == nil {
		return nil
	}
	s := make(Set, 0, len(ps))
	for _, p := range ps {
		if from, to := clamp(p.Start, minSec, maxSec), clamp(p.End, minSec, maxSec); from < to {
			s = append(s, [2]int64{from, to})
		}
	}
	slices.SortFunc(s, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	merged := s[:0]
	for _, x := range s {
		if n := len(merged); n > 0 && x[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], x[1])
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

// clamp returns t in Unix nanoseconds, math.MinInt64 for a time before
// the second minSec and math.MaxInt64 for one at or after maxSec.
func clamp(t time.Time, minSec, maxSec int64) int64 {
	switch sec := t.Unix(); {
	case sec < minSec:
		return math.MinInt64
	case sec >= maxSec:
		return math.MaxInt64
	default:
		return sec*1e9 + int64(t.Nanosecond())
	}
}

// Whole reports whether an event at ns is read whole: s is nil, or one
// of its spans holds ns.
func (s Set) Whole(ns int64) bool {
	if s == nil {
		return true
	}
	for _, x := range s {
		if ns < x[0] {
			return false
		}
		if ns < x[1] {
			return true
		}
	}
	return false
}
