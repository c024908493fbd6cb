package funnel_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// A caller that numbers its users anyway (here by the order they first
// appear) counts traffic and a funnel by those numbers: no user ID is
// hashed, and the events may leave UserID empty, since only an error
// names the user. The report is the one Add gives.
func ExampleTraffic_AddNumbered() {
	numbers := map[string]int32{}
	var byNumber, byID funnel.Traffic
	c, err := funnel.NewCounter(funnel.Config{Steps: []funnel.Step{{Name: "page_view"}, {Name: "purchase"}}, Window: time.Hour})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range storeEvents() {
		n, ok := numbers[e.UserID]
		if !ok {
			n = int32(len(numbers))
			numbers[e.UserID] = n
		}
		if err := byID.Add(e); err != nil {
			log.Fatal(err)
		}
		e.UserID = "" // not needed by number
		if err := byNumber.AddNumbered(n, e); err != nil {
			log.Fatal(err)
		}
		if err := c.AddNumbered(n, e); err != nil {
			log.Fatal(err)
		}
	}
	r, want := byNumber.Report(), byID.Report()
	fmt.Printf("%d visitors, %d sessions, %d page views; as by ID: %v\n",
		r.Total.Visitors, r.Total.Sessions, r.Total.PageViews, r.Total == want.Total)
	fmt.Printf("%d of %d visitors bought\n", c.Result().Steps[1].Reached, c.Result().Steps[0].Reached)
	// By number, the Traffic holds no IDs to encode.
	_, err = byNumber.MarshalBinary()
	fmt.Println(err)
	// Output:
	// 6 visitors, 6 sessions, 6 page views; as by ID: true
	// 2 of 6 visitors bought
	// funnel: users by number: Traffic.MarshalBinary: users by number have no IDs to encode
}
