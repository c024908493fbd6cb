package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// RefundColumns is the header of the refunds file.
var RefundColumns = []string{"refund_id", "order_id", "refunded_at", "currency", "amount", "reason", "sku", "quantity", "restocked"}

var refundHeadCols = []string{"order_id", "refunded_at", "currency", "amount", "reason"}

// ReadRefunds reads the refunds file: one row per returned line, the
// refund's own columns repeated, the rows of a refund consecutive. A
// refund that returns no goods is one row with an empty sku and quantity;
// a row without a sku in any other place is an error. Like
// [ReadOrders], a refund with any bad row is rejected whole, with a last
// error saying so.
func ReadRefunds(r io.Reader, opts Options) iter.Seq2[metrics.Refund, error] {
	return func(yield func(metrics.Refund, error) bool) {
		t, err := open(r, opts, kindRefunds, []string{"refund_id", "order_id", "refunded_at", "currency", "amount"}, RefundColumns)
		if err != nil {
			yield(metrics.Refund{}, err)
			return
		}
		var (
			cur       metrics.Refund
			have, bad bool
			noGoods   bool // the refund's first row has no sku
			first, n  int
			head      [5]string
			seen      = map[string]int{}
		)
		finish := func() bool {
			if !have {
				return true
			}
			have = false
			if bad && n == 0 { // only a malformed row, reported and counted on its own
				return true
			}
			if bad {
				err := &ParseError{File: opts.file(), Line: first, Rows: n, Err: &rejection{what: "refund", id: cur.ID, rows: n, line: first}}
				return yield(metrics.Refund{}, err) && !opts.Strict
			}
			return yield(cur, nil)
		}
		fail := func(err error) bool {
			bad = true
			return yield(metrics.Refund{}, err) && !opts.Strict
		}
		for {
			err := t.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				switch id, ok := t.recID(t.c("refund_id")); {
				case ok && (!have || id != cur.ID):
					// The row is another refund's: the current refund is
					// whole, and the row's refund is rejected with every
					// row of it that follows.
					if !finish() {
						return
					}
					seen[id] = t.line
					cur, have, bad, first, n = metrics.Refund{ID: id}, true, true, t.line, 0
					noGoods = false
				case have:
					bad = true // the row may belong to the current refund
				}
				if !yield(metrics.Refund{}, err) || opts.Strict {
					return
				}
				continue
			}
			if t.dup() {
				if !yield(metrics.Refund{}, t.dupErr()) || opts.Strict {
					return
				}
				continue
			}
			t.prevLine = t.line
			id := t.text(t.c("refund_id"))
			if id == "" {
				bad = bad || have // the row may belong to the current refund
				if !yield(metrics.Refund{}, t.row(t.fail(t.c("refund_id"), errors.New("empty")))) || opts.Strict {
					return
				}
				continue
			}
			if !have || id != cur.ID {
				if !finish() {
					return
				}
				cur, have, bad, first, n = metrics.Refund{ID: id}, true, false, t.line, 0
				noGoods = false
				if l, dup := seen[id]; dup {
					n = 1
					if !fail(t.rowErr(fmt.Errorf("%w: refund %s: its rows are not consecutive (first seen on line %d)", ErrDuplicateID, id, l))) {
						return
					}
					continue
				}
				seen[id] = t.line
				for i, c := range refundHeadCols {
					head[i] = t.raw(t.c(c))
				}
				if err := t.checkText(); err != nil {
					if !fail(err) {
						return
					}
				} else if err := readRefundHead(t, &cur); err != nil && !fail(err) {
					return
				}
			} else {
				for i, c := range refundHeadCols {
					if t.raw(t.c(c)) != head[i] {
						if !fail(t.fail(t.c(c), fmt.Errorf("refund %s: %q differs from %q on line %d", id, t.raw(t.c(c)), head[i], first))) {
							return
						}
						break
					}
				}
			}
			n++
			if bad {
				continue
			}
			if err := t.checkText(); err != nil {
				if !fail(err) {
					return
				}
				continue
			}
			if t.raw(t.c("sku")) == "" || noGoods {
				// Only a refund without goods has a row without a SKU, and
				// that row is its only one.
				if n > 1 || t.raw(t.c("quantity")) != "" {
					c := t.c("sku")
					if t.raw(c) != "" {
						c = -1
					}
					if !fail(t.fail(c, fmt.Errorf("refund %s: a row without a sku must be the refund's only row, without a quantity", id))) {
						return
					}
					continue
				}
				noGoods = true
				continue
			}
			var rl metrics.ReturnedLine
			rl.SKU = t.text(t.c("sku"))
			if rl.Quantity, err = t.int(t.c("quantity")); err == nil {
				rl.Restocked, err = t.bool(t.c("restocked"))
			}
			if err != nil {
				if !fail(err) {
					return
				}
				continue
			}
			cur.Lines = append(cur.Lines, rl)
		}
		finish()
	}
}

func readRefundHead(t *table, f *metrics.Refund) error {
	var err error
	if f.OrderID, err = t.required(t.c("order_id")); err != nil {
		return err
	}
	f.Reason = t.text(t.c("reason"))
	if f.At, err = t.timestamp(t.c("refunded_at"), false); err != nil {
		return err
	}
	c, err := t.currency(t.c("currency"))
	if err != nil {
		return err
	}
	f.Amount, err = t.money(t.c("amount"), c, false)
	return err
}

// WriteRefunds writes refunds in the refunds format. It returns an error
// for a refund that ReadRefunds would not give back: without an ID, an
// order ID, a time (or with a year outside 1000–9999) or a currency; with
// the ID of an earlier refund; with a returned line without a SKU (which
// cannot be told from a refund without goods) or two identical lines; or
// with text that readers reject.
func WriteRefunds(w io.Writer, refunds iter.Seq[metrics.Refund]) error {
	cw := newWriter(w, RefundColumns)
	seen := map[string]bool{}
	for f := range refunds {
		cw.at("refund", f.ID)
		if seen[f.ID] {
			return fmt.Errorf("storedata: refund %s is written twice", f.ID)
		}
		seen[f.ID] = true
		head := []string{cw.required("refund_id", f.ID), cw.required("order_id", f.OrderID), cw.time("refunded_at", f.At, false),
			cw.currency(f.Amount.Currency()), amount(f.Amount), cw.text("reason", f.Reason)}
		if len(f.Lines) == 0 {
			cw.row(append(head, "", "", ""))
		}
		for _, l := range f.Lines {
			if l.SKU == "" {
				return fmt.Errorf("storedata: refund %s: a returned line has no sku", f.ID)
			}
			cw.row(append(head[:len(head):len(head)], cw.text("sku", l.SKU), itoa(l.Quantity), fmt.Sprint(l.Restocked)))
		}
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
