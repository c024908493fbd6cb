package funnel_test

import (
	"fmt"
	"hash/fnv"
	"log"
	"os"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// Counting shards apart (on other machines, say), sending each counter as
// bytes, and merging them where the result is wanted: the table is
// Example's, as one counter gives it. The receiving side decodes into
// counters made by NewCounter with the same Config, which is how steps
// matched by predicates go on counting; a zero Counter would do for
// merging alone.
func ExampleCounter_MarshalBinary() {
	cfg := funnel.Config{
		Steps:  []funnel.Step{{Name: "page_view"}, {Name: "add_to_cart"}, {Name: "checkout"}, {Name: "purchase"}},
		Window: time.Hour,
	}
	events := storeEvents()
	funnel.SortEvents(events)

	// Each shard counts the users whose ID hashes to it.
	const shards = 3
	var sent [][]byte
	for s := range shards {
		c, err := funnel.NewCounter(cfg)
		if err != nil {
			log.Fatal(err)
		}
		for _, e := range events {
			h := fnv.New32a()
			h.Write([]byte(e.UserID))
			if h.Sum32()%shards == uint32(s) {
				if err := c.Add(e); err != nil {
					log.Fatal(err)
				}
			}
		}
		b, err := c.MarshalBinary()
		if err != nil {
			log.Fatal(err)
		}
		sent = append(sent, b)
	}

	total, err := funnel.NewCounter(cfg)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range sent {
		c, err := funnel.NewCounter(cfg)
		if err != nil {
			log.Fatal(err)
		}
		if err := c.UnmarshalBinary(b); err != nil {
			log.Fatal(err)
		}
		if err := total.Merge(c); err != nil {
			log.Fatal(err)
		}
	}
	if err := total.Result().WriteTable(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// step         users  from prev  from first  drop-off  median time  p90 time
	// page_view    6      100.0%     100.0%      0         0s           0s
	// add_to_cart  4      66.7%      66.7%       2         2m0s         7m54s
	// checkout     3      75.0%      50.0%       1         6m0s         10m48s
	// purchase     2      66.7%      33.3%       1         12m0s        16m0s
}

// A Traffic travels as bytes too, its settings with it.
func ExampleTraffic_MarshalBinary() {
	var a, b funnel.Traffic
	for _, e := range storeEvents() {
		t := &a
		if e.UserID > "u3" {
			t = &b
		}
		if err := t.Add(e); err != nil {
			log.Fatal(err)
		}
	}
	data, err := b.MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}
	var got funnel.Traffic
	if err := got.UnmarshalBinary(data); err != nil {
		log.Fatal(err)
	}
	if err := a.Merge(&got); err != nil {
		log.Fatal(err)
	}
	// One session per user; u2, u3, u4 and u6 see one page and buy
	// nothing: 4 bounces of 6 sessions.
	r := a.Report()
	fmt.Println("visitors", r.Total.Visitors, "sessions", r.Total.Sessions, "bounce rate", r.Total.BounceRate.Percent(1))
	// Output:
	// visitors 6 sessions 6 bounce rate 66.7%
}

// A batch read out of time order, sorted for a Counter; Validate checks a
// batch filled by hand.
func ExampleEvents_SortByTime() {
	var b funnel.Events
	for _, e := range storeEvents() { // user by user: not in time order
		if err := b.Append(e); err != nil {
			log.Fatal(err)
		}
	}
	b.SortByTime()
	fmt.Println(b.Event(0).UserID, b.Event(1).UserID, b.Event(2).UserID)

	b.Name = b.Name[:3] // a column cut short
	fmt.Println(b.Validate())
	// Output:
	// u1 u2 u3
	// funnel: malformed Events batch: columns disagree: 15 times, 15 users, 3 names, 16 property starts
}
