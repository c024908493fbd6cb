package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

var (
	orderCols = cols("orders", false, "order_id", "customer_id", "placed_at", "channel", "status", "currency",
		"order_discount", "shipping", "tax", "promotion",
		"paid_at", "shipped_at", "delivered_at", "promised_by", "carrier", "region")
	lineCols = cols("order_lines", true, "order_id", "line_no", "sku", "name", "category", "quantity",
		"unit_price", "line_discount", "unit_cost", "line_promotion")
)

// Indexes of the order query's columns: the orders columns, then the
// order_lines columns.
const (
	oID = iota
	oCustomer
	oPlaced
	oChannel
	oStatus
	oCurrency
	oDiscount
	oShipping
	oTax
	oPromotion
	oPaid
	oShipped
	oDelivered
	oPromised
	oCarrier
	oRegion
	lOrderID
	lNo
	lSKU
	lName
	lCategory
	lQuantity
	lPrice
	lDiscount
	lCost
	lPromotion
)

// ReadOrders streams the orders with their lines: one query, orders FULL
// JOIN order_lines in (order_id, line_no) order, holding one order in
// memory at a time (the server sorts the joined rows).
//
// A bad row yields a *storedata.ParseError whose File is the table
// (orders or order_lines), Line the row's number in primary-key order,
// Column and Name the column (numbered as in schema.sql), and whose
// message names the order and line. An order with a bad row, without
// lines, or with a line whose order is not in orders is rejected whole,
// so that no order is counted with some of its lines missing: in lenient
// mode a last ParseError says so and carries the number of rows rejected
// (Rows; the errors before it have Rows 0). Strict mode stops at the first
// error. A failure of the query is an error that is not a ParseError, and
// ends reading.
//
// Besides what storedata.ReadOrders checks, a quantity must be positive
// (as metrics.Line documents; schema.sql has the same CHECK, so this
// matters for tables and views of another schema).
func ReadOrders(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[metrics.Order, error] {
	return func(yield func(metrics.Order, error) bool) {
		cs := append(append([]col{}, orderCols...), lineCols...)
		q := "SELECT " + selectList("o.", orderCols) + ", " + selectList("l.", lineCols) +
			" FROM " + opts.table("orders") + " o FULL JOIN " + opts.table("order_lines") + " l ON l.order_id = o.order_id" +
			" ORDER BY coalesce(o.order_id, l.order_id), l.line_no"
		rs, err := query(ctx, db, "orders", q)
		if err != nil {
			yield(metrics.Order{}, err)
			return
		}
		defer rs.Close()
		var (
			r         = newRow(cs, opts)
			cur       metrics.Order
			have, bad bool
			first, n  int // the order's row in orders, and its rows read
		)
		// finish yields the current order, or its rejection.
		finish := func() bool {
			if !have {
				return true
			}
			have = false
			if !bad {
				return yield(cur, nil)
			}
			err := &storedata.ParseError{File: "orders", Line: first, Rows: n,
				Err: fmt.Errorf("order %q rejected: %d row(s) of orders and order_lines", cur.ID, n)}
			return yield(metrics.Order{}, err) && !opts.Strict
		}
		// fail reports a problem of the current order, which rejects it.
		fail := func(err error) bool {
			bad = true
			var pe *storedata.ParseError
			if errors.As(err, &pe) && !opts.Strict {
				pe.Rows = 0 // the rejection error counts the rows
			}
			return yield(metrics.Order{}, err) && !opts.Strict
		}
		for rs.Next() {
			if err := rs.Scan(r.dest...); err != nil {
				// Cannot happen with cells, which take any value; kept so
				// that no row is dropped if the driver fails on one.
				r.line++
				bad = bad || have // the row may be a line of the current order
				if !yield(metrics.Order{}, r.rowErr("orders", r.line, err)) || opts.Strict {
					return
				}
				continue
			}
			if r.null(oID) {
				if !finish() {
					return
				}
				var err error
				if r.null(lOrderID) { // an order without ID (possible in a view)
					r.line++
					r.key = "order"
					_, err = r.required(oID)
				} else { // a line whose order is not in orders
					r.sub++
					r.key = "order " + r.quote(lOrderID) + " line " + r.quote(lNo)
					err = r.fail(lOrderID, errors.New("a line of an order that is not in orders"))
				}
				if !yield(metrics.Order{}, err) || opts.Strict {
					return
				}
				continue
			}
			if id := r.cells[oID].v; !have || id != any(cur.ID) {
				if !finish() {
					return
				}
				r.line++
				s, _ := id.(string)
				cur, have, bad, first, n = metrics.Order{ID: s}, true, false, r.line, 1
				r.key = "order " + r.quote(oID)
				if err := readOrderHead(r, &cur); err != nil && !fail(err) {
					return
				}
			}
			if r.null(lOrderID) {
				if !fail(r.rowErr("orders", r.line, errors.New("an order without lines"))) {
					return
				}
				continue
			}
			r.sub++
			n++
			if bad {
				continue
			}
			l, err := readLine(r, cur.Currency)
			if err != nil {
				if !fail(err) {
					return
				}
				continue
			}
			cur.Lines = append(cur.Lines, l)
		}
		if err := rs.Err(); err != nil {
			yield(metrics.Order{}, fmt.Errorf("postgres: reading orders: %w", err))
			return
		}
		finish()
	}
}

func readOrderHead(r *row, o *metrics.Order) error {
	var err error
	if o.ID, err = r.required(oID); err != nil {
		return err
	}
	if o.CustomerID, err = r.text(oCustomer); err != nil {
		return err
	}
	if o.PlacedAt, err = r.time(oPlaced, false); err != nil {
		return err
	}
	if o.Channel, err = r.text(oChannel); err != nil {
		return err
	}
	o.Status = metrics.Paid
	if !r.null(oStatus) {
		s, _ := r.cells[oStatus].v.(string)
		st, ok := metrics.ParseOrderStatus(s)
		if !ok {
			return r.fail(oStatus, fmt.Errorf("%s: want placed, paid or cancelled", r.quote(oStatus)))
		}
		o.Status = st
	}
	if o.Currency, err = r.currency(oCurrency); err != nil {
		return err
	}
	if o.Discount, err = r.money(oDiscount, o.Currency, true); err != nil {
		return err
	}
	if o.Shipping, err = r.money(oShipping, o.Currency, true); err != nil {
		return err
	}
	if o.Tax, err = r.money(oTax, o.Currency, true); err != nil {
		return err
	}
	if o.Promotion, err = r.text(oPromotion); err != nil {
		return err
	}
	// The fulfilment columns, all optional (NULL is unknown); times out of
	// order are metrics.Validate's to report, with the order and field.
	for i, at := range [...]*time.Time{&o.PaidAt, &o.ShippedAt, &o.DeliveredAt, &o.PromisedBy} {
		if *at, err = r.time(oPaid+i, true); err != nil {
			return err
		}
	}
	if o.Carrier, err = r.text(oCarrier); err != nil {
		return err
	}
	if o.Region, err = r.text(oRegion); err != nil {
		return err
	}
	return nil
}

func readLine(r *row, c money.Currency) (metrics.Line, error) {
	key := r.key
	r.key = fmt.Sprintf("%s line %s", key, r.quote(lNo))
	defer func() { r.key = key }()
	var l metrics.Line
	var err error
	if l.SKU, err = r.required(lSKU); err != nil {
		return l, err
	}
	if l.Name, err = r.text(lName); err != nil {
		return l, err
	}
	if l.Category, err = r.text(lCategory); err != nil {
		return l, err
	}
	if l.Quantity, err = r.positive(lQuantity); err != nil {
		return l, err
	}
	if l.UnitPrice, err = r.money(lPrice, c, false); err != nil {
		return l, err
	}
	if l.Discount, err = r.money(lDiscount, c, true); err != nil {
		return l, err
	}
	if l.UnitCost, err = r.money(lCost, c, true); err != nil {
		return l, err
	}
	if l.Promotion, err = r.text(lPromotion); err != nil {
		return l, err
	}
	return l, nil
}
