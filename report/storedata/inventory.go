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

// ReceiptColumns is the header of the stock-receipts file.
var ReceiptColumns = []string{"sku", "day", "quantity", "currency", "unit_cost"}

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
func ReadReceipts(r io.Reader, opts Options) iter.Seq2[inventory.Receipt, error] {
	return func(yield func(inventory.Receipt, error) bool) {
		rows(r, opts, kindReceipts, ReceiptColumns, ReceiptColumns, true, func(t *table) (inventory.Receipt, bool, error) {
			sku, day, units, cost, err := stockRow(t, "quantity", true)
			return inventory.Receipt{SKU: sku, Day: day, Quantity: units, UnitCost: cost}, err == nil, err
		}, yield)
	}
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

// WriteReceipts writes stock receipts. A quantity that is not positive is
// an error, as for [WriteSnapshots].
func WriteReceipts(w io.Writer, recs iter.Seq[inventory.Receipt]) error {
	cw := newWriter(w, ReceiptColumns)
	for s := range recs {
		cw.at("receipt of", s.SKU)
		if s.Quantity <= 0 {
			return fmt.Errorf("storedata: %s: quantity %d is not positive", cw.what(), s.Quantity)
		}
		cw.row([]string{cw.required("sku", s.SKU), cw.day(s.Day), itoa(s.Quantity), cw.currency(s.UnitCost.Currency()), amount(s.UnitCost)})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
