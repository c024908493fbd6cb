package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

var (
	refundCols     = cols("refunds", false, "refund_id", "order_id", "refunded_at", "currency", "amount", "reason")
	refundLineCols = cols("refund_lines", true, "refund_id", "line_no", "sku", "quantity", "restocked")
)

// Indexes of the refund query's columns.
const (
	fID = iota
	fOrder
	fAt
	fCurrency
	fAmount
	fReason
	fLineRefund
	fLineNo
	fSKU
	fQuantity
	fRestocked
)

// ReadRefunds streams the refunds with the goods they returned: one query
// joining refunds and refund_lines in (refund_id, line_no) order. A
// refund without rows in refund_lines returned no goods. Errors are as
// for [ReadOrders]: a refund with a bad row, or a row of refund_lines
// whose refund is not in refunds, is rejected whole.
func ReadRefunds(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[metrics.Refund, error] {
	return func(yield func(metrics.Refund, error) bool) {
		cs := append(append([]col{}, refundCols...), refundLineCols...)
		q := "SELECT " + selectList("f.", refundCols) + ", " + selectList("l.", refundLineCols) +
			" FROM " + opts.table("refunds") + " f FULL JOIN " + opts.table("refund_lines") + " l ON l.refund_id = f.refund_id" +
			" ORDER BY coalesce(f.refund_id, l.refund_id), l.line_no"
		rs, err := query(ctx, db, "refunds", q)
		if err != nil {
			yield(metrics.Refund{}, err)
			return
		}
		defer rs.Close()
		var (
			r         = newRow(cs, opts)
			cur       metrics.Refund
			have, bad bool
			first, n  int
		)
		finish := func() bool {
			if !have {
				return true
			}
			have = false
			if !bad {
				return yield(cur, nil)
			}
			err := &storedata.ParseError{File: "refunds", Line: first, Rows: n,
				Err: fmt.Errorf("refund %q rejected: %d row(s) of refunds and refund_lines", cur.ID, n)}
			return yield(metrics.Refund{}, err) && !opts.Strict
		}
		fail := func(err error) bool {
			bad = true
			var pe *storedata.ParseError
			if errors.As(err, &pe) && !opts.Strict {
				pe.Rows = 0
			}
			return yield(metrics.Refund{}, err) && !opts.Strict
		}
		for rs.Next() {
			if err := rs.Scan(r.dest...); err != nil {
				r.line++
				bad = bad || have
				if !yield(metrics.Refund{}, r.rowErr("refunds", r.line, err)) || opts.Strict {
					return
				}
				continue
			}
			if r.null(fID) {
				if !finish() {
					return
				}
				var err error
				if r.null(fLineRefund) {
					r.line++
					r.key = "refund"
					_, err = r.required(fID)
				} else {
					r.sub++
					r.key = "refund " + r.quote(fLineRefund) + " line " + r.quote(fLineNo)
					err = r.fail(fLineRefund, errors.New("a line of a refund that is not in refunds"))
				}
				if !yield(metrics.Refund{}, err) || opts.Strict {
					return
				}
				continue
			}
			if id := r.cells[fID].v; !have || id != any(cur.ID) {
				if !finish() {
					return
				}
				r.line++
				cur, have, bad, first, n = metrics.Refund{}, true, false, r.line, 1
				r.key = "refund " + r.quote(fID)
				if err := readRefundHead(r, &cur); err != nil && !fail(err) {
					return
				}
			}
			if r.null(fLineRefund) {
				continue // no goods returned
			}
			r.sub++
			n++
			if bad {
				continue
			}
			key := r.key
			r.key += " line " + r.quote(fLineNo)
			var l metrics.ReturnedLine
			var err error
			if l.SKU, err = r.required(fSKU); err == nil {
				if l.Quantity, err = r.positive(fQuantity); err == nil {
					l.Restocked, err = r.bool(fRestocked)
				}
			}
			r.key = key
			if err != nil {
				if !fail(err) {
					return
				}
				continue
			}
			cur.Lines = append(cur.Lines, l)
		}
		if err := rs.Err(); err != nil {
			yield(metrics.Refund{}, fmt.Errorf("postgres: reading refunds: %w", err))
			return
		}
		finish()
	}
}

func readRefundHead(r *row, f *metrics.Refund) error {
	var err error
	if f.ID, err = r.required(fID); err != nil {
		return err
	}
	if f.OrderID, err = r.required(fOrder); err != nil {
		return err
	}
	if f.At, err = r.time(fAt, false); err != nil {
		return err
	}
	c, err := r.currency(fCurrency)
	if err != nil {
		return err
	}
	if f.Amount, err = r.money(fAmount, c, false); err != nil {
		return err
	}
	f.Reason, err = r.text(fReason)
	return err
}
