package twcs

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Columns are the columns of twcs.csv that the reader needs, found by
// name; others (such as the unnamed index column of re-saved copies) are
// ignored.
var Columns = []string{"tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id"}

// Tweet is one row of twcs.csv.
type Tweet struct {
	ID           string
	AuthorID     string // a brand's handle (AmazonHelp) for a company tweet, an anonymised number for a customer
	Inbound      bool   // written by a customer to a company
	CreatedAt    time.Time
	Text         string
	Responses    []string // the IDs of the tweets that reply to this one
	InResponseTo string   // the ID of the tweet this one replies to, or ""
}

// Channel is the channel of every ticket made by [Tickets].
const Channel = "twitter"

// ErrInbound: the inbound cell is not True or False. A *storedata.ParseError.
var ErrInbound = errors.New("twcs: inbound is not True or False")

// ReadTweets reads a twcs.csv file, one Tweet per row, in file order.
// created_at is read in Twitter's format ("Tue Oct 31 22:10:47 +0000
// 2017") and converted to opts.Location; in_response_to_tweet_id may be
// written as a float ("3.0", as pandas writes it) and is read as the
// integer ID; response_tweet_id is a list separated by commas.
//
// A bad row is a *storedata.ParseError with its line and column: an empty
// tweet_id or author_id, an inbound that is not True or False
// ([ErrInbound]), a time in another format, an ID that is not a whole
// number, a tweet_id used by an earlier row (storedata.ErrDuplicateID),
// text that is not UTF-8. A carriage return inside a text cell (the data
// has some) is text, not a line end. Lenient reading (the default)
// reports a bad row and goes on; opts.Strict stops at the first. A file
// that lacks a column is one *storedata.FileError.
func ReadTweets(r io.Reader, opts storedata.Options) iter.Seq2[Tweet, error] {
	return func(yield func(Tweet, error) bool) {
		t, err := csvtable.Open(r, opts, Columns, nil)
		if err != nil {
			yield(Tweet{}, err)
			return
		}
		loc := csvtable.Location(opts)
		seen := map[string]int{}
		for {
			err := t.Next()
			if err == io.EOF {
				return
			}
			var tw Tweet
			if err == nil {
				tw, err = parse(t, loc)
			}
			if err == nil {
				if l, dup := seen[tw.ID]; dup {
					err = t.Fail("tweet_id", fmt.Errorf("%w: tweet %s (first on line %d)", storedata.ErrDuplicateID, tw.ID, l))
				} else {
					seen[tw.ID] = t.Line()
				}
			}
			if err != nil {
				if !yield(Tweet{}, err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			if !yield(tw, nil) {
				return
			}
		}
	}
}

func parse(t *csvtable.Table, loc *time.Location) (Tweet, error) {
	var tw Tweet
	var err error
	if tw.ID, err = id(t, "tweet_id", false); err != nil {
		return tw, err
	}
	if tw.AuthorID, err = t.Required("author_id"); err != nil {
		return tw, err
	}
	switch v := t.Get("inbound"); v {
	case "True":
		tw.Inbound = true
	case "False":
	default:
		return tw, t.Fail("inbound", fmt.Errorf("%w: %q", ErrInbound, v))
	}
	at, perr := time.Parse(time.RubyDate, t.Get("created_at"))
	if perr != nil {
		return tw, t.Fail("created_at", fmt.Errorf("%q: want a time such as Tue Oct 31 22:10:47 +0000 2017", t.Get("created_at")))
	}
	tw.CreatedAt = at.In(loc)
	tw.Text = t.Raw("text")
	if tw.InResponseTo, err = id(t, "in_response_to_tweet_id", true); err != nil {
		return tw, err
	}
	if s := t.Get("response_tweet_id"); s != "" {
		for _, v := range strings.Split(s, ",") {
			v = strings.TrimSpace(v)
			if !digits(v) {
				return tw, t.Fail("response_tweet_id", fmt.Errorf("%q: want tweet IDs separated by commas", s))
			}
			tw.Responses = append(tw.Responses, v)
		}
	}
	return tw, nil
}

// id reads a tweet ID: digits, or digits followed by ".0".
func id(t *csvtable.Table, col string, optional bool) (string, error) {
	v := t.Get(col)
	if v == "" && optional {
		return "", nil
	}
	s := strings.TrimSuffix(v, ".0")
	if !digits(s) {
		return "", t.Fail(col, fmt.Errorf("%q: want a tweet ID", v))
	}
	return s, nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Tickets turns tweets into service tickets, by these rules:
//
//   - a conversation is a tweet and all the tweets that reply to it,
//     directly or not (following in_response_to_tweet_id);
//   - a customer's inbound tweet that replies to nothing opens a ticket:
//     its ID is the tweet's, its customer the author, its channel
//     [Channel], opened when the tweet was created;
//   - the first response is the earliest company tweet (inbound False)
//     of the conversation, at or after the opening: usually the brand's
//     reply to the opening tweet, or to the customer's follow-up if that
//     came first. A ticket without one is not answered (zero
//     FirstResponseAt);
//   - the data does not say when a conversation was resolved, so
//     ResolvedAt is zero, and there are no scores, reasons or orders;
//   - a company tweet that replies to nothing (a brand's own post) opens
//     no ticket, and neither do the replies to it.
//
// It also returns the number of tweets whose conversation cannot be
// found: a reply whose parent (or an ancestor) is not among tweets, as
// happens at the edges of a slice of the file. They are left out. Tickets
// are in the order of their opening tweets in tweets.
func Tickets(tweets []Tweet) (tickets []service.Ticket, cut int) {
	byID := make(map[string]int, len(tweets))
	for i, tw := range tweets {
		byID[tw.ID] = i
	}
	// root[i] is the index of the tweet that opens i's conversation, or -1
	// when a parent is missing (or the replies loop).
	root := make([]int, len(tweets))
	for i := range root {
		root[i] = -2 // not yet known
	}
	var path []int
	for i := range tweets {
		path = path[:0]
		j := i
		r := -1
		for {
			if root[j] != -2 {
				r = root[j]
				break
			}
			if slices.Contains(path, j) {
				break // a loop: r = -1
			}
			path = append(path, j)
			p := tweets[j].InResponseTo
			if p == "" {
				r = j
				break
			}
			k, ok := byID[p]
			if !ok {
				break
			}
			j = k
		}
		for _, k := range path {
			root[k] = r
		}
	}
	first := map[int]time.Time{}
	for i, tw := range tweets {
		r := root[i]
		if r < 0 {
			cut++
			continue
		}
		open := tweets[r]
		if tw.Inbound || !open.Inbound || tw.CreatedAt.Before(open.CreatedAt) {
			continue
		}
		if f, ok := first[r]; !ok || tw.CreatedAt.Before(f) {
			first[r] = tw.CreatedAt
		}
	}
	for i, tw := range tweets {
		if !tw.Inbound || tw.InResponseTo != "" {
			continue
		}
		tickets = append(tickets, service.Ticket{ID: tw.ID, CustomerID: tw.AuthorID, Channel: Channel, OpenedAt: tw.CreatedAt, FirstResponseAt: first[i]})
	}
	return tickets, cut
}
