package twcs_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/twcs"
)

// A customer's tweet opens a ticket; the brand's first reply answers it.
func Example() {
	const data = `tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
6,sprintcare,False,Tue Oct 31 21:46:24 +0000 2017,"@115712 Can you please send us a private message?",5,8.0
8,115712,True,Tue Oct 31 21:45:10 +0000 2017,@sprintcare is the worst customer service,"9,6,10",
`
	tweets, errs := storedata.Collect(twcs.ReadTweets(strings.NewReader(data), storedata.Options{File: "twcs.csv"}))
	if len(errs) > 0 {
		log.Fatal(errs)
	}
	tickets, cut := twcs.Tickets(tweets)
	for _, k := range tickets {
		fmt.Println(k.ID, k.CustomerID, k.Channel, k.FirstResponseAt.Sub(k.OpenedAt))
	}
	fmt.Println(cut, "replies outside the data")
	// Output:
	// 8 115712 twitter 1m14s
	// 0 replies outside the data
}
