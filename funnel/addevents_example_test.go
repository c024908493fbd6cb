package funnel_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// Counting columnar batches: a reader fills batches that share their
// dictionaries (here with Append; a reader of a file fills the columns
// directly), and the counter looks each user and event name up once, not
// once per event. The result is Example's.
func ExampleCounter_AddEvents() {
	c, err := funnel.NewCounter(funnel.Config{
		Steps:  []funnel.Step{{Name: "page_view"}, {Name: "add_to_cart"}, {Name: "checkout"}, {Name: "purchase"}},
		Window: time.Hour,
	})
	if err != nil {
		log.Fatal(err)
	}
	events := storeEvents()
	funnel.SortEvents(events) // the counter takes each user's events in time order
	var b funnel.Events
	for len(events) > 0 {
		n := min(len(events), 4) // batches of 4 events, for the example
		b.Reset()                // keeps the dictionaries: the batches number alike
		for _, e := range events[:n] {
			if err := b.Append(e); err != nil {
				log.Fatal(err)
			}
		}
		if err := c.AddEvents(&b); err != nil {
			log.Fatal(err)
		}
		events = events[n:]
	}
	if err := c.Result().WriteTable(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// step         users  from prev  from first  drop-off  median time  p90 time
	// page_view    6      100.0%     100.0%      0         0s           0s
	// add_to_cart  4      66.7%      66.7%       2         2m0s         7m54s
	// checkout     3      75.0%      50.0%       1         6m0s         10m48s
	// purchase     2      66.7%      33.3%       1         12m0s        16m0s
}

// CountEvents counts a batch in any order, as Count counts a slice.
// AddEvents takes each user's rows in time order: given the events newest
// first, it counts each user's last event and rejects the others.
func ExampleCountEvents() {
	cfg := funnel.Config{Steps: []funnel.Step{{Name: "page_view"}, {Name: "purchase"}}, Window: time.Hour}
	events := storeEvents()
	slices.Reverse(events) // each user's events newest first
	var b funnel.Events
	for _, e := range events {
		if err := b.Append(e); err != nil {
			log.Fatal(err)
		}
	}
	r, err := funnel.CountEvents(cfg, &b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("CountEvents: buyers", r.Steps[1].Reached)

	c, err := funnel.NewCounter(cfg)
	if err != nil {
		log.Fatal(err)
	}
	err = c.AddEvents(&b)
	fmt.Println("AddEvents: buyers", c.Result().Steps[1].Reached)
	fmt.Println("out of order:", errors.Is(err, funnel.ErrOutOfOrder), len(err.(interface{ Unwrap() []error }).Unwrap()), "rows")
	// Output:
	// CountEvents: buyers 2
	// AddEvents: buyers 0
	// out of order: true 9 rows
}
