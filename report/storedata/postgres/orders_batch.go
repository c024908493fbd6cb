package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// ReadOrderBatches reads the orders with their lines as [ReadOrders]
// does, into batches of orders held as columns ([metrics.Orders]) of up
// to [Options].BatchSize orders. The batches of one reading share their
// dictionaries (CustomerIDs, Channels, SKUs, …), so that a customer or a
// SKU has the same number in every batch, and their Location is
// opts.Location (UTC if nil). A batch holds at most 256 currencies: an
// order in a 257th starts the next batch.
//
// The orders of the batches, in order, are the orders ReadOrders yields,
// and the errors are its errors, at the same places: a batch is yielded
// when it is full, and before each error. Row i of a batch gives back, by
// Orders.Order(i), the order ReadOrders yields, but for the times'
// locations. One more kind of order is rejected: one with a time that
// ReadOrders reads but a batch cannot hold (before 1678 or after 2261)
// is a *storedata.ParseError of the order's row of orders wrapping
// storedata.ErrBatchRange, naming the order and the column, and counting
// its rows.
//
// The orders are read as ReadOrders reads them and appended to the batch
// (Orders.Append): unlike [ReadEventBatches], this reader makes the
// strings of each order, which the batch then holds as numbers.
//
// With [Options].ReuseSlices the reader yields the same batch each time,
// emptied and refilled: a yielded batch is valid until the next one is
// yielded. By default each batch is a new one.
func ReadOrderBatches(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[*metrics.Orders, error] {
	return func(yield func(*metrics.Orders, error) bool) {
		ob := &orderBatches{opts: opts, yield: yield}
		ob.dicts.Init()
		for o, err := range ReadOrders(ctx, db, opts) {
			if err != nil {
				// The rows of orders read so far: ReadOrders' errors
				// name the row of orders of their order.
				var pe *storedata.ParseError
				if errors.As(err, &pe) && pe.File == "orders" {
					ob.line = max(ob.line, pe.Line)
				}
				if !ob.fail(err) {
					return
				}
				continue
			}
			ob.line++
			if !ob.add(o) {
				return
			}
		}
		if !ob.stopped {
			ob.flush()
		}
	}
}

// orderBatches is the state of ReadOrderBatches.
type orderBatches struct {
	opts    Options
	yield   func(*metrics.Orders, error) bool
	b       *metrics.Orders // being filled; nil for none yet
	spare   *metrics.Orders // with ReuseSlices, the batch to fill again
	dicts   metrics.Orders  // only its dictionaries, which every batch shares
	stopped bool            // yield returned false, or reading stopped
	line    int             // the row of orders of the order read last
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
	b.Init()
	ob.b = b
	return b
}

// flush yields the batch, if it holds an order. It returns false to stop.
func (ob *orderBatches) flush() bool {
	b := ob.b
	if b == nil || b.Len() == 0 {
		return true
	}
	ob.b = nil
	if ob.opts.ReuseSlices {
		ob.spare = b
	}
	if !ob.yield(b, nil) {
		ob.stopped = true
		return false
	}
	return true
}

// fail yields the batch and then err, which ends reading in strict mode
// or for an error that is not a bad row. It returns false to stop.
func (ob *orderBatches) fail(err error) bool {
	if !ob.flush() {
		return false
	}
	var pe *storedata.ParseError
	if !ob.yield(nil, err) || ob.opts.Strict || !errors.As(err, &pe) {
		ob.stopped = true
		return false
	}
	return true
}

// add adds o, or reports a time a batch cannot hold. It returns false to
// stop.
func (ob *orderBatches) add(o metrics.Order) bool {
	for i, at := range [...]time.Time{o.PlacedAt, o.PaidAt, o.ShippedAt, o.DeliveredAt, o.PromisedBy} {
		if at.IsZero() {
			continue
		}
		if sec := at.Unix(); sec < storedata.BatchMinUnix || sec >= storedata.BatchMaxUnix {
			c := orderCols[[...]int{oPlaced, oPaid, oShipped, oDelivered, oPromised}[i]]
			return ob.fail(&storedata.ParseError{File: c.table, Line: ob.line, Column: c.pos, Name: c.name, Rows: 1 + len(o.Lines),
				Err: fmt.Errorf("%w: order %q: %s", storedata.ErrBatchRange, o.ID, at.Format(time.RFC3339Nano))})
		}
	}
	if b := ob.b; b != nil && len(b.Currencies) == 256 && !slices.Contains(b.Currencies, o.Currency) {
		if !ob.flush() { // a batch holds at most 256 currencies: o starts the next one
			return false
		}
	}
	b := ob.batch()
	if err := b.Append(o); err != nil { // not for a time checked above
		return ob.fail(fmt.Errorf("postgres: reading orders: %w", err))
	}
	if b.Len() >= ob.opts.batchSize() {
		return ob.flush()
	}
	return true
}
