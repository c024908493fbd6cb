package report

import (
	"errors"
	"fmt"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// attributionStore: three buyers and one visitor in November 2025, each
// buyer's path before their purchase on Nov 20 at noon written by hand.
func attributionStore() Input {
	c := money.MustCurrency("CNY")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, time.UTC) }
	order := func(id, cust string, t time.Time) metrics.Order {
		return metrics.Order{ID: id, CustomerID: cust, PlacedAt: t, Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: money.MustNew("10", "CNY"), UnitCost: money.MustNew("4", "CNY")}}}
	}
	ev := func(u string, t time.Time, name, src string) funnel.Event {
		return funnel.Event{UserID: u, Time: t, Name: name, Props: []funnel.Prop{{Key: funnel.PropSource, Value: src}}}
	}
	events := []funnel.Event{
		// A: social on Oct 15 (36 days before: outside the window), ads on
		// Nov 1, direct on Nov 19 and at the purchase: last non-direct = ads,
		// first touch in the window = ads.
		ev("A", at(10, 15, 12), "page_view", "social"),
		ev("A", at(11, 1, 12), "page_view", "ads"),
		ev("A", at(11, 19, 12), "page_view", "direct"),
		ev("A", at(11, 20, 11), "purchase", "direct"),
		// B: direct only: direct under both models.
		ev("B", at(11, 5, 12), "page_view", "direct"),
		ev("B", at(11, 20, 12), "purchase", "direct"),
		// C: direct on Nov 2, search on Nov 10, buys; a later social visit
		// after the purchase does not count. Last non-direct = search, first = direct.
		ev("C", at(11, 2, 12), "page_view", "direct"),
		ev("C", at(11, 10, 12), "page_view", "search"),
		ev("C", at(11, 20, 12), "purchase", "search"),
		ev("C", at(11, 25, 12), "page_view", "social"),
		// V: a visitor who never buys, from social.
		ev("V", at(11, 3, 12), "page_view", "social"),
	}
	return Input{
		Orders: slices.Values([]metrics.Order{order("o0", "A", at(9, 1, 12)), order("o1", "A", at(11, 20, 12)),
			order("o2", "B", at(11, 20, 12)), order("o3", "C", at(11, 20, 12)), order("o4", "C", at(11, 28, 12))}),
		Events: slices.Values(events),
	}
}

// TestTrafficAttribution: issue 17 item 7 and 8. Before, conversion by
// source counted any buyer who ever came from the source (direct: A, B
// and C bought, 3 of 3 direct visitors = 100 %), and buyers counted under
// several sources. Each buyer now has one source by a documented model.
func TestTrafficAttribution(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	type row struct {
		Name             string
		Visitors, Buyers int64
	}
	for _, tc := range []struct {
		name   string
		attr   Attribution
		want   []row
		reason string
	}{
		{"last non-direct", Attribution{}, []row{{"direct", 3, 1}, {"social", 2, 0}, {"ads", 1, 1}, {"search", 1, 1}},
			"A→ads (social is 36 days old), B→direct (no other visit), C→search"},
		{"first touch", Attribution{Model: FirstTouch}, []row{{"direct", 3, 2}, {"social", 2, 0}, {"ads", 1, 1}, {"search", 1, 0}},
			"A→ads (first visit in the window), B→direct, C→direct"},
		{"60-day window", Attribution{Model: FirstTouch, Window: 60 * 24 * time.Hour}, []row{{"direct", 3, 2}, {"social", 2, 1}, {"ads", 1, 0}, {"search", 1, 0}},
			"A's social visit of Oct 15 is now in the window"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Build(attributionStore(), Config{Period: nov, Attribution: tc.attr})
			if err != nil {
				t.Fatal(err)
			}
			var got []row
			var buyers int64
			for _, s := range r.Traffic.Sources {
				got = append(got, row{s.Name, s.Visitors, s.Buyers})
				buyers += s.Buyers
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
			if buyers != 3 || r.Traffic.Buyers != 3 {
				t.Errorf("attributed buyers add up to %d, page's buyers %d; want 3 and 3", buyers, r.Traffic.Buyers)
			}
			if r.Traffic.Attribution != tc.attr.Model.String() || r.Traffic.AttributionDays != int(tc.attr.window()/(24*time.Hour)) || r.Traffic.AttributionAfterPurchase != tc.attr.afterPurchase() {
				t.Errorf("page names %s over %d days, %v after a purchase", r.Traffic.Attribution, r.Traffic.AttributionDays, r.Traffic.AttributionAfterPurchase)
			}
		})
	}
	_, err := Build(attributionStore(), Config{Period: nov, Attribution: Attribution{Model: 7, Window: -1, AfterPurchase: -time.Minute}})
	var fields []string
	var walk func(error)
	walk = func(e error) {
		if ce, ok := e.(*metrics.ConfigError); ok {
			fields = append(fields, ce.Field)
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		}
	}
	walk(err)
	want := []string{"Config.Attribution.Model", "Config.Attribution.Window", "Config.Attribution.AfterPurchase"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("invalid Attribution: config errors (-want +got):\n%s\n%v", diff, err)
	}
}

// TestTrafficFunnelNoMatch: issue 17, partial data. REES46 names its events
// view / cart / purchase: the default funnel (page_view → … → purchase)
// matched nothing and the page showed every step at 0 and bounce 0.0 %.
// Now the funnel and the bounce rate are left out with notes that list the
// names seen and expected.
func TestTrafficFunnelNoMatch(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	in := tinyStore()
	var evs []funnel.Event
	for e := range in.Events {
		e.Name = "view"
		evs = append(evs, e)
	}
	in.Events = slices.Values(evs)
	r, err := Build(in, Config{Period: nov})
	if err != nil {
		t.Fatal(err)
	}
	if r.Traffic == nil || len(r.Traffic.Funnel) != 0 {
		t.Fatalf("funnel of unmatched steps: %+v, want none", r.Traffic)
	}
	for _, k := range r.Traffic.KPIs {
		if k.Key == "bounce_rate" && k.Current.Defined() {
			t.Errorf("bounce rate without page views = %v, want undefined", k.Current)
		}
	}
	notes := map[string]string{}
	for _, n := range r.NotesOf(SectionTraffic) {
		notes[n.Key] = n.Reason
	}
	if s := notes["funnel_no_match"]; !strings.Contains(s, "page_view, add_to_cart, checkout, purchase") || !strings.Contains(s, "view (5)") {
		t.Errorf("funnel note %q: want the steps expected and the names seen with counts", s)
	}
	if s := notes["bounce_no_page_view"]; !strings.Contains(s, `"page_view"`) || !strings.Contains(s, "view (5)") {
		t.Errorf("bounce note %q", s)
	}
}

// TestTrafficFunnelStepUnseen: a later step whose name no event has (a
// store that tracks no checkout event) shows its zeros with a note naming
// it, so the page does not read as nobody checking out.
func TestTrafficFunnelStepUnseen(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	r, err := Build(tinyStore(), Config{Period: nov}) // page views only
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Traffic.Funnel) != 4 {
		t.Fatalf("funnel %+v, want its 4 steps", r.Traffic.Funnel)
	}
	var reason string
	for _, n := range r.NotesOf(SectionTraffic) {
		if n.Key == "funnel_steps_unseen" {
			reason = n.Reason
		}
	}
	if !strings.Contains(reason, "named add_to_cart, checkout, purchase;") || !strings.Contains(reason, "page_view (5)") {
		t.Errorf("note %q: want the unseen steps and the names seen", reason)
	}
}

// TestTrafficBounceRule: the review's bounce rate follows
// Config.Sessions.Bounce, and the page says which rule.
func TestTrafficBounceRule(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	bounce := func(rule funnel.BounceRule) (string, float64) {
		in := attributionStore()
		evs := slices.Collect(in.Events)
		// V scrolls 15 s after landing: engaged, yet one page view.
		evs = append(evs, funnel.Event{UserID: "V", Time: time.Date(2025, 11, 3, 12, 0, 15, 0, time.UTC), Name: "scroll"})
		in.Events = slices.Values(evs)
		r, err := Build(in, Config{Period: nov, Sessions: funnel.SessionRule{Bounce: rule}})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range r.Traffic.KPIs {
			if k.Key == "bounce_rate" {
				v, _ := k.Current.Float()
				return r.Traffic.BounceRule, v
			}
		}
		t.Fatal("no bounce rate")
		return "", 0
	}
	// November sessions (30-minute gaps): A Nov 1 (1 view), A Nov 19 (1),
	// A Nov 20 (purchase only), B Nov 5 (1), B Nov 20 (purchase only),
	// C Nov 2 (1), C Nov 10 (1), C Nov 20 (purchase), C Nov 25 (1), V (1):
	// 10 sessions, 7 with one page view and no purchase; none lasts 10 s
	// or has a second view but V's (15 s), so under the engaged rule the
	// 3 purchase sessions and V's are engaged: 6 bounces.
	if rule, v := bounce(funnel.BounceOnePage); rule != "one_page" || v != 0.7 {
		t.Errorf("one page: %s %v, want one_page 0.7", rule, v)
	}
	if rule, v := bounce(funnel.BounceNotEngaged); rule != "not_engaged" || v != 0.6 {
		t.Errorf("not engaged: %s %v, want not_engaged 0.6", rule, v)
	}
}

// TestDemoAttributionOutside checks the demo store's December 2025 against
// figures computed outside Go: `go run ./examples/review -export DIR`, then
// a python3 script over DIR's order_lines.csv and events.csv that takes each
// buyer's first non-cancelled order of the month, walks their events with a
// source in the 30 days up to it, and keeps the last non-direct source
// (direct when every visit was direct); and that counts one-page sessions
// of the month with and without a purchase (sessions by the tracker's
// IDs). The script is testdata/issue17_attribution.py; the store it read
// is sample.Generate(sample.Config{}) written by the cli's exportStore.
// Since issue 19's analyst's read, a buyer's window starts after their
// last purchase before it (193 of the 905 buyers): the script printed
// search 198, ads 177, direct 325, social 109, live 96, and the time to
// convert of 905 buyers (none without a visit), median 610 s, 90th
// percentile 1,663,934 s (Hyndman and Fan 7, rounded), buckets 662, 13,
// 43, 187, the window starting 30 minutes after an earlier purchase
// (Attribution.AfterPurchase; before it, 611 s, 1,677,733 s, 661 and
// 188). Before, it printed search 212, ads 192, direct 286, social
// 114, live 101. On the two-year demo with its live-stream channel (issue
// 21) and its category affinity (issue 25, which changed the baskets from
// the first add-on on): 9,124 sessions, bounce 42.0 % before issue 17
// (purchases counted as bounces), 39.4 % after. (Before the affinity it printed 904 =
// search 219, ads 191, direct 284, social 110, live 100; 9,155 sessions,
// 39.8 %; on the one-year demo, buyers 725 = search 225, ads 170, direct
// 212, social 118; 7,800 sessions, 39.1 %.)
func TestDemoAttributionOutside(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{})
	dec := metrics.MonthOf(2025, time.December, s.Config.Location)
	in := Input{Orders: slices.Values(s.Orders), Events: slices.Values(s.Events)}
	r, err := Build(in, Config{Period: dec, Sessions: funnel.SessionRule{Key: funnel.PropSession}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, x := range r.Traffic.Sources {
		got[x.Name] = x.Buyers
	}
	if diff := cmp.Diff(map[string]int64{"search": 198, "ads": 177, "direct": 325, "social": 109, "live": 96}, got); diff != "" || r.Traffic.Buyers != 905 {
		t.Errorf("attributed buyers of %d (-python +Build):\n%s", r.Traffic.Buyers, diff)
	}
	ttc := r.Traffic.TimeToConvert
	var users []int64
	for _, b := range ttc.Buckets {
		users = append(users, b.Users)
	}
	med, _ := ttc.Median.Duration()
	p90, _ := ttc.P90.Duration()
	if ttc.Buyers != 905 || ttc.NoVisit != 0 || !slices.Equal(users, []int64{662, 13, 43, 187}) ||
		med.Round(time.Second) != 610*time.Second || p90.Round(time.Second) != 1663934*time.Second {
		t.Errorf("time to convert: %d buyers, %d without a visit, buckets %v, median %v, p90 %v; python: 905, 0, [662 13 43 187], 610s, 1663934s",
			ttc.Buyers, ttc.NoVisit, users, med, p90)
	}
	for _, k := range r.Traffic.KPIs {
		if k.Key == "bounce_rate" {
			if v, _ := k.Current.Ratio(); v.Num() != 3594 || v.Den() != 9124 { // python: 3,594 of 9,124 (39.4 %); 3,832 before
				t.Errorf("bounce rate %v/%v, want 3594/9124", v.Num(), v.Den())
			}
		}
	}
}

// twoYearTraffic is a hand-made store with events and orders in November
// 2024, October 2025 and November 2025, for 同比 of the traffic KPIs.
func twoYearTraffic() Input {
	c := money.MustCurrency("CNY")
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	pv := func(u string, t time.Time) funnel.Event { return funnel.Event{UserID: u, Time: t, Name: "page_view"} }
	order := func(id, cust string, t time.Time) metrics.Order {
		return metrics.Order{ID: id, CustomerID: cust, PlacedAt: t, Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: money.MustNew("10", "CNY"), UnitCost: money.MustNew("4", "CNY")}}}
	}
	events := []funnel.Event{
		// Nov 2024: one session of two page views.
		pv("u3", at(2024, 11, 1, 10, 0)), pv("u3", at(2024, 11, 1, 10, 1)),
		// Oct 2025: one session of one page view.
		pv("u4", at(2025, 10, 5, 10, 0)),
		// Nov 2025: u1 one session of three page views, u2 one of one.
		pv("u1", at(2025, 11, 5, 10, 0)), pv("u1", at(2025, 11, 5, 10, 5)), pv("u1", at(2025, 11, 5, 10, 10)),
		pv("u2", at(2025, 11, 6, 10, 0)),
	}
	return Input{
		Orders: slices.Values([]metrics.Order{order("o1", "u3", at(2024, 11, 5, 11, 0)), order("o2", "u4", at(2025, 10, 5, 11, 0)),
			order("o3", "u1", at(2025, 11, 5, 11, 0))}),
		Events: slices.Values(events),
	}
}

// TestTrafficYearAgo: sessions, bounce rate and pages per session get
// their 同比 when last year's events exist (issue 21 item 5).
func TestTrafficYearAgo(t *testing.T) {
	r, err := Build(twoYearTraffic(), Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Key                    string
		Current, Prev, YearAgo metrics.Value
	}
	var got []row
	for _, k := range r.Traffic.KPIs {
		if k.Key == "sessions" || k.Key == "bounce_rate" || k.Key == "pages_per_session" {
			got = append(got, row{k.Key, k.Current, k.Previous, k.YearAgo})
		}
	}
	want := []row{
		{"sessions", metrics.CountValue(2), metrics.CountValue(1), metrics.CountValue(1)},
		// one-page rule: u2's session bounces now, u4's in October, none a year ago
		{"bounce_rate", pct(metrics.CountRatio(1, 2)), pct(metrics.CountRatio(1, 1)), pct(metrics.CountRatio(0, 1))},
		// 4 page views / 2 sessions; 1 / 1; 2 / 1
		{"pages_per_session", number(metrics.CountRatio(4, 2)), number(metrics.CountRatio(1, 1)), number(metrics.CountRatio(2, 1))},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("traffic KPIs (-want +got):\n%s", diff)
	}
}

// TestTrafficNamedNoError checks that traffic.named costs nothing for an
// event without an error, the case of almost every event of a batch, and
// still names the user of an event error: it allocated the error's
// pointer for every event once (errors.As moves it to the heap).
func TestTrafficNamedNoError(t *testing.T) {
	bt := &funnel.Events{}
	if err := bt.Append(funnel.Event{UserID: "u1", Name: "page_view", Time: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	tr := newTraffic(Config{})
	tr.batch, tr.row = bt, 0
	if n := testing.AllocsPerRun(100, func() {
		if err := tr.named(nil); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("named(nil) allocates %v times, want 0", n)
	}
	err := tr.named(fmt.Errorf("wrapped: %w", &funnel.EventError{Err: funnel.ErrOutOfOrder}))
	var ee *funnel.EventError
	if !errors.As(err, &ee) || ee.UserID != "u1" {
		t.Errorf("named(event error) = %v, want its user named u1", err)
	}
}
