package funnel

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// Event gives back what Append was given, its time in the batch's
// Location, and Reset keeps the dictionaries, so the numbers of the next
// batch agree with the last's.
func TestPropEventsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var b Events
		var loc *time.Location
		if rapid.Bool().Draw(t, "tokyo") {
			loc = time.FixedZone("JST", 9*3600)
			b.Location = loc
		}
		var into Event
		for range rapid.IntRange(1, 3).Draw(t, "batches") {
			events := genBatchEvents(t, "ev", true)
			users := b.UserIDs
			b.Reset()
			for _, e := range events {
				if err := b.Append(e); err != nil {
					t.Fatal(err)
				}
			}
			if users != nil && b.UserIDs != users {
				t.Fatalf("Reset changed the user dictionary")
			}
			if b.Len() != len(events) || (len(events) > 0 && len(b.PropStart) != len(events)+1) {
				t.Fatalf("%d events appended: Len %d, %d property starts", len(events), b.Len(), len(b.PropStart))
			}
			for i, want := range events {
				if loc != nil {
					want.Time = want.Time.In(loc)
				}
				got := b.Event(i)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("Event(%d) (-appended +got):\n%s", i, diff)
				}
				if got.Time.Location() != want.Time.Location() {
					t.Fatalf("Event(%d) in %v, want %v", i, got.Time.Location(), want.Time.Location())
				}
				// EventInto gives the same into one Event reused for every
				// row, its Props empty rather than nil.
				b.EventInto(i, &into)
				if diff := cmp.Diff(want, into, cmpopts.EquateEmpty()); diff != "" {
					t.Fatalf("EventInto(%d) (-appended +got):\n%s", i, diff)
				}
				if into.Time.Location() != want.Time.Location() {
					t.Fatalf("EventInto(%d) in %v, want %v", i, into.Time.Location(), want.Time.Location())
				}
				if u, ok := b.UserIDs.Lookup(want.UserID); !ok || u != b.User[i] {
					t.Fatalf("Event(%d): user number %d, dictionary %d %v", i, b.User[i], u, ok)
				}
				for _, k := range []string{PropSource, PropSession, "absent"} {
					key, ok := b.PropKeys.Lookup(k)
					if !ok {
						key = -1
					}
					if got, want := b.Prop(i, key), want.Prop(k); got != want {
						t.Fatalf("Prop(%d, %q) = %q, want %q", i, k, got, want)
					}
				}
			}
		}
	})
}

func TestEventsAppend(t *testing.T) {
	var b Events
	if b.Len() != 0 {
		t.Fatalf("zero Events: Len %d", b.Len())
	}
	e := ev("u1", 0, "a", "k", "v", "k2", "")
	if err := b.Append(e); err != nil {
		t.Fatal(err)
	}
	far := ev("u2", 0, "a")
	far.Time = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) // past Unix nanoseconds
	err := b.Append(far)
	var ee *EventError
	if !errors.As(err, &ee) || ee.UserID != "u2" || !errors.Is(err, ErrTimeRange) {
		t.Errorf("Append(year 2300) = %v, want an *EventError of u2 wrapping ErrTimeRange", err)
	}
	twice := ev("u3", 0, "a", "source", "ads", "k", "v", "source", "mail")
	if err := b.Append(twice); !errors.As(err, &ee) || ee.UserID != "u3" || !errors.Is(err, ErrRepeatedProp) {
		t.Errorf("Append(source twice) = %v, want an *EventError of u3 wrapping ErrRepeatedProp", err)
	}
	if err := b.Validate(); err != nil {
		t.Errorf("the batch after the rejected Appends: %v", err)
	}
	if b.Len() != 1 || b.UserIDs.Len() != 1 {
		t.Errorf("a rejected Append added to the batch: Len %d, %d users", b.Len(), b.UserIDs.Len())
	}
	if diff := cmp.Diff(e, b.Event(0)); diff != "" {
		t.Errorf("Event(0) (-appended +got):\n%s", diff)
	}
	b.Reset()
	if b.Len() != 0 || len(b.PropStart) != 0 || len(b.PropKey) != 0 || b.UserIDs.Len() != 1 {
		t.Errorf("Reset: Len %d, %d starts, %d properties, %d users; want 0, 0, 0 and the dictionary's 1",
			b.Len(), len(b.PropStart), len(b.PropKey), b.UserIDs.Len())
	}
	b.Init()
	if len(b.PropStart) != 1 || b.PropStart[0] != 0 {
		t.Errorf("Init: property starts %v, want [0]", b.PropStart)
	}
}
