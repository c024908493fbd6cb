package storedata

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// nsSpans are the periods of Options.PropsWithin as spans of Unix
// nanoseconds, each [from, to), sorted and merged where they overlap or
// touch; nil stands for every instant.
type nsSpans [][2]int64

// spansOf returns the spans of ps, nil for a nil ps and an empty, non-nil
// set for an empty one. A bound outside the instants a batch holds is
// taken as the least or the greatest instant, which a batch's events are
// all within.
func spansOf(ps []metrics.Period) nsSpans {
	if ps == nil {
		return nil
	}
	s := make(nsSpans, 0, len(ps))
	for _, p := range ps {
		if from, to := clampNanos(p.Start), clampNanos(p.End); from < to {
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

// clampNanos returns t in Unix nanoseconds, math.MinInt64 for a time
// before the instants a batch holds and math.MaxInt64 for one at or after
// their end.
func clampNanos(t time.Time) int64 {
	switch sec := t.Unix(); {
	case sec < BatchMinUnix:
		return math.MinInt64
	case sec >= BatchMaxUnix:
		return math.MaxInt64
	default:
		return sec*1e9 + int64(t.Nanosecond())
	}
}

// whole reports whether an event at ns is read whole: s is nil, or one
// of its spans holds ns.
func (s nsSpans) whole(ns int64) bool {
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
