package csvio

import (
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// OrderLineColumns is the header of the order-lines file, in the order the
// writer uses. See the package documentation for each column's meaning.
var OrderLineColumns = []string{
	"order_id", "customer_id", "placed_at", "channel", "status", "currency",
	"order_discount", "shipping", "tax", "promotion",
	"sku", "name", "category", "quantity", "unit_price", "line_discount", "unit_cost", "line_promotion",
}

// orderCols are the order-level columns, repeated on each line of an order.
var orderCols = []string{"customer_id", "placed_at", "channel", "status", "currency", "order_discount", "shipping", "tax", "promotion"}

var requiredOrderCols = []string{"order_id", "placed_at", "currency", "sku", "quantity", "unit_price"}

// ReadOrders reads the order-lines file: one row per order line, the
// order's own columns repeated on each of its lines, and the lines of an
// order on consecutive rows. It yields each order once its last line has
// been read, holding only that order in memory (and the set of order IDs
// seen, to catch an order whose rows are not together).
//
// A bad row yields a *[ParseError] naming its line and column. An order
// with any bad row is rejected whole, so that no order is counted with
// some of its lines missing: after the errors of its rows, a last
// *ParseError says the order was rejected and how many rows it had. A row
// that cannot be assigned to an order (invalid CSV, wrong number of
// fields, empty order_id) may be a line of the order read just before it,
// so that order is rejected too.
func ReadOrders(r io.Reader, opts Options) iter.Seq2[metrics.Order, error] {
	return func(yield func(metrics.Order, error) bool) {
		t, err := open(r, opts, requiredOrderCols)
		if err != nil {
			yield(metrics.Order{}, err)
			return
		}
		var (
			cur       metrics.Order
			have, bad bool
			first, n  int
			head      [9]string
			seen      = map[string]int{}
			ix        = resolveOrderColumns(t)
		)
		// finish yields the current order, or its rejection.
		finish := func() bool {
			if !have {
				return true
			}
			have = false
			if bad {
				err := &ParseError{File: opts.file(), Line: first, Err: fmt.Errorf("order %s rejected: %d row(s) from line %d", cur.ID, n, first)}
				return yield(metrics.Order{}, err) && !opts.Strict
			}
			return yield(cur, nil)
		}
		fail := func(err error) bool {
			bad = true
			return yield(metrics.Order{}, err) && !opts.Strict
		}
		for {
			err := t.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if have {
					bad = true // the row may belong to the current order
				}
				if !yield(metrics.Order{}, err) || opts.Strict {
					return
				}
				continue
			}
			id := t.text(ix.id)
			if id == "" {
				bad = bad || have // the row may belong to the current order
				if !yield(metrics.Order{}, t.fail(ix.id, errors.New("empty"))) || opts.Strict {
					return
				}
				continue
			}
			if !have || id != cur.ID {
				if !finish() {
					return
				}
				if l, dup := seen[id]; dup {
					have, bad, first, n = true, true, t.line, 1
					cur = metrics.Order{ID: id}
					if !fail(t.rowErr(fmt.Errorf("order %s: its rows are not consecutive (first seen on line %d)", id, l))) {
						return
					}
					continue
				}
				seen[id] = t.line
				cur, have, bad, first, n = metrics.Order{ID: id}, true, false, t.line, 0
				for i, c := range ix.head {
					head[i] = t.raw(c)
				}
				if err := readOrderHead(t, &ix, &cur); err != nil && !fail(err) {
					return
				}
			} else {
				for i, c := range ix.head {
					if t.raw(c) != head[i] {
						if !fail(t.fail(c, fmt.Errorf("order %s: %q differs from %q on line %d", id, t.raw(c), head[i], first))) {
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
			line, err := readLine(t, &ix, cur.Currency)
			if err != nil {
				if !fail(err) {
					return
				}
				continue
			}
			cur.Lines = append(cur.Lines, line)
		}
		finish()
	}
}

// orderColumns holds the column indexes of the order-lines file, resolved
// once per file (-1 for an absent optional column).
type orderColumns struct {
	id, sku, name, cat, qty, price, ldisc, cost, lpromo int
	head                                                [9]int // orderCols
}

func resolveOrderColumns(t *table) orderColumns {
	ix := orderColumns{id: t.c("order_id"), sku: t.c("sku"), name: t.c("name"), cat: t.c("category"), qty: t.c("quantity"),
		price: t.c("unit_price"), ldisc: t.c("line_discount"), cost: t.c("unit_cost"), lpromo: t.c("line_promotion")}
	for i, c := range orderCols {
		ix.head[i] = t.c(c)
	}
	return ix
}

func readOrderHead(t *table, ix *orderColumns, o *metrics.Order) error {
	var err error
	h := &ix.head // customer_id, placed_at, channel, status, currency, order_discount, shipping, tax, promotion
	o.CustomerID = t.text(h[0])
	o.Channel = t.text(h[2])
	o.Promotion = t.text(h[8])
	if o.PlacedAt, err = t.timestamp(h[1], false); err != nil {
		return err
	}
	if s := t.raw(h[3]); s != "" {
		st, ok := metrics.ParseOrderStatus(s)
		if !ok {
			return t.fail(h[3], errors.New("want placed, paid or cancelled"))
		}
		o.Status = st
	} else {
		o.Status = metrics.Paid
	}
	if o.Currency, err = t.currency(h[4]); err != nil {
		return err
	}
	if o.Discount, err = t.money(h[5], o.Currency, true); err != nil {
		return err
	}
	if o.Shipping, err = t.money(h[6], o.Currency, true); err != nil {
		return err
	}
	if o.Tax, err = t.money(h[7], o.Currency, true); err != nil {
		return err
	}
	return nil
}

func readLine(t *table, ix *orderColumns, c money.Currency) (metrics.Line, error) {
	var l metrics.Line
	var err error
	if l.SKU, err = t.required(ix.sku); err != nil {
		return l, err
	}
	l.Name = t.text(ix.name)
	l.Category = t.text(ix.cat)
	l.Promotion = t.text(ix.lpromo)
	if l.Quantity, err = t.int(ix.qty); err != nil {
		return l, err
	}
	if l.UnitPrice, err = t.money(ix.price, c, false); err != nil {
		return l, err
	}
	if l.Discount, err = t.money(ix.ldisc, c, true); err != nil {
		return l, err
	}
	if l.UnitCost, err = t.money(ix.cost, c, true); err != nil {
		return l, err
	}
	return l, nil
}

// WriteOrders writes orders in the order-lines format, one row per line.
// An order without lines cannot be written in this format and is an error,
// as is an order without a currency or with an amount in another currency
// than the order's (the zero Money counts as zero in any currency).
func WriteOrders(w io.Writer, orders iter.Seq[metrics.Order]) error {
	cw := newWriter(w, OrderLineColumns)
	for o := range orders {
		if len(o.Lines) == 0 {
			return fmt.Errorf("csvio: order %s has no lines", o.ID)
		}
		if err := inCurrency(o.Currency, "order "+o.ID, o.Discount, o.Shipping, o.Tax); err != nil {
			return err
		}
		for _, l := range o.Lines {
			if err := inCurrency(o.Currency, "order "+o.ID+" sku "+l.SKU, l.UnitPrice, l.Discount, l.UnitCost); err != nil {
				return err
			}
		}
		head := []string{guard(o.ID), guard(o.CustomerID), stamp(o.PlacedAt), guard(o.Channel), o.Status.String(), o.Currency.Code(),
			amount(o.Discount), amount(o.Shipping), amount(o.Tax), guard(o.Promotion)}
		for _, l := range o.Lines {
			cw.row(append(head[:len(head):len(head)], guard(l.SKU), guard(l.Name), guard(l.Category), itoa(l.Quantity),
				amount(l.UnitPrice), amount(l.Discount), amount(l.UnitCost), guard(l.Promotion)))
		}
	}
	return cw.close()
}
