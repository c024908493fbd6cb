package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
)

var (
	snapshotCols = cols("inventory_snapshots", false, "sku", "day", "on_hand", "currency", "unit_cost")
	receiptCols  = cols("receipts", false, "receipt_no", "sku", "day", "quantity", "currency", "unit_cost", "supplier", "po_id", "ordered", "promised", "ordered_quantity")
	spendCols    = cols("spend", false, "channel", "day", "currency", "amount")
)

// ReadSnapshots streams inventory_snapshots in (sku, day) order. on_hand
// may be negative (exported data is read as it is; the review reports
// such rows).
func ReadSnapshots(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[inventory.Snapshot, error] {
	return func(yield func(inventory.Snapshot, error) bool) {
		readTable(ctx, db, opts, "inventory_snapshots", snapshotCols, "sku, day", func(r *row) (inventory.Snapshot, error) {
			r.keyOf("snapshot", 0, 1)
			var s inventory.Snapshot
			var err error
			if s.SKU, err = r.required(0); err != nil {
				return s, err
			}
			if s.Day, err = r.day(1); err != nil {
				return s, err
			}
			if s.OnHand, err = r.int(2); err != nil {
				return s, err
			}
			c, err := r.currency(3)
			if err != nil {
				return s, err
			}
			s.UnitCost, err = r.money(4, c, true)
			return s, err
		}, yield)
	}
}

// ReadReceipts streams receipts in receipt_no order. A quantity must be
// positive; the purchase-order columns (supplier, po_id, ordered,
// promised, ordered_quantity) are optional, NULL when unknown.
func ReadReceipts(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[inventory.Receipt, error] {
	return func(yield func(inventory.Receipt, error) bool) {
		readTable(ctx, db, opts, "receipts", receiptCols, "receipt_no", func(r *row) (inventory.Receipt, error) {
			r.keyOf("receipt", 0)
			var g inventory.Receipt
			var err error
			if g.SKU, err = r.required(1); err != nil {
				return g, err
			}
			if g.Day, err = r.day(2); err != nil {
				return g, err
			}
			if g.Quantity, err = r.positive(3); err != nil {
				return g, err
			}
			c, err := r.currency(4)
			if err != nil {
				return g, err
			}
			if g.UnitCost, err = r.money(5, c, true); err != nil {
				return g, err
			}
			if g.Supplier, err = r.text(6); err != nil {
				return g, err
			}
			if g.PO, err = r.text(7); err != nil {
				return g, err
			}
			if !r.null(8) {
				if g.Ordered, err = r.day(8); err != nil {
					return g, err
				}
			}
			if !r.null(9) {
				if g.Promised, err = r.day(9); err != nil {
					return g, err
				}
			}
			g.OrderedQuantity, err = r.optInt(10)
			return g, err
		}, yield)
	}
}

// ReadSpend streams spend in (channel, day, currency) order. An amount
// must not be negative.
func ReadSpend(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[metrics.Spend, error] {
	return func(yield func(metrics.Spend, error) bool) {
		readTable(ctx, db, opts, "spend", spendCols, "channel, day, currency", func(r *row) (metrics.Spend, error) {
			r.keyOf("spend", 0, 1, 2)
			var s metrics.Spend
			var err error
			if s.Channel, err = r.required(0); err != nil {
				return s, err
			}
			if s.Day, err = r.day(1); err != nil {
				return s, err
			}
			c, err := r.currency(2)
			if err != nil {
				return s, err
			}
			if s.Amount, err = r.money(3, c, false); err != nil {
				return s, err
			}
			if s.Amount.IsNegative() {
				return s, r.fail(3, errors.New("negative spend "+s.Amount.Amount()))
			}
			return s, nil
		}, yield)
	}
}

// errRange formats a value out of its range.
func errRange(what string, v any) error { return fmt.Errorf("%s %v is out of range", what, v) }
