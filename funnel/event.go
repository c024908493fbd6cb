package funnel

import (
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
// sort a slice themselves. It takes O(n log n) time and no memory beyond
// the slice, which must hold the whole input: a stream too large for
// memory should be sorted where it is stored (by user and time).
func SortEvents(events []Event) {
	slices.SortStableFunc(events, func(a, b Event) int { return a.Time.Compare(b.Time) })
}
