package storedata

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/spans"
)

// nsSpans are the periods of Options.PropsWithin as spans of Unix
// nanoseconds (see spans.Set); nil stands for every instant.
type nsSpans = spans.Set

// spansOf returns the spans of ps, nil for a nil ps and an empty, non-nil
// set for an empty one, a bound outside the instants a batch holds taken
// as the least or the greatest instant.
func spansOf(ps []metrics.Period) nsSpans { return spans.Of(ps, BatchMinUnix, BatchMaxUnix) }
