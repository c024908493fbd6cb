package fulfilment_test

import (
	"bytes"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/internal/quantile"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/fulfilment"
	"pgregory.net/rapid"
)

// genOrder draws an order with fulfilment times in order, each known or
// not, and a carrier and region or none.
func genOrder(t *rapid.T, i int) metrics.Order {
	step := func(label string) time.Duration {
		return time.Duration(rapid.IntRange(0, 5*24*60*60).Draw(t, label)) * time.Second
	}
	o := metrics.Order{ID: "o" + strconv.Itoa(i), PlacedAt: t0.Add(step("placed"))}
	if rapid.IntRange(0, 9).Draw(t, "cancelled") == 0 {
		o.Status = metrics.Cancelled
	}
	prev := o.PlacedAt
	for _, f := range []*time.Time{&o.PaidAt, &o.ShippedAt, &o.DeliveredAt} {
		if rapid.Bool().Draw(t, "known") {
			*f = prev.Add(step("after"))
			prev = *f
		}
	}
	if rapid.Bool().Draw(t, "promised") {
		o.PromisedBy = o.PlacedAt.Add(step("promise"))
	}
	o.Carrier = rapid.SampledFrom([]string{"", "SF", "YTO", "JD"}).Draw(t, "carrier")
	o.Region = rapid.SampledFrom([]string{"", "Zhejiang", "Guangdong"}).Draw(t, "region")
	return o
}

func genOrders(t *rapid.T) []metrics.Order {
	n := rapid.IntRange(0, 40).Draw(t, "orders")
	out := make([]metrics.Order, n)
	for i := range out {
		out[i] = genOrder(t, i)
	}
	return out
}

var asOf = t0.Add(7 * 24 * time.Hour)

func track(t *rapid.T, orders []metrics.Order) *fulfilment.Tracker {
	tr := &fulfilment.Tracker{AsOf: asOf}
	for _, o := range orders {
		if err := tr.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

func encode(t *rapid.T, tr *fulfilment.Tracker) []byte {
	b, err := tr.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Merging the trackers of two shards gives what one tracker of all the
// orders gives, down to the encoding, and so does merging in the other
// order.
func TestMergeEqualsDirect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := genOrders(t)
		cut := rapid.IntRange(0, len(orders)).Draw(t, "cut")
		direct := track(t, orders)
		a, b := track(t, orders[:cut]), track(t, orders[cut:])
		if err := a.Merge(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(direct.Summary(), a.Summary()); diff != "" {
			t.Fatalf("merged Summary (-direct +merged):\n%s", diff)
		}
		if !bytes.Equal(encode(t, direct), encode(t, a)) {
			t.Fatal("merged tracker encodes differently from the direct one")
		}
		b2, a2 := track(t, orders[cut:]), track(t, orders[:cut])
		if err := b2.Merge(a2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(encode(t, direct), encode(t, b2)) {
			t.Fatal("Merge is not commutative")
		}
	})
}

// The on-time rate is a share in [0, 1] and the status counts add up to
// the orders; the groups of carriers and of regions add up to the total.
func TestSharesAndGroups(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := track(t, genOrders(t))
		total := tr.Summary()
		check := func(s fulfilment.Summary) {
			if v, ok := s.OnTimeRate.Value(); ok && !(v >= 0 && v <= 1) {
				t.Fatalf("%q: on-time rate %v", s.Name, v)
			}
			if s.OnTimeRate.Defined() != (s.OnTime+s.Late > 0) {
				t.Fatalf("%q: on-time rate %v with %d on time, %d late", s.Name, s.OnTimeRate, s.OnTime, s.Late)
			}
			if s.OnTime+s.Late+s.Pending+s.NoPromise != s.Orders {
				t.Fatalf("%q: statuses %+v do not add up to %d orders", s.Name, s, s.Orders)
			}
			if s.ToShip.N+s.Unshipped != s.Orders || s.ToDoor.N+s.Undelivered != s.Orders {
				t.Fatalf("%q: coverage does not add up: %+v", s.Name, s)
			}
		}
		check(total)
		for _, groups := range [][]fulfilment.Summary{tr.ByCarrier(), tr.ByRegion()} {
			var sum fulfilment.Summary
			for _, s := range groups {
				check(s)
				sum.Orders += s.Orders
				sum.Cancelled += s.Cancelled
				sum.OnTime += s.OnTime
				sum.Late += s.Late
				sum.Pending += s.Pending
				sum.ToShip.N += s.ToShip.N
				sum.ToDeliver.N += s.ToDeliver.N
				sum.ToDoor.N += s.ToDoor.N
				sum.Unshipped += s.Unshipped
			}
			want := []int64{total.Orders, total.Cancelled, total.OnTime, total.Late, total.Pending, total.ToShip.N, total.ToDeliver.N, total.ToDoor.N, total.Unshipped}
			got := []int64{sum.Orders, sum.Cancelled, sum.OnTime, sum.Late, sum.Pending, sum.ToShip.N, sum.ToDeliver.N, sum.ToDoor.N, sum.Unshipped}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("groups do not add up (-total +sum):\n%s", diff)
			}
		}
	})
}

// The quantiles of Durations are those of the sorted minutes by
// internal/quantile, the rule of the whole module.
func TestDurationsMatchSorted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xs := rapid.SliceOfN(rapid.Int64Range(0, 3000), 1, 60).Draw(t, "minutes")
		p := rapid.Float64Range(0, 1).Draw(t, "p")
		var d fulfilment.Durations
		for _, x := range xs {
			d.Add(time.Duration(x) * time.Minute)
		}
		sorted := slices.Sorted(slices.Values(xs))
		got, ok := d.Quantile(p)
		if want := time.Duration(quantile.Sorted(sorted, p)) * time.Minute; !ok || got != want {
			t.Fatalf("Quantile(%v) of %v = %v, want %v", p, sorted, got, want)
		}
	})
}

// A tracker decoded from its encoding is the same tracker.
func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := track(t, genOrders(t))
		var back fulfilment.Tracker
		if err := back.UnmarshalBinary(encode(t, tr)); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tr.Summary(), back.Summary()); diff != "" {
			t.Fatalf("decoded Summary (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(tr.ByRegion(), back.ByRegion()); diff != "" {
			t.Fatalf("decoded regions (-want +got):\n%s", diff)
		}
		if !back.AsOf.Equal(tr.AsOf) {
			t.Fatalf("AsOf %v, want %v", back.AsOf, tr.AsOf)
		}
	})
}

// A link merged from shards equals the direct one; its rates are shares.
func TestLinkMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := genOrders(t)
		type event struct {
			id     string
			ticket bool
			late   bool
		}
		var events []event
		for range rapid.IntRange(0, 30).Draw(t, "events") {
			events = append(events, event{
				id:     "o" + strconv.Itoa(rapid.IntRange(0, 50).Draw(t, "of")),
				ticket: rapid.Bool().Draw(t, "ticket"), late: rapid.Bool().Draw(t, "late"),
			})
		}
		feed := func(l *fulfilment.Link, os []metrics.Order, es []event) {
			for _, o := range os {
				if err := l.AddOrder(o); err != nil {
					t.Fatal(err)
				}
			}
			for _, e := range es {
				if e.ticket {
					l.AddTicket(e.id)
				} else {
					l.AddRefund(e.id, e.late)
				}
			}
		}
		direct := fulfilment.Link{AsOf: asOf}
		feed(&direct, orders, events)
		cut := rapid.IntRange(0, len(orders)).Draw(t, "cut")
		cutE := rapid.IntRange(0, len(events)).Draw(t, "cutEvents")
		a, b := fulfilment.Link{AsOf: asOf}, fulfilment.Link{AsOf: asOf}
		feed(&a, orders[:cut], events[cutE:])
		feed(&b, orders[cut:], events[:cutE])
		if err := a.Merge(&b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(direct.Outcomes(), a.Outcomes()); diff != "" {
			t.Fatalf("merged Outcomes (-direct +merged):\n%s", diff)
		}
		for _, o := range direct.Outcomes() {
			if v, ok := o.LateReturnRate.Value(); ok && !(v >= 0 && v <= 1) {
				t.Fatalf("late return rate %v", v)
			}
		}
		enc, err := direct.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back fulfilment.Link
		if err := back.UnmarshalBinary(enc); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(direct.Outcomes(), back.Outcomes()); diff != "" {
			t.Fatalf("decoded Outcomes (-want +got):\n%s", diff)
		}
	})
}
