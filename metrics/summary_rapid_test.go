package metrics_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// genOrders draws a batch of valid orders and refunds around November 2025:
// some before the period, some after, a few cancelled, with line and order
// discounts, a handful of customers, SKUs and channels, and two currencies.
func genOrders(t *rapid.T) ([]metrics.Order, []metrics.Refund) {
	n := rapid.IntRange(0, 30).Draw(t, "orders")
	start := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	var orders []metrics.Order
	var refunds []metrics.Refund
	for i := range n {
		code := rapid.SampledFrom([]string{"CNY", "CNY", "CNY", "USD"}).Draw(t, "currency")
		cur := money.MustCurrency(code)
		o := metrics.Order{
			ID:         "o" + strconv.Itoa(i),
			CustomerID: rapid.SampledFrom([]string{"", "a", "b", "c", "d", "e"}).Draw(t, "customer"),
			PlacedAt:   start.Add(time.Duration(rapid.IntRange(0, 90*24).Draw(t, "hour")) * time.Hour),
			Channel:    rapid.SampledFrom([]string{"ads", "search", ""}).Draw(t, "channel"),
			Status:     metrics.OrderStatus(rapid.IntRange(0, 2).Draw(t, "status")),
			Currency:   cur,
		}
		lineTotal := int64(0)
		for range rapid.IntRange(0, 4).Draw(t, "lines") {
			q := rapid.Int64Range(1, 5).Draw(t, "qty")
			p := rapid.Int64Range(0, 10000).Draw(t, "price")
			d := rapid.Int64Range(0, p*q).Draw(t, "lineDiscount")
			sku := rapid.SampledFrom([]string{"A", "B", "C"}).Draw(t, "sku")
			o.Lines = append(o.Lines, metrics.Line{SKU: sku, Category: "cat" + sku[:1], Quantity: q,
				UnitPrice: cur.FromMinor(p), Discount: cur.FromMinor(d), UnitCost: cur.FromMinor(p / 2)})
			lineTotal += p*q - d
		}
		o.Discount = cur.FromMinor(rapid.Int64Range(0, lineTotal).Draw(t, "orderDiscount"))
		o.Shipping = cur.FromMinor(rapid.Int64Range(0, 1000).Draw(t, "shipping"))
		orders = append(orders, o)
		if len(o.Lines) > 0 && rapid.Bool().Draw(t, "refund") {
			l := o.Lines[0]
			refunds = append(refunds, metrics.Refund{ID: "r" + o.ID, OrderID: o.ID,
				At:     o.PlacedAt.Add(time.Duration(rapid.IntRange(0, 20*24).Draw(t, "refundDelay")) * time.Hour),
				Amount: cur.FromMinor(rapid.Int64Range(0, 5000).Draw(t, "refundAmount")),
				Lines:  []metrics.ReturnedLine{{SKU: l.SKU, Quantity: 1, Restocked: rapid.Bool().Draw(t, "restocked")}}})
		}
	}
	return orders, refunds
}

func summarizeInto(t interface{ Fatal(...any) }, s *metrics.Summarizer, orders []metrics.Order, refunds []metrics.Refund) {
	byID := map[string]metrics.Order{}
	for _, o := range orders {
		byID[o.ID] = o
		if err := s.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range refunds {
		if err := s.AddRefund(r, byID[r.OrderID]); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSummarizerMergeProperty checks that summarising two disjoint shards
// and merging them gives exactly the direct summary, buyers counted once,
// whichever way round the merge goes.
func TestSummarizerMergeProperty(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		orders, refunds := genOrders(t)
		opts := metrics.Options{RepurchaseByDays: rapid.Bool().Draw(t, "byDays")}
		direct := metrics.Summarizer{Period: nov, Options: opts}
		summarizeInto(t, &direct, orders, refunds)

		// Shard orders with their refunds, so each refund sees its order.
		var o1, o2 []metrics.Order
		var r1, r2 []metrics.Refund
		side := map[string]bool{}
		for _, o := range orders {
			left := rapid.Bool().Draw(t, "left")
			side[o.ID] = left
			if left {
				o1 = append(o1, o)
			} else {
				o2 = append(o2, o)
			}
		}
		for _, r := range refunds {
			if side[r.OrderID] {
				r1 = append(r1, r)
			} else {
				r2 = append(r2, r)
			}
		}
		a := metrics.Summarizer{Period: nov, Options: opts}
		b := metrics.Summarizer{Period: nov, Options: opts}
		summarizeInto(t, &a, o1, r1)
		summarizeInto(t, &b, o2, r2)
		ab := metrics.Summarizer{Period: nov, Options: opts}
		for _, x := range []*metrics.Summarizer{&a, &b} {
			if err := ab.Merge(x); err != nil {
				t.Fatal(err)
			}
		}
		ba := metrics.Summarizer{Period: nov, Options: opts}
		for _, x := range []*metrics.Summarizer{&b, &a} {
			if err := ba.Merge(x); err != nil {
				t.Fatal(err)
			}
		}
		want := direct.Result()
		if diff := cmp.Diff(want, ab.Result(), cmpCurrency); diff != "" {
			t.Fatalf("merge(a, b) != direct (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, ba.Result(), cmpCurrency); diff != "" {
			t.Fatalf("merge(b, a) != direct (-want +got):\n%s", diff)
		}
	})
}

// TestSummaryInvariants checks identities that hold for every summary:
// net = gross − discounts − returns, breakdowns add up to the total, new +
// returning = buyers.
func TestSummaryInvariants(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		orders, refunds := genOrders(t)
		got, err := metrics.Summarize(nov, slices.Values(orders), slices.Values(refunds), metrics.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range got {
			if s.NewBuyers+s.ReturningBuyers != s.Buyers {
				t.Fatalf("new %d + returning %d != buyers %d", s.NewBuyers, s.ReturningBuyers, s.Buyers)
			}
			for name, gs := range map[string][]metrics.Group{"channel": s.ByChannel, "category": s.ByCategory, "sku": s.BySKU} {
				var net, cogs, disc money.Sum
				var units int64
				for _, g := range gs {
					net.Add(g.NetSales)
					cogs.Add(g.COGS)
					disc.Add(g.Discounts)
					units += g.Units
				}
				c := s.Currency
				if !net.Total(c).Equal(s.NetSales) || !cogs.Total(c).Equal(s.COGS) || !disc.Total(c).Equal(s.Discounts) || units != s.Units {
					t.Fatalf("%s breakdown: net %v cogs %v discounts %v units %d; summary %v %v %v %d",
						name, net.Total(c), cogs.Total(c), disc.Total(c), units, s.NetSales, s.COGS, s.Discounts, s.Units)
				}
			}
		}
	})
}
