package funnel

import (
	"errors"
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Events is a batch of events held as columns: the fast path of the
// [Counter] and of the review. User IDs, event names and properties are
// numbers of a [metrics.Dict] and times are Unix nanoseconds, so that an
// event is 20 bytes plus 8 per property, and a counter keeps its per-user
// state in slices indexed by the user's number instead of a hash table of
// string IDs.
//
// Row i is the i-th event; its properties are rows PropStart[i] to
// PropStart[i+1]-1 of PropKey and PropValue, numbers in PropKeys and
// PropValues.
//
// Readers fill batches directly; [Events.Append] adds an [Event], and
// [Events.Event] gives one back, equal to what was appended but for the
// time's location, which is Location (UTC if nil). Batches that share
// their Dicts number alike: a Counter fed several batches of one user
// dictionary looks each user up once.
//
// The zero Events is an empty batch with no dictionaries; Append creates
// those it needs. Events is not safe for concurrent use; the columns may
// be read concurrently once filled.
type Events struct {
	UserIDs, Names, PropKeys, PropValues *metrics.Dict

	Location *time.Location // the location of the times Event returns; UTC if nil

	User      []int32 // in UserIDs
	Time      []int64 // Unix ns
	Name      []int32 // in Names
	PropStart []int32 // len = events + 1 once an event is added
	PropKey   []int32 // in PropKeys
	PropValue []int32 // in PropValues
}

// Len returns the number of events.
func (b *Events) Len() int { return len(b.Time) }

// Reset empties the batch, keeping its memory and its dictionaries.
func (b *Events) Reset() {
	b.User, b.Time, b.Name = b.User[:0], b.Time[:0], b.Name[:0]
	b.PropStart, b.PropKey, b.PropValue = b.PropStart[:0], b.PropKey[:0], b.PropValue[:0]
}

// Init creates the dictionaries the batch lacks, and the first entry of
// PropStart: what a reader filling the columns directly calls first.
func (b *Events) Init() {
	for _, d := range []**metrics.Dict{&b.UserIDs, &b.Names, &b.PropKeys, &b.PropValues} {
		if *d == nil {
			*d = new(metrics.Dict)
		}
	}
	if len(b.PropStart) == 0 {
		b.PropStart = append(b.PropStart, 0)
	}
}

// MaxSharedValues is the number of property values after which a reader
// whose batches share their dictionaries starts a new PropValues
// dictionary for its next batch (every reader of this module does):
// values such as session IDs, new with every session, would otherwise
// keep every one of a file in memory. An analysis that remembers values
// by number keeps a map per PropValues dictionary (see metrics.Remap).
const MaxSharedValues = 1 << 20

// Append adds event e. It returns an *[EventError], and adds nothing, if
// e's time cannot be represented in Unix nanoseconds ([ErrTimeRange]), if
// it has a property key twice ([ErrRepeatedProp]: a batch with one would
// not pass [Events.Validate]), or if its properties would take the batch
// past 2^31-1 properties (start a new batch).
func (b *Events) Append(e Event) error {
	t, ok := unixNano(e.Time)
	if !ok {
		return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrTimeRange}
	}
	for i := 1; i < len(e.Props); i++ {
		for _, p := range e.Props[:i] {
			if p.Key == e.Props[i].Key {
				return &EventError{UserID: e.UserID, Time: e.Time, Err: ErrRepeatedProp}
			}
		}
	}
	if int64(len(b.PropKey))+int64(len(e.Props)) > math.MaxInt32 {
		return &EventError{UserID: e.UserID, Time: e.Time, Err: errBatchFull}
	}
	b.Init()
	b.User = append(b.User, b.UserIDs.Index(e.UserID))
	b.Time = append(b.Time, t)
	b.Name = append(b.Name, b.Names.Index(e.Name))
	for _, p := range e.Props {
		b.PropKey = append(b.PropKey, b.PropKeys.Index(p.Key))
		b.PropValue = append(b.PropValue, b.PropValues.Index(p.Value))
	}
	b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
	return nil
}

// Event returns event i as an [Event], its time in b.Location.
func (b *Events) Event(i int) Event {
	loc := b.Location
	if loc == nil {
		loc = time.UTC
	}
	e := Event{
		UserID: b.UserIDs.String(b.User[i]),
		Time:   time.Unix(0, b.Time[i]).In(loc),
		Name:   b.Names.String(b.Name[i]),
	}
	s, end := b.PropStart[i], b.PropStart[i+1]
	if end > s {
		e.Props = make([]Prop, end-s)
		for j := s; j < end; j++ {
			e.Props[j-s] = Prop{Key: b.PropKeys.String(b.PropKey[j]), Value: b.PropValues.String(b.PropValue[j])}
		}
	}
	return e
}

// EventInto sets *e to event i, as [Events.Event] returns it but for its
// properties, which it writes into e.Props' array, reused: e.Props is
// empty, perhaps not nil, for an event without properties, and holds
// event i's until e is set again. It is Event without an allocation per
// event, for a caller that keeps no event's Props.
func (b *Events) EventInto(i int, e *Event) {
	props := e.Props[:0]
	loc := b.Location
	if loc == nil {
		loc = time.UTC
	}
	*e = Event{UserID: b.UserIDs.String(b.User[i]), Time: time.Unix(0, b.Time[i]).In(loc), Name: b.Names.String(b.Name[i])}
	for j := b.PropStart[i]; j < b.PropStart[i+1]; j++ {
		props = append(props, Prop{Key: b.PropKeys.String(b.PropKey[j]), Value: b.PropValues.String(b.PropValue[j])})
	}
	e.Props = props
}

// Prop returns the value of event i's property key, or "" if it has none.
func (b *Events) Prop(i int, key int32) string {
	for j := b.PropStart[i]; j < b.PropStart[i+1]; j++ {
		if b.PropKey[j] == key {
			return b.PropValues.String(b.PropValue[j])
		}
	}
	return ""
}

// errBatchFull is the error of an event whose properties do not fit in
// its batch.
var errBatchFull = errors.New("funnel: more than 2^31-1 properties in one batch")
