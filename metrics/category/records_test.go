package category

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestTrackerRecords checks what a Tracker keeps of its customers, one
// record each for their first order and their sales, against the bytes
// and figures of the two maps it kept before (sha256 of MarshalBinary and
// Result's counts, taken with them): 400 orders of 60 customers and
// guests over November and December 2025, first orders before and in the
// period, trackers merged from three shards and decoded again.
func TestTrackerRecords(t *testing.T) {
	cats := []string{"", "a", "b", "c", "d", "e"}
	var direct Tracker
	shards := make([]Tracker, 3)
	direct.Period = dec2025
	for i := range shards {
		shards[i].Period = dec2025
	}
	for i := range 400 {
		cust := ""
		if c := i * 7 % 61; c < 60 {
			cust = fmt.Sprintf("c%02d", c)
		}
		at := time.Date(2025, time.November, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i*37%(60*24)) * time.Hour)
		o := order(fmt.Sprintf("o%03d", i), cust, at)
		for j := range 1 + i%3 {
			c := cats[(i+j*5)%len(cats)]
			o.Lines = append(o.Lines, metrics.Line{SKU: "S" + c, Category: c, Quantity: int64(1 + j), UnitPrice: money.MustCurrency("CNY").FromMinor(int64(i * 13 % 900)),
				Discount: cny("0"), UnitCost: cny("0")})
		}
		if i%11 == 0 {
			o.Status = metrics.Cancelled
		}
		if err := direct.Add(o); err != nil {
			t.Fatal(err)
		}
		if err := shards[i%3].Add(o); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i < 3; i++ {
		if err := shards[0].Merge(&shards[i]); err != nil {
			t.Fatal(err)
		}
	}
	// The merged tracker numbers the categories in another order, which
	// its encoding shows.
	for _, c := range []struct {
		name, want string
		tr         *Tracker
	}{
		{"direct", "aaae3c700c6719a64b80c34b11de66f3bd2401dcd057220d37f588471fc2e978", &direct},
		{"merged", "3e07334ba13b66b987a8e5f5d62ce31ba844c05ab26a2886c9ec74187f59f583", &shards[0]},
	} {
		data, err := c.tr.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Tracker
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		again, _ := back.MarshalBinary()
		r := c.tr.Result(Config{MinBoth: 1})
		if d := cmp.Diff(r, back.Result(Config{MinBoth: 1})); d != "" {
			t.Errorf("%s: decoded (-tracker +decoded):\n%s", c.name, d)
		}
		got := fmt.Sprintf("%x", sha256.Sum256(fmt.Appendf(data, "|%d %d %d %d", r.Buyers, r.NewCustomers, r.Returning, r.Orders)))
		if got != c.want || string(again) != string(data) {
			t.Errorf("%s: sha256 of the encoding and counts %s, want %s; re-encoded alike: %v", c.name, got, c.want, string(again) == string(data))
		}
	}
}
