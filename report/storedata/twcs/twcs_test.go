package twcs

import (
	"compress/gzip"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// slice is the first 2,600 records of twcs.csv as re-saved by pandas
// (credit and licence in testdata/CREDIT.md), cut with encoding/csv so
// that no record is split; it holds the row with two bare carriage
// returns in its text (tweet 3399).
const slice = "testdata/twcs_head2600.csv.gz"

func readSlice(t *testing.T) []Tweet {
	t.Helper()
	f, err := os.Open(slice)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tweets, errs := storedata.Collect(ReadTweets(z, storedata.Options{File: "twcs_head2600.csv"}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return tweets
}

// The expected figures were computed independently with Python's csv
// module over the same file, after replacing the lone carriage returns by
// spaces (Python's csv module ends a record at them): 2,600 tweets; the
// inbound tweets that reply to nothing are 667 tickets, every one with a
// company tweet in its conversation (following in_response_to_tweet_id
// to the top); 4 tweets reply to a tweet outside the slice.
func TestTickets(t *testing.T) {
	tweets := readSlice(t)
	if len(tweets) != 2600 {
		t.Errorf("%d tweets, want 2600", len(tweets))
	}
	for _, tw := range tweets {
		if tw.ID == "3399" && strings.Count(tw.Text, "\r") != 2 {
			t.Errorf("tweet 3399: %q, want its two carriage returns", tw.Text)
		}
	}
	tickets, cut := Tickets(tweets)
	answered := 0
	for _, k := range tickets {
		if !k.FirstResponseAt.IsZero() {
			answered++
			if k.FirstResponseAt.Before(k.OpenedAt) {
				t.Errorf("ticket %s answered before it was opened", k.ID)
			}
		}
	}
	type counts struct{ Tickets, Answered, Cut int }
	if diff := cmp.Diff(counts{667, 667, 4}, counts{len(tickets), answered, cut}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// The first tweets of the file, by hand: customer 115712 opens with tweet
// 8 at 21:45:10; sprintcare answers with tweet 6 at 21:46:24; the
// customer's later tweets (5, 3, 2) reply inside the same conversation.
func TestTicketsByHand(t *testing.T) {
	const in = `,tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
0,1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,@115712 I understand.,2,3.0
1,2,115712,True,Tue Oct 31 22:11:45 +0000 2017,@sprintcare and how,,1.0
2,3,115712,True,Tue Oct 31 22:08:27 +0000 2017,@sprintcare I have sent,1,4.0
3,4,sprintcare,False,Tue Oct 31 21:54:49 +0000 2017,@115712 Please send,3,5.0
4,5,115712,True,Tue Oct 31 21:49:35 +0000 2017,@sprintcare I did.,4,6.0
5,6,sprintcare,False,Tue Oct 31 21:46:24 +0000 2017,"@115712 Can you, please",5,8.0
6,8,115712,True,Tue Oct 31 21:45:10 +0000 2017,@sprintcare is the worst,"9,6,10",
7,11,sprintcare,False,Tue Oct 31 22:10:35 +0000 2017,@115713 This is saddening,,12.0
8,20,AppleSupport,False,Tue Oct 31 22:00:00 +0000 2017,News,21,
9,21,115714,True,Tue Oct 31 22:05:00 +0000 2017,@AppleSupport thanks,,20.0
10,30,115715,True,Tue Oct 31 23:00:00 +0000 2017,@AmazonHelp hello?,,
`
	tweets, errs := storedata.Collect(ReadTweets(strings.NewReader(in), storedata.Options{Strict: true}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tickets, cut := Tickets(tweets)
	type ticket struct {
		ID, Customer    string
		Opened, Replied string
	}
	var got []ticket
	for _, k := range tickets {
		r := ""
		if !k.FirstResponseAt.IsZero() {
			r = k.FirstResponseAt.Format(time.TimeOnly)
		}
		got = append(got, ticket{k.ID, k.CustomerID, k.OpenedAt.Format(time.TimeOnly), r})
	}
	want := []ticket{{"8", "115712", "21:45:10", "21:46:24"}, {"30", "115715", "23:00:00", ""}}
	if diff := cmp.Diff(want, got); diff != "" || cut != 1 {
		t.Errorf("tickets (-want +got):\n%s\ncut = %d, want 1 (tweet 11 answers 12, not in the file)", diff, cut)
	}
}

func TestBadRows(t *testing.T) {
	const in = `tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
1,a,yes,Tue Oct 31 22:10:47 +0000 2017,x,,
2,a,True,2017-10-31 22:10:47,x,,
3.5,a,True,Tue Oct 31 22:10:47 +0000 2017,x,,
4,a,True,Tue Oct 31 22:10:47 +0000 2017,x,,abc
5,a,True,Tue Oct 31 22:10:47 +0000 2017,x,,
5,b,True,Tue Oct 31 22:10:47 +0000 2017,y,,
6,,True,Tue Oct 31 22:10:47 +0000 2017,x,,
`
	type loc struct{ Line, Column int }
	var got []loc
	tweets, errs := storedata.Collect(ReadTweets(strings.NewReader(in), storedata.Options{}))
	for _, err := range errs {
		var pe *storedata.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not a *storedata.ParseError", err)
		}
		got = append(got, loc{pe.Line, pe.Column})
	}
	if diff := cmp.Diff([]loc{{2, 3}, {3, 4}, {4, 1}, {5, 7}, {7, 1}, {8, 2}}, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if len(tweets) != 1 || !errors.Is(errs[0], ErrInbound) || !errors.Is(errs[4], storedata.ErrDuplicateID) {
		t.Errorf("tweets %v, errors %v", tweets, errs)
	}
}

// A review of October 2017 from the slice: the service section's
// first-response median and 90th percentile must be those computed in
// Python over the same file (type-7 quantiles of the 575 tickets opened
// in October 2017, all answered): 918 s and 35,482 s; 402 of the 575 are
// answered within the default SLA of one hour.
func TestReview(t *testing.T) {
	f, err := os.Open(slice)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	in, errs, err := Input(z, storedata.Options{File: "twcs_head2600.csv"})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	r, err := report.Build(in, report.Config{Period: metrics.MonthOf(2017, time.October, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Service == nil {
		t.Fatalf("no service section: %v", r.Omitted)
	}
	got := map[string]string{}
	for _, k := range r.Service.KPIs {
		switch k.Key {
		case "first_response_median", "first_response_p90", "within_sla":
			got[k.Key] = k.Current.String()
		}
	}
	want := map[string]string{"first_response_median": (918 * time.Second).String(), "first_response_p90": (35482 * time.Second).String(),
		"within_sla": metrics.RatioValue(metrics.NewRatio(402, 575)).String()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("service KPIs (-want +got):\n%s", diff)
	}
}
