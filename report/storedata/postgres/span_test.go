package postgres

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

func TestOrderSpan(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	shanghai := time.FixedZone("UTC+8", 8*3600)
	opts := tablesIn(t, db)
	opts.Location = shanghai
	if _, _, ok, err := OrderSpan(ctx, db, opts); ok || err != nil {
		t.Errorf("OrderSpan of an empty table: ok %v, %v; want false, nil", ok, err)
	}
	a, b := order("o1", 1, money.MustNew("59.90", "CNY")), order("o2", 1, money.MustNew("9.90", "CNY"))
	b.PlacedAt = time.Date(2025, 12, 31, 17, 30, 0, 0, time.UTC) // 2026-01-01 01:30 in China
	if err := Load(ctx, db, report.Input{Orders: slices.Values([]metrics.Order{b, a})}, opts); err != nil {
		t.Fatal(err)
	}
	first, last, ok, err := OrderSpan(ctx, db, opts)
	if err != nil || !ok || !first.Equal(a.PlacedAt) || !last.Equal(b.PlacedAt) || last.Location() != shanghai || last.Year() != 2026 {
		t.Errorf("OrderSpan = %v, %v, %v, %v; want %v and %v in UTC+8", first, last, ok, err, a.PlacedAt, b.PlacedAt)
	}
	if _, err := db.Exec("DROP TABLE " + opts.table("orders") + " CASCADE"); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := OrderSpan(ctx, db, opts); ok || err != nil {
		t.Errorf("OrderSpan of an absent table: ok %v, %v; want false, nil", ok, err)
	}
}
