package twcs

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// FuzzReadTweets checks that no input panics the reader or Tickets, that
// every error is a located storedata error, and that Tickets keeps every
// ticket's first response at or after its opening.
func FuzzReadTweets(f *testing.F) {
	const head = ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
	f.Add(head + "0,1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,@115712 I understand.,2,3.0\n1,3,115712,True,Tue Oct 31 22:08:27 +0000 2017,@sprintcare x,1,\n")
	f.Add(head + "0,1,a,True,Tue Oct 31 22:10:47 +0000 2017,\"x\ry\",\"2,3\",1.0\n")
	f.Add("tweet_id\n\"")
	f.Fuzz(func(t *testing.T, in string) {
		var tweets []Tweet
		for tw, err := range ReadTweets(strings.NewReader(in), storedata.Options{}) {
			if err != nil {
				var pe *storedata.ParseError
				var fe *storedata.FileError
				if !errors.As(err, &pe) && !errors.As(err, &fe) {
					t.Errorf("%v is not located", err)
				}
				continue
			}
			tweets = append(tweets, tw)
		}
		tickets, cut := Tickets(tweets)
		if cut < 0 || cut > len(tweets) || len(tickets) > len(tweets) {
			t.Errorf("%d tickets, %d cut of %d tweets", len(tickets), cut, len(tweets))
		}
		for _, k := range tickets {
			if !k.FirstResponseAt.IsZero() && k.FirstResponseAt.Before(k.OpenedAt) {
				t.Errorf("ticket %s answered before it opened", k.ID)
			}
		}
	})
}
