package report

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/category"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// drawPassOrders draws orders of a few customers over two years around
// December 2025, in any order: times on a coarse grid (so that a
// customer has orders at the same instant, through different channels),
// some cancelled, some of guests, with categories.
func drawPassOrders(t *rapid.T) []metrics.Order {
	channels := []string{"", "ads", "search"}
	skus := []struct{ sku, cat string }{{"S1", "beauty"}, {"S2", "food"}, {"S3", ""}, {"S4", "food"}}
	start := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	n := rapid.IntRange(0, 40).Draw(t, "orders")
	orders := make([]metrics.Order, n)
	for i := range orders {
		o := metrics.Order{ID: fmt.Sprintf("O%03d", i), Currency: money.MustCurrency("CNY"), Status: metrics.Paid,
			PlacedAt: start.Add(time.Duration(rapid.IntRange(0, 24*5).Draw(t, "slot")) * 6 * 24 * time.Hour),
			Channel:  rapid.SampledFrom(channels).Draw(t, "channel")}
		if c := rapid.IntRange(-1, 5).Draw(t, "customer"); c >= 0 {
			o.CustomerID = fmt.Sprint("C", c)
		}
		if rapid.IntRange(0, 9).Draw(t, "cancelled") == 0 {
			o.Status = metrics.Cancelled
		}
		for range rapid.IntRange(1, 3).Draw(t, "lines") {
			s := rapid.SampledFrom(skus).Draw(t, "sku")
			price, _ := money.NewFromMinor(rapid.Int64Range(0, 5000).Draw(t, "price"), "CNY")
			o.Lines = append(o.Lines, metrics.Line{SKU: s.sku, Category: s.cat, Quantity: rapid.Int64Range(1, 3).Draw(t, "quantity"),
				UnitPrice: price, UnitCost: cny("1")})
		}
		orders[i] = o
	}
	return rapid.Permutation(orders).Draw(t, "input order")
}

// TestOrderPassAsEveryOrder checks that the pass over orders, which
// gives the summarizers and the category trackers only some of the
// orders before their periods (see firsts and categoriesPart), leaves
// their summaries and results, and the customers' first orders, as
// giving each of them every order did, whatever the order of the input.
func TestOrderPassAsEveryOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := drawPassOrders(t)
		b := newBuilder(Input{}, Config{Period: december})
		for _, p := range b.parts {
			p.start(b)
		}
		var sums [nPeriods]metrics.Summarizer
		var trackers [2]category.Tracker
		for i := range sums {
			sums[i].Period = b.periods[i]
		}
		for i, per := range []int{pCur, pPrev} {
			trackers[i].Period = b.periods[per]
		}
		type first struct {
			at      time.Time
			channel string
			id      string
		}
		want := make(map[string]first)
		for _, o := range orders {
			b.order(o)
			for i := range sums {
				if err := sums[i].Add(o); err != nil {
					t.Fatal(err)
				}
			}
			for i := range trackers {
				if err := trackers[i].Add(o); err != nil {
					t.Fatal(err)
				}
			}
			if o.Status == metrics.Cancelled || o.CustomerID == "" {
				continue
			}
			if f, ok := want[o.CustomerID]; !ok || earlier(&o, &firstOrder{at: f.at, channel: f.channel, id: f.id}) {
				want[o.CustomerID] = first{o.PlacedAt, o.Channel, o.ID}
			}
		}
		if len(b.errs) > 0 {
			t.Fatal(b.errs)
		}
		got := make(map[string]first)
		for k := range int32(b.firsts.len()) {
			f := b.firsts.at(k)
			got[b.firsts.ids.String(k)] = first{f.at, f.channel, f.id}
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(first{})); diff != "" {
			t.Errorf("first orders (-every order +the pass):\n%s", diff)
		}
		cp := b.parts[slices.IndexFunc(b.parts, func(p part) bool { _, ok := p.(*categoriesPart); return ok })].(*categoriesPart)
		cp.addBefore(b)
		b.summarize()
		for i := range sums {
			if diff := cmp.Diff(sums[i].For(b.cur), b.summary[i]); diff != "" {
				t.Errorf("summary of period %d (-every order +the pass):\n%s", i, diff)
			}
		}
		for i := range trackers {
			if diff := cmp.Diff(trackers[i].Result(category.Config{}), cp.trackers[i].Result(category.Config{})); diff != "" {
				t.Errorf("categories of tracker %d (-every order +the pass):\n%s", i, diff)
			}
		}
	})
}

// TestOrderIDsPresize checks that orderIDs makes room for the orders it
// is told of at once, so that ascending IDs of one length are never
// copied, and for none when told of too many.
func TestOrderIDsPresize(t *testing.T) {
	s := orderIDs{grow: 1000}
	for i := range 1000 {
		if s.add(fmt.Sprintf("O%05d", i)) {
			t.Fatalf("ID %d a duplicate", i)
		}
	}
	if cap(s.ends) != 1000 || cap(s.bytes) != 6000 || len(s.bytes) != 6000 {
		t.Errorf("after 1000 IDs of 6 bytes: cap(ends), cap(bytes), len(bytes) = %d, %d, %d, want 1000, 6000, 6000",
			cap(s.ends), cap(s.bytes), len(s.bytes))
	}
	big := orderIDs{grow: maxPresize + 1}
	big.add("O1")
	if cap(big.ends) > 1000 {
		t.Errorf("told of %d orders: cap(ends) = %d", big.grow, cap(big.ends))
	}
}

// TestOrderIDs checks orderIDs against a map: a duplicate is one added
// before, whether the IDs come ascending, out of order or both.
func TestOrderIDs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.SliceOf(rapid.SampledFrom([]string{"", "A", "A1", "A2", "B", "O001", "O002", "O010", "Z"})).Draw(t, "ids")
		if rapid.Bool().Draw(t, "sorted") {
			slices.Sort(ids)
		}
		s := orderIDs{grow: rapid.IntRange(0, 10).Draw(t, "grow")}
		seen := make(map[string]bool)
		for i, id := range ids {
			if got, want := s.add(id), seen[id]; got != want {
				t.Fatalf("add(%q), ID %d of %q: %v, want %v", id, i, ids, got, want)
			}
			seen[id] = true
		}
	})
}
