package funnel

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"pgregory.net/rapid"
)

// A batch built with Append is valid, whatever its events, however many
// times it is Reset and refilled.
func TestPropAppendValid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var b Events
		if err := b.Validate(); err != nil {
			t.Fatalf("the zero Events: %v", err)
		}
		for range rapid.IntRange(1, 3).Draw(t, "batches") {
			b.Reset()
			if err := b.Validate(); err != nil {
				t.Fatalf("a reset batch: %v", err)
			}
			appendAll(&b, genBatchEvents(t, "ev", true)...)
			if err := b.Validate(); err != nil {
				t.Fatalf("a batch built with Append: %v", err)
			}
		}
	})
}

// batchErrors returns the *metrics.BatchErrors joined in err, each of
// funnel's Events.
func batchErrors(t *testing.T, err error) []metrics.BatchError {
	t.Helper()
	var out []metrics.BatchError
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		var be *metrics.BatchError
		if !errors.As(e, &be) || !errors.Is(e, metrics.ErrMalformed) || be.Pkg != "funnel" || be.Type != "Events" {
			t.Fatalf("%v is not a *metrics.BatchError of funnel's Events wrapping ErrMalformed", e)
		}
		out = append(out, *be)
	}
	return out
}

func TestEventsValidate(t *testing.T) {
	for _, tc := range []struct {
		name, reason string
		spoil        func(b *Events)
		want         []string // the messages, in order
	}{
		{"good", "a batch of three events with properties", func(b *Events) {}, nil},
		{"empty", "a reset batch keeps its dictionaries and first start", func(b *Events) { b.Reset(); b.PropStart = b.PropStart[:1] }, nil},
		{"time without user", "the report's check of batch 2: a time appended alone",
			func(b *Events) { b.Time = append(b.Time, b.Time[0]) },
			[]string{"funnel: malformed Events batch: columns disagree: 4 times, 3 users, 3 names, 4 property starts"}},
		{"no property starts", "the zero value's PropStart in a batch with events",
			func(b *Events) { b.PropStart = nil },
			[]string{"funnel: malformed Events batch: columns disagree: 3 times, 3 users, 3 names, 0 property starts"}},
		{"short values", "a value column shorter than the keys",
			func(b *Events) { b.PropValue = b.PropValue[:1] },
			[]string{"funnel: malformed Events batch: property columns disagree: 2 keys, 1 values, 0 at the first start and 2 at the last"}},
		{"decreasing start", "row 1's properties start before row 0's",
			func(b *Events) { b.PropStart = []int32{0, 2, 1, 2} },
			[]string{"funnel: malformed Events batch: PropStart: row 1: property start 1 after 2"}},
		{"no dictionary", "the names' dictionary is nil",
			func(b *Events) { b.Names = nil },
			[]string{"funnel: malformed Events batch: without the dictionaries of its columns"}},
		{"numbers", "a user number past UserIDs, two negative names and a value past PropValues",
			func(b *Events) { b.User[2] = 7; b.Name[0], b.Name[1] = -1, -2; b.PropValue[1] = 9 },
			[]string{
				"funnel: malformed Events batch: User: row 2: number 7 outside UserIDs (2 entries)",
				"funnel: malformed Events batch: Name: row 0: number -1 outside Names (2 entries) (and 1 more row)",
				"funnel: malformed Events batch: PropValue: row 2: number 9 outside PropValues (2 entries)",
			}},
		{"repeated key", "row 2 has source twice",
			func(b *Events) { b.PropKey[1] = b.PropKey[0] },
			[]string{"funnel: malformed Events batch: PropKey: row 2: a property key given twice"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b Events
			appendAll(&b, ev("u1", 0, "a"), ev("u2", 1, "b"), ev("u1", 2, "a", PropSource, "ads", PropDevice, "mobile"))
			tc.spoil(&b)
			err := b.Validate()
			var got []string
			if err != nil {
				for _, be := range batchErrors(t, err) {
					got = append(got, be.Error())
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
			if err == nil {
				return
			}
			c, _ := NewCounter(Config{Steps: steps("a", "b")})
			if got := c.AddEvents(&b); got == nil || got.Error() != err.Error() {
				t.Errorf("AddEvents: %v, want Validate's error", got)
			}
		})
	}
}

func TestEventsValidateNil(t *testing.T) {
	var b *Events
	got := batchErrors(t, b.Validate())
	if diff := cmp.Diff([]metrics.BatchError{{Pkg: "funnel", Type: "Events", Row: -1, Problem: "a nil batch"}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if msg := got[0].Error(); msg != "funnel: malformed Events batch: a nil batch" {
		t.Errorf("message %q", msg)
	}
}

// The first row at fault and the count of others, in a column whose
// errors are located by property.
func TestEventsValidateLocation(t *testing.T) {
	var b Events
	appendAll(&b, ev("u1", 0, "a", "k", "v"), ev("u1", 0, "a"), ev("u1", 0, "a", "k", "v", "k2", "v"), ev("u2", 1, "b", "k", "v"))
	b.PropKey[2] = 5 // row 2's second property
	b.PropKey[3] = 6 // row 3's
	got := batchErrors(t, b.Validate())
	want := []metrics.BatchError{{Pkg: "funnel", Type: "Events", Column: "PropKey", Row: 2, More: 1, Problem: "number 5 outside PropKeys (2 entries)"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !slices.Equal(b.User, []int32{0, 0, 0, 1}) || b.UserIDs.Len() != 2 || b.PropValues.Len() != 1 {
		t.Errorf("the batch is not as built: %v", b.User)
	}
}
