package storedata

import (
	"encoding/binary"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The fast path of ReadOrders, for a file with the writer's columns
// (OrderLineColumns, in that order) in UTF-8. It reads the common row: a
// line without quotes, control characters or formula guards, whose cells
// all take the fast parsers (see fastparse.go), of an order that is not
// rejected. The lines come cut into the offsets of their cells, up to 64
// lines ahead ([records.nextCut], [cutLine]); the reader asks for the
// places in its set of IDs of the order IDs to come ([orderReader.keyAhead]),
// makes strings only for the cells an order keeps, and takes the text
// that repeats from [spanCache]s; the row of an order after its first is
// read from its line cells alone, once its order-level cells are found to
// be the same bytes as the first row's.
//
// Any other row, and any row on which a fast parser says no, goes to the
// exact path ([orderReader.row]) before the fast path has changed
// anything, so the exact path reads it, with its errors, as it reads
// every row of a file that the fast path cannot read.
// TestOrderHeadsFast and FuzzOrdersFast compare the two paths.

// rowResult says what the fast path did with a row.
type rowResult int

const (
	rowExact rowResult = iota // nothing: the exact path reads the row
	rowDone                   // read it
	rowStop                   // read it, and the caller said stop
)

// The columns of the fast path's files, as in OrderLineColumns.
const (
	colID = iota
	colCustomer
	colPlaced
	colChannel
	colStatus
	colCurrency
	colOrderDiscount
	colShipping
	colTax
	colPromotion
	colPaid
	colShipped
	colDelivered
	colPromised
	colCarrier
	colRegion
	colSKU
	colName
	colCategory
	colQuantity
	colPrice
	colLineDiscount
	colCost
	colLinePromotion
	nOrderCols // the number of columns
)

// fastOrders is the fast path's state.
type fastOrders struct {
	// tail holds the line cells of the row before, when prev: then that
	// row was read by the fast path, as a row of the current order, and
	// its line is the order's ID, head and tail (table.prev is stale).
	tail []byte
	prev bool
	// tailOwn is the room tail is copied into: tail is a view of the
	// records' buffer when it can be (see orderReader.keepViews).
	tailOwn []byte
	// Text that repeats: the channel; the carrier and region; the SKU,
	// name and category.
	channel, delivery, product spanCache
	// Spans read before (see rowmemo.go).
	tails tailMemo
	mids  midMemo
	// zone holds the offsets of the observer's zone given (see observe).
	zone zoneOffsets
}

// leaveFast hands the row before to the exact path: table.prev gets the
// line that the fast path last read, which dup compares with the next.
func (o *orderReader) leaveFast() {
	f, t := o.fast, o.t
	if f == nil || !f.prev {
		return
	}
	t.prev = append(append(append(append(append(t.prev[:0], o.cur.ID...), ','), o.head...), ','), f.tail...)
	t.prevKind = prevLine
	f.prev = false
}

// fastRow reads the row whose line is line (with its newline, if any),
// or says it must be read by the exact path. cut is the line's cut, with
// the ends of its cells, when it was cut ahead, or nil.
func (o *orderReader) fastRow(line []byte, cut *lineCut, ends []int32) rowResult {
	l := line[:len(line)-lenNL(line)]
	if len(l) == 0 || l[0] == '\'' || len(l) > 1<<30 || cut == nil || !cut.ok {
		return rowExact
	}
	idEnd := int(ends[colID]) // the first comma: the cut line has no quotes
	if idEnd <= 0 {
		return rowExact
	}
	if o.have && textIs(unsafe.String(&l[0], idEnd), o.cur.ID) {
		if o.bad || !o.headRaw {
			return rowExact
		}
		return o.fastNextRow(l, idEnd, cut, ends)
	}
	return o.fastFirstRow(l, cut, ends)
}

// repeats reports whether l, the line of a row, may repeat the row
// before it, for the exact path to say so (or to find that it does not).
func (o *orderReader) repeats(l, tail []byte) bool {
	f, t := o.fast, o.t
	switch {
	case f.prev:
		// The row before is the current order's: only a row of it
		// with the same line cells repeats it.
		return tail != nil && string(tail) == string(f.tail)
	case t.prevKind == prevLine:
		return string(t.prev) == string(l)
	}
	return t.prevKind == prevCells
}

// fastNextRow reads a row of the current order, whose ID ends l at idEnd;
// cut and ends are as for fastRow.
func (o *orderReader) fastNextRow(l []byte, idEnd int, cut *lineCut, ends []int32) rowResult {
	f, t := o.fast, o.t
	hs := idEnd + 1
	he := hs + len(o.head)
	if he >= len(l) || l[he] != ',' || string(l[hs:he]) != string(o.head) {
		return rowExact
	}
	tail := l[he+1:]
	// The head is the first row's, so its cells end where they did.
	ends, base := ends[colSKU:], int32(he+1)
	hiFrom, hiTo := int(cut.hiFrom)-he-1, int(cut.hiTo)-he-1
	if o.repeats(l, tail) || o.cur.Currency != t.cur.c || t.cur.c.IsZero() {
		return rowExact
	}
	if ob := o.batch; ob != nil {
		var ln metrics.Line
		e, ok := f.lineCells(t, tail, ends, base, hiFrom, hiTo, &ln, false)
		if !ok {
			return rowExact
		}
		ob.pendLine(e, &ln, &o.lines)
	} else if o.scan != nil {
		// Read, and checked, but not kept.
		var ln metrics.Line
		if _, ok := f.lineCells(t, tail, ends, base, hiFrom, hiTo, &ln, false); !ok {
			return rowExact
		}
	} else {
		ln := o.lines.grow()
		if _, ok := f.lineCells(t, tail, ends, base, hiFrom, hiTo, ln, true); !ok {
			o.lines.pop()
			return rowExact
		}
	}
	o.enter()
	o.n++
	f.tail = view(tail, cut.start >= 0, &f.tailOwn)
	f.prev = true
	return rowDone
}

// enter records the current row as read: its line number, for the
// observer too.
func (o *orderReader) enter() { o.t.enter() }

// enter records the row that records.nextLine read last as read by a
// fast path: its line number, for the observer too.
func (t *table) enter() {
	t.line = t.cr.Line()
	if ob := t.opts.obs; ob != nil {
		ob.rows++
		ob.line = t.line
	}
	t.prevLine = t.line
}

// fastFirstRow reads the first row of an order; cut and ends are as for
// fastRow.
func (o *orderReader) fastFirstRow(l []byte, cut *lineCut, ends []int32) rowResult {
	f, t := o.fast, o.t
	hiFrom, hiTo, ok := int(cut.hiFrom), int(cut.hiTo), true
	if o.repeats(l, nil) {
		return rowExact
	}
	s := unsafe.String(&l[0], len(l))
	_ = ends[nOrderCols-1] // the cut line has all its cells
	cell := func(i int) string { return s[ends[i-1]+1 : ends[i]] }
	// A formula guard, which unguard may remove, is read by the exact
	// path; the channel's and the promotion's are looked for by mid, on
	// cells its memo does not hold.
	if guarded(s, ends, colCustomer) || guarded(s, ends, colCarrier) || guarded(s, ends, colRegion) {
		return rowExact
	}
	mid := f.mid(t, s, ends)
	if mid == nil {
		return rowExact
	}
	// The times, as instants: placed, paid, shipped, delivered and
	// promised, with their offsets for the observer. A batch takes them
	// as Unix nanoseconds too (in the same pass), when it holds them all
	// (inRange); else, as the row reader, as times, which the batch
	// checks.
	var secs, nsecs, nanos [5]int64
	var offs [5]int
	var set [5]bool
	ob := o.batch
	inRange := ob != nil
	for i, col := range [5]int{colPlaced, colPaid, colShipped, colDelivered, colPromised} {
		c := cell(col)
		if c == "" {
			if i == 0 {
				return rowExact // the time placed is required
			}
			nanos[i] = metrics.NoTime
			continue
		}
		if secs[i], nsecs[i], offs[i], ok = t.fastUnix(c); !ok {
			return rowExact
		}
		set[i] = true
		if inRange {
			nanos[i], inRange = secNanos(secs[i], int(nsecs[i]))
		}
	}
	// A batch takes the order straight into its columns (direct) when it
	// holds its times, and the memo's cells from the channel to the
	// promotion convert; else from the order the row reader reads.
	direct := inRange && (mid.col.known || ob.convertMid(mid))
	he := int(ends[colRegion])
	// Bytes above 0x7f before the line cells are not checked by
	// lineCells.
	if hiFrom <= he && !utf8Text(l[hiFrom:min(hiTo, he)]) {
		return rowExact
	}
	var ln metrics.Line
	tailEntry, ok := f.lineCells(t, l[he+1:], ends[colSKU:], int32(he+1), hiFrom-he-1, hiTo-he-1, &ln, ob == nil && o.scan == nil)
	if !ok {
		return rowExact
	}
	// The row is read: from here on, as the exact path does.
	o.enter()
	if !o.finish() {
		return rowStop
	}
	if direct {
		return o.directFirstRow(l, s, cut, ends, mid, &nanos, tailEntry, &ln, &secs, &nsecs, &offs, &set)
	}
	if o.scan != nil {
		return o.scanFirstRow(l, s, cut, ends, mid.cur, &secs, &nsecs, &offs, &set)
	}
	od := metrics.Order{Currency: mid.cur, Status: mid.status, Discount: mid.discount, Shipping: mid.shipping, Tax: mid.tax,
		Channel: mid.channel, Promotion: mid.promotion}
	if !inRange {
		o.rowTimes(&od, &secs, &nsecs, &set)
	}
	ids := t.keepNew(s[:ends[colCustomer]])
	id := ids[:ends[colID]]
	if r, again := o.repeated(id, cut, l); again {
		return r
	}
	od.ID, od.CustomerID = id, ids[ends[colID]+1:]
	if s := s[ends[colPromised]+1 : he]; s != "," {
		od.Carrier, od.Region = f.delivery.two(t, s, ends[colCarrier]-ends[colPromised]-1)
	}
	o.observe(&secs, &nsecs, &offs, &set)
	o.cur, o.have, o.bad, o.first, o.n = od, true, false, t.line, 1
	hs, inBuf := int(ends[colID])+1, cut.start >= 0
	o.head, o.headRaw = view(l[hs:he], inBuf, &o.headOwn), true
	if ob != nil {
		ob.pendTimes(nanos, inRange)
		ob.pendMid(mid)
		ob.pendLine(tailEntry, &ln, &o.lines)
	} else {
		*o.lines.grow() = ln
	}
	f.tail = view(l[he+1:], inBuf, &f.tailOwn)
	f.prev = true
	return rowDone
}

// guarded reports whether cell i of the row s, whose cells end at ends,
// starts with a formula guard.
func guarded(s string, ends []int32, i int) bool {
	start := int(ends[i-1]) + 1
	return start < int(ends[i]) && s[start] == '\''
}

// rowTimes sets the times of od, the order of a first row that
// fastFirstRow does not take straight into a batch's columns, as
// fastFirstRow read them. (It is apart from fastFirstRow, whose direct
// rows do without an order: an Order of 400 bytes declared there was
// cleared for each of them.)
func (o *orderReader) rowTimes(od *metrics.Order, secs, nsecs *[5]int64, set *[5]bool) {
	loc := o.t.opts.loc()
	// One statement a time, not a loop over pointers to them: a store
	// through a pointer that the compiler cannot see is to the stack
	// costs a write barrier while the collector marks.
	od.PlacedAt = time.Unix(secs[0], nsecs[0]).In(loc)
	if set[1] {
		od.PaidAt = time.Unix(secs[1], nsecs[1]).In(loc)
	}
	if set[2] {
		od.ShippedAt = time.Unix(secs[2], nsecs[2]).In(loc)
	}
	if set[3] {
		od.DeliveredAt = time.Unix(secs[3], nsecs[3]).In(loc)
	}
	if set[4] {
		od.PromisedBy = time.Unix(secs[4], nsecs[4]).In(loc)
	}
}

// repeated adds order id, the first row of an order as the fast path reads it
// (line l, cut), to the IDs read, and reports whether it was read before:
// then the row is kept as the previous line for the order it continues,
// and r is what fastFirstRow returns for it.
func (o *orderReader) repeated(id string, cut *lineCut, l []byte) (r rowResult, again bool) {
	var isNew, cont bool
	if cut != nil && cut.keyed {
		if o.seen.addNext(idKey{cut.key[0], cut.key[1]}, o.t.line) {
			return 0, false
		}
		isNew, cont = o.addKey(id, cut.key)
	} else {
		isNew, cont = o.add(id)
	}
	if isNew {
		return 0, false
	}
	t := o.t
	t.prev, t.prevKind = append(t.prev[:0], l...), prevLine
	o.fast.prev = false
	if !cont {
		return rowStop, true
	}
	return rowDone, true
}

// observe gives the observer, if any, the times of the row, as
// fastFirstRow reads them. The offsets go straight to
// [offsets.addAt], with the zone given looked up once for a run of
// times at one offset of it ([zoneOffsets]), as eventScan gives them:
// what observer.offset would do with the times, without making them
// (a sixth of Dir's first reading of order_lines.csv went there).
func (o *orderReader) observe(secs, nsecs *[5]int64, offs *[5]int, set *[5]bool) {
	t := o.t
	ob := t.opts.obs
	if ob == nil {
		return
	}
	if ob.once != nil {
		for i := range set {
			if set[i] {
				ob.offset(t, time.Unix(secs[i], nsecs[i]).In(t.fixedZone(offs[i])))
			}
		}
		return
	}
	ofs := ob.offsets
	if ofs == nil {
		return
	}
	var z *zoneOffsets
	if ofs.loc != nil {
		if f := o.fast; f.zone.loc != ofs.loc {
			f.zone = newZoneOffsets(ofs.loc)
		}
		z = &o.fast.zone
	}
	file := t.opts.file()
	for i := range set {
		if set[i] {
			ofs.addAt(z, file, t.line, secs[i], offs[i])
		}
	}
}

// directFirstRow is the end of fastFirstRow for an order that
// ReadOrderBatches takes straight into its columns: the order's ID is a
// view of the line (copied into o.id when the line is not in the
// records' buffer, or when the buffer moves: see keepViews), its
// customer, carrier and region are numbered from the line's bytes, and
// its other cells are the memos' columns.
func (o *orderReader) directFirstRow(l []byte, s string, cut *lineCut, ends []int32, mid *orderMid, nanos *[5]int64,
	tailEntry *tailEntry, ln *metrics.Line, secs, nsecs *[5]int64, offs *[5]int, set *[5]bool) rowResult {
	f, t, ob := o.fast, o.t, o.batch
	id := s[:ends[colID]] // a view of the line
	if r, again := o.repeated(id, cut, l); again {
		return r
	}
	he, inBuf := int(ends[colRegion]), cut.start >= 0
	if !inBuf {
		o.id = append(o.id[:0], id...)
		id = unsafe.String(unsafe.SliceData(o.id), len(o.id))
	}
	// Of the order, ReadOrderBatches reads only the ID, the currency
	// and the lines that are not in columns (see columns): the other
	// fields are left as they are, not cleared.
	o.cur.ID, o.cur.Currency = id, mid.cur
	if c := l[ends[colID]+1 : ends[colCustomer]]; len(c) > 0 {
		ob.customer = ob.customers.index(c)
	} else {
		ob.customer = -1
	}
	ob.carrier, ob.region = -1, -1
	if d := s[ends[colPromised]+1 : he]; d != "," {
		ob.carrier, ob.region = ob.delivery.index(d, int(ends[colCarrier]-ends[colPromised]-1), ob.dicts.Carriers, ob.dicts.Regions)
	}
	o.observe(secs, nsecs, offs, set)
	o.have, o.bad, o.first, o.n = true, false, t.line, 1
	hs := int(ends[colID]) + 1
	o.head, o.headRaw = view(l[hs:he], inBuf, &o.headOwn), true
	ob.times, ob.timesKnown = *nanos, true
	ob.mid, ob.midKnown = mid.col, true
	ob.direct = true
	ob.pendLine(tailEntry, ln, &o.lines)
	f.tail = view(l[he+1:], inBuf, &f.tailOwn)
	f.prev = true
	return rowDone
}

// mid returns what the cells of the row s, which end at ends, say from
// the channel to the promotion, and makes their currency t.cur; nil for
// cells the exact path must read. Cells that the fast path read before
// are found in f.mids.
func (f *fastOrders) mid(t *table, s string, ends []int32) *orderMid {
	span := s[ends[colPlaced]+1 : ends[colPromotion]]
	m := f.mids.find(span)
	if m == nil {
		// The memo holds no span with a formula guard (see fastFirstRow).
		if guarded(s, ends, colChannel) || guarded(s, ends, colPromotion) {
			return nil
		}
		var v orderMid
		if !f.readMid(t, s, ends, &v) {
			return nil
		}
		m = f.mids.add(t, span, &v)
	}
	if m.code != t.cur.code {
		t.cur.code, t.cur.c, t.cur.digits, t.cur.zero = m.code, m.cur, m.cur.Digits(), m.cur.Zero()
	}
	return m
}

// readMid reads into m the cells of the row s, which end at ends, from
// the channel to the promotion; ok is false for cells the exact path must
// read.
func (f *fastOrders) readMid(t *table, s string, ends []int32, m *orderMid) (ok bool) {
	cell := func(i int) string { return s[ends[i-1]+1 : ends[i]] }
	if code := cell(colCurrency); code != t.cur.code || code == "" {
		c, err := money.ParseCurrency(code)
		if err != nil {
			return false
		}
		t.cur.code, t.cur.c, t.cur.digits, t.cur.zero = t.keep(code), c, c.Digits(), c.Zero()
	}
	m.code, m.cur = t.cur.code, t.cur.c
	if s := cell(colStatus); s != "" {
		if m.status, ok = metrics.ParseOrderStatus(s); !ok {
			return false
		}
	} else {
		m.status = metrics.Paid
	}
	if m.discount, ok = t.fastMoney(cell(colOrderDiscount), true); !ok {
		return false
	}
	if m.shipping, ok = t.fastMoney(cell(colShipping), true); !ok {
		return false
	}
	if m.tax, ok = t.fastMoney(cell(colTax), true); !ok {
		return false
	}
	m.channel = f.channel.one(t, cell(colChannel))
	if p := cell(colPromotion); p != "" {
		m.promotion = t.keep(p)
	}
	return true
}

// lineCells reads the line cells of a row, tail, whose cells end at ends
// less base, into l, in the currency t.cur.c, and returns the entry of
// the memo of line cells that holds them (nil if none); tail[hiFrom:hiTo] holds
// every byte above 0x7f of tail (hiFrom ≥ hiTo: none, and hiTo ≤ 0: none
// in tail), which must be valid text unless they are the product's cells
// that the cache knows. ok is false for a row the exact path must read.
// A line found in the memo is copied into l only when copyLine says so
// (a batch reads it from the entry, mostly as columns: the line's 120
// bytes are not copied for nothing).
func (f *fastOrders) lineCells(t *table, tail []byte, ends []int32, base int32, hiFrom, hiTo int, l *metrics.Line, copyLine bool) (*tailEntry, bool) {
	s := unsafe.String(&tail[0], len(tail))
	if e := f.tails.find(s, t.cur.c); e != nil {
		if copyLine {
			*l = e.line
		}
		return e, true
	}
	cell := func(i int) string {
		start := int32(0)
		if i > 0 {
			start = ends[i-1] + 1 - base
		}
		return s[start : ends[i]-base]
	}
	const (
		sku = iota
		name
		category
		quantity
		price
		discount
		cost
		promotion
	)
	productEnd := int(ends[category] - base)
	if hiTo > 0 && hiFrom < hiTo && (hiFrom < 0 || hiTo > productEnd) && !utf8Text(tail[max(hiFrom, 0):hiTo]) {
		return nil, false
	}
	p := f.product.find(s[:productEnd])
	if p == nil {
		// Not known: check the cells as the cache keeps them.
		for _, i := range [...]int{sku, name, category} {
			if c := cell(i); c != "" && c[0] == '\'' {
				return nil, false
			}
		}
		if cell(sku) == "" || hiFrom < productEnd && hiTo > 0 && !utf8Text(tail[max(hiFrom, 0):min(hiTo, productEnd)]) {
			return nil, false
		}
	}
	var ok bool
	if l.Quantity, ok = smallInt(cell(quantity)); !ok {
		return nil, false
	}
	if l.UnitPrice, ok = t.fastMoney(cell(price), false); !ok {
		return nil, false
	}
	if l.Discount, ok = t.fastMoney(cell(discount), true); !ok {
		return nil, false
	}
	if l.UnitCost, ok = t.fastMoney(cell(cost), true); !ok {
		return nil, false
	}
	if c := cell(promotion); c != "" {
		if c[0] == '\'' {
			return nil, false
		}
		l.Promotion = t.keep(c)
	}
	if p == nil {
		p = f.product.add(t, s[:productEnd], 3, ends[sku]-base, ends[name]-base)
	}
	l.SKU, l.Name, l.Category = p[0], p[1], p[2]
	return f.tails.add(s, t.cur.c, l), true
}

// fastMoney is table.money for an amount of t.cur.c, not the zero
// Currency, that minorUnits reads; ok is false for any other. It looks the
// amount up by its text first (see [amountMemo]).
func (t *table) fastMoney(s string, optional bool) (m money.Money, ok bool) {
	if s == "" {
		return t.cur.zero, optional
	}
	if len(s) > 15 {
		return t.moneyOf(s)
	}
	if t.amounts == nil {
		t.amounts = new(amountMemo)
	}
	a, b := words(s)
	e := &t.amounts[((a^b)*0x9e3779b97f4a7c15)>>(64-amountBits)]
	if e.a == a && e.b == b && e.c == t.cur.c {
		return e.m, true
	}
	if m, ok = t.moneyOf(s); ok {
		e.a, e.b, e.c, e.m = a, b, t.cur.c, m
	}
	return m, ok
}

// moneyOf returns the amount s of t.cur.c when minorUnits reads it.
func (t *table) moneyOf(s string) (money.Money, bool) {
	v, ok := minorUnits(s, t.cur.digits)
	switch {
	case !ok:
		return money.Money{}, false
	case v == 0:
		return t.cur.zero, true
	}
	return t.cur.c.FromMinor(v), true
}

// amountMemo remembers amounts by their text, which repeats: the prices
// and costs of a product, zero discounts. An entry holds the text, of 1
// to 15 bytes, as two words (see [words]), its currency and its amount.
type amountMemo [1 << amountBits]struct {
	a, b uint64
	c    money.Currency
	m    money.Money
}

const amountBits = 8

// words packs s, of 1 to 15 bytes, into two words that no other such
// string packs into: its bytes in order, then zeros, with its length in
// the top byte of b.
func words(s string) (a, b uint64) {
	n := len(s)
	p := unsafe.Slice(unsafe.StringData(s), n)
	switch {
	case n >= 8:
		a = binary.LittleEndian.Uint64(p)
		if n > 8 {
			b = binary.LittleEndian.Uint64(p[n-8:]) >> (8 * (16 - n))
		}
	case n >= 4:
		a = uint64(binary.LittleEndian.Uint32(p)) | uint64(binary.LittleEndian.Uint32(p[n-4:]))<<(8*(n-4))
	default:
		for i := n - 1; i >= 0; i-- {
			a = a<<8 | uint64(p[i])
		}
	}
	return a, b | uint64(n)<<56
}

// fastTime is table.timestamp for a time that [table.fastUnix] reads,
// without the observer: it returns the time's UTC offset for it. ok is
// false for any other.
func (t *table) fastTime(s string, optional bool) (v time.Time, off int, ok bool) {
	if s == "" {
		return time.Time{}, 0, optional
	}
	sec, nsec, off, ok := t.fastUnix(s)
	if !ok {
		return v, 0, false
	}
	return time.Unix(sec, nsec).In(t.opts.loc()), off, true
}

// fastUnix reads the time s, not empty, when [dayCache.parseTime] reads it
// with a year in 1001–9998: its instant in Unix seconds and nanoseconds,
// and its UTC offset. ok is false for any other. The common form,
// 2025-11-11T20:00:00+08:00, is read here, with the date and the offset
// remembered from the times before. A batch reader takes the instant
// from here, without a time.Time.
func (t *table) fastUnix(s string) (sec, nsec int64, off int, ok bool) {
	if len(s) == len("2006-01-02T15:04:05+07:00") {
		// The date and the offset are the ones remembered, and the clock
		// is read eight bytes at once.
		e := &t.days[daySlot(s)]
		p := unsafe.Pointer(unsafe.StringData(s))
		if e.valid && *(*[10]byte)(p) == e.date && s[10] == 'T' && (s[19] == '+' || s[19] == '-') &&
			*(*[6]byte)(unsafe.Add(p, 19)) == t.zone.text && e.year > 1000 && e.year < 9999 {
			if clock, ok := clockSeconds(*(*[8]byte)(unsafe.Add(p, 11))); ok {
				return e.days*86400 + clock - int64(t.zone.textOff), 0, t.zone.textOff, true
			}
		}
	}
	sec, nsec, off, ok = t.days.parseTime(s)
	if !ok {
		return 0, 0, 0, false
	}
	if y, _ := digits4(s[:4]); y <= 1000 || y >= 9999 {
		return 0, 0, 0, false
	}
	if len(s) == len("2006-01-02T15:04:05+07:00") && (s[19] == '+' || s[19] == '-') {
		copy(t.zone.text[:], s[19:])
		t.zone.textOff = off
	}
	return sec, nsec, off, true
}

// clockSeconds returns the seconds since midnight of a clock, 15:04:05,
// when it is one (hour 00–23, minute and second 00–59).
func clockSeconds(b [8]byte) (int64, bool) {
	const (
		digits = 0xffff00ffff00ffff // the bytes of the digits
		colons = 0x00003a00003a0000 // and the colons between them
	)
	x := binary.LittleEndian.Uint64(b[:])
	d := x & digits
	// Each digit is 0x30 to 0x39: its top half is 3, and adding 6 to
	// its bottom half (which carries nothing out of a byte whose top half
	// is 3) leaves the top half 3.
	if x&^digits != colons || d&(0xf0f0f0f0f0f0f0f0&digits) != 0x3030303030303030&digits ||
		(d+0x0606060606060606&digits)&(0xf0f0f0f0f0f0f0f0&digits) != 0x3030303030303030&digits {
		return 0, false
	}
	v := d - 0x3030303030303030&digits
	hour := int64(v&0xff)*10 + int64(v>>8&0xff)
	minute := int64(v>>24&0xff)*10 + int64(v>>32&0xff)
	second := int64(v>>48&0xff)*10 + int64(v>>56&0xff)
	if hour > 23 || minute > 59 || second > 59 {
		return 0, false
	}
	return hour*3600 + minute*60 + second, true
}
