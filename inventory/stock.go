package inventory

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Snapshot is the stock of one SKU at the end of one day.
//
// OnHand may be negative in data exported from real systems (oversold
// stock); such snapshots are reported as data problems, never hidden.
type Snapshot struct {
	SKU      string
	Day      time.Time // the day, in the store's time zone; the time of day is ignored
	OnHand   int64     // units on hand at the end of the day
	UnitCost metrics.Money
}

// Receipt is a delivery of stock from a supplier.
type Receipt struct {
	SKU      string
	Day      time.Time
	Quantity int64 // units received; positive
	UnitCost metrics.Money
}

// Adjustment is a change of stock that is neither a sale nor a receipt: a
// count correction, damage, shrinkage. Quantity is signed.
type Adjustment struct {
	SKU      string
	Day      time.Time
	Quantity int64
	Reason   string
}
