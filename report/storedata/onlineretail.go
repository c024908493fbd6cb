package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// RetailRecord is one item of the UCI Online Retail file: exactly one of
// its fields is set.
type RetailRecord struct {
	Order      *metrics.Order        // an invoice
	Refund     *metrics.Refund       // a cancellation invoice (InvoiceNo with a C prefix)
	Adjustment *inventory.Adjustment // a negative quantity without a C prefix: a stock adjustment
}

// ReadOnlineRetail reads the UCI "Online Retail" file (Chen, Sain & Guo
// 2012; columns InvoiceNo, StockCode, Description, Quantity, InvoiceDate,
// UnitPrice, CustomerID, Country) and maps it onto the shopmetrics model:
//
//   - an invoice becomes an order in GBP, paid, placed at its InvoiceDate
//     read in zone (the data is UK local time) and converted to the store's
//     Location; its Country becomes the order's Channel;
//   - an invoice whose number starts with C becomes a refund of
//     Σ |quantity| × unit price, dated at the cancellation. The data does
//     not link a cancellation to the invoice it cancels, so the refund's
//     OrderID is the cancellation's own number, and its lines are marked
//     not restocked (no order, no unit cost to take out of COGS);
//   - a row with a negative quantity and no C prefix (UnitPrice 0, no
//     customer: damages, "check", …) becomes an inventory adjustment;
//   - an empty CustomerID makes a guest order (CustomerID ""), and the
//     float form "17850.0" becomes "17850";
//   - the three "Adjust bad debt" rows (InvoiceNo with an A prefix) are
//     accounting entries, not sales: each is reported as a *ParseError and
//     counted as rejected;
//   - exact duplicate rows are kept, as the data's README allows that they
//     are repeated scans.
//
// The rows of an invoice must be consecutive, as they are in the file.
func ReadOnlineRetail(r io.Reader, zone *time.Location, opts Options) iter.Seq2[RetailRecord, error] {
	return func(yield func(RetailRecord, error) bool) {
		if zone == nil {
			yield(RetailRecord{}, errors.New("storedata: ReadOnlineRetail needs the data's time zone (Europe/London)"))
			return
		}
		t, err := open(r, opts, "", retailColumns, retailColumns)
		if err != nil {
			yield(RetailRecord{}, err)
			return
		}
		gbp := money.MustCurrency("GBP")
		var (
			order  *metrics.Order  // the open invoice
			refund *metrics.Refund // the open cancellation
			total  money.Sum       // its amount
			seen   = map[string]int{}
		)
		flushOrder := func() bool {
			o := order
			order = nil
			if o == nil || len(o.Lines) == 0 {
				return true
			}
			return yield(RetailRecord{Order: o}, nil)
		}
		flushRefund := func() bool {
			f := refund
			if f == nil {
				return true
			}
			f.Amount = total.Total(gbp)
			refund, total = nil, money.Sum{}
			return yield(RetailRecord{Refund: f}, nil)
		}
		flush := func() bool { return flushOrder() && flushRefund() }
		bad := func(err error) bool { return yield(RetailRecord{}, t.row(err)) && !opts.Strict }
		for {
			err := t.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if !bad(err) {
					return
				}
				continue
			}
			if err := t.checkText(); err != nil {
				if !bad(err) {
					return
				}
				continue
			}
			no := t.raw(t.c("InvoiceNo"))
			qty, err := t.int(t.c("Quantity"))
			if err != nil {
				if !bad(err) {
					return
				}
				continue
			}
			price, err := t.money(t.c("UnitPrice"), gbp, false)
			if err != nil {
				if !bad(err) {
					return
				}
				continue
			}
			at, err := time.ParseInLocation("2006-01-02 15:04:05", t.raw(t.c("InvoiceDate")), zone)
			if err != nil {
				if !bad(t.fail(t.c("InvoiceDate"), errors.New("want YYYY-MM-DD HH:MM:SS"))) {
					return
				}
				continue
			}
			at = at.In(opts.loc())
			// An invoice stays open until another invoice of its kind
			// starts: the file has a cancellation's rows in the middle of
			// invoice 542806, which is still one order.
			isRefund := strings.HasPrefix(no, "C")
			switch {
			case isRefund && refund != nil && refund.ID != no:
				if !flushRefund() {
					return
				}
			case !isRefund && qty >= 0 && order != nil && order.ID != no:
				if !flush() {
					return
				}
			}
			if (isRefund && refund == nil) || (!isRefund && qty >= 0 && order == nil) {
				if l, dup := seen[no]; dup {
					if !bad(t.rowErr(fmt.Errorf("invoice %s: its rows are not together (first seen on line %d)", no, l))) {
						return
					}
					continue
				}
				seen[no] = t.line
			}
			sku := strings.TrimSpace(t.raw(t.c("StockCode")))
			switch {
			case strings.HasPrefix(no, "A"):
				if !bad(t.rowErr(fmt.Errorf("invoice %s is a bad-debt adjustment, not a sale", no))) {
					return
				}
			case strings.HasPrefix(no, "C"):
				if refund == nil {
					refund = &metrics.Refund{ID: no, OrderID: no, At: at, Reason: "cancellation"}
				}
				if qty > 0 {
					qty = -qty // all cancellation rows are negative in the data; be safe
				}
				refund.Lines = append(refund.Lines, metrics.ReturnedLine{SKU: sku, Quantity: -qty})
				total.Add(price.Mul(-qty))
			case qty < 0:
				a := &inventory.Adjustment{SKU: sku, Day: at, Quantity: qty, Reason: strings.TrimSpace(t.raw(t.c("Description")))}
				if !yield(RetailRecord{Adjustment: a}, nil) {
					return
				}
			default:
				if order == nil {
					cust := strings.TrimSuffix(t.raw(t.c("CustomerID")), ".0")
					order = &metrics.Order{ID: no, CustomerID: cust, PlacedAt: at, Channel: t.raw(t.c("Country")), Status: metrics.Paid, Currency: gbp,
						Discount: gbp.Zero(), Shipping: gbp.Zero(), Tax: gbp.Zero()}
				}
				order.Lines = append(order.Lines, metrics.Line{SKU: sku, Name: strings.TrimSpace(t.raw(t.c("Description"))), Quantity: qty,
					UnitPrice: price, Discount: gbp.Zero(), UnitCost: gbp.Zero()})
			}
		}
		flush()
	}
}

var retailColumns = []string{"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"}
