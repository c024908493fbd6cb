package funnel_test

import (
	"fmt"
	"log"
	"maps"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
)

var start = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// event builds an event minutes after start with a source and a device.
func event(user string, minutes int, name, source, device string) funnel.Event {
	return funnel.Event{
		UserID: user,
		Time:   start.Add(time.Duration(minutes) * time.Minute),
		Name:   name,
		Props:  []funnel.Prop{{Key: funnel.PropSource, Value: source}, {Key: funnel.PropDevice, Value: device}},
	}
}

// storeEvents is a small store's morning: six visitors, two of whom buy.
func storeEvents() []funnel.Event {
	return []funnel.Event{
		event("u1", 0, "page_view", "search", "mobile"), event("u1", 3, "add_to_cart", "search", "mobile"),
		event("u1", 5, "checkout", "search", "mobile"), event("u1", 7, "purchase", "search", "mobile"),
		event("u2", 0, "page_view", "ads", "desktop"), event("u2", 10, "add_to_cart", "ads", "desktop"),
		event("u2", 12, "checkout", "ads", "desktop"),
		event("u3", 1, "page_view", "ads", "mobile"), event("u3", 2, "add_to_cart", "ads", "mobile"),
		event("u4", 2, "page_view", "social", "mobile"),
		event("u5", 3, "page_view", "search", "desktop"), event("u5", 4, "add_to_cart", "search", "desktop"),
		event("u5", 9, "checkout", "search", "desktop"), event("u5", 20, "purchase", "search", "desktop"),
		event("u6", 5, "page_view", "ads", "mobile"),
	}
}

// A four-step funnel with its table: users reached, conversion from the
// previous step and from step 1, drop-off, and time to convert.
func Example() {
	cfg := funnel.Config{
		Steps: []funnel.Step{
			{Name: "page_view"}, {Name: "add_to_cart"}, {Name: "checkout"}, {Name: "purchase"},
		},
		Window: time.Hour,
	}
	r, err := funnel.Count(cfg, storeEvents())
	if err != nil {
		log.Fatal(err)
	}
	// Time to add to cart: 3, 10, 1 and 1 minutes; median (1+3)/2 = 2m,
	// 90th percentile 3 + 0.7·(10−3) = 7.9m. To purchase: 7 and 17 minutes.
	if err := r.WriteTable(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// step         users  from prev  from first  drop-off  median time  p90 time
	// page_view    6      100.0%     100.0%      0         0s           0s
	// add_to_cart  4      66.7%      66.7%       2         2m0s         7m54s
	// checkout     3      75.0%      50.0%       1         6m0s         10m48s
	// purchase     2      66.7%      33.3%       1         12m0s        16m0s
}

// Conversion by traffic source, attributed to the step-1 event of each
// user's deepest chain.
func Example_breakdownBySource() {
	cfg := funnel.Config{
		Steps:     []funnel.Step{{Name: "page_view"}, {Name: "add_to_cart"}, {Name: "purchase"}},
		Window:    time.Hour,
		Breakdown: funnel.PropSource,
	}
	r, err := funnel.Count(cfg, storeEvents())
	if err != nil {
		log.Fatal(err)
	}
	for _, source := range slices.Sorted(maps.Keys(r.Breakdown)) {
		b := r.Breakdown[source]
		last := b.Steps[len(b.Steps)-1]
		fmt.Printf("%-6s visitors %d  carts %d  buyers %d  conversion %s\n",
			source, b.Steps[0].Reached, b.Steps[1].Reached, last.Reached, last.FromFirst.Percent(1))
	}
	// Output:
	// ads    visitors 3  carts 2  buyers 0  conversion 0.0%
	// search visitors 2  carts 2  buyers 2  conversion 100.0%
	// social visitors 1  carts 0  buyers 0  conversion 0.0%
}

// An A/B test of a new checkout page: the per-step difference in
// conversion with a two-proportion z-test and a 95 % confidence interval.
func ExampleCompare() {
	cfg := funnel.Config{Steps: []funnel.Step{{Name: "page_view"}, {Name: "purchase"}}}
	// 400 visitors per variant; 40 buy in A, 62 in B.
	variant := func(prefix string, buyers int) []funnel.Event {
		var evs []funnel.Event
		for i := range 400 {
			u := prefix + strconv.Itoa(i)
			evs = append(evs, event(u, i, "page_view", "ads", "mobile"))
			if i < buyers {
				evs = append(evs, event(u, i+5, "purchase", "ads", "mobile"))
			}
		}
		return evs
	}
	a, err := funnel.Count(cfg, variant("a", 40))
	if err != nil {
		log.Fatal(err)
	}
	b, err := funnel.Count(cfg, variant("b", 62))
	if err != nil {
		log.Fatal(err)
	}
	c, err := funnel.Compare(a, b)
	if err != nil {
		log.Fatal(err)
	}
	d := c.Steps[1].FromFirst
	fmt.Printf("A %s, B %s\n", d.A.Percent(1), d.B.Percent(1))
	fmt.Printf("difference %+.1f points, 95%% CI [%+.1f, %+.1f], p = %.3f\n", 100*d.Delta, 100*d.Low, 100*d.High, d.P)
	// Output:
	// A 10.0%, B 15.5%
	// difference +5.5 points, 95% CI [+0.9, +10.1], p = 0.020
}

// Bounce rate by device: sessions with exactly one page view and no
// purchase over all sessions, sessions split at 30 minutes of inactivity.
// u1 and u5 view one page and buy: not bounces. Under GA4's engaged-session
// rule a session with a purchase, a second page view or 10 seconds is
// engaged; here only u4's first session and u6's are not.
func ExampleTraffic() {
	var t funnel.Traffic // zero value: 30-minute sessions, "page_view" events
	events := append(storeEvents(),
		event("u4", 50, "page_view", "direct", "desktop"), // u4 returns: a second session
		event("u4", 52, "page_view", "direct", "desktop"),
	)
	for _, e := range events {
		if err := t.Add(e); err != nil {
			log.Fatal(err)
		}
	}
	r := t.Report()
	fmt.Printf("all      visitors %d  sessions %d  bounce rate %s\n", r.Total.Visitors, r.Total.Sessions, r.Total.BounceRate.Percent(1))
	for _, device := range slices.Sorted(maps.Keys(r.ByDevice)) {
		s := r.ByDevice[device]
		fmt.Printf("%-8s visitors %d  sessions %d  bounce rate %s\n", device, s.Visitors, s.Sessions, s.BounceRate.Percent(1))
	}
	engaged, err := funnel.CountTraffic(funnel.Traffic{Sessions: funnel.SessionRule{Bounce: funnel.BounceNotEngaged}}, events)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("engaged-session rule: bounce rate %s\n", engaged.Total.BounceRate.Percent(1))
	// Output:
	// all      visitors 6  sessions 7  bounce rate 57.1%
	// desktop  visitors 3  sessions 3  bounce rate 33.3%
	// mobile   visitors 4  sessions 4  bounce rate 75.0%
	// engaged-session rule: bounce rate 28.6%
}
