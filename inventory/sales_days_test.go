package inventory

import (
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestSalesDaysAcrossZoneChanges checks that AddOrder puts each order on
// the calendar day of its time in its location, as DayOf does, when the
// orders come out of time order across daylight-saving changes and
// midnights, and from two locations: AddOrder remembers a zone's offset
// between orders, and a stale one would move an order half an hour
// before midnight to the next day.
func TestSalesDaysAcrossZoneChanges(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip(err)
	}
	cny := money.MustCurrency("CNY")
	var at []time.Time
	for _, d := range []time.Time{
		time.Date(2025, 3, 9, 0, 0, 0, 0, ny), time.Date(2025, 11, 2, 0, 0, 0, 0, ny),
		time.Date(2025, 3, 8, 0, 0, 0, 0, ny), time.Date(2025, 11, 3, 0, 0, 0, 0, ny),
		time.Date(2025, 3, 10, 0, 0, 0, 0, ny), time.Date(2025, 11, 1, 0, 0, 0, 0, ny),
	} {
		for _, a := range []time.Time{d.Add(-30 * time.Minute), d.Add(30 * time.Minute), d.Add(23*time.Hour + 30*time.Minute)} {
			at = append(at, a, a.In(tokyo))
		}
	}
	var s Sales
	for i, a := range at {
		sku := "S" + strconv.Itoa(i) // one order a SKU: its only day is the order's
		s.AddOrder(metrics.Order{ID: sku, PlacedAt: a, Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: sku, Quantity: 1, UnitPrice: cny.FromMinor(100), UnitCost: cny.FromMinor(50)}}})
		if got, want := s.skus[s.idx[sku]].days[0].day, DayOf(a); got != want {
			t.Errorf("order at %v: day %s, want %s", a, got, want)
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
}
