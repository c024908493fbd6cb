package detail_test

import (
	"bytes"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
)

// drawEvents draws a time-ordered stream of up to 200 events of 6 users
// on 4 SKUs over 10 days, many at equal instants.
func drawEvents(t *rapid.T) []funnel.Event {
	n := rapid.IntRange(0, 200).Draw(t, "n")
	names := []string{v, c, b, b, "checkout"}
	events := make([]funnel.Event, n)
	at := t0
	for i := range events {
		at = at.Add(time.Duration(rapid.IntRange(0, 3).Draw(t, "gap")) * 12 * time.Hour / 3)
		sku := rapid.SampledFrom([]string{"A", "B", "C", "D", ""}).Draw(t, "sku")
		events[i] = ev(rapid.SampledFrom([]string{"u1", "u2", "u3", "u4", "u5", "u6"}).Draw(t, "user"), 0, rapid.SampledFrom(names).Draw(t, "name"), sku)
		events[i].Time = at
	}
	return events
}

func count(t *rapid.T, events []funnel.Event, keep func(user string) bool) *detail.Counter {
	var k detail.Counter
	for i := range events {
		if keep(events[i].UserID) {
			if err := k.Add(&events[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	return &k
}

// TestPropertyInvariants: counts are monotone down the funnel (buyers ≤
// carters ≤ viewers ≤ views), so the rates are shares in [0, 1].
func TestPropertyInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := count(t, drawEvents(t), func(string) bool { return true }).Result()
		for _, p := range r.Products {
			if !(p.Buyers <= p.Carters && p.Carters <= p.Viewers && p.Viewers <= p.Views) {
				t.Fatalf("%s: views %d viewers %d carters %d buyers %d", p.SKU, p.Views, p.Viewers, p.Carters, p.Buyers)
			}
		}
	})
}

// TestPropertyMergeEqualsDirect: counting the users in two shards and
// merging gives what counting them together gives, in either order.
func TestPropertyMergeEqualsDirect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		events := drawEvents(t)
		left := rapid.SliceOfDistinct(rapid.SampledFrom([]string{"u1", "u2", "u3", "u4", "u5", "u6"}), func(s string) string { return s }).Draw(t, "left")
		inLeft := func(u string) bool {
			for _, l := range left {
				if l == u {
					return true
				}
			}
			return false
		}
		want := count(t, events, func(string) bool { return true }).Result()
		for _, order := range []bool{false, true} {
			a := count(t, events, inLeft)
			bk := count(t, events, func(u string) bool { return !inLeft(u) })
			if order {
				a, bk = bk, a
			}
			if err := a.Merge(bk); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, a.Result()); diff != "" {
				t.Fatalf("merged (-direct +merged):\n%s", diff)
			}
		}
	})
}

// TestPropertyTiesInAnyOrder: the order in which events of one instant
// arrive does not matter.
func TestPropertyTiesInAnyOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		events := drawEvents(t)
		want := count(t, events, func(string) bool { return true }).Result()
		// Reverse each run of events at one instant.
		for i := 0; i < len(events); {
			j := i
			for j < len(events) && events[j].Time.Equal(events[i].Time) {
				j++
			}
			for l, r := i, j-1; l < r; l, r = l+1, r-1 {
				events[l], events[r] = events[r], events[l]
			}
			i = j
		}
		if diff := cmp.Diff(want, count(t, events, func(string) bool { return true }).Result()); diff != "" {
			t.Fatalf("ties reversed (-in order +reversed):\n%s", diff)
		}
	})
}

// TestPropertyBinaryRoundTrip: a counter decoded from its encoding has the
// same result, encodes to the same bytes, and goes on counting as the
// original does.
func TestPropertyBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		events := drawEvents(t)
		cut := rapid.IntRange(0, len(events)).Draw(t, "cut")
		k := count(t, events[:cut], func(string) bool { return true })
		data, err := k.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back detail.Counter
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		if again, _ := back.MarshalBinary(); !bytes.Equal(data, again) {
			t.Fatal("encoding not stable")
		}
		for i := cut; i < len(events); i++ {
			if err := k.Add(&events[i]); err != nil {
				t.Fatal(err)
			}
			if err := back.Add(&events[i]); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(k.Result(), back.Result()); diff != "" {
			t.Fatalf("(-original +decoded):\n%s", diff)
		}
	})
}

// TestPropertyManySKUs: a user's pairs with each SKU are independent, so
// counting users who touch up to 40 SKUs each gives, per SKU, what
// counting that SKU's events alone gives, where each user has one pair;
// through bytes and a merge of two shards, the same, and the merged
// counter's bytes are the direct counter's, though its users and SKUs
// came in another order.
func TestPropertyManySKUs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		skus := rapid.IntRange(1, 40).Draw(t, "skus")
		n := rapid.IntRange(0, 400).Draw(t, "n")
		events := make([]funnel.Event, n)
		at := t0
		for i := range events {
			at = at.Add(time.Duration(rapid.IntRange(0, 3).Draw(t, "gap")) * time.Hour)
			sku := fmt.Sprintf("S%02d", rapid.IntRange(0, skus-1).Draw(t, "sku"))
			events[i] = ev(rapid.SampledFrom([]string{"u1", "u2", "u3"}).Draw(t, "user"), 0, rapid.SampledFrom([]string{v, c, b}).Draw(t, "name"), sku)
			events[i].Time = at
		}
		all := count(t, events, func(string) bool { return true })
		got := countsOf(all.Result())
		want := map[string]counts{}
		for s := range skus {
			sku := fmt.Sprintf("S%02d", s)
			var one detail.Counter
			for i := range events {
				if events[i].Prop(funnel.PropSKU) == sku {
					if err := one.Add(&events[i]); err != nil {
						t.Fatal(err)
					}
				}
			}
			maps.Copy(want, countsOf(one.Result()))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("counts by SKU (-each SKU alone +all together):\n%s", diff)
		}
		// Shards through bytes: u1 and the others.
		a := count(t, events, func(u string) bool { return u == "u1" })
		o := count(t, events, func(u string) bool { return u != "u1" })
		data, err := o.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back detail.Counter
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		if err := a.Merge(&back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, countsOf(a.Result())); diff != "" {
			t.Fatalf("counts by SKU after bytes and a merge (-each SKU alone +merged):\n%s", diff)
		}
		wantBytes, _ := all.MarshalBinary()
		gotBytes, _ := a.MarshalBinary()
		if !bytes.Equal(wantBytes, gotBytes) {
			t.Fatalf("the merged counter's bytes differ from the direct counter's")
		}
	})
}
