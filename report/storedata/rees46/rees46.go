package rees46

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Columns is the header of a REES46 file, in the publisher's order. All
// of them are required, as every one maps to a field or a property.
var Columns = []string{"event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price", "user_id", "user_session"}

// Event names, in the vocabulary of the review's funnel (report.Config),
// for the REES46 event types view, cart, remove_from_cart and purchase.
const (
	PageView       = "page_view"        // view
	AddToCart      = "add_to_cart"      // cart
	RemoveFromCart = "remove_from_cart" // remove_from_cart
	Purchase       = "purchase"         // purchase
)

var eventNames = map[string]string{"view": PageView, "cart": AddToCart, "remove_from_cart": RemoveFromCart, "purchase": Purchase}

// Property keys of the events, besides funnel.PropSession.
const (
	PropProduct      = "product_id"
	PropCategory     = "category_id"
	PropCategoryCode = "category_code"
	PropBrand        = "brand"
	PropPrice        = "price"
)

// OrderGap is how long after the last purchase of a session its order is
// closed: a purchase of the same session that comes later starts another
// order.
const OrderGap = 30 * time.Minute

// Currency is the currency of REES46 prices. The publisher does not state
// it; USD is the usual reading.
var Currency = money.MustCurrency("USD")

// Sentinel errors of bad rows, wrapped by a *storedata.ParseError.
var (
	// ErrEventType: event_type is not view, cart, remove_from_cart or purchase.
	ErrEventType = errors.New("rees46: unknown event type")
	// ErrPrice: a purchase without a positive price, or a price that is
	// not a decimal amount.
	ErrPrice = errors.New("rees46: bad price")
)

// timeLayout is the layout of event_time, such as "2019-10-01 00:00:00 UTC".
const timeLayout = "2006-01-02 15:04:05 UTC"

// row is one parsed row.
type row struct {
	at                                  time.Time
	name                                string
	product, category, code, brand, raw string // raw: the price as written
	price                               money.Money
	user, session                       string
}

// parse parses the current record of t. Every row is checked in full,
// whichever reader reads it, so that ReadEvents and ReadOrders reject the
// same rows.
func parse(t *csvtable.Table, loc *time.Location) (row, error) {
	var r row
	var err error
	at, perr := time.Parse(timeLayout, t.Get("event_time"))
	if perr != nil {
		return r, t.Fail("event_time", fmt.Errorf("%q: want YYYY-MM-DD HH:MM:SS UTC", t.Get("event_time")))
	}
	r.at = at.In(loc)
	typ := t.Get("event_type")
	if r.name = eventNames[typ]; r.name == "" {
		return r, t.Fail("event_type", fmt.Errorf("%w %q", ErrEventType, typ))
	}
	if r.product, err = t.Required("product_id"); err != nil {
		return r, err
	}
	if r.user, err = t.Required("user_id"); err != nil {
		return r, err
	}
	r.category, r.code, r.brand, r.session = t.Get("category_id"), t.Get("category_code"), t.Get("brand"), t.Get("user_session")
	r.raw = t.Get("price")
	switch {
	case r.raw != "":
		if r.price, err = Currency.Parse(r.raw); err != nil || r.price.IsNegative() {
			return r, t.Fail("price", fmt.Errorf("%w %q: want a decimal amount, not negative", ErrPrice, r.raw))
		}
		if typ == "purchase" && !r.price.IsPositive() {
			return r, t.Fail("price", fmt.Errorf("%w: a purchase at %s", ErrPrice, r.raw))
		}
	case typ == "purchase":
		return r, t.Fail("price", fmt.Errorf("%w: a purchase without a price", ErrPrice))
	}
	return r, nil
}

// scan reads the file and calls each for every good row and bad for every
// error; it stops when either returns false, and after the first error in
// strict mode or after a failure of the reader. It reports whether it
// read the whole file.
func scan(r io.Reader, opts storedata.Options, each func(row) bool, bad func(error) bool) bool {
	t, err := csvtable.Open(r, opts, Columns, nil)
	if err != nil {
		bad(err)
		return false
	}
	loc := csvtable.Location(opts)
	for {
		err := t.Next()
		if err == io.EOF {
			return true
		}
		var rw row
		if err == nil {
			rw, err = parse(t, loc)
		}
		if err != nil {
			if !bad(err) || opts.Strict || t.Fatal() {
				return false
			}
			continue
		}
		if !each(rw) {
			return false
		}
	}
}

// ReadEvents reads a REES46 events file, one funnel.Event per row, in
// file order (the publisher's files are sorted by time). The event's name
// is the event type in the review's vocabulary ([PageView], [AddToCart],
// [RemoveFromCart], [Purchase]); its time is event_time (UTC) in the
// store's zone, opts.Location; user_session becomes the property
// funnel.PropSession, and product_id, category_id, category_code, brand
// and price become properties of those names, each only when its cell is
// not empty. The product_id is also the event's funnel.PropSKU, the SKU
// of the orders of [ReadOrders], for the detail-page conversion of each
// product (package funnel/detail).
//
// A bad row is a *storedata.ParseError with its line and column: a time
// that is not "2019-10-01 00:00:00 UTC", an unknown event type, an empty
// user_id or product_id, a price that is not a plain decimal or is
// negative, a purchase without a positive price ([ErrPrice]), text that
// is not UTF-8. Lenient reading (the default) reports it and goes on;
// opts.Strict stops at the first. A problem of the whole file (empty,
// missing column) is a *storedata.FileError and the only value yielded.
func ReadEvents(r io.Reader, opts storedata.Options) iter.Seq2[funnel.Event, error] {
	return func(yield func(funnel.Event, error) bool) {
		// scan's result (whether it read to the end) is no error: its
		// errors go to yield.
		scan(r, opts, func(rw row) bool {
			e := funnel.Event{UserID: rw.user, Time: rw.at, Name: rw.name, Props: make([]funnel.Prop, 0, 7)}
			for _, p := range [...]funnel.Prop{{Key: funnel.PropSession, Value: rw.session}, {Key: PropProduct, Value: rw.product},
				{Key: funnel.PropSKU, Value: rw.product},
				{Key: PropCategory, Value: rw.category}, {Key: PropCategoryCode, Value: rw.code}, {Key: PropBrand, Value: rw.brand}, {Key: PropPrice, Value: rw.raw}} {
				if p.Value != "" {
					e.Props = append(e.Props, p)
				}
			}
			return yield(e, nil)
		}, func(err error) bool { return yield(funnel.Event{}, err) })
	}
}

// ReadOrders reads the purchases of a REES46 events file as orders.
//
// The data has no order ID and no quantity: each purchase row is one unit
// of one product. The purchases of one user session (user_id and
// user_session) form one order, in USD ([Currency]), paid, placed at the
// time of its first purchase, with the user as its customer and the
// session as its ID. A session's purchases of one product at one price
// are one line with their count as the quantity; the line's SKU is the
// product_id, its name the brand, its category the category_code (the
// category_id when the code is empty). The data has no costs, shipping,
// tax or discounts: those are zero, so a review's gross margin from this
// data is not meaningful.
//
// Reading streams: an order is yielded when the file's clock (the latest
// event_time read) is more than [OrderGap] past its last purchase, or at
// the end of the file, so memory holds only the orders still open. A
// purchase of a session whose order was closed starts a new order, whose
// ID is the session followed by "#2", "#3", …; a purchase without a
// session is an order of its own, whose ID is the user and the time. The
// orders come in the order they were closed.
//
// Every row is checked as [ReadEvents] checks it, so both reject the same
// rows with the same errors; a rejected purchase row is left out of its
// order, which keeps its other rows.
func ReadOrders(r io.Reader, opts storedata.Options) iter.Seq2[metrics.Order, error] {
	return func(yield func(metrics.Order, error) bool) {
		type open struct {
			o    *metrics.Order
			last time.Time
		}
		var (
			opened = map[string]*open{} // by user and session
			queue  []string             // keys of opened, in order of opening
			times  = map[string]int{}   // orders made of each session so far
			clock  time.Time
		)
		// flush yields the orders closed by the clock (all of them if all).
		flush := func(all bool) bool {
			kept := queue[:0]
			for i, k := range queue {
				op := opened[k]
				if !all && clock.Sub(op.last) <= OrderGap {
					kept = append(kept, k)
					continue
				}
				delete(opened, k)
				if !yield(*op.o, nil) {
					queue = append(kept, queue[i+1:]...)
					return false
				}
			}
			queue = kept
			return true
		}
		whole := scan(r, opts, func(rw row) bool {
			if rw.at.After(clock) {
				clock = rw.at
				if !flush(false) {
					return false
				}
			}
			if rw.name != Purchase {
				return true
			}
			key := rw.user + "\x00" + rw.session
			if rw.session == "" {
				key += "\x00" + rw.at.String()
			}
			op := opened[key]
			if op == nil {
				id := rw.session
				if id == "" {
					id = rw.user + "@" + rw.at.UTC().Format(time.RFC3339)
				}
				times[key]++
				if n := times[key]; n > 1 {
					id = fmt.Sprintf("%s#%d", id, n)
				}
				op = &open{o: &metrics.Order{ID: id, CustomerID: rw.user, PlacedAt: rw.at, Status: metrics.Paid, Currency: Currency,
					Discount: Currency.Zero(), Shipping: Currency.Zero(), Tax: Currency.Zero()}}
				opened[key] = op
				queue = append(queue, key)
			}
			op.last = rw.at
			for i := range op.o.Lines {
				if l := &op.o.Lines[i]; l.SKU == rw.product && l.UnitPrice.Equal(rw.price) {
					l.Quantity++
					return true
				}
			}
			cat := rw.code
			if cat == "" {
				cat = rw.category
			}
			op.o.Lines = append(op.o.Lines, metrics.Line{SKU: rw.product, Name: rw.brand, Category: cat, Quantity: 1,
				UnitPrice: rw.price, Discount: Currency.Zero(), UnitCost: Currency.Zero()})
			return true
		}, func(err error) bool { return yield(metrics.Order{}, err) })
		if whole { // not after a stop, a strict error or a failed read: the open orders may lack rows
			flush(true)
		}
	}
}

// Funnel returns the funnel of a REES46 review: page_view → add_to_cart →
// purchase per user, with the defaults of funnel.Config. Many REES46
// purchases have no cart event before them (9 of the 10 in the first
// 1,000 rows): the funnel counts them at the view step only.
func Funnel() funnel.Config {
	return funnel.Config{Steps: []funnel.Step{{Name: PageView}, {Name: AddToCart}, {Name: Purchase}}}
}
