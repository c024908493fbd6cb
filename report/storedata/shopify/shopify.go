package shopify

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Required columns of an orders export. The others that the reader uses
// (Email, Paid at, Cancelled at, Subtotal, Shipping, Taxes, Discount
// Code, Discount Amount, Lineitem sku, Lineitem discount, Refunded
// Amount, Source) are optional; every other column is ignored.
var Required = []string{"Name", "Financial Status", "Currency", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price"}

// TimeLayout is the layout of the export's times, such as
// "2019-11-11 20:00:00 +0800".
const TimeLayout = "2006-01-02 15:04:05 -0700"

// Sentinel errors, wrapped by a *storedata.ParseError.
var (
	// ErrFinancialStatus: a Financial Status this reader does not know.
	ErrFinancialStatus = errors.New("shopify: unknown financial status")
	// ErrDiscount: the line discounts of an order exceed its Discount
	// Amount, or a discount exceeds what it discounts (a line discount its
	// line, the Discount Amount the order's line items).
	ErrDiscount = errors.New("shopify: discounts do not add up")
)

// Order is one order of the export with the amount refunded on it.
type Order struct {
	metrics.Order
	// Refunded is the Refunded Amount: zero when the column is absent or
	// empty.
	Refunded money.Money
}

// Refund returns the refund of the order's Refunded Amount, and false
// when nothing was refunded. The export does not say when the money was
// refunded, nor which lines were returned: the refund is dated at the
// order's creation, has the ID of the order followed by "/refund", no
// lines, and the reason "shopify export". A review that uses it counts
// the refund in the period of the order, which may be earlier than the
// real refund.
func (o Order) Refund() (metrics.Refund, bool) {
	if !o.Refunded.IsPositive() {
		return metrics.Refund{}, false
	}
	return metrics.Refund{ID: o.ID + "/refund", OrderID: o.ID, At: o.PlacedAt, Amount: o.Refunded, Reason: "shopify export"}, true
}

// ReadOrders reads a Shopify orders export ("Export orders" in the
// Shopify admin, a CSV file with one row per line item), one [Order] per
// order. See the package documentation for the mapping.
//
// The rows of an order must be consecutive, as the export writes them;
// the order-level cells are read from the order's first row and ignored
// on the others. An order is yielded once its last row has been read,
// so memory holds one order (and the set of names seen).
//
// A bad row is a *storedata.ParseError with its line and column, and
// rejects its whole order, so that no order is counted with lines
// missing: after the errors of its rows, a last *storedata.ParseError says
// the order was rejected and how many rows it had (see
// storedata.ParseError.Rows). Problems: an empty Name or Lineitem name, a
// time that is not "2019-11-11 20:00:00 +0800", an unknown currency or
// financial status, an amount that is not a plain decimal or is negative,
// a quantity that is not a whole number above zero, discounts that do
// not add up ([ErrDiscount]), an order whose rows are not
// together (storedata.ErrDuplicateID), text that is not UTF-8. Lenient
// reading (the default) reports them and goes on; opts.Strict stops at
// the first. A file without a required column is one
// *storedata.FileError.
func ReadOrders(r io.Reader, opts storedata.Options) iter.Seq2[Order, error] {
	return func(yield func(Order, error) bool) {
		t, err := csvtable.Open(r, opts, Required, nil)
		if err != nil {
			yield(Order{}, err)
			return
		}
		loc := csvtable.Location(opts)
		var (
			cur       Order
			have, bad bool
			first, n  int
			discount  money.Money // the order's Discount Amount
			seen      = map[string]int{}
		)
		finish := func() bool {
			if !have {
				return true
			}
			have = false
			if !bad {
				bad = !orderDiscount(&cur, discount)
				if bad && !yield(Order{}, &storedata.ParseError{File: t.File(), Line: first, Column: t.ColumnNumber("Discount Amount"), Name: "Discount Amount",
					Err: fmt.Errorf("%w: order %s: the Discount Amount %s is less than the line discounts or more than the line items", ErrDiscount, cur.ID, discount.Amount())}) {
					return false
				}
			}
			if bad {
				err := &storedata.ParseError{File: t.File(), Line: first, Rows: n, Err: fmt.Errorf("order %s rejected: %d row(s) from line %d", cur.ID, n, first)}
				return yield(Order{}, err) && !opts.Strict
			}
			return yield(cur, nil)
		}
		fail := func(err error) bool {
			bad = true
			var pe *storedata.ParseError
			if errors.As(err, &pe) && have {
				pe.Rows = 0 // the order's rejection counts the rows
			}
			return yield(Order{}, err) && !opts.Strict
		}
		for {
			err := t.Next()
			if err == io.EOF {
				break
			}
			name := ""
			if err == nil {
				name = t.Get("Name")
				if name == "" {
					err = t.Fail("Name", errors.New("empty"))
				}
			}
			if err != nil {
				// The row may be a line of the open order: reject it too.
				if have {
					n++
				}
				if !fail(err) || t.Fatal() {
					return
				}
				continue
			}
			if !have || name != cur.ID {
				if !finish() {
					return
				}
				have, bad, first, n = true, false, t.Line(), 0
				cur = Order{Order: metrics.Order{ID: name}}
				if l, dup := seen[name]; dup {
					n = 1
					if !fail(t.Fail("Name", fmt.Errorf("%w: order %s: its rows are not together (first on line %d)", storedata.ErrDuplicateID, name, l))) {
						return
					}
					continue
				}
				seen[name] = t.Line()
				if discount, err = head(t, loc, &cur); err != nil {
					n = 1
					if !fail(err) {
						return
					}
					continue
				}
			}
			n++
			if bad {
				continue
			}
			l, err := line(t, cur.Currency)
			if err != nil {
				if !fail(err) {
					return
				}
				continue
			}
			cur.Lines = append(cur.Lines, l)
		}
		finish()
	}
}

// head reads the order-level cells of an order's first row into o and
// returns its Discount Amount.
func head(t *csvtable.Table, loc *time.Location, o *Order) (money.Money, error) {
	c, err := money.ParseCurrency(t.Get("Currency"))
	if err != nil {
		return money.Money{}, t.Fail("Currency", fmt.Errorf("%q: want an ISO 4217 code", t.Get("Currency")))
	}
	o.Currency = c
	at, perr := time.Parse(TimeLayout, t.Get("Created at"))
	if perr != nil || at.Year() < 1000 || at.Year() > 9999 {
		return money.Money{}, t.Fail("Created at", fmt.Errorf("%q: want a time such as 2019-11-11 20:00:00 +0800", t.Get("Created at")))
	}
	o.PlacedAt = at.In(loc)
	fs := t.Get("Financial Status")
	switch fs {
	case "paid", "partially_refunded", "refunded":
		o.Status = metrics.Paid
	case "pending", "authorized", "partially_paid":
		o.Status = metrics.Placed
	case "voided":
		o.Status = metrics.Cancelled
	default:
		return money.Money{}, t.Fail("Financial Status", fmt.Errorf("%w %q", ErrFinancialStatus, fs))
	}
	if t.Get("Cancelled at") != "" {
		if _, err := time.Parse(TimeLayout, t.Get("Cancelled at")); err != nil {
			return money.Money{}, t.Fail("Cancelled at", fmt.Errorf("%q: want a time such as 2019-11-11 20:00:00 +0800", t.Get("Cancelled at")))
		}
		o.Status = metrics.Cancelled
	}
	o.CustomerID = strings.ToLower(t.Get("Email"))
	o.Promotion = t.Get("Discount Code")
	o.Channel = t.Get("Source")
	var amt [4]money.Money
	for i, col := range [...]string{"Shipping", "Taxes", "Discount Amount", "Refunded Amount"} {
		if amt[i], err = amount(t, col, c); err != nil {
			return money.Money{}, err
		}
	}
	o.Shipping, o.Tax, o.Refunded = amt[0], amt[1], amt[3]
	return amt[2], nil
}

// line reads the line-item cells of a row.
func line(t *csvtable.Table, c money.Currency) (metrics.Line, error) {
	var l metrics.Line
	var err error
	if l.Name, err = t.Required("Lineitem name"); err != nil {
		return l, err
	}
	if l.SKU = t.Get("Lineitem sku"); l.SKU == "" {
		l.SKU = l.Name
	}
	q, perr := strconv.ParseInt(t.Get("Lineitem quantity"), 10, 64)
	if perr != nil || q < 1 {
		return l, t.Fail("Lineitem quantity", fmt.Errorf("%q: want a whole number above zero", t.Get("Lineitem quantity")))
	}
	l.Quantity = q
	if l.UnitPrice, err = amount(t, "Lineitem price", c); err != nil {
		return l, err
	}
	if l.Discount, err = amount(t, "Lineitem discount", c); err != nil {
		return l, err
	}
	switch cmp, err := l.Discount.Cmp(l.UnitPrice.Mul(q)); {
	case err != nil: // both amounts are read in c: a bug of ours
		return l, t.Fail("Lineitem discount", err)
	case cmp > 0:
		return l, t.Fail("Lineitem discount", fmt.Errorf("%w: %s off a line of %s", ErrDiscount, l.Discount.Amount(), l.UnitPrice.Mul(q).Amount()))
	}
	l.UnitCost = c.Zero()
	return l, nil
}

// amount reads a non-negative amount in c; an empty cell, or a column
// the file does not have, is zero.
func amount(t *csvtable.Table, col string, c money.Currency) (money.Money, error) {
	v := t.Get(col)
	if v == "" {
		return c.Zero(), nil
	}
	m, err := c.Parse(v)
	if err != nil || m.IsNegative() {
		return money.Money{}, t.Fail(col, fmt.Errorf("%q: want a plain decimal amount such as 19.99, not negative", v))
	}
	return m, nil
}

// orderDiscount sets the order-level discount: the Discount Amount less
// the line discounts, which it includes. It reports false when the line
// discounts exceed it, or it exceeds the order's gross.
func orderDiscount(o *Order, total money.Money) bool {
	var lines, gross money.Sum
	for _, l := range o.Lines {
		lines.Add(l.Discount)
		gross.Add(l.UnitPrice.Mul(l.Quantity))
	}
	d, err := total.Sub(lines.Total(o.Currency))
	if err != nil || d.IsNegative() {
		return false
	}
	if c, err := total.Cmp(gross.Total(o.Currency)); err != nil || c > 0 {
		return false
	}
	o.Discount = d
	return true
}
