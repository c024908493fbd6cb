package inventory

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Snapshot is the stock of one SKU at the end of one day.
//
// OnHand may be negative in data exported from real systems (oversold
// stock); such snapshots are reported as data problems, never hidden.
type Snapshot struct {
	SKU      string
	Day      time.Time // the day, in the store's time zone; the time of day is ignored
	OnHand   int64     // units on hand at the end of the day
	UnitCost money.Money
}

// Receipt is a delivery of stock from a supplier.
type Receipt struct {
	SKU      string
	Day      time.Time
	Quantity int64 // units received; positive
	UnitCost money.Money
}

// Adjustment is a change of stock that is neither a sale nor a receipt: a
// count correction, damage, shrinkage. Quantity is signed.
type Adjustment struct {
	SKU      string
	Day      time.Time
	Quantity int64
	Reason   string
}

// Item is one entry of the item catalogue: what the package needs to know
// about a SKU besides its stock and sales. Every field but SKU is optional.
type Item struct {
	SKU      string
	Name     string
	Category string
	// Launch is the day the SKU was launched (上新日期), from a catalogue;
	// zero when unknown. A review calls a SKU new by it (METRICS.md "New
	// product": launched within the last 90 days; without a launch date,
	// its first sale after the first 60 days of the data stands for it).
	Launch time.Time
	// UnitPrice is the retail price of one unit, for inventory at retail.
	// When zero, the last list price seen in the SKU's sales lines is used.
	UnitPrice money.Money
	// LeadTimeDays is the supplier lead time in days, for the reorder
	// point. Zero means [ReorderConfig.LeadTimeDays].
	LeadTimeDays float64
	// OrderCost is the fixed cost of placing one purchase order (S in the
	// EOQ formula).
	OrderCost money.Money
	// HoldingCost is the cost of holding one unit for a year (H in the
	// EOQ formula), often a rate such as 20 % times the unit cost.
	HoldingCost money.Money
	// OnOrder is the number of units ordered and not yet received; it
	// counts in the inventory position of the reorder list.
	OnOrder int64
	// ServiceLevel is the wanted probability of no stock-out during a lead
	// time (cycle service level), in (0, 1). Zero means
	// [ReorderConfig.ServiceLevel].
	ServiceLevel float64
}
