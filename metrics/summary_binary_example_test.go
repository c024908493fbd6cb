package metrics_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// A Summarizer leaves its process as bytes: two shards of a store's
// orders are summarised apart, one of them is encoded (as a worker sends
// it), decoded into a Summarizer set up alike, and merged with the other.
// Alice bought in both shards and counts once: 3 buyers, as the whole
// month's summary has it, and net sales 166 − 10 + 88 + 88 + 78 + 176 + 78
// − 39 (bob's refund) = 537.
func ExampleSummarizer_MarshalBinary() {
	orders, refunds := exampleStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	var shards [2]metrics.Summarizer
	for i, o := range orders {
		s := &shards[i%2]
		s.Period = nov
		if err := s.Add(o); err != nil {
			log.Fatal(err)
		}
		for _, r := range refunds {
			if r.OrderID == o.ID {
				if err := s.AddRefund(r, o); err != nil {
					log.Fatal(err)
				}
			}
		}
	}
	data, err := shards[1].MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}

	// Elsewhere: the same setup, then the bytes.
	received := metrics.Summarizer{Period: nov}
	if err := received.UnmarshalBinary(data); err != nil {
		log.Fatal(err)
	}
	if err := shards[0].Merge(&received); err != nil {
		log.Fatal(err)
	}
	for _, s := range shards[0].Result() {
		fmt.Println(s.Currency, "buyers", s.Buyers, "new", s.NewBuyers, "orders", s.Orders, "net sales", s.NetSales.Amount())
	}
	fmt.Println(len(data), "bytes")
	// Output:
	// CNY buyers 3 new 2 orders 5 net sales 537.00
	// 207 bytes
}
