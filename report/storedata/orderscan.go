package storedata

import (
	"io"
	"iter"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// orderScan is Dir's first reading of order_lines.csv: it counts the
// orders and finds the first and last placed, as ranging over ReadOrders
// would, without building the orders. The rows go through ReadOrders'
// own code (an orderReader whose scan is set): every row is read and
// checked, and rejected, as ReadOrders reads it, and its IDs go to the
// set of IDs seen, which finds an order whose rows are not together; only
// what an order keeps is not made. A row that the fast path reads (see
// orders_fast.go) makes no string (the order's ID is a view of the line,
// copied when the buffer moves, as ReadOrderBatches' direct rows have
// it), no line and no time but the time placed, and its offsets go
// straight to the observer (see [orderReader.observe]); a row that the
// exact path reads is read as ReadOrders reads it, and its line is
// dropped. TestOrderScan, TestOrderScanRapid and FuzzOrderScan compare
// it with ranging over ReadOrders through scan.
type orderScan struct {
	orders      int64
	first, last scanPlaced // the orders placed first and last
}

// scanPlaced is an order's ID and time, kept by an orderScan in bytes of
// its own: the ID it is given may be a view of the line.
type scanPlaced struct {
	id []byte
	at time.Time
}

// add counts the order id placed at at. Of the orders placed at one
// instant, the one read first is kept, as the first and as the last, as
// DirContext kept them when it ranged over ReadOrders' orders.
func (v *orderScan) add(id string, at time.Time) {
	v.orders++
	if v.orders == 1 || at.Before(v.first.at) {
		v.first.id, v.first.at = append(v.first.id[:0], id...), at
	}
	if v.orders == 1 || at.After(v.last.at) {
		v.last.id, v.last.at = append(v.last.id[:0], id...), at
	}
}

// placed returns p, an order that add kept, in loc; the zero Placed
// without orders.
func (v *orderScan) placed(p *scanPlaced, loc *time.Location) Placed {
	if v.orders == 0 {
		return Placed{}
	}
	return Placed{string(p.id), p.at.In(loc)}
}

// read is the reader that [scan] ranges over: it counts the orders into
// v and yields the errors of the rows it rejects, as ReadOrders yields
// them, and no value.
func (v *orderScan) read(r io.Reader, opts Options) iter.Seq2[struct{}, error] {
	return func(yield func(struct{}, error) bool) {
		var none struct{}
		readOrders(r, opts, func(_ metrics.Order, err error) bool {
			// Only errors come: the orders go to v.
			return yield(none, err)
		}, func(o *orderReader) { o.scan = v })
	}
}

// scanFirstRow is the end of fastFirstRow for an orderScan: the order's
// ID is a view of the line (copied into o.id when the line is not in the
// records' buffer, or when the buffer moves: see keepViews), and of the
// order only the ID, the currency (which its other rows must have) and
// the time placed are set; the other fields are left as they are, not
// cleared.
func (o *orderReader) scanFirstRow(l []byte, s string, cut *lineCut, ends []int32, cur money.Currency,
	secs, nsecs *[5]int64, offs *[5]int, set *[5]bool) rowResult {
	f, t := o.fast, o.t
	id := s[:ends[colID]] // a view of the line
	if r, again := o.repeated(id, cut, l); again {
		return r
	}
	he, inBuf := int(ends[colRegion]), cut.start >= 0
	if !inBuf {
		o.id = append(o.id[:0], id...)
		id = unsafe.String(unsafe.SliceData(o.id), len(o.id))
	}
	o.cur.ID, o.cur.Currency, o.cur.PlacedAt = id, cur, time.Unix(secs[0], nsecs[0])
	o.observe(secs, nsecs, offs, set)
	o.have, o.bad, o.first, o.n = true, false, t.line, 1
	hs := int(ends[colID]) + 1
	o.head, o.headRaw = view(l[hs:he], inBuf, &o.headOwn), true
	f.tail = view(l[he+1:], inBuf, &f.tailOwn)
	f.prev = true
	return rowDone
}
