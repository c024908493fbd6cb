package metrics_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// goldenOrders returns n orders drawn from a fixed seed over September to
// December 2025: two currencies, guests, cancelled orders, customers with
// IDs of 1 to 40 bytes (held in a slot and not), first orders on channels
// that have no order in the period, ties of first-order times broken by
// channel, and amounts past int64 now and then.
func goldenOrders(n int) []metrics.Order {
	r := rand.New(rand.NewPCG(36, 2026))
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	chans := []string{"", "ads", "search", "web", "app", "old-catalogue"}
	start := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	out := make([]metrics.Order, 0, n)
	for i := range n {
		cur := cny
		if r.IntN(5) == 0 {
			cur = usd
		}
		cust := ""
		if r.IntN(10) > 0 {
			k := r.IntN(n / 3)
			cust = "c" + strconv.Itoa(k) + strings.Repeat("x", k%40)
		}
		at := start.Add(time.Duration(r.IntN(120*24)) * time.Hour)
		ch := chans[r.IntN(len(chans)-1)]
		if at.Month() == time.September && r.IntN(3) == 0 {
			ch = "old-catalogue" // first orders only
		}
		o := metrics.Order{ID: "o" + strconv.Itoa(i), CustomerID: cust, PlacedAt: at, Channel: ch,
			Status: metrics.Paid, Currency: cur, Shipping: cur.FromMinor(int64(r.IntN(1000)))}
		if r.IntN(20) == 0 {
			o.Status = metrics.Cancelled
		}
		for range 1 + r.IntN(3) {
			k := r.IntN(50)
			price := cur.FromMinor(int64(100 + r.IntN(10000)))
			if r.IntN(500) == 0 {
				price = cur.FromMinor(1 << 62)
			}
			o.Lines = append(o.Lines, metrics.Line{SKU: "S" + strconv.Itoa(k), Category: "cat" + strconv.Itoa(k%7),
				Quantity: int64(1 + r.IntN(3)), UnitPrice: price, UnitCost: cur.FromMinor(int64(r.IntN(100)))})
		}
		out = append(out, o)
	}
	return out
}

// TestSummarizerGolden holds the SHA-256 of the encodings and results of
// Summarizers fed goldenOrders one by one, in batches, by days, with
// history, and merged from shards: the encoding's bytes and every result
// must not change when the Summarizer's insides do. The hashes were
// computed at 6ff0d5e, before the customers were numbered by a Dict; a
// change of format must say so and update them.
func TestSummarizerGolden(t *testing.T) {
	orders := goldenOrders(6000)
	cst := time.FixedZone("CST", 8*3600)
	history := map[string]time.Time{}
	for i := range 300 {
		history["c"+strconv.Itoa(3*i)+strings.Repeat("x", (3*i)%40)] = time.Date(2024, 1, 1+i%28, 0, 0, 0, 0, time.UTC)
	}
	history["c1x"] = time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC) // in the period
	cases := []struct {
		name string
		p    metrics.Period
		opts metrics.Options
		how  string // "add", "batches" or "shards"
		want string // hex SHA-256 of the encoding, then of the printed result
	}{
		{"rows", metrics.MonthOf(2025, time.October, time.UTC), metrics.Options{}, "add", "a5eb38b6e19c7cda 1ffc9c1d87a4c119"},
		{"batches", metrics.MonthOf(2025, time.October, time.UTC), metrics.Options{}, "batches", "a5eb38b6e19c7cda 1ffc9c1d87a4c119"},
		{"by days in CST", metrics.MonthOf(2025, time.November, cst), metrics.Options{RepurchaseByDays: true}, "add", "6a84e43be8aaf12c 5745e0afea12d991"},
		{"history", metrics.MonthOf(2025, time.October, time.UTC), metrics.Options{FirstOrders: history}, "add", "988b93cccc780af8 9afed0b50fcf04a3"},
		{"all time", metrics.Period{}, metrics.Options{}, "batches", "4e937612280a7ba7 fa9be93b5e0be42e"},
		{"shards by days", metrics.MonthOf(2025, time.November, cst), metrics.Options{RepurchaseByDays: true, FirstOrders: history}, "shards", "71c072536b1206c7 67e8dcfb8a3a7ad0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := goldenSummarizer(t, c.p, c.opts, c.how, orders)
			enc := sha256.Sum256(encode(t, s))
			res := sha256.Sum256([]byte(fmt.Sprintf("%+v", s.Result())))
			got := hex.EncodeToString(enc[:8]) + " " + hex.EncodeToString(res[:8])
			if got != c.want {
				t.Errorf("hashes %q, want %q", got, c.want)
			}
		})
	}
}

// goldenSummarizer feeds orders to a new Summarizer of p and opts as how
// says: "add" one by one, "batches" of 1,000 sharing dictionaries, or
// "shards", three Summarizers of every third order, encoded, decoded and
// merged.
func goldenSummarizer(t *testing.T, p metrics.Period, opts metrics.Options, how string, orders []metrics.Order) *metrics.Summarizer {
	t.Helper()
	s := &metrics.Summarizer{Period: p, Options: opts}
	switch how {
	case "add":
		for _, o := range orders {
			if err := s.Add(o); err != nil {
				t.Fatal(err)
			}
		}
	case "batches":
		shared := &metrics.Orders{}
		shared.Init()
		for k := 0; k < len(orders); k += 1000 {
			b := &metrics.Orders{CustomerIDs: shared.CustomerIDs, Channels: shared.Channels, SKUs: shared.SKUs,
				Categories: shared.Categories, Promotions: shared.Promotions, Carriers: shared.Carriers,
				Regions: shared.Regions, Names: shared.Names}
			for _, o := range orders[k:min(k+1000, len(orders))] {
				if err := b.Append(o); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.AddOrders(b); err != nil {
				t.Fatal(err)
			}
		}
	case "shards":
		for k := range 3 {
			x := metrics.Summarizer{Period: p, Options: opts}
			for i := k; i < len(orders); i += 3 {
				if err := x.Add(orders[i]); err != nil {
					t.Fatal(err)
				}
			}
			y := metrics.Summarizer{Period: p, Options: opts}
			if err := y.UnmarshalBinary(encode(t, &x)); err != nil {
				t.Fatal(err)
			}
			if err := s.Merge(&y); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s
}
