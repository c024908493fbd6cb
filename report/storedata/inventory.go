package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// SnapshotColumns is the header of the inventory-snapshots file.
var SnapshotColumns = []string{"sku", "day", "on_hand", "currency", "unit_cost"}

// ReceiptColumns is the header of the stock-receipts file: the required
// columns, then the optional purchase-order columns (see [ReadReceipts]).
var ReceiptColumns = []string{"sku", "day", "quantity", "currency", "unit_cost", "supplier", "po_id", "ordered", "promised", "ordered_quantity"}

// receiptRequired are the columns every receipts file has; files written
// before the purchase-order columns have only these.
var receiptRequired = ReceiptColumns[:5]

// ReadSnapshots reads the inventory-snapshots file: units on hand per SKU
// at the end of a day, with the unit cost. A negative on_hand is read as
// it is (the inventory package reports it as a data problem).
func ReadSnapshots(r io.Reader, opts Options) iter.Seq2[inventory.Snapshot, error] {
	return func(yield func(inventory.Snapshot, error) bool) {
		rows(r, opts, kindInventory, SnapshotColumns, SnapshotColumns, true, func(t *table) (inventory.Snapshot, bool, error) {
			sku, day, units, cost, err := stockRow(t, "on_hand", false)
			return inventory.Snapshot{SKU: sku, Day: day, OnHand: units, UnitCost: cost}, err == nil, err
		}, yield)
	}
}

// ReadReceipts reads the stock-receipts file: units received per SKU and
// day, with their unit cost. Quantities must be positive.
//
// The purchase-order columns are optional, as a whole and cell by cell
// (an empty cell is unknown): supplier, po_id (the purchase order's ID),
// ordered (the day the PO was placed), promised (the promised delivery
// day) and ordered_quantity (units of the SKU ordered on the PO, not
// negative; 0 is unknown). They fill the Receipt's Supplier, PO, Ordered,
// Promised and OrderedQuantity for package inventory/supplier. An order
// day after the receipt's day or after the promised day is a *ParseError
// of its column; files without these columns read as before.
func ReadReceipts(r io.Reader, opts Options) iter.Seq2[inventory.Receipt, error] {
	return func(yield func(inventory.Receipt, error) bool) {
		rows(r, opts, kindReceipts, receiptRequired, ReceiptColumns, true, func(t *table) (inventory.Receipt, bool, error) {
			sku, day, units, cost, err := stockRow(t, "quantity", true)
			if err != nil {
				return inventory.Receipt{}, false, err
			}
			rec := inventory.Receipt{SKU: sku, Day: day, Quantity: units, UnitCost: cost}
			err = purchaseOrder(t, &rec)
			return rec, err == nil, err
		}, yield)
	}
}

// purchaseOrder reads the optional purchase-order columns of a receipt.
func purchaseOrder(t *table, rec *inventory.Receipt) error {
	rec.Supplier = t.text(t.c("supplier"))
	rec.PO = t.text(t.c("po_id"))
	optDay := func(col string) (time.Time, error) {
		i := t.c(col)
		if t.raw(i) == "" {
			return time.Time{}, nil
		}
		return t.day(i)
	}
	var err error
	if rec.Ordered, err = optDay("ordered"); err != nil {
		return err
	}
	if rec.Promised, err = optDay("promised"); err != nil {
		return err
	}
	if i := t.c("ordered_quantity"); t.raw(i) != "" {
		if rec.OrderedQuantity, err = t.int(i); err != nil {
			return err
		}
		if rec.OrderedQuantity < 0 {
			return t.fail(i, errors.New("negative"))
		}
	}
	if !rec.Ordered.IsZero() {
		if rec.Ordered.After(rec.Day) {
			return t.fail(t.c("ordered"), fmt.Errorf("%s is after the receipt's day %s", rec.Ordered.Format(time.DateOnly), rec.Day.Format(time.DateOnly)))
		}
		if !rec.Promised.IsZero() && rec.Ordered.After(rec.Promised) {
			return t.fail(t.c("ordered"), fmt.Errorf("%s is after the promised day %s", rec.Ordered.Format(time.DateOnly), rec.Promised.Format(time.DateOnly)))
		}
	}
	return nil
}

// stockRow reads the columns that snapshots and receipts share: sku, day,
// the units in column units (positive if positive is set), currency and
// unit_cost.
func stockRow(t *table, units string, positive bool) (sku string, day time.Time, n int64, cost money.Money, err error) {
	if sku, err = t.required(t.c("sku")); err != nil {
		return
	}
	if day, err = t.day(t.c("day")); err != nil {
		return
	}
	if n, err = t.int(t.c(units)); err != nil {
		return
	}
	if positive && n <= 0 {
		err = t.fail(t.c(units), errors.New("not positive"))
		return
	}
	c, err := t.currency(t.c("currency"))
	if err != nil {
		return
	}
	cost, err = t.money(t.c("unit_cost"), c, false)
	return
}

// WriteSnapshots writes inventory snapshots. A row without a SKU or a
// currency, with a year outside 0–9999 or text that readers reject, or
// that repeats the row before it, is an error.
func WriteSnapshots(w io.Writer, snaps iter.Seq[inventory.Snapshot]) error {
	cw := newWriter(w, SnapshotColumns)
	for s := range snaps {
		cw.at("snapshot of", s.SKU)
		cw.row([]string{cw.required("sku", s.SKU), cw.day(s.Day), itoa(s.OnHand), cw.currency(s.UnitCost.Currency()), amount(s.UnitCost)})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}

// WriteReceipts writes stock receipts with every column of
// [ReceiptColumns]; the purchase-order cells of a receipt without them are
// empty. A quantity that is not positive or a negative ordered quantity is
// an error, as for [WriteSnapshots].
func WriteReceipts(w io.Writer, recs iter.Seq[inventory.Receipt]) error {
	cw := newWriter(w, ReceiptColumns)
	for s := range recs {
		cw.at("receipt of", s.SKU)
		if s.Quantity <= 0 {
			return fmt.Errorf("storedata: %s: quantity %d is not positive", cw.what(), s.Quantity)
		}
		if s.OrderedQuantity < 0 {
			return fmt.Errorf("storedata: %s: ordered quantity %d is negative", cw.what(), s.OrderedQuantity)
		}
		optDay := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return cw.day(t)
		}
		ordered := ""
		if s.OrderedQuantity > 0 {
			ordered = itoa(s.OrderedQuantity)
		}
		cw.row([]string{cw.required("sku", s.SKU), cw.day(s.Day), itoa(s.Quantity), cw.currency(s.UnitCost.Currency()), amount(s.UnitCost),
			cw.text("supplier", s.Supplier), cw.text("po_id", s.PO), optDay(s.Ordered), optDay(s.Promised), ordered})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
