package metrics_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestSummarizerCustomers checks, on small inputs whose answer is known,
// how a Summarizer tells customers apart and keeps their first orders:
// IDs held in a slot of the customer index and IDs longer than one,
// which differ only past their 16th byte; a tie of first-order times
// broken by the smaller channel, whichever order comes first; a channel
// of first orders placed before the period, which no group of the period
// has. Each case is fed one by one, as a batch, and as two shards merged
// through their encodings in both orders.
func TestSummarizerCustomers(t *testing.T) {
	cny := money.MustCurrency("CNY")
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	at := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 9, 0, 0, 0, time.UTC) }
	order := func(id, cust, ch string, t time.Time) metrics.Order {
		return metrics.Order{ID: id, CustomerID: cust, Channel: ch, PlacedAt: t, Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: cny.FromMinor(100)}}}
	}
	long := strings.Repeat("customer-", 3) // 27 bytes
	type want struct {
		Buyers, NewBuyers, RepeatBuyers int64
		NewByChannel                    map[string]int64
	}
	cases := []struct {
		name   string
		reason string
		orders []metrics.Order
		want   want
	}{
		{"tie, larger channel first", "the first order of a tie is that of the smaller channel",
			[]metrics.Order{order("1", "a", "web", at(11, 3)), order("2", "a", "app", at(11, 3))},
			want{1, 1, 1, map[string]int64{"app": 1, "web": 0}}},
		{"tie, smaller channel first", "the same, whatever comes first",
			[]metrics.Order{order("1", "a", "app", at(11, 3)), order("2", "a", "web", at(11, 3))},
			want{1, 1, 1, map[string]int64{"app": 1, "web": 0}}},
		{"tie with the empty channel", "the empty channel is the smallest",
			[]metrics.Order{order("1", "a", "web", at(11, 3)), order("2", "a", "", at(11, 3))},
			want{1, 1, 1, map[string]int64{"": 1, "web": 0}}},
		{"long IDs", "IDs that differ past their 16th byte are two customers; equal ones one",
			[]metrics.Order{order("1", long+"1", "web", at(11, 3)), order("2", long+"2", "web", at(11, 4)),
				order("3", long+"1", "web", at(11, 5)), order("4", long[:16], "web", at(11, 5)), order("5", long[:17], "web", at(11, 6))},
			want{4, 4, 1, map[string]int64{"web": 4}}},
		{"first order before the period", "a returning buyer's earlier channel gets no new buyer; a new buyer's channel does",
			[]metrics.Order{order("1", "a", "catalogue", at(10, 3)), order("2", "a", "web", at(11, 3)), order("3", "b", "web", at(11, 4)),
				order("4", "c", "catalogue", at(10, 1))},
			want{2, 1, 0, map[string]int64{"web": 1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			summarize := func(feed func(s *metrics.Summarizer)) want {
				s := &metrics.Summarizer{Period: nov}
				feed(s)
				r := s.Result()
				if len(r) != 1 {
					t.Fatalf("%d summaries", len(r))
				}
				w := want{r[0].Buyers, r[0].NewBuyers, r[0].RepeatBuyers, map[string]int64{}}
				for _, g := range r[0].ByChannel {
					w.NewByChannel[g.Key] = g.NewBuyers
				}
				return w
			}
			rows := summarize(func(s *metrics.Summarizer) {
				for _, o := range c.orders {
					if err := s.Add(o); err != nil {
						t.Fatal(err)
					}
				}
			})
			if diff := cmp.Diff(c.want, rows); diff != "" {
				t.Errorf("Add: %s (-want +got):\n%s", c.reason, diff)
			}
			batch := summarize(func(s *metrics.Summarizer) {
				var b metrics.Orders
				for _, o := range c.orders {
					if err := b.Append(o); err != nil {
						t.Fatal(err)
					}
				}
				if err := s.AddOrders(&b); err != nil {
					t.Fatal(err)
				}
			})
			if diff := cmp.Diff(c.want, batch); diff != "" {
				t.Errorf("AddOrders: %s (-want +got):\n%s", c.reason, diff)
			}
			for _, firstHalf := range []bool{true, false} {
				var encs [][]byte
				merged := summarize(func(s *metrics.Summarizer) {
					for k := range 2 {
						x := metrics.Summarizer{Period: nov}
						for i, o := range c.orders {
							if (i%2 == 0) == (k == 0) == firstHalf {
								if err := x.Add(o); err != nil {
									t.Fatal(err)
								}
							}
						}
						var y metrics.Summarizer
						y.Period = nov
						enc := encode(t, &x)
						encs = append(encs, enc)
						if err := y.UnmarshalBinary(enc); err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(encode(t, &y), enc) {
							t.Fatal("a decoded shard encodes otherwise")
						}
						if err := s.Merge(&y); err != nil {
							t.Fatal(err)
						}
					}
				})
				if diff := cmp.Diff(c.want, merged); diff != "" {
					t.Errorf("merged shards (first shard even %v): %s (-want +got):\n%s", firstHalf, c.reason, diff)
				}
			}
		})
	}
}
