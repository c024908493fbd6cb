package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

func TestTimeToConvert(t *testing.T) {
	t0 := time.Date(2025, 11, 20, 12, 0, 0, 0, time.UTC)
	const window = 30 * 24 * time.Hour
	purchase := map[string]time.Time{"a": t0, "b": t0, "c": t0, "d": t0, "e": t0, "f": t0}
	first := firstSeen{}
	for _, ev := range []struct {
		user string
		at   time.Time
	}{
		{"a", t0.Add(-30 * time.Minute)},
		{"a", t0.Add(-10 * time.Minute)}, // later than a's first event: ignored
		{"b", t0.Add(-2 * time.Hour)},
		{"c", t0.Add(-3 * 24 * time.Hour)},
		{"d", t0.Add(-10 * 24 * time.Hour)},
		{"d", t0.Add(time.Hour)},            // after the purchase: ignored
		{"e", t0},                           // the purchase's own event: 0
		{"f", t0.Add(time.Hour)},            // f's only event is after the purchase: no visit
		{"x", t0.Add(-time.Hour)},           // not a buyer
		{"d", t0.Add(-31 * 24 * time.Hour)}, // before the 30-day window: ignored
	} {
		touchFirst(first, purchase, window, ev.user, ev.at)
	}
	got := timeToConvert(purchase, first, window, funnel.DefaultSessionGap)
	// Times 0, 30 min, 2 h, 3 d, 10 d: median 2 h; p90 at rank 0.9 × 4 = 3.6,
	// 3 d + 0.6 × 7 d = 7.2 d (Hyndman and Fan type 7).
	want := &TimeToConvert{Window: window, AfterPurchase: funnel.DefaultSessionGap, Buyers: 5, NoVisit: 1,
		Median: metrics.DurationValue(2 * time.Hour), P90: metrics.DurationValue(time.Duration(7.2 * 24 * float64(time.Hour))),
		Buckets: []TimeBucket{
			{Key: "under_1h", Max: time.Hour, Users: 2, Share: metrics.CountRatio(2, 5)},
			{Key: "1h_24h", Min: time.Hour, Max: 24 * time.Hour, Users: 1, Share: metrics.CountRatio(1, 5)},
			{Key: "1d_7d", Min: 24 * time.Hour, Max: 7 * 24 * time.Hour, Users: 1, Share: metrics.CountRatio(1, 5)},
			{Key: "over_7d", Min: 7 * 24 * time.Hour, Users: 1, Share: metrics.CountRatio(1, 5)},
		}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("time to convert (-want +got):\n%s", diff)
	}
	// No buyer with a visit: undefined, never zeros.
	none := timeToConvert(map[string]time.Time{"f": t0}, firstSeen{}, window, funnel.DefaultSessionGap)
	if none.Median.Defined() || none.P90.Defined() || none.Buyers != 0 || none.NoVisit != 1 || none.Buckets[0].Share.Defined() {
		t.Errorf("time to convert without visits = %+v, want undefined quantiles and shares", none)
	}
}

// TestTimeToConvertBuild checks the distribution of a review against the
// paths of attributionStore, all buying on Nov 20 at noon: A first seen
// on Oct 15, outside the 30-day window, then on Nov 1; B on Nov 5; C on
// Nov 2.
func TestTimeToConvertBuild(t *testing.T) {
	r, err := Build(attributionStore(), Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Traffic.TimeToConvert
	if c == nil {
		t.Fatal("no time to convert")
	}
	day := 24 * time.Hour
	// 15, 18 and 19 days: median 18 d, p90 18 + 0.8 × 1 = 18.8 d.
	if diff := cmp.Diff([]metrics.Value{metrics.DurationValue(18 * day), metrics.DurationValue(time.Duration(18.8 * float64(day)))}, []metrics.Value{c.Median, c.P90}); diff != "" {
		t.Errorf("median and p90 (-want +got):\n%s", diff)
	}
	if c.Buyers != r.Traffic.Buyers || c.Buckets[3].Users != 3 || c.Window != 30*day {
		t.Errorf("buyers %d (traffic %d), over 7 days %d; want 3, 3, 3", c.Buyers, r.Traffic.Buyers, c.Buckets[3].Users)
	}
}

// TestTimeToConvertBuckets: the buckets add up to the buyers with a visit,
// every share is in [0, 1] and the shares add up to 1.
func TestTimeToConvertBuckets(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		const window = 30 * 24 * time.Hour
		t0 := time.Date(2025, 11, 20, 12, 0, 0, 0, time.UTC)
		n := rapid.IntRange(0, 50).Draw(t, "buyers")
		purchase := map[string]time.Time{}
		first := firstSeen{}
		for i := range n {
			u := fmt.Sprint("u", i)
			purchase[u] = t0
			for range rapid.IntRange(0, 3).Draw(t, "events") {
				touchFirst(first, purchase, window, u, t0.Add(-time.Duration(rapid.Int64Range(-int64(48*time.Hour), int64(40*24*time.Hour)).Draw(t, "before"))))
			}
		}
		c := timeToConvert(purchase, first, window, funnel.DefaultSessionGap)
		var users int64
		var shares float64
		for _, b := range c.Buckets {
			users += b.Users
			if v, ok := b.Share.Value(); ok {
				if v < 0 || v > 1 {
					t.Fatalf("share %v of %s outside [0, 1]", v, b.Key)
				}
				shares += v
			}
		}
		if users != c.Buyers || c.Buyers+c.NoVisit != int64(n) {
			t.Fatalf("buckets hold %d buyers, Buyers %d, NoVisit %d, of %d", users, c.Buyers, c.NoVisit, n)
		}
		if c.Buyers > 0 && (shares < 1-1e-9 || shares > 1+1e-9) {
			t.Fatalf("shares add up to %v", shares)
		}
		if c.Buyers > 0 {
			med, _ := c.Median.Duration()
			p90, _ := c.P90.Duration()
			if med < 0 || p90 < med || p90 > window {
				t.Fatalf("median %v, p90 %v", med, p90)
			}
		}
	})
}

// touchFirst records in f the event of user at at, if it is the user's
// first within window before their purchase in purchase: the buyers'
// states do this in a review (buyerState.visit); the tests of
// timeToConvert build their input with it.
func touchFirst(f firstSeen, purchase map[string]time.Time, window time.Duration, user string, at time.Time) {
	p, ok := purchase[user]
	if !ok || at.After(p) || at.Before(p.Add(-window)) {
		return
	}
	if s, ok := f[user]; !ok || at.Before(s) {
		f[user] = at
	}
}
