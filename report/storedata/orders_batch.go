package storedata

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"slices"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// ReadOrderBatches reads the order-lines file as [ReadOrders] does, into
// batches of orders held as columns ([metrics.Orders]) of up to
// [Options].BatchSize orders: the fast path of the analyses. The batches
// of one reading share their dictionaries (CustomerIDs, Channels, SKUs,
// …), so that a customer or a SKU has the same number in every batch, and
// their Location is the store's zone ([Options].Location, UTC if nil).
//
// The orders of the batches, in order, are the orders ReadOrders yields,
// and the errors are its errors, at the same places: a batch is yielded
// when it is full, and before each error, so that the rows before the
// error are in the batches before it. Row i of a batch gives back, by
// Orders.Order(i), the order ReadOrders yields, but for the times'
// locations (Location, the same instants). One more kind of row is
// rejected: an order with a time that ReadOrders reads but a batch cannot
// hold (before 1678 or after 2261) is a *[ParseError] wrapping
// [ErrBatchRange], naming the order's first line and the column, and
// rejecting all its rows.
//
// With [Options].ReuseSlices the reader yields the same batch each time,
// emptied and refilled: a yielded batch is valid until the next one is
// yielded. By default each batch is a new one.
func ReadOrderBatches(r io.Reader, opts Options) iter.Seq2[*metrics.Orders, error] {
	return func(yield func(*metrics.Orders, error) bool) {
		ob := &orderBatches{opts: opts, size: opts.batchSize(), yield: yield}
		ob.dicts.Init()
		d := &ob.dicts
		ob.channel.d, ob.promotion.d, ob.carrierIx.d, ob.regionIx.d = d.Channels, d.Promotions, d.Carriers, d.Regions
		ob.sku.d, ob.name.d, ob.category.d = d.SKUs, d.Names, d.Categories
		ob.customers.d = d.CustomerIDs
		rowOpts := opts
		rowOpts.ReuseSlices = true // the lines are copied into the columns
		readOrders(r, rowOpts, ob.order, func(o *orderReader) {
			ob.r, o.batch = o, ob
			hint, ahead := sizeHint(r), o.t.cr.ahead()
			ob.last, ob.lastLines = firstBatch(ob.size, hint, ahead, o.ix.id == 0)
			d.CustomerIDs.Grow(customersHint(hint, ahead, o.ix.id == 0))
		})
		if !ob.stopped {
			ob.flush()
		}
	}
}

// orderBatches is the state of ReadOrderBatches: the batch being filled,
// and caches of the dictionaries' numbers.
type orderBatches struct {
	opts    Options
	size    int
	yield   func(*metrics.Orders, error) bool
	r       *orderReader
	b       *metrics.Orders // being filled; nil for none yet
	spare   *metrics.Orders // with ReuseSlices, the batch to fill again
	dicts   metrics.Orders  // only its dictionaries, which every batch shares
	stopped bool            // yield returned false

	last, lastLines int // the orders and lines of the batch yielded last

	channel, promotion, carrierIx, regionIx ptrIndex
	sku, name, category                     ptrIndex

	// The current order's cells as the fast path's memos hold them in
	// columns: the order's from the channel to the promotion (when
	// midKnown), and each line's so far (see pendRow for one that is not
	// known).
	mid        midCols
	midKnown   bool
	pend       []lineCols
	times      [5]int64 // the order's times in Unix ns (see batchTimes), when timesKnown
	timesKnown bool
	// direct says that the current order is all here, read by the fast
	// path straight into columns (with midKnown and timesKnown), and that
	// the reader's order holds only its ID and currency: its customer,
	// carrier and region are these numbers.
	direct                    bool
	customer, carrier, region int32

	delivery pairCache // the numbers of the carrier and region cells
	// customers finds the numbers of the customer IDs of direct orders
	// before the dictionary: a customer's orders often come within a few
	// thousand orders of one another (the demo store's 5,000 customers
	// order 17,259 times in each copy), and keyAhead touches only the
	// customers it misses.
	customers numCache
}

// pairCache finds the numbers of two cells that come together, a carrier
// and a region, by the bytes of their span (the two cells and the comma
// between them), before the dictionaries: a slot holds the span's bytes,
// up to pairMax, and the two numbers. A span that shares its slot with
// another only takes turns with it.
type pairCache struct {
	slots *[1 << pairBits]pairSlot
}

type pairSlot struct {
	n    int32 // the span's length; 0: none
	a, b int32
	span [pairMax]byte
}

const (
	pairBits = 8
	pairMax  = 52
)

// index returns the numbers in da and db of the two cells of span, the
// first of which ends at comma (-1 for an empty cell). span is not kept.
func (c *pairCache) index(span string, comma int, da, db *metrics.Dict) (a, b int32) {
	if len(span) > pairMax {
		return dictIndex(da, span[:comma]), dictIndex(db, span[comma+1:])
	}
	if c.slots == nil {
		c.slots = new([1 << pairBits]pairSlot)
	}
	e := &c.slots[cacheHash(span)>>(64-pairBits)]
	if int(e.n) == len(span) && textIs(unsafe.String(&e.span[0], len(span)), span) {
		return e.a, e.b
	}
	a, b = dictIndex(da, span[:comma]), dictIndex(db, span[comma+1:])
	e.n, e.a, e.b = int32(copy(e.span[:], span)), a, b
	return a, b
}

// lineCols is a line of an order in a batch's columns: what the memo of
// line cells ([tailEntry]) holds once converted.
type lineCols struct {
	sku, name, category, promotion int32
	quantity                       int64
	price, discount, cost          int64 // minor units
	known                          bool  // false: not converted, or not minor units
}

// midCols is an order's cells from the channel to the promotion in a
// batch's columns: what the memo of those cells ([orderMid]) holds once
// converted.
type midCols struct {
	channel, promotion      int32
	status                  metrics.OrderStatus
	discount, shipping, tax int64 // minor units
	known                   bool  // false: not converted, or not minor units
}

// exactMinor returns m in minor units of c when a column of Amounts holds
// it so (see metrics.Amounts.AppendExact).
func exactMinor(m money.Money, c money.Currency) (int64, bool) {
	v, ok := m.MinorIn(c)
	return v, ok && m == c.FromMinor(v)
}

// pendLine adds to the current order's lines the line read by the fast
// path: the memo's entry e's, or l when e is nil (a span the memo does not
// hold; lineCells leaves l unset for a batch when e is not nil). It adds
// it in columns, as the memo holds it once converted, or else as a line
// of lines, the reader's, for add to convert (see [orderBatches.pendRow]).
func (ob *orderBatches) pendLine(e *tailEntry, l *metrics.Line, lines *slab[metrics.Line]) {
	if e != nil {
		if e.col.known || ob.convertLine(e, &e.line) {
			ob.pend = append(ob.pend, e.col)
			return
		}
		l = &e.line
	}
	*lines.grow() = *l
	ob.pendRow(lines)
}

// pendRow adds to the current order's lines the last line of lines, the
// reader's: a line of pend that is not known is the line of the order's
// lines (x.Lines for add) whose index its sku holds.
func (ob *orderBatches) pendRow(lines *slab[metrics.Line]) {
	ob.pend = append(ob.pend, lineCols{sku: int32(lines.len() - 1)})
}

// convertLine converts the line l of the memo's entry e into columns, in
// e.col. It returns false, leaving e.col unknown, for amounts that are not
// minor units of the entry's currency.
func (ob *orderBatches) convertLine(e *tailEntry, l *metrics.Line) bool {
	c := e.cur
	price, ok1 := exactMinor(l.UnitPrice, c)
	discount, ok2 := exactMinor(l.Discount, c)
	cost, ok3 := exactMinor(l.UnitCost, c)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	e.col = lineCols{sku: ob.sku.index(l.SKU), name: ob.name.index(l.Name), category: ob.category.index(l.Category),
		promotion: ob.promotion.index(l.Promotion), quantity: l.Quantity, price: price, discount: discount, cost: cost, known: true}
	return true
}

// pendMid sets the current order's cells from the channel to the
// promotion, read by the fast path from the memo's m.
func (ob *orderBatches) pendMid(m *orderMid) {
	ob.midKnown = m.col.known || ob.convertMid(m)
	if ob.midKnown {
		ob.mid = m.col
	}
}

// convertMid converts m into columns, in m.col. It returns false, leaving
// m.col unknown, for amounts that are not minor units of m's currency.
func (ob *orderBatches) convertMid(m *orderMid) bool {
	c := m.cur
	discount, ok1 := exactMinor(m.discount, c)
	shipping, ok2 := exactMinor(m.shipping, c)
	tax, ok3 := exactMinor(m.tax, c)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	m.col = midCols{channel: ob.channel.index(m.channel), promotion: ob.promotion.index(m.promotion), status: m.status,
		discount: discount, shipping: shipping, tax: tax, known: true}
	return true
}

// pendTimes sets the current order's times, read by the fast path, in
// Unix ns (known), or says that the order's times give them (!known).
func (ob *orderBatches) pendTimes(ns [5]int64, known bool) {
	ob.times, ob.timesKnown = ns, known
}

// forget forgets the current order's cells.
func (ob *orderBatches) forget() {
	ob.pend, ob.midKnown, ob.timesKnown, ob.direct = ob.pend[:0], false, false, false
}

// order is the yield of the row reader: it yields the batch so far and
// then the error. The reader gives its orders to add instead.
func (ob *orderBatches) order(x metrics.Order, err error) bool {
	if err != nil {
		return ob.fail(err)
	}
	return ob.add(&x)
}

// add adds the order x, which the reader has read, to the batch. It
// returns false to stop.
func (ob *orderBatches) add(x *metrics.Order) bool {
	if b := ob.b; b != nil && len(b.Currencies) == 256 && !slices.Contains(b.Currencies, x.Currency) {
		// A batch holds at most 256 currencies: x starts the next one.
		if !ob.flush() {
			return false
		}
	}
	col, ok := ob.columns(x)
	ob.forget()
	if !ok {
		r := ob.r
		pe := &ParseError{File: ob.opts.file(), Line: r.first, Rows: r.n,
			Err: fmt.Errorf("%w: order %s: %s", ErrBatchRange, x.ID, batchTimes(x)[col].Format(time.RFC3339Nano))}
		if c := r.ix.head[batchTimeCols[col]]; c >= 0 { // a time that is set has its column
			pe.Column, pe.Name = c+1, orderCols[batchTimeCols[col]]
		}
		return ob.fail(pe) && !ob.opts.Strict
	}
	if ob.b.Len() >= ob.size || len(ob.b.SKU) >= 1<<30 {
		return ob.flush()
	}
	return true
}

// fail yields the batch so far, then err. It returns false to stop.
func (ob *orderBatches) fail(err error) bool {
	if !ob.flush() {
		return false
	}
	if !ob.yield(nil, err) {
		ob.stopped = true
		return false
	}
	return true
}

// flush yields the batch, if it holds an order. It returns false to stop.
func (ob *orderBatches) flush() bool {
	b := ob.b
	if b == nil || b.Len() == 0 {
		return true
	}
	ob.b, ob.last, ob.lastLines = nil, b.Len(), b.LineCount()
	if ob.opts.ReuseSlices {
		ob.spare = b
	}
	if !ob.yield(b, nil) {
		ob.stopped = true
		return false
	}
	return true
}

// batch returns the batch to fill.
func (ob *orderBatches) batch() *metrics.Orders {
	if ob.b != nil {
		return ob.b
	}
	if b := ob.spare; b != nil {
		b.Reset()
		b.Init()
		ob.b = b
		return b
	}
	d := &ob.dicts
	b := &metrics.Orders{CustomerIDs: d.CustomerIDs, Channels: d.Channels, Promotions: d.Promotions, Carriers: d.Carriers,
		Regions: d.Regions, SKUs: d.SKUs, Names: d.Names, Categories: d.Categories, Location: ob.opts.loc()}
	// Room for as many orders and lines as the last batch had.
	n := min(max(ob.last, 256), ob.size)
	b.Customer, b.Channel, b.Promotion = make([]int32, 0, n), make([]int32, 0, n), make([]int32, 0, n)
	b.Carrier, b.Region, b.LineStart = make([]int32, 0, n), make([]int32, 0, n), make([]int32, 0, n+1)
	b.Placed, b.Paid, b.Shipped = make([]int64, 0, n), make([]int64, 0, n), make([]int64, 0, n)
	b.Delivered, b.PromisedBy = make([]int64, 0, n), make([]int64, 0, n)
	b.Status, b.Currency = make([]metrics.OrderStatus, 0, n), make([]uint8, 0, n)
	b.Discount.Minor, b.Shipping.Minor, b.Tax.Minor = make([]int64, 0, n), make([]int64, 0, n), make([]int64, 0, n)
	if l := ob.lastLines; l > 0 {
		b.SKU, b.Name, b.Category, b.LinePromotion = make([]int32, 0, l), make([]int32, 0, l), make([]int32, 0, l), make([]int32, 0, l)
		b.Quantity, b.UnitPrice.Minor = make([]int64, 0, l), make([]int64, 0, l)
		b.LineDiscount.Minor, b.UnitCost.Minor = make([]int64, 0, l), make([]int64, 0, l)
	}
	b.Init()
	ob.b = b
	return b
}

// batchTimeCols are the indexes in orderCols of an order's times, in the
// order of batchTimes.
var batchTimeCols = [5]int{1, 9, 10, 11, 12}

// batchTimes returns the times of x: placed, paid, shipped,
// delivered and promised.
func batchTimes(x *metrics.Order) [5]time.Time {
	return [5]time.Time{x.PlacedAt, x.PaidAt, x.ShippedAt, x.DeliveredAt, x.PromisedBy}
}

// columns adds x to the batch's columns. It returns false, having added
// nothing, and the index in batchTimes of a time a batch cannot hold.
func (ob *orderBatches) columns(x *metrics.Order) (int, bool) {
	var own [5]int64
	times := &ob.times
	if !ob.timesKnown {
		times = &own
		var ok bool
		if times[0], ok = batchNanos(x.PlacedAt); !ok {
			return 0, false
		}
		if times[1], ok = batchNanos(x.PaidAt); !ok {
			return 1, false
		}
		if times[2], ok = batchNanos(x.ShippedAt); !ok {
			return 2, false
		}
		if times[3], ok = batchNanos(x.DeliveredAt); !ok {
			return 3, false
		}
		if times[4], ok = batchNanos(x.PromisedBy); !ok {
			return 4, false
		}
	}
	b := ob.batch()
	c := x.Currency
	b.IDs.Append(x.ID)
	if ob.direct {
		b.Customer = append(b.Customer, ob.customer)
	} else {
		b.Customer = append(b.Customer, dictIndex(b.CustomerIDs, x.CustomerID))
	}
	b.Placed = append(b.Placed, times[0])
	b.Paid = append(b.Paid, times[1])
	b.Shipped = append(b.Shipped, times[2])
	b.Delivered = append(b.Delivered, times[3])
	b.PromisedBy = append(b.PromisedBy, times[4])
	if n := len(b.Currencies); n > 0 && b.Currencies[n-1] == c {
		b.Currency = append(b.Currency, uint8(n-1))
	} else {
		b.Currency = append(b.Currency, b.CurrencyCode(c))
	}
	if m := &ob.mid; ob.midKnown {
		b.Channel = append(b.Channel, m.channel)
		b.Status = append(b.Status, m.status)
		b.Discount.AppendMinor(m.discount)
		b.Shipping.AppendMinor(m.shipping)
		b.Tax.AppendMinor(m.tax)
		b.Promotion = append(b.Promotion, m.promotion)
	} else {
		b.Channel = append(b.Channel, ob.channel.index(x.Channel))
		b.Status = append(b.Status, x.Status)
		b.Discount.AppendExact(x.Discount, c)
		b.Shipping.AppendExact(x.Shipping, c)
		b.Tax.AppendExact(x.Tax, c)
		b.Promotion = append(b.Promotion, ob.promotion.index(x.Promotion))
	}
	if ob.direct {
		b.Carrier = append(b.Carrier, ob.carrier)
		b.Region = append(b.Region, ob.region)
	} else {
		b.Carrier = append(b.Carrier, ob.carrierIx.index(x.Carrier))
		b.Region = append(b.Region, ob.regionIx.index(x.Region))
	}
	for i := range ob.pend {
		if p := &ob.pend[i]; p.known {
			b.SKU = append(b.SKU, p.sku)
			b.Name = append(b.Name, p.name)
			b.Category = append(b.Category, p.category)
			b.Quantity = append(b.Quantity, p.quantity)
			b.UnitPrice.AppendMinor(p.price)
			b.LineDiscount.AppendMinor(p.discount)
			b.UnitCost.AppendMinor(p.cost)
			b.LinePromotion = append(b.LinePromotion, p.promotion)
			continue
		}
		l := &x.Lines[ob.pend[i].sku]
		b.SKU = append(b.SKU, ob.sku.index(l.SKU))
		b.Name = append(b.Name, ob.name.index(l.Name))
		b.Category = append(b.Category, ob.category.index(l.Category))
		b.Quantity = append(b.Quantity, l.Quantity)
		b.UnitPrice.AppendExact(l.UnitPrice, c)
		b.LineDiscount.AppendExact(l.Discount, c)
		b.UnitCost.AppendExact(l.UnitCost, c)
		b.LinePromotion = append(b.LinePromotion, ob.promotion.index(l.Promotion))
	}
	b.LineStart = append(b.LineStart, int32(len(b.SKU)))
	return 0, true
}

// customersHint returns the room to make in the dictionary of customers
// of a reading of a file of fileSize bytes (0 if not known) whose first
// bytes are buf: a quarter of the orders the file holds, estimated as
// [firstBatch] does (about the orders per customer of the demo store's
// two years, 3.4), up to customersHintMax. A dictionary that is not
// grown to its size at once is rehashed at every doubling, and on a
// million orders that moved each customer twice, each move a random
// place in a table of megabytes: 6 % of a reading.
func customersHint(fileSize int64, buf []byte, idFirst bool) int {
	if fileSize <= 0 {
		return 0
	}
	return int(min(fileSize/orderBytes(buf, idFirst)/4, customersHintMax))
}

// customersHintMax bounds customersHint: a table of 96 MiB.
const customersHintMax = 3 << 20

// firstBatch returns the room to make in the first batch of a reading, in
// orders and lines, for a file of fileSize bytes (0 if not known) whose
// first bytes are buf: as many as the file holds, estimated from buf, up
// to size orders, so that the columns of a batch as large as the file
// allows are not grown again and again. With no size it returns 0, 0:
// the batch starts small.
func firstBatch(size int, fileSize int64, buf []byte, idFirst bool) (orders, lines int) {
	if fileSize <= 0 {
		return 0, 0
	}
	perOrder := orderBytes(buf, idFirst)
	orders = int(min(fileSize/perOrder+1, int64(size)))
	// The lines per order of buf, if it holds whole lines.
	if n := bytes.Count(buf, []byte{'\n'}); n > 0 {
		perLine := max(int64(bytes.LastIndexByte(buf, '\n')+1)/int64(n), 1)
		lines = int(min(int64(orders)*perOrder/perLine+1, 1<<30))
	} else {
		lines = orders
	}
	return orders, lines
}
