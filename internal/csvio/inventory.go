package csvio

import (
	"errors"
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// SnapshotColumns is the header of the inventory-snapshots file.
var SnapshotColumns = []string{"sku", "day", "on_hand", "currency", "unit_cost"}

// ReceiptColumns is the header of the stock-receipts file.
var ReceiptColumns = []string{"sku", "day", "quantity", "currency", "unit_cost"}

// ReadSnapshots reads the inventory-snapshots file: units on hand per SKU
// at the end of a day, with the unit cost. A negative on_hand is read as
// it is (the inventory package reports it as a data problem).
func ReadSnapshots(r io.Reader, opts Options) iter.Seq2[inventory.Snapshot, error] {
	return func(yield func(inventory.Snapshot, error) bool) {
		rows(r, opts, SnapshotColumns, func(t *table) (inventory.Snapshot, bool, error) {
			var s inventory.Snapshot
			var err error
			if s.SKU, err = t.required(t.c("sku")); err != nil {
				return s, false, err
			}
			if s.Day, err = t.day(t.c("day")); err != nil {
				return s, false, err
			}
			if s.OnHand, err = t.int(t.c("on_hand")); err != nil {
				return s, false, err
			}
			c, err := t.currency(t.c("currency"))
			if err != nil {
				return s, false, err
			}
			s.UnitCost, err = t.money(t.c("unit_cost"), c, false)
			return s, err == nil, err
		}, nil, yield)
	}
}

// ReadReceipts reads the stock-receipts file: units received per SKU and
// day, with their unit cost. Quantities must be positive.
func ReadReceipts(r io.Reader, opts Options) iter.Seq2[inventory.Receipt, error] {
	return func(yield func(inventory.Receipt, error) bool) {
		rows(r, opts, ReceiptColumns, func(t *table) (inventory.Receipt, bool, error) {
			var s inventory.Receipt
			var err error
			if s.SKU, err = t.required(t.c("sku")); err != nil {
				return s, false, err
			}
			if s.Day, err = t.day(t.c("day")); err != nil {
				return s, false, err
			}
			if s.Quantity, err = t.int(t.c("quantity")); err != nil {
				return s, false, err
			}
			if s.Quantity <= 0 {
				return s, false, t.fail(t.c("quantity"), errors.New("not positive"))
			}
			c, err := t.currency(t.c("currency"))
			if err != nil {
				return s, false, err
			}
			s.UnitCost, err = t.money(t.c("unit_cost"), c, false)
			return s, err == nil, err
		}, nil, yield)
	}
}

// WriteSnapshots writes inventory snapshots.
func WriteSnapshots(w io.Writer, snaps iter.Seq[inventory.Snapshot]) error {
	cw := newWriter(w, SnapshotColumns)
	for s := range snaps {
		cw.row([]string{guard(s.SKU), day(s.Day), itoa(s.OnHand), s.UnitCost.Currency().Code(), amount(s.UnitCost)})
	}
	return cw.close()
}

// WriteReceipts writes stock receipts.
func WriteReceipts(w io.Writer, recs iter.Seq[inventory.Receipt]) error {
	cw := newWriter(w, ReceiptColumns)
	for s := range recs {
		cw.row([]string{guard(s.SKU), day(s.Day), itoa(s.Quantity), s.UnitCost.Currency().Code(), amount(s.UnitCost)})
	}
	return cw.close()
}
