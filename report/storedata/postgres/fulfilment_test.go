package postgres

import (
	"context"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// Orders with fulfilment times and carriers, known or not, load and read
// back equal, the NULLs as unknown.
func TestFulfilmentRoundTrip(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	loc := time.FixedZone("CST", 8*3600)
	at := func(d, h int) time.Time { return time.Date(2025, 11, d, h, 0, 0, 0, loc) }
	line := []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: money.MustNew("59.90", "CNY")}}
	cny := money.MustCurrency("CNY")
	orders := []metrics.Order{
		{ID: "o1", PlacedAt: at(3, 10), Status: metrics.Paid, Currency: cny, Lines: line,
			PaidAt: at(3, 11), ShippedAt: at(3, 16), DeliveredAt: at(5, 11), PromisedBy: at(6, 0), Carrier: "SF Express", Region: "浙江"},
		{ID: "o2", PlacedAt: at(4, 9), Status: metrics.Paid, Currency: cny, Lines: line, ShippedAt: at(4, 20), Carrier: "YTO"},
		{ID: "o3", PlacedAt: at(4, 9), Status: metrics.Paid, Currency: cny, Lines: line},
	}
	opts := tablesIn(t, db)
	if err := Load(ctx, db, report.Input{Orders: slices.Values(orders)}, opts); err != nil {
		t.Fatal(err)
	}
	opts.Location, opts.Strict = loc, true
	got := all(t, ReadOrders(ctx, db, opts))
	zero := gocmp.Comparer(func(a, b money.Money) bool { return a.Equal(b) || a.IsZero() && b.IsZero() })
	if d := gocmp.Diff(orders, got, zero); d != "" {
		t.Errorf("Load then ReadOrders (-want +got):\n%s", d)
	}
}
