package promo

import (
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestLedgerDaysAcrossZoneChanges checks that Add puts each order on the
// calendar day of its time in the ledger's Location, as dayOf does, when
// the orders come out of time order across daylight-saving changes and
// midnights: Add remembers the zone's offset between orders, and a stale
// offset would move an order an hour before midnight to the next day.
func TestLedgerDaysAcrossZoneChanges(t *testing.T) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	// Around the changes of 2025 (9 March, 2 November), an hour either
	// side of midnight, back and forth in time.
	var at []time.Time
	for _, d := range []time.Time{
		time.Date(2025, 3, 9, 0, 0, 0, 0, loc), time.Date(2025, 11, 2, 0, 0, 0, 0, loc),
		time.Date(2025, 3, 8, 0, 0, 0, 0, loc), time.Date(2025, 11, 3, 0, 0, 0, 0, loc),
		time.Date(2025, 3, 10, 0, 0, 0, 0, loc), time.Date(2025, 11, 1, 0, 0, 0, 0, loc),
	} {
		at = append(at, d.Add(-30*time.Minute), d.Add(30*time.Minute), d.Add(23*time.Hour+30*time.Minute))
	}
	l := Ledger{Location: loc}
	for i, a := range at {
		sku := "S" + strconv.Itoa(i) // one order a SKU: its series starts on its day
		o := metrics.Order{ID: sku, PlacedAt: a, Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: sku, Quantity: 1, UnitPrice: priceA, UnitCost: costA}}}
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
		if got, want := l.skus[l.skuIdx[sku]].first, dayOf(a, loc); got != want {
			t.Errorf("order at %v: day %d, want %d", a, got, want)
		}
	}
}
