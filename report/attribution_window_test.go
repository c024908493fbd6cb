package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestWindowAfterEarlierPurchase checks that a buyer's look-back window,
// for the attribution and the time to convert, starts after their last
// non-cancelled purchase before it: the visits before that purchase led
// to it. Hand-made, December 2025 in UTC, window 30 days:
//
//   - a: came from ads on Nov 20, bought on Nov 25, came from search on
//     Dec 3, bought on Dec 5: search, 2 days;
//   - b: came from ads on Nov 20 and bought then, at the same second
//     (that visit is the earlier purchase's), bought again on Dec 5
//     with no visit since: (none), no visit;
//   - c: came from ads on Nov 20, a cancelled order on Nov 25, bought on
//     Dec 5: ads, 15 days (a cancelled order is no purchase);
//   - d: came from social on Nov 20, bought on Oct 20 (outside the
//     window) and on Dec 5: social, 15 days;
//   - e: came from live on Dec 1, bought on Dec 2 and again on Dec 5:
//     live, 1 day (the first purchase of the period is the one timed);
//   - f: bought on Nov 25 at noon, an event from ads five minutes later
//     (the earlier purchase's confirmation page, within its
//     AfterPurchase of 30 minutes), bought on Dec 5: (none), no visit;
//   - g: bought on Nov 30 at 23:50, came from live at 23:55, bought
//     again on Dec 1 at 00:10, sooner than 30 minutes: the window
//     starts just after the earlier purchase, live, 15 minutes.
func TestWindowAfterEarlierPurchase(t *testing.T) {
	at := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	cny := money.MustCurrency("CNY")
	n := 0
	order := func(cust string, when time.Time, st metrics.OrderStatus) metrics.Order {
		n++
		return metrics.Order{ID: cust + string(rune('0'+n)), CustomerID: cust, PlacedAt: when, Status: st, Currency: cny,
			Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: money.MustNew("10", "CNY"), UnitCost: money.MustNew("4", "CNY")}}}
	}
	orders := []metrics.Order{
		order("a", at(time.November, 25), metrics.Paid), order("a", at(time.December, 5), metrics.Paid),
		order("b", at(time.November, 20), metrics.Paid), order("b", at(time.December, 5), metrics.Paid),
		order("c", at(time.November, 25), metrics.Cancelled), order("c", at(time.December, 5), metrics.Paid),
		order("d", at(time.October, 20), metrics.Paid), order("d", at(time.December, 5), metrics.Paid),
		order("e", at(time.December, 2), metrics.Paid), order("e", at(time.December, 5), metrics.Paid),
		order("f", at(time.November, 25), metrics.Paid), order("f", at(time.December, 5), metrics.Paid),
		order("g", at(time.November, 30).Add(11*time.Hour+50*time.Minute), metrics.Paid), order("g", at(time.December, 1).Add(-11*time.Hour-50*time.Minute), metrics.Paid),
	}
	events := []funnel.Event{
		sourceVisit("a", "ads", at(time.November, 20)), sourceVisit("a", "search", at(time.December, 3)),
		sourceVisit("b", "ads", at(time.November, 20)),
		sourceVisit("c", "ads", at(time.November, 20)),
		sourceVisit("d", "social", at(time.November, 20)),
		sourceVisit("e", "live", at(time.December, 1)),
		sourceVisit("f", "ads", at(time.November, 25).Add(5*time.Minute)),
		sourceVisit("g", "live", at(time.November, 30).Add(11*time.Hour+55*time.Minute)),
	}
	slices.SortFunc(events, func(x, y funnel.Event) int { return x.Time.Compare(y.Time) })
	r, err := Build(Input{Orders: slices.Values(orders), Events: slices.Values(events)}, Config{Period: metrics.MonthOf(2025, time.December, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string]int64{"search": 1, noSource: 2, "ads": 1, "social": 1, "live": 2}, buyersBySource(r)); d != "" {
		t.Errorf("buyers by source (-want +got):\n%s", d)
	}
	ttc := r.Traffic.TimeToConvert
	var users []int64
	for _, b := range ttc.Buckets {
		users = append(users, b.Users)
	}
	// Times 2, 15, 15 and 1 days and 15 minutes: the median is 2 days.
	// Without the cut, a's and b's would be 15 days; without
	// AfterPurchase, f's would be 9 days, 23 hours and 55 minutes.
	med, _ := ttc.Median.Duration()
	if ttc.Buyers != 5 || ttc.NoVisit != 2 || !slices.Equal(users, []int64{1, 0, 2, 2}) || med != 2*24*time.Hour {
		t.Errorf("time to convert: %d buyers, %d without a visit, buckets %v, median %v; want 5, 2, [1 0 2 2], 48h", ttc.Buyers, ttc.NoVisit, users, med)
	}
}

// TestWindowAfterPurchaseAtItsStart keeps an earlier purchase's
// AfterPurchase its own when the purchase lies just before the next
// one's look-back window and its AfterPurchase reaches into it.
// December 2025 in UTC, window 30 days, AfterPurchase 30 minutes:
//
//   - h: bought on Nov 5 at 11:55, came from ads at 12:10 (15 minutes
//     after it, its confirmation page), bought on Dec 5 at 12:00, whose
//     window starts at Nov 5 12:00: (none), no visit;
//   - i: bought on Oct 31 at 23:50, before the window before the period
//     (from Nov 1 00:00), came from live on Nov 1 at 00:05, bought on Dec
//     1 at 00:02, whose window starts at Nov 1 00:02: (none), no visit;
//   - j: bought on Nov 5 at 11:00, came from social at 12:10 (70
//     minutes after it: a visit of its own), bought on Dec 5 at 12:00:
//     social, 29 days 23 hours 50 minutes.
func TestWindowAfterPurchaseAtItsStart(t *testing.T) {
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2025, m, d, h, min, 0, 0, time.UTC) }
	orders := repeatOrders(map[string][]time.Time{
		"h": {at(11, 5, 11, 55), at(12, 5, 12, 0)},
		"i": {at(10, 31, 23, 50), at(12, 1, 0, 2)},
		"j": {at(11, 5, 11, 0), at(12, 5, 12, 0)},
	})
	events := []funnel.Event{sourceVisit("i", "live", at(11, 1, 0, 5)), sourceVisit("h", "ads", at(11, 5, 12, 10)), sourceVisit("j", "social", at(11, 5, 12, 10))}
	r, err := Build(Input{Orders: slices.Values(orders), Events: slices.Values(events)}, Config{Period: metrics.MonthOf(2025, time.December, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string]int64{noSource: 2, "social": 1}, buyersBySource(r)); d != "" {
		t.Errorf("buyers by source (-want +got):\n%s", d)
	}
	ttc := r.Traffic.TimeToConvert
	med, _ := ttc.Median.Duration()
	type times struct {
		Buyers, NoVisit int64
		Median          time.Duration
	}
	if d := cmp.Diff(times{1, 2, 30*24*time.Hour - 10*time.Minute}, times{ttc.Buyers, ttc.NoVisit, med}); d != "" {
		t.Errorf("time to convert (-want +got):\n%s", d)
	}
}

// TestWindowAfterPurchaseShortest checks the shortest AfterPurchase,
// time.Nanosecond (zero means the default 30 minutes): only the events
// logged at the earlier purchase's own time stay its own. December 2025
// in UTC, window 30 days:
//
//   - f: bought on Nov 25 at noon, came from ads five minutes later,
//     bought on Dec 5: ads (with the default, (none));
//   - k: bought on Nov 25 at noon and came from social at that same
//     instant, bought on Dec 5: (none), the visit is the earlier
//     purchase's.
func TestWindowAfterPurchaseShortest(t *testing.T) {
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2025, m, d, h, min, 0, 0, time.UTC) }
	orders := repeatOrders(map[string][]time.Time{
		"f": {at(11, 25, 12, 0), at(12, 5, 12, 0)},
		"k": {at(11, 25, 12, 0), at(12, 5, 12, 0)},
	})
	events := []funnel.Event{sourceVisit("k", "social", at(11, 25, 12, 0)), sourceVisit("f", "ads", at(11, 25, 12, 5))}
	for _, c := range []struct {
		after time.Duration
		want  map[string]int64
	}{
		{0, map[string]int64{noSource: 2}},
		{time.Nanosecond, map[string]int64{noSource: 1, "ads": 1}},
	} {
		cfg := Config{Period: metrics.MonthOf(2025, time.December, time.UTC), Attribution: Attribution{AfterPurchase: c.after}}
		r, err := Build(Input{Orders: slices.Values(orders), Events: slices.Values(events)}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(c.want, buyersBySource(r)); d != "" {
			t.Errorf("AfterPurchase %v: buyers by source (-want +got):\n%s", c.after, d)
		}
		want := c.after
		if want == 0 {
			want = funnel.DefaultSessionGap
		}
		if r.Traffic.AttributionAfterPurchase != want {
			t.Errorf("AfterPurchase %v: the review says %v, want %v", c.after, r.Traffic.AttributionAfterPurchase, want)
		}
	}
}

// sourceVisit is a page view by user at when from source src.
func sourceVisit(user, src string, when time.Time) funnel.Event {
	return funnel.Event{UserID: user, Time: when, Name: "page_view", Props: []funnel.Prop{{Key: funnel.PropSource, Value: src}}}
}

// buyersBySource returns the buyers the review attributes to each source
// that has any.
func buyersBySource(r *Review) map[string]int64 {
	got := map[string]int64{}
	for _, s := range r.Traffic.Sources {
		if s.Buyers != 0 {
			got[s.Name] = s.Buyers
		}
	}
	return got
}
