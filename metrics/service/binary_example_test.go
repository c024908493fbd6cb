package service_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// Tickets counted on two shards travel as bytes and merge into the
// figures of all of them. The receiving Desk is set up as the shards'
// were (the same SLA): the encoding only records the setup to check it.
func ExampleDesk_MarshalBinary() {
	cfg := service.Config{SLA: 30 * time.Minute}
	at := func(h, m int) time.Time { return time.Date(2025, 11, 3, h, m, 0, 0, time.UTC) }
	shards := [2][]service.Ticket{
		{{ID: "T1", Channel: "chat", OpenedAt: at(10, 0), FirstResponseAt: at(10, 5), ResolvedAt: at(11, 0), Score: 5}},
		{{ID: "T2", Channel: "email", OpenedAt: at(14, 0), FirstResponseAt: at(15, 0), Score: 2},
			{ID: "T3", Channel: "chat", OpenedAt: at(16, 0), FirstResponseAt: at(16, 20), ResolvedAt: at(17, 0), Score: 4}},
	}
	all := service.Desk{Config: cfg}
	for _, tickets := range shards {
		shard := service.Desk{Config: cfg} // on the shard's machine
		for _, t := range tickets {
			if err := shard.Add(t); err != nil {
				log.Fatal(err)
			}
		}
		data, err := shard.MarshalBinary()
		if err != nil {
			log.Fatal(err)
		}
		got := service.Desk{Config: cfg} // where the shards meet
		if err := got.UnmarshalBinary(data); err != nil {
			log.Fatal(err)
		}
		if err := all.Merge(&got); err != nil {
			log.Fatal(err)
		}
	}
	s := all.Summary(0)
	fmt.Println(s.Tickets, "tickets, median first response", s.FirstResponseMedian, "within 30m:", s.WithinSLA.Percent(0))
	fmt.Println("CSAT", s.CSAT.Percent(0), "by channel", s.ByChannel)

	// A Desk set up otherwise refuses the bytes, as Merge would.
	data, err := all.MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}
	other := service.Desk{} // the default SLA, an hour
	fmt.Println(other.UnmarshalBinary(data))
	// Output:
	// 3 tickets, median first response 20m0s within 30m: 67%
	// CSAT 67% by channel [{chat 2} {email 1}]
	// service: cannot merge Desk: decoding an encoding made with Config.SLA 30m0s, not 1h0m0s
}
