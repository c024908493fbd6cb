package storedata

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// OrderLineColumns is the header of the order-lines file, in the order the
// writer uses. See the package documentation for each column's meaning.
var OrderLineColumns = []string{
	"order_id", "customer_id", "placed_at", "channel", "status", "currency",
	"order_discount", "shipping", "tax", "promotion",
	"paid_at", "shipped_at", "delivered_at", "promised_by", "carrier", "region",
	"sku", "name", "category", "quantity", "unit_price", "line_discount", "unit_cost", "line_promotion",
}

// orderCols are the order-level columns, repeated on each line of an order.
var orderCols = [...]string{"customer_id", "placed_at", "channel", "status", "currency", "order_discount", "shipping", "tax", "promotion",
	"paid_at", "shipped_at", "delivered_at", "promised_by", "carrier", "region"}

// orderTextCols are the text columns, whose cells checkText checks. The
// other cells are parsed, and a value that does not parse is quoted in
// the error, so no raw control character passes.
var orderTextCols = []string{"order_id", "customer_id", "channel", "promotion", "carrier", "region", "sku", "name", "category", "line_promotion"}

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
//
// A row that repeats the row before it exactly is skipped with an
// ErrDuplicateRow error (strict mode stops there), and its order keeps its
// other lines: an order with two units of a SKU has one line of quantity
// 2. An order whose rows are not together is an ErrDuplicateID error.
func ReadOrders(r io.Reader, opts Options) iter.Seq2[metrics.Order, error] {
	return func(yield func(metrics.Order, error) bool) { readOrders(r, opts, yield, nil) }
}

// readOrders is ReadOrders, yielding to yield; start, when not nil, is
// given the reader before it reads the first row.
func readOrders(r io.Reader, opts Options, yield func(metrics.Order, error) bool, start func(*orderReader)) {
	t, err := open(r, opts, kindOrderLines, requiredOrderCols, orderTextCols)
	if err != nil {
		yield(metrics.Order{}, err)
		return
	}
	o := &orderReader{t: t, opts: opts, yield: yield, ix: resolveOrderColumns(t)}
	if start != nil {
		start(o)
	}
	o.seen = newIDSet(int(sizeHint(r) / orderBytes(t.cr.ahead(), o.ix.id == 0) * 9 / 8))
	if !opts.exact && t.enc == encUTF8 && slices.Equal(t.names, OrderLineColumns) {
		// Memos and caches sized for the input, when it is small.
		b := memoBits(t.size, 12)
		o.fast = &fastOrders{channel: spanCache{size: 1 << min(b, 6)}, delivery: spanCache{size: 1 << min(b, 8)},
			product: spanCache{size: 1 << min(b, 10)}}
		o.fast.tails.init(b)
		o.fast.mids.init(b)
		t.cr.cut.setWidth(nOrderCols)
		t.cr.keep = o.keepViews
	}
	defer o.seen.free()
	o.run()
}

// orderReader is the state of ReadOrders over one file.
type orderReader struct {
	t     *table
	opts  Options
	yield func(metrics.Order, error) bool
	ix    orderColumns

	cur       metrics.Order
	have, bad bool
	first, n  int
	head      []byte // the order's cells of its first row: its bytes from the first to the last when headRaw, else back to back; maybe a view of the buffer (see keepViews)
	headOwn   []byte // the room head is copied into
	headRaw   bool
	headSpan  [len(orderCols)][2]int // the start and end of each cell in head, unless headRaw (see headCell)
	seen      *idSet
	lines     slab[metrics.Line] // the current order's
	fast      *fastOrders        // the fast path's state, or nil for a file it cannot read
	batch     *orderBatches      // ReadOrderBatches's state, or nil
	scan      *orderScan         // Dir's first reading's count, or nil (see orderScan)
	keyedSeq  int                // the batch of lines cut ahead whose order IDs have their keys
	id        []byte             // the room for the current order's ID, when ReadOrderBatches takes it straight into columns (cur.ID is a view of it or of the buffer)
}

// keepViews copies what the fast path holds as views of the records'
// buffer, which stay valid only until its bytes move (records.keep): the
// current order's head cells, the line cells of the row before, and the
// ID of an order that ReadOrderBatches takes straight into columns. The
// fast path takes them as views of the line it read, and most orders end
// before the buffer moves: a copy per order (of 190 bytes for the demo
// store's head) is made once a buffer of them instead.
func (o *orderReader) keepViews() {
	in := o.t.cr.in
	if within(o.head, in) {
		o.headOwn = append(o.headOwn[:0], o.head...)
		o.head = o.headOwn
	}
	if f := o.fast; f != nil && within(f.tail, in) {
		f.tailOwn = append(f.tailOwn[:0], f.tail...)
		f.tail = f.tailOwn
	}
	if id := o.cur.ID; within(unsafe.Slice(unsafe.StringData(id), len(id)), in) {
		o.id = append(o.id[:0], id...)
		o.cur.ID = unsafe.String(unsafe.SliceData(o.id), len(o.id))
	}
}

// within reports whether b is a view of bytes of buf.
func within(b, buf []byte) bool {
	if len(b) == 0 || len(buf) == 0 {
		return false
	}
	p, s := uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	return p >= s && p-s < uintptr(len(buf))
}

// view returns b, a part of the line the fast path read, as bytes to
// hold: itself (its capacity cut to its length, so that an append never
// writes into the buffer) when the line is in the records' buffer
// (inBuf), else a copy in own, the room to reuse.
func view(b []byte, inBuf bool, own *[]byte) []byte {
	if inBuf {
		return b[:len(b):len(b)]
	}
	*own = append((*own)[:0], b...)
	return *own
}

// run reads the rows and yields the orders.
func (o *orderReader) run() {
	t := o.t
	for {
		var err error
		if o.fast != nil && !t.done {
			line, cut, ends, errRead := t.cr.nextCut()
			if errRead == io.EOF {
				break
			}
			if errRead == nil {
				if cut != nil && t.cr.cut.seq != o.keyedSeq {
					o.keyAhead()
				}
				switch o.fastRow(line, cut, ends) {
				case rowDone:
					continue
				case rowStop:
					return
				}
			}
			o.leaveFast()
			err = t.take(line, errRead)
		} else if err = t.next(); err == io.EOF {
			break
		}
		if !o.row(err) {
			return
		}
	}
	o.finish()
}

// finish yields the current order, or its rejection.
func (o *orderReader) finish() bool {
	if !o.have {
		return true
	}
	o.have = false
	switch {
	case o.bad || o.scan != nil: // a scan keeps no line
		o.lines.drop()
		if ob := o.batch; ob != nil && o.bad {
			ob.forget()
		}
	default:
		o.cur.Lines = o.lines.done()
	}
	if o.bad && o.n == 0 { // only a malformed row, reported and counted on its own
		return true
	}
	if o.bad {
		id := o.cur.ID
		if o.batch != nil || o.scan != nil {
			id = strings.Clone(id) // a view of the batch reader's or the scan's (see fastFirstRow)
		}
		err := &ParseError{File: o.opts.file(), Line: o.first, Rows: o.n, Err: &rejection{what: "order", id: id, rows: o.n, line: o.first}}
		return o.yield(metrics.Order{}, err) && !o.opts.Strict
	}
	var ok bool
	if ob := o.batch; ob != nil {
		ok = ob.add(&o.cur) // into the batch's columns, without a copy of the order
	} else if v := o.scan; v != nil {
		v.add(o.cur.ID, o.cur.PlacedAt)
		return true
	} else {
		ok = o.yield(o.cur, nil)
	}
	if o.opts.ReuseSlices {
		o.lines.reuse()
	}
	return ok
}

// fail rejects the current order with err.
func (o *orderReader) fail(err error) bool {
	o.bad = true
	return o.yield(metrics.Order{}, err) && !o.opts.Strict
}

// row reads the current row, which table.next returned err for, by the
// exact path. It returns false to stop.
func (o *orderReader) row(err error) bool {
	t, ix := o.t, &o.ix
	if err != nil {
		switch id, ok := t.recID(ix.id); {
		case ok && (!o.have || id != o.cur.ID):
			// The row is another order's: the current order is
			// whole, and the row's order is rejected with every
			// row of it that follows.
			if !o.finish() {
				return false
			}
			o.seen.add(id, t.line)
			o.cur, o.have, o.bad, o.first, o.n = metrics.Order{ID: id}, true, true, t.line, 0
		case o.have:
			o.bad = true // the row may belong to the current order
		}
		return o.yield(metrics.Order{}, err) && !o.opts.Strict
	}
	if t.dup() {
		return o.yield(metrics.Order{}, t.dupErr()) && !o.opts.Strict
	}
	t.prevLine = t.line
	id := unguard(t.raw(ix.id)) // kept when it starts an order
	if id == "" {
		o.bad = o.bad || o.have // the row may belong to the current order
		return o.yield(metrics.Order{}, t.row(t.fail(ix.id, errors.New("empty")))) && !o.opts.Strict
	}
	checked := false
	if !o.have || id != o.cur.ID {
		if !o.finish() {
			return false
		}
		id = t.keepNew(id) // an order's ID comes once (or is an error)
		if isNew, cont := o.add(id); !isNew {
			return cont
		}
		o.cur, o.have, o.bad, o.first, o.n = metrics.Order{ID: id}, true, false, t.line, 0
		o.head, o.headRaw = o.headOwn[:0], ix.run && t.cr.plain
		if o.headRaw {
			a, b := span(t.rec, ix.head[0], len(orderCols))
			o.head = append(o.head, t.cr.line[a:b]...)
		}
		if !o.headRaw {
			for i, c := range ix.head {
				start := len(o.head)
				o.head = append(o.head, t.raw(c)...)
				o.headSpan[i] = [2]int{start, len(o.head)}
			}
		}
		o.headOwn = o.head
		checked = true
		if err := t.checkText(); err != nil {
			if !o.fail(err) {
				return false
			}
		} else if err := readOrderHead(t, ix, &o.cur); err != nil && !o.fail(err) {
			return false
		}
	} else if !o.headRaw || !t.cr.plain || !sameSpan(o.head, t, ix.head[0]) {
		// Not the same bytes: cell by cell, for a row with quotes
		// or to find the cell that differs.
		for i, c := range ix.head {
			if was := o.headCell(i); t.raw(c) != string(was) {
				if !o.fail(t.fail(c, fmt.Errorf("order %s: %q differs from %q on line %d", id, t.raw(c), was, o.first))) {
					return false
				}
				break
			}
		}
	}
	o.n++
	if o.bad {
		return true
	}
	if !checked {
		if err := t.checkText(); err != nil {
			return o.fail(err)
		}
	}
	if err := readLine(t, ix, o.cur.Currency, o.lines.grow()); err != nil {
		o.lines.pop()
		return o.fail(err)
	}
	if ob := o.batch; ob != nil {
		ob.pendRow(&o.lines) // a line for add to convert
	}
	return true
}

// headCell returns the order's cell i (of orderCols) of its first row.
func (o *orderReader) headCell(i int) []byte {
	if !o.headRaw {
		return o.head[o.headSpan[i][0]:o.headSpan[i][1]]
	}
	// The bytes of a row without quotes: its cells hold no commas.
	h := o.head
	for range i {
		h = h[bytes.IndexByte(h, ',')+1:]
	}
	if end := bytes.IndexByte(h, ','); end >= 0 {
		h = h[:end]
	}
	return h
}

// add adds the ID of an order that starts on the current line to the set
// of IDs seen. If the ID was
// seen before, it starts the order as rejected and reports the error:
// isNew is false, and cont says whether to read on.
func (o *orderReader) add(id string) (isNew, cont bool) {
	return o.addKey(id, o.seen.key(id))
}

// addKey is add for an ID of key k.
func (o *orderReader) addKey(id string, k [2]uint64) (isNew, cont bool) {
	t := o.t
	l, dup := o.seen.addKey(k, t.line)
	if !dup {
		return true, true
	}
	o.have, o.bad, o.first, o.n = true, true, t.line, 1
	o.cur = metrics.Order{ID: strings.Clone(id)} // id may be a view of the line
	if ob := o.batch; ob != nil {
		ob.forget()
	}
	return false, o.fail(t.rowErr(fmt.Errorf("%w: order %s: its rows are not consecutive (first seen on line %d)", ErrDuplicateID, id, l)))
}

// keyAhead gives the lines cut ahead that the fast path may read the keys
// of their order IDs, each new ID once, and loads the buckets of the set that
// adding them will read (see [idSet.touch]).
func (o *orderReader) keyAhead() {
	c := &o.t.cr.cut
	o.keyedSeq = c.seq
	var keys [cutLines][2]uint64
	var customers [cutLines][]byte
	n, m := 0, 0 // keys and customers
	var last []byte
	if o.have {
		last = unsafe.Slice(unsafe.StringData(o.cur.ID), len(o.cur.ID))
	}
	for j := range c.lines[:c.n] {
		l := &c.lines[j]
		if !l.ok {
			l.keyed = false
			continue
		}
		id := o.t.cr.in[l.start : l.start+c.ends[j*c.width]]
		if textIs(unsafe.String(unsafe.SliceData(id), len(id)), unsafe.String(unsafe.SliceData(last), len(last))) {
			l.keyed = false
			continue
		}
		last = id
		l.key, l.keyed = o.seen.key(unsafe.String(unsafe.SliceData(id), len(id))), true
		keys[n] = l.key
		if ob := o.batch; ob != nil {
			// The order's customer, whose number ReadOrderBatches
			// looks up when the order is read, unless its cache
			// likely answers it (or the cell is empty): a held key's
			// loads would only be hashing and waiting for memory that
			// the lookup does not read.
			e := c.ends[j*c.width : j*c.width+2]
			if cust := o.t.cr.in[l.start+e[0]+1 : l.start+e[1]]; len(cust) > 0 && !ob.customers.holds(cust) {
				customers[m] = cust
				m++
			}
		}
		n++
	}
	o.seen.touch(keys[:n])
	if ob := o.batch; ob != nil {
		ob.dicts.CustomerIDs.Touch(customers[:m])
	}
}

// orderBytesHint is the size of an order in the order-lines file for
// sizing the set of order IDs from the file's size when [orderBytes]
// cannot tell it: 1.5 lines of 150 bytes (about the demo store's without
// the fulfilment columns), so that a smaller one grows the set and a
// larger one leaves it a little too large.
const orderBytesHint = 224

// orderBytes returns the mean size in bytes of an order on the whole
// lines of buf, the start of the order-lines file after its header, when
// they hold at least 16 orders and the ID is the first column (idFirst);
// else orderBytesHint. The rows of an order are told by their first cell;
// a quoted cell, or a line break in quotes, makes the figure less exact
// but it only sizes the set of order IDs.
func orderBytes(buf []byte, idFirst bool) int64 {
	if !idFirst {
		return orderBytesHint
	}
	var last []byte
	orders, end := 0, 0
	for {
		j := bytes.IndexByte(buf[end:], '\n')
		if j < 0 {
			break
		}
		id := buf[end : end+j]
		if i := bytes.IndexByte(id, ','); i >= 0 {
			id = id[:i]
		}
		if orders == 0 || !bytes.Equal(id, last) {
			orders, last = orders+1, id
		}
		end += j + 1
	}
	if orders < 16 {
		return orderBytesHint
	}
	return max(int64(end)/int64(orders), 1)
}

// orderColumns holds the column indexes of the order-lines file, resolved
// once per file (-1 for an absent optional column).
type orderColumns struct {
	id, sku, name, cat, qty, price, ldisc, cost, lpromo int
	head                                                [len(orderCols)]int // orderCols
	run                                                 bool                // head holds consecutive columns, in order
}

// sameSpan reports whether the order-level cells of the current row, a
// line without quotes, from column from, are the bytes head.
func sameSpan(head []byte, t *table, from int) bool {
	a, b := span(t.rec, from, len(orderCols))
	return string(head) == string(t.cr.line[a:b])
}

// span returns the start and end of the bytes of the n cells of rec from
// from on a line without quotes that rec splits: its cells are the bytes
// between its commas.
func span(rec []string, from, n int) (a, b int) {
	for _, c := range rec[:from] {
		a += len(c) + 1
	}
	b = a + n - 1
	for _, c := range rec[from : from+n] {
		b += len(c)
	}
	return a, b
}

func resolveOrderColumns(t *table) orderColumns {
	ix := orderColumns{id: t.c("order_id"), sku: t.c("sku"), name: t.c("name"), cat: t.c("category"), qty: t.c("quantity"),
		price: t.c("unit_price"), ldisc: t.c("line_discount"), cost: t.c("unit_cost"), lpromo: t.c("line_promotion")}
	ix.run = true
	for i, c := range orderCols {
		ix.head[i] = t.c(c)
		ix.run = ix.run && ix.head[i] >= 0 && ix.head[i] == ix.head[0]+i
	}
	return ix
}

func readOrderHead(t *table, ix *orderColumns, o *metrics.Order) error {
	var err error
	h := &ix.head // customer_id, placed_at, channel, status, currency, order_discount, shipping, tax, promotion, paid_at, shipped_at, delivered_at, promised_by, carrier, region
	o.CustomerID = t.text(h[0])
	o.Channel = t.text(h[2])
	o.Promotion = t.text(h[8])
	o.Carrier = t.text(h[13])
	o.Region = t.text(h[14])
	if o.PlacedAt, err = t.timestamp(h[1], false); err != nil {
		return err
	}
	// The fulfilment times, each optional; their order is metrics.Validate's
	// to check, which names the order and the field.
	for i, at := range [...]*time.Time{&o.PaidAt, &o.ShippedAt, &o.DeliveredAt, &o.PromisedBy} {
		if *at, err = t.timestamp(h[9+i], true); err != nil {
			return err
		}
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

// readLine reads the line of the current row into l, which is zero.
func readLine(t *table, ix *orderColumns, c money.Currency, l *metrics.Line) error {
	var err error
	if l.SKU, err = t.required(ix.sku); err != nil {
		return err
	}
	l.Name = t.text(ix.name)
	l.Category = t.text(ix.cat)
	l.Promotion = t.text(ix.lpromo)
	if l.Quantity, err = t.int(ix.qty); err != nil {
		return err
	}
	if l.UnitPrice, err = t.money(ix.price, c, false); err != nil {
		return err
	}
	if l.Discount, err = t.money(ix.ldisc, c, true); err != nil {
		return err
	}
	if l.UnitCost, err = t.money(ix.cost, c, true); err != nil {
		return err
	}
	return nil
}

// WriteOrders writes orders in the order-lines format, one row per line.
// It returns an error, having written the orders before, for an order
// that this format cannot hold or that ReadOrders would not give back:
// one without lines, ID, time (or with a year outside 1000–9999) or
// currency; with an amount in another currency than the order's (the zero
// Money counts as zero in any currency); with an undefined status; with a
// line without a SKU, or two identical lines (ReadOrders skips the second
// as a duplicate row: write one line with the summed quantity); with the
// ID of an earlier order; or with text that readers reject (invalid UTF-8,
// control characters other than tab and newline).
func WriteOrders(w io.Writer, orders iter.Seq[metrics.Order]) error {
	cw := newWriter(w, OrderLineColumns)
	seen := map[string]bool{}
	for o := range orders {
		cw.at("order", o.ID)
		switch {
		case len(o.Lines) == 0:
			return fmt.Errorf("storedata: order %s has no lines", o.ID)
		case seen[o.ID]:
			return fmt.Errorf("storedata: order %s is written twice", o.ID)
		}
		seen[o.ID] = true
		if _, ok := metrics.ParseOrderStatus(o.Status.String()); !ok {
			return fmt.Errorf("storedata: order %s has the undefined status %v", o.ID, o.Status)
		}
		if err := inCurrency(o.Currency, cw.what, o.Discount, o.Shipping, o.Tax); err != nil {
			return err
		}
		for _, l := range o.Lines {
			if err := inCurrency(o.Currency, func() string { return cw.what() + " sku " + l.SKU }, l.UnitPrice, l.Discount, l.UnitCost); err != nil {
				return err
			}
		}
		head := []string{cw.required("order_id", o.ID), cw.text("customer_id", o.CustomerID), cw.time("placed_at", o.PlacedAt, false),
			cw.text("channel", o.Channel), o.Status.String(), o.Currency.Code(),
			amount(o.Discount), amount(o.Shipping), amount(o.Tax), cw.text("promotion", o.Promotion),
			cw.time("paid_at", o.PaidAt, true), cw.time("shipped_at", o.ShippedAt, true), cw.time("delivered_at", o.DeliveredAt, true),
			cw.time("promised_by", o.PromisedBy, true), cw.text("carrier", o.Carrier), cw.text("region", o.Region)}
		for _, l := range o.Lines {
			cw.row(append(head[:len(head):len(head)], cw.required("sku", l.SKU), cw.text("name", l.Name), cw.text("category", l.Category),
				itoa(l.Quantity), amount(l.UnitPrice), amount(l.Discount), amount(l.UnitCost), cw.text("line_promotion", l.Promotion)))
		}
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
