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
//
// The fields after UnitCost describe the purchase order (采购单) the
// delivery belongs to; each is optional, zero when unknown, and only the
// supplier analysis (package inventory/supplier) reads them. A PO line is
// the units of one SKU on one PO: its receipts share PO, SKU, Ordered,
// Promised and OrderedQuantity, and a line delivered in parts has a
// receipt per delivery.
type Receipt struct {
	SKU      string
	Day      time.Time
	Quantity int64 // units received; positive
	UnitCost money.Money
	// Supplier names the supplier (供应商) that delivered; empty when
	// unknown.
	Supplier string
	// PO is the ID of the purchase order the delivery is for, unique per
	// supplier; empty when unknown.
	PO string
	// Ordered is the day the purchase order was placed; zero when unknown.
	// The lead time of the delivery is Day − Ordered in days.
	Ordered time.Time
	// Promised is the delivery day the supplier promised for the PO line;
	// zero when unknown. A delivery on or before it is on time.
	Promised time.Time
	// OrderedQuantity is the number of units of the SKU ordered on the PO,
	// for the fill rate; zero when unknown.
	OrderedQuantity int64
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
