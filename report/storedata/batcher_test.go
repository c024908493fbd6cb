package storedata

import (
	"errors"
	"fmt"
	"iter"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// batcherRow is a row a test reader gives an EventBatcher: an event from
// its cells (Add), a whole event (Append), or an error.
type batcherRow struct {
	add    bool
	user   string
	ns     int64
	name   string
	values []string // of batcherKeys
	event  funnel.Event
	err    error
}

var batcherKeys = []string{"session_id", "sku", "price"}

// readRows is a reader of rows through an EventBatcher, as an adapter's
// ReadEventBatches is one: an error (or an event Append refuses) is
// passed to Fail, and the reading stops when the batcher says so.
func readRows(rows []batcherRow, opts Options) iter.Seq2[*funnel.Events, error] {
	return func(yield func(*funnel.Events, error) bool) {
		bt := NewEventBatcher(opts, batcherKeys, yield)
		for _, r := range rows {
			err := r.err
			switch {
			case err != nil:
			case r.add:
				bt.Add(r.user, r.ns, r.name, r.values...)
			default:
				err = bt.Append(r.event)
			}
			if err != nil {
				if !bt.Fail(err) {
					return
				}
				continue
			}
			if !bt.Done() {
				return
			}
		}
		bt.Close()
	}
}

// batcherYield is one yield of a batcher, as a test records it: a
// batch's events (its dictionaries' identity and size at the time) or an
// error.
type batcherYield struct {
	Events        []funnel.Event
	Err           string
	users, values *metrics.Dict
	nValues       int
}

// drain reads seq, converting each batch at once (a batch reused with
// ReuseSlices is valid until the next yield), and stops after stop
// yields if stop > 0.
func drain(seq iter.Seq2[*funnel.Events, error], stop int) []batcherYield {
	var out []batcherYield
	for b, err := range seq {
		if err != nil {
			out = append(out, batcherYield{Err: err.Error()})
		} else {
			y := batcherYield{users: b.UserIDs, values: b.PropValues, nValues: b.PropValues.Len()}
			for i := range b.Len() {
				y.Events = append(y.Events, b.Event(i))
			}
			if b.Location != nil {
				for i := range y.Events {
					if y.Events[i].Time.Location() != b.Location {
						y.Err = "an event's time not in the batch's Location"
					}
				}
			}
			out = append(out, y)
		}
		if len(out) == stop {
			break
		}
	}
	return out
}

// The batches of an EventBatcher give back exactly the rows given it, in
// batches cut as Options.BatchSize and the errors say, sharing their
// dictionaries but for the property values, renewed once they hold the
// limit; a reading stopped by its consumer stops.
func TestEventBatcherRows(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	rapid.Check(t, func(t *rapid.T) {
		size := rapid.IntRange(0, 6).Draw(t, "size") // 0: the default
		opts := Options{
			BatchSize:   size,
			ReuseSlices: rapid.Bool().Draw(t, "reuse"),
			values:      rapid.IntRange(0, 6).Draw(t, "values"), // 0: funnel.MaxSharedValues
			Location:    rapid.SampledFrom([]*time.Location{nil, cst}).Draw(t, "loc"),
		}
		loc := opts.loc()
		value := rapid.SampledFrom([]string{"", "", "a", "b", "c", "d", "e", "f", "g"})
		n := rapid.IntRange(0, 40).Draw(t, "rows")
		rows := make([]batcherRow, n)
		var want []batcherYield // the yields, batches cut as the rules say
		var cur []funnel.Event
		cut := func() {
			if len(cur) > 0 {
				want = append(want, batcherYield{Events: cur})
				cur = nil
			}
		}
		for i := range rows {
			r := &rows[i]
			user := rapid.SampledFrom([]string{"u1", "u2", "u3"}).Draw(t, "user")
			when := time.Unix(1_700_000_000+rapid.Int64Range(0, 1e6).Draw(t, "sec"), rapid.Int64Range(0, 1e9-1).Draw(t, "nsec")).In(loc)
			name := rapid.SampledFrom([]string{"view", "cart", "purchase"}).Draw(t, "name")
			switch rapid.IntRange(0, 3).Draw(t, "kind") {
			case 0: // an event from its cells
				r.add, r.user, r.ns, r.name = true, user, when.UnixNano(), name
				r.values = rapid.SliceOfN(value, 0, len(batcherKeys)).Draw(t, "values")
				e := funnel.Event{UserID: user, Time: when, Name: name}
				for k, v := range r.values {
					if v != "" {
						e.Props = append(e.Props, funnel.Prop{Key: batcherKeys[k], Value: v})
					}
				}
				cur = append(cur, e)
			case 1: // a whole event, with keys of its own
				e := funnel.Event{UserID: user, Time: when, Name: name}
				for _, k := range rapid.Permutation([]string{"sku", "brand", "x"}).Draw(t, "keys")[:rapid.IntRange(0, 3).Draw(t, "props")] {
					e.Props = append(e.Props, funnel.Prop{Key: k, Value: value.Draw(t, "value")})
				}
				r.event = e
				cur = append(cur, e)
			case 2: // an error of the reading
				r.err = fmt.Errorf("row %d: bad", i)
				cut()
				want = append(want, batcherYield{Err: r.err.Error()})
			case 3: // an event no batch holds: Append's error
				r.event = funnel.Event{UserID: user, Time: time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), Name: name}
				cut()
				want = append(want, batcherYield{Err: (&funnel.EventError{UserID: user, Time: r.event.Time, Err: funnel.ErrTimeRange}).Error()})
			}
			if s := opts.batchSize(); len(cur) == s {
				cut()
			}
		}
		cut()
		stop := rapid.IntRange(0, len(want)).Draw(t, "stop") // 0: read to the end
		if stop > 0 {
			want = want[:stop]
		}

		got := drain(readRows(rows, opts), stop)
		// The dictionaries (unexported fields) are checked below.
		if d := gocmp.Diff(want, got, cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(batcherYield{})); d != "" {
			t.Fatalf("yields (-want +got):\n%s", d)
		}
		limit := funnel.MaxSharedValues
		if opts.values > 0 {
			limit = opts.values
		}
		var last *batcherYield
		for i := range got {
			y := &got[i]
			if y.users == nil {
				continue // an error
			}
			if last != nil {
				if y.users != last.users {
					t.Fatalf("yield %d: a new user dictionary", i)
				}
				if renewed := y.values != last.values; renewed != (last.nValues >= limit) {
					t.Fatalf("yield %d: property values renewed %v after a batch whose dictionary held %d (limit %d)", i, renewed, last.nValues, limit)
				}
			}
			last = y
		}
	})
}

// Add takes no more values than keys.
func TestEventBatcherAddPanics(t *testing.T) {
	bt := NewEventBatcher(Options{}, []string{"k"}, func(*funnel.Events, error) bool { return true })
	defer func() {
		if recover() == nil {
			t.Error("Add with two values for one key did not panic")
		}
	}()
	bt.Add("u", 0, "view", "a", "b")
}

// After the consumer stops, nothing more is yielded.
func TestEventBatcherStopped(t *testing.T) {
	calls := 0
	bt := NewEventBatcher(Options{BatchSize: 1}, nil, func(*funnel.Events, error) bool {
		calls++
		return false
	})
	bt.Add("u", 0, "view")
	if bt.Done() {
		t.Error("Done after a refused batch: true")
	}
	if bt.Fail(errors.New("x")) {
		t.Error("Fail after a refused batch: true")
	}
	bt.Add("u", 1, "view")
	bt.Close()
	if calls != 1 {
		t.Errorf("%d yields, want 1", calls)
	}
}
