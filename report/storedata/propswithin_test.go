package storedata

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestSpansOf: Options.PropsWithin's periods as spans of Unix ns, sorted
// and merged where they overlap or touch, bounds beyond a batch's
// instants clamped, nil kept apart from empty; and whole tells the
// instants in them.
func TestSpansOf(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	ns := func(y int, m time.Month, d int) int64 { return at(y, m, d).UnixNano() }
	period := func(from, to time.Time) metrics.Period {
		p, err := metrics.NewPeriod(from, to)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	shanghai := time.FixedZone("CST", 8*3600)
	for _, tc := range []struct {
		name string
		ps   []metrics.Period
		want nsSpans
	}{
		{"nil", nil, nil},
		{"empty", []metrics.Period{}, nsSpans{}},
		{"one", []metrics.Period{period(at(2025, 3, 1), at(2025, 4, 1))}, nsSpans{{ns(2025, 3, 1), ns(2025, 4, 1)}}},
		{"unsorted, apart", []metrics.Period{period(at(2025, 5, 1), at(2025, 6, 1)), period(at(2025, 3, 1), at(2025, 4, 1))},
			nsSpans{{ns(2025, 3, 1), ns(2025, 4, 1)}, {ns(2025, 5, 1), ns(2025, 6, 1)}}},
		{"touching", []metrics.Period{period(at(2025, 4, 1), at(2025, 5, 1)), period(at(2025, 3, 1), at(2025, 4, 1))},
			nsSpans{{ns(2025, 3, 1), ns(2025, 5, 1)}}},
		{"nested and overlapping", []metrics.Period{period(at(2025, 3, 1), at(2025, 6, 1)), period(at(2025, 4, 1), at(2025, 5, 1)), period(at(2025, 5, 15), at(2025, 7, 1))},
			nsSpans{{ns(2025, 3, 1), ns(2025, 7, 1)}}},
		{"another zone, the same instants", []metrics.Period{period(at(2025, 3, 1).In(shanghai), at(2025, 4, 1).In(shanghai))},
			nsSpans{{ns(2025, 3, 1), ns(2025, 4, 1)}}},
		{"beyond a batch's instants", []metrics.Period{period(at(1600, 1, 1), at(1700, 1, 1)), period(at(2200, 1, 1), at(2400, 1, 1))},
			nsSpans{{math.MinInt64, ns(1700, 1, 1)}, {ns(2200, 1, 1), math.MaxInt64}}},
	} {
		got := spansOf(tc.ps)
		if diff := cmp.Diff(tc.want, got); diff != "" || (got == nil) != (tc.want == nil) {
			t.Errorf("%s: (-want +got):\n%s (nil: got %v, want %v)", tc.name, diff, got == nil, tc.want == nil)
		}
	}

	s := spansOf([]metrics.Period{period(at(2025, 3, 1), at(2025, 4, 1)), period(at(2025, 5, 1), at(2025, 6, 1))})
	for _, tc := range []struct {
		ns   int64
		want bool
	}{
		{ns(2025, 2, 28), false}, {ns(2025, 3, 1), true}, {ns(2025, 4, 1) - 1, true}, {ns(2025, 4, 1), false},
		{ns(2025, 5, 1), true}, {ns(2025, 6, 1), false}, {math.MinInt64, false}, {math.MaxInt64, false},
	} {
		if got := s.Whole(tc.ns); got != tc.want {
			t.Errorf("whole(%s) = %v, want %v", time.Unix(0, tc.ns).UTC(), got, tc.want)
		}
	}
	if !nsSpans(nil).Whole(metrics.NoTime) || (nsSpans{}).Whole(0) {
		t.Error("nil spans must hold every instant, empty ones none")
	}
}
