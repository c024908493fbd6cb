package storedata

import (
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// EventBatcher turns the rows of one reading into batches of events held
// as columns ([funnel.Events]) by the rules of [ReadEventBatches], for a
// reader of another system's events (report/storedata/rees46, taobao)
// that yields batches too:
//
//   - a batch holds up to [Options].BatchSize events (65,536 by default);
//     it is full at that many, or at 2^30 properties, whichever comes
//     first, and is yielded when full, before each error
//     ([EventBatcher.Fail]) and at the end ([EventBatcher.Close]), never
//     empty;
//   - the batches share their dictionaries (UserIDs, Names, PropKeys,
//     PropValues), so that a user has one number in all of them, but for
//     the property values: once their dictionary holds
//     funnel.MaxSharedValues strings, the next batch starts a new one;
//   - their Location is [Options].Location (UTC if nil);
//   - with [Options].ReuseSlices the same batch is yielded each time,
//     emptied and refilled (valid until the next one is yielded); by
//     default each batch is a new one.
//
// A reader adds each row by [EventBatcher.Add] (from its cells),
// [EventBatcher.Append] (a funnel.Event) or by filling the columns of
// [EventBatcher.Batch] itself, then calls [EventBatcher.Done]. It checks
// the row's time itself: a time outside BatchMinUnix to BatchMaxUnix is
// its error (a *[ParseError] of the cell wrapping [ErrBatchRange]),
// passed to Fail. Once the yield function has returned false, Done and
// Fail return false, and the reader must stop.
//
// An EventBatcher is not safe for concurrent use.
type EventBatcher struct {
	yield           func(*funnel.Events, error) bool
	size            int
	reuse           bool
	loc             *time.Location
	maxValues       int
	keys            []string       // the keys of Add's values
	keyNums         []int32        // their numbers in PropKeys, -1 until met
	dicts           funnel.Events  // only its dictionaries, which every batch shares
	b               *funnel.Events // being filled; nil for none yet
	spare           *funnel.Events // with ReuseSlices, the batch to fill again
	last, lastProps int            // the events and properties of the batch yielded last
	stopped         bool           // yield returned false
}

// maxBatchProps is the number of properties at which a batch is full
// whatever its number of events, so that PropStart (int32) holds them.
const maxBatchProps = 1 << 30

// NewEventBatcher returns a batcher that passes its batches and the
// reading's errors to yield, the yield function of the reader's
// iter.Seq2; opts gives BatchSize, ReuseSlices and Location. keys are the
// property keys of the values of [EventBatcher.Add], in order (nil for a
// reader that adds whole events).
func NewEventBatcher(opts Options, keys []string, yield func(*funnel.Events, error) bool) *EventBatcher {
	bt := &EventBatcher{yield: yield, size: opts.batchSize(), reuse: opts.ReuseSlices, loc: opts.loc(),
		maxValues: funnel.MaxSharedValues, keys: keys, keyNums: make([]int32, len(keys))}
	if opts.values > 0 {
		bt.maxValues = opts.values
	}
	for i := range bt.keyNums {
		bt.keyNums[i] = -1
	}
	bt.dicts.Init()
	return bt
}

// Batch returns the batch that the next row goes to: the one being
// filled, or else a new one (with ReuseSlices, the one yielded last,
// emptied) with the shared dictionaries and its first PropStart, as
// [funnel.Events.Init] leaves it. A reader filling the columns itself
// appends to User, Time, Name, PropKey and PropValue, and ends the row
// with its entry of PropStart.
func (bt *EventBatcher) Batch() *funnel.Events {
	if bt.b != nil {
		return bt.b
	}
	if bt.dicts.PropValues.Len() >= bt.maxValues {
		// Values such as session IDs, new with every session, would
		// otherwise keep every one of the reading in memory.
		bt.dicts.PropValues = renewedValues(bt.maxValues)
	}
	b := bt.spare
	if b != nil {
		b.Reset()
		b.PropValues = bt.dicts.PropValues
	} else {
		d := &bt.dicts
		b = &funnel.Events{UserIDs: d.UserIDs, Names: d.Names, PropKeys: d.PropKeys, PropValues: d.PropValues, Location: bt.loc}
		// Room for as many events and properties as the last batch had.
		n := min(max(bt.last, 256), bt.size)
		b.User, b.Time, b.Name = make([]int32, 0, n), make([]int64, 0, n), make([]int32, 0, n)
		b.PropKey, b.PropValue = make([]int32, 0, bt.lastProps), make([]int32, 0, bt.lastProps)
		b.PropStart = make([]int32, 0, n+1)
	}
	b.Init()
	bt.b = b
	return b
}

// Add adds an event from its cells: the user ID, the time in Unix
// nanoseconds, the name, and the values of the properties whose keys
// NewEventBatcher was given (values[i] is that of keys[i]; an empty value
// is no property). The event's properties are its non-empty values in the
// keys' order. Done ends the row. Add panics if given more values than
// keys.
func (bt *EventBatcher) Add(user string, ns int64, name string, values ...string) {
	if len(values) > len(bt.keys) {
		panic("storedata: EventBatcher.Add given more values than keys")
	}
	b := bt.Batch()
	b.User = append(b.User, b.UserIDs.Index(user))
	b.Time = append(b.Time, ns)
	b.Name = append(b.Name, b.Names.Index(name))
	for i, v := range values {
		if v == "" {
			continue
		}
		k := bt.keyNums[i]
		if k < 0 {
			k = b.PropKeys.Index(bt.keys[i])
			bt.keyNums[i] = k
		}
		b.PropKey = append(b.PropKey, k)
		b.PropValue = append(b.PropValue, b.PropValues.Index(v))
	}
	b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
}

// Append adds e, as [funnel.Events.Append] does: it returns Append's
// *funnel.EventError, and adds nothing, for an event that no batch holds.
// Done ends the row.
func (bt *EventBatcher) Append(e funnel.Event) error {
	return bt.Batch().Append(e)
}

// Done ends a row: it yields the batch if it is full. It returns false
// when the reading must stop (the yield function returned false).
func (bt *EventBatcher) Done() bool {
	if bt.stopped {
		return false
	}
	if b := bt.b; b != nil && (b.Len() >= bt.size || len(b.PropKey) >= maxBatchProps) {
		return bt.flush()
	}
	return true
}

// Fail yields the batch being filled, if it holds an event, then err, an
// error of the reading. It returns false when the reading must stop.
func (bt *EventBatcher) Fail(err error) bool {
	if !bt.flush() {
		return false
	}
	if !bt.yield(nil, err) {
		bt.stopped = true
		return false
	}
	return true
}

// Close yields the last batch, if it holds an event and the reading was
// not stopped.
func (bt *EventBatcher) Close() {
	bt.flush()
}

// flush yields the batch, if it holds an event. It returns false to stop.
func (bt *EventBatcher) flush() bool {
	if bt.stopped {
		return false
	}
	b := bt.b
	if b == nil || b.Len() == 0 {
		return true
	}
	bt.b, bt.last, bt.lastProps = nil, b.Len(), len(b.PropKey)
	if bt.reuse {
		bt.spare = b
	}
	if !bt.yield(b, nil) {
		bt.stopped = true
		return false
	}
	return true
}
