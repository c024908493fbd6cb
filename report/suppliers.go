package report

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Suppliers is the suppliers part (供应商) of the products section: lead
// time mean and variability, on-time and fill rates per supplier, and
// their effect on stock-outs, from the receipts that name their supplier
// and purchase order (package inventory/supplier defines each figure).
// Nil when no receipt of the period names a supplier.
//
// Rows and Stockouts measure the receipts received in the period (a PO
// line of which nothing arrived in the period is not seen) and the
// period's end-of-day stock (a stock-out under way when the period
// starts counts as beginning on its first day). SafetyStock lists the reorder-list SKUs
// whose safety stock used a measured lead time: the lead times of their
// supplier's receipts over the LeadTimeDays days to the period's end.
type Suppliers struct {
	Rows []SupplierRow `json:"rows"` // one per supplier, by name
	// Stockouts are the period's stock-outs that began while a PO line of
	// the SKU was late, one per stock-out and supplier, by start day; at
	// most Config.TopN, the longest first.
	Stockouts []SupplierStockout `json:"stockouts"`
	// StockoutsTotal is the number of attributed stock-outs, listed or
	// not.
	StockoutsTotal int64 `json:"stockouts_total"`
	// SafetyStock are the reorder-list lines whose lead time was measured
	// (inventory.LeadTimeMeasured), at most Config.TopN, in the reorder
	// list's order; Measured and Reordered count them and the list's
	// lines.
	SafetyStock []SafetyStockRow `json:"safety_stock"`
	Measured    int64            `json:"measured"`
	Reordered   int64            `json:"reordered"`
	// LeadTimeDays is the window of receipts the measured lead times
	// come from, in days up to the period's end (365).
	LeadTimeDays int64 `json:"lead_time_days"`
}

// SupplierRow is one supplier of the period (see package
// inventory/supplier for each definition).
type SupplierRow struct {
	Supplier string `json:"supplier"`
	POs      int64  `json:"pos"`      // distinct purchase orders with a receipt in the period
	Receipts int64  `json:"receipts"` // deliveries in the period
	Units    int64  `json:"units"`    // units received
	// Lead time per receipt, received − ordered, in days (交货周期):
	// mean, sample standard deviation, median and 90th percentile;
	// undefined without receipts with an order day (sd: below two).
	LeadTimeMean   metrics.Value `json:"lead_time_mean"`
	LeadTimeSD     metrics.Value `json:"lead_time_sd"`
	LeadTimeMedian metrics.Value `json:"lead_time_median"`
	LeadTimeP90    metrics.Value `json:"lead_time_p90"`
	// OnTime (准时交货率) = receipts by the promised day / receipts with a
	// promise.
	OnTime metrics.Ratio `json:"on_time"`
	// FillRate (订单满足率) = units received by the promised day, at most
	// the units ordered, / units ordered, over the PO lines with a promise
	// and a quantity; EventualFill counts every unit received.
	FillRate     metrics.Ratio `json:"fill_rate"`
	EventualFill metrics.Ratio `json:"eventual_fill"`
	// StockoutDays are the period's SKU-days with nothing on hand of the
	// SKUs the supplier delivered in it; LateStockouts the stock-outs
	// attributed to its late PO lines.
	StockoutDays  int64 `json:"stockout_days"`
	LateStockouts int64 `json:"late_stockouts"`
}

// SupplierStockout is a stock-out that began while a PO line of the SKU
// from Supplier was late (promised before the stock-out's first day and
// not arrived by then).
type SupplierStockout struct {
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Supplier string `json:"supplier"`
	PO       string `json:"po"`
	// Start is the first stock-out day, midnight in the period's zone;
	// Days the consecutive stock-out days from it (within the period).
	Start    time.Time `json:"start"`
	Days     int64     `json:"days"`
	Promised time.Time `json:"promised"`  // the late line's promised day, midnight in the period's zone
	DaysLate int64     `json:"days_late"` // Start − Promised
}

// SafetyStockRow is a reorder-list line whose safety stock used its
// supplier's measured lead time: SS = z × √(L × σd² + d² × σL²)
// (inventory.SafetyStockVarying) against z × σd × √L with L fixed.
type SafetyStockRow struct {
	SKU          string        `json:"sku"`
	Name         string        `json:"name"`
	Supplier     string        `json:"supplier"`
	LeadTimeMean metrics.Value `json:"lead_time_mean"` // L, days
	LeadTimeSD   metrics.Value `json:"lead_time_sd"`   // σL, days
	FixedSafety  int64         `json:"fixed_safety"`   // z × σd × √L, units, rounded up
	SafetyStock  int64         `json:"safety_stock"`   // with σL, units, rounded up
	ReorderPoint int64         `json:"reorder_point"`  // d × L + SS, units, rounded up
}
