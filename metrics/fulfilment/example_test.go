package fulfilment_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/fulfilment"
)

// Times to ship and deliver and the on-time rate of a week of orders, by
// carrier, with an undelivered order whose promise passed counted late.
func ExampleTracker() {
	day := func(d, h int) time.Time { return time.Date(2025, 11, d, h, 0, 0, 0, time.UTC) }
	tr := fulfilment.Tracker{AsOf: day(10, 0)} // the end of the week reviewed
	for _, o := range []metrics.Order{
		{ID: "A1", PlacedAt: day(3, 9), PaidAt: day(3, 9), ShippedAt: day(3, 15), DeliveredAt: day(5, 11), PromisedBy: day(6, 0), Carrier: "SF Express"},
		{ID: "A2", PlacedAt: day(3, 20), PaidAt: day(3, 20), ShippedAt: day(4, 18), DeliveredAt: day(7, 10), PromisedBy: day(6, 0), Carrier: "YTO"},
		{ID: "A3", PlacedAt: day(4, 8), PaidAt: day(4, 8), ShippedAt: day(4, 12), PromisedBy: day(7, 0), Carrier: "YTO"},
		{ID: "A4", PlacedAt: day(5, 8), PaidAt: day(5, 9), ShippedAt: day(5, 17), DeliveredAt: day(7, 17), PromisedBy: day(8, 0), Carrier: "SF Express"},
	} {
		if err := tr.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	// Ship times 6 h, 22 h, 4 h, 8 h: median (6 + 8) / 2 = 7 h, p90 at rank
	// 2.7 of 4, 8, 8 h + 0.7 × 14 h = 17.8 h; delivery 44 h, 64 h, 48 h.
	s := tr.Summary()
	fmt.Println("time to ship: median", s.ToShip.Median, "p90", s.ToShip.P90)
	fmt.Println("time to deliver: median", s.ToDeliver.Median, "over", s.ToDeliver.N, "orders")
	fmt.Printf("on time: %d of %d (%s), %d late and not delivered\n", s.OnTime, s.OnTime+s.Late, s.OnTimeRate.Percent(1), s.LateUndelivered)
	for _, c := range tr.ByCarrier() {
		fmt.Printf("%s: %s on time\n", c.Name, c.OnTimeRate.Percent(0))
	}
	// Output:
	// time to ship: median 7h0m0s p90 17h48m0s
	// time to deliver: median 48h0m0s over 3 orders
	// on time: 2 of 4 (50.0%), 1 late and not delivered
	// SF Express: 100% on time
	// YTO: 0% on time
}

// Late deliveries and what followed them: returns for a late delivery and
// tickets, per 100 orders, for the late orders against the on-time ones.
func ExampleLink() {
	day := func(d int) time.Time { return time.Date(2025, 11, d, 12, 0, 0, 0, time.UTC) }
	l := fulfilment.Link{AsOf: day(30)}
	for _, o := range []metrics.Order{
		{ID: "A1", PlacedAt: day(1), DeliveredAt: day(3), PromisedBy: day(4)},
		{ID: "A2", PlacedAt: day(1), DeliveredAt: day(4), PromisedBy: day(4)},
		{ID: "A3", PlacedAt: day(2), DeliveredAt: day(7), PromisedBy: day(5)},
		{ID: "A4", PlacedAt: day(2), PromisedBy: day(5)}, // never delivered: late by the 30th
	} {
		if err := l.AddOrder(o); err != nil {
			log.Fatal(err)
		}
	}
	// The refunds' reasons normalised beforehand (service.ReasonMap says
	// late_delivery for "物流太慢").
	l.AddRefund("A3", true)
	l.AddRefund("A1", false) // another reason: not counted
	for _, id := range []string{"A3", "A4", "A4", "A2"} {
		l.AddTicket(id)
	}
	out := l.Outcomes()
	for _, s := range []fulfilment.Status{fulfilment.OnTime, fulfilment.Late} {
		o := out[s]
		per100, _ := o.TicketsPer100.Value()
		fmt.Printf("%s: %d orders, late-delivery returns %s, %.0f tickets per 100 orders\n", s, o.Orders, o.LateReturnRate.Percent(0), per100)
	}
	// Output:
	// on_time: 2 orders, late-delivery returns 0%, 50 tickets per 100 orders
	// late: 2 orders, late-delivery returns 50%, 150 tickets per 100 orders
}

// Delivery times gathered on two shards travel as bytes and merge into
// the times of all the orders.
func ExampleDurations_MarshalBinary() {
	shards := [2][]time.Duration{{26 * time.Hour, 48 * time.Hour}, {30 * time.Hour, 50 * time.Hour, 75 * time.Hour}}
	var all fulfilment.Durations
	for _, times := range shards {
		var shard fulfilment.Durations // on the shard's machine
		for _, d := range times {
			shard.Add(d)
		}
		data, err := shard.MarshalBinary()
		if err != nil {
			log.Fatal(err)
		}
		var got fulfilment.Durations // where the shards meet
		if err := got.UnmarshalBinary(data); err != nil {
			log.Fatal(err)
		}
		all.Merge(&got)
	}
	t := all.Times()
	fmt.Println(t.N, "deliveries, median", t.Median, "p90", t.P90)
	// Output: 5 deliveries, median 48h0m0s p90 65h0m0s
}
