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
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
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
	s := sample.Generate(sample.Config{Customers: 300, CRM: true})
	// A promotion whose costs are not recorded (cost_unknown), which the
	// demo has none of.
	p := &s.Promotions[len(s.Promotions)-1]
	c := p.FixedCost.Currency()
	if c.IsZero() {
		t.Fatal("the demo's last promotion has no fixed cost in a currency: the test checks nothing")
	}
	p.CostUnknown, p.FixedCost, p.MediaCost = true, c.FromMinor(0), c.FromMinor(0)
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
	// The optional kinds of the CRM and market parts: points and
	// redemptions come back in the order loaded (point_no,
	// redemption_no), the others in the order of their keys.
	check("customers", sorted(s.Profiles, func(a, b profile.Customer) int { return strings.Compare(a.ID, b.ID) }),
		all(t, ReadCustomers(ctx, db, opts)), len(s.Profiles))
	if !slices.ContainsFunc(s.Profiles, func(c profile.Customer) bool { return c.Age > 0 }) {
		t.Error("no demo customer has an age: the test does not check it") // labels: TestCustomerLabels
	}
	if !slices.ContainsFunc(s.CampaignTargets, func(g campaign.Target) bool { return g.Group == campaign.Control }) {
		t.Error("no demo target is in a control group: the test does not check the group")
	}
	check("members", sorted(s.Members, func(a, b loyalty.Member) int { return strings.Compare(a.CustomerID, b.CustomerID) }),
		all(t, ReadMembers(ctx, db, opts)), len(s.Members))
	check("points", s.Points, all(t, ReadPoints(ctx, db, opts)), len(s.Points))
	check("campaigns", sorted(s.Campaigns, func(a, b campaign.Campaign) int {
		return cmp.Or(a.Window.Start.Compare(b.Window.Start), a.Window.End.Compare(b.Window.End), strings.Compare(a.ID, b.ID))
	}),
		all(t, ReadCampaigns(ctx, db, opts)), len(s.Campaigns))
	check("campaign targets", sorted(s.CampaignTargets, func(a, b campaign.Target) int {
		return cmp.Or(strings.Compare(a.Campaign, b.Campaign), strings.Compare(a.Customer, b.Customer))
	}), all(t, ReadCampaignTargets(ctx, db, opts)), len(s.CampaignTargets))
	check("redemptions", s.Redemptions, all(t, ReadRedemptions(ctx, db, opts)), len(s.Redemptions))
	check("competitor prices", sorted(s.CompetitorPrices, func(a, b market.Price) int {
		return cmp.Or(strings.Compare(a.SKU, b.SKU), strings.Compare(a.Competitor, b.Competitor), a.Day.Compare(b.Day))
	}), all(t, ReadCompetitorPrices(ctx, db, opts)), len(s.CompetitorPrices))
}
