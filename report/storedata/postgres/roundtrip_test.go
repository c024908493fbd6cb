package postgres

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
)

// all drains a reader strictly, failing the test on any error.
func all[T any](t *testing.T, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// sorted returns a sorted copy of s (a stable sort: equal keys keep their
// order, as event_no keeps the load order of equal events).
func sorted[T any](s []T, c func(a, b T) int) []T {
	s = slices.Clone(s)
	slices.SortStableFunc(s, c)
	return s
}

// Load then the readers give back the demo store: every kind, compared
// with go-cmp (times with Equal, so in any location; amounts with
// Money.Equal), in the readers' documented orders.
func TestLoadReadRoundTrip(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	s := sample.Generate(sample.Config{Customers: 300})
	opts := tablesIn(t, db)
	if err := Load(ctx, db, demoInput(s), opts); err != nil {
		t.Fatal(err)
	}
	opts.Location, opts.Strict = s.Config.Location, true
	check := func(name string, want, got any, n int) {
		t.Helper()
		if n == 0 {
			t.Errorf("%s: the demo has none: the test checks nothing", name)
		}
		if d := gocmp.Diff(want, got); d != "" {
			t.Errorf("%s: Load then Read differs (-want +got):\n%s", name, d)
		}
	}
	byID := func(a, b metrics.Order) int { return strings.Compare(a.ID, b.ID) }
	check("orders", sorted(s.Orders, byID), all(t, ReadOrders(ctx, db, opts)), len(s.Orders))
	check("refunds", sorted(s.Refunds, func(a, b metrics.Refund) int { return strings.Compare(a.ID, b.ID) }),
		all(t, ReadRefunds(ctx, db, opts)), len(s.Refunds))
	check("events", sorted(s.Events, func(a, b funnel.Event) int {
		return cmp.Or(strings.Compare(a.UserID, b.UserID), a.Time.Compare(b.Time))
	}), all(t, ReadEvents(ctx, db, opts)), len(s.Events))
	check("spend", sorted(s.Spend, func(a, b metrics.Spend) int {
		return cmp.Or(strings.Compare(a.Channel, b.Channel), a.Day.Compare(b.Day))
	}), all(t, ReadSpend(ctx, db, opts)), len(s.Spend))
	check("snapshots", sorted(s.Snapshots, func(a, b inventory.Snapshot) int {
		return cmp.Or(strings.Compare(a.SKU, b.SKU), a.Day.Compare(b.Day))
	}), all(t, ReadSnapshots(ctx, db, opts)), len(s.Snapshots))
	check("receipts", s.Receipts, all(t, ReadReceipts(ctx, db, opts)), len(s.Receipts))
	check("products", sorted(demoItems(s), func(a, b inventory.Item) int { return strings.Compare(a.SKU, b.SKU) }),
		all(t, ReadProducts(ctx, db, opts)), len(s.Catalogue))
	check("promotions", sorted(s.Promotions, func(a, b promo.Promotion) int { return strings.Compare(a.ID, b.ID) }),
		all(t, ReadPromotions(ctx, db, opts)), len(s.Promotions))
	check("targets", sorted(s.Targets, func(a, b metrics.Target) int {
		return cmp.Or(strings.Compare(a.Metric, b.Metric), strings.Compare(a.Period.Label(), b.Period.Label()))
	}), all(t, ReadTargets(ctx, db, opts)), len(s.Targets))
	check("tickets", sorted(s.Tickets, func(a, b service.Ticket) int { return strings.Compare(a.ID, b.ID) }),
		all(t, ReadTickets(ctx, db, opts)), len(s.Tickets))
}
