package funnel

import (
	"cmp"
	"slices"
	"time"
)

// Event is one tracked user action: a page view, an add-to-cart, a payment.
//
// Props carries the event's string properties (source, device, session ID,
// page, anything the tracker records) as key-value pairs; keys are unique
// within an event. The well-known keys are the Prop… constants.
type Event struct {
	UserID string
	Time   time.Time
	Name   string
	Props  []Prop
}

// Prop is one string property of an event.
type Prop struct {
	Key, Value string
}

// Well-known property keys.
const (
	PropSession = "session_id" // the tracker's session ID, if it sets one
	PropSource  = "source"     // traffic source: search, ads, social, direct, …
	PropDevice  = "device"     // mobile, desktop, …
	// PropSKU is the product an event is about: the SKU whose detail page
	// a page view shows, that an add-to-cart adds, that a purchase buys
	// (package funnel/detail counts detail-page conversion by it).
	PropSKU = "sku"
)

// Prop returns the value of the property key, or "" if the event has none.
func (e Event) Prop(key string) string {
	for _, p := range e.Props {
		if p.Key == key {
			return p.Value
		}
	}
	return ""
}

// SortEvents sorts events by time, stably (events with equal times keep
// their order), in place: the order a [Counter], a [Traffic] and
// [CountSeq] need, which is time order per user. Use it on an export that
// is not in time order before streaming it; [Count] and [CountTraffic]
// sort a slice themselves. The slice must hold the whole input: a stream
// too large for memory should be sorted where it is stored (by user and
// time).
//
// It sorts small keys (the time and the position, 24 bytes per event)
// rather than the 80-byte events, in O(n log n) comparisons, then moves
// each event once into place (O(n)); it allocates the keys, 24 bytes per
// event, besides the slice. See BenchmarkSortEvents for the cost of a
// million events.
func SortEvents(events []Event) {
	type key struct {
		sec  int64
		nsec int32
		i    int // the position in events: equal times keep their order
	}
	keys := make([]key, len(events))
	for i := range events {
		t := &events[i].Time
		keys[i] = key{t.Unix(), int32(t.Nanosecond()), i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.sec, b.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	// Position k takes the event at keys[k].i: follow each cycle of the
	// permutation once, marking a position done by pointing it at itself.
	for s := range keys {
		if keys[s].i == s {
			continue
		}
		tmp := events[s]
		k := s
		for {
			j := keys[k].i
			keys[k].i = k
			if j == s {
				events[k] = tmp
				break
			}
			events[k] = events[j]
			k = j
		}
	}
}
