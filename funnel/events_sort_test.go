package funnel

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// SortByTime gives the events SortEvents gives, in the same order (both
// stable), and the batch stays valid; a Counter given the sorted batch
// counts what Count counts.
func TestPropSortByTime(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		events := genBatchEvents(t, "ev", true)
		for i := range events { // shuffle more than genBatchEvents does
			j := rapid.IntRange(0, i).Draw(t, "j")
			events[i], events[j] = events[j], events[i]
		}
		var b Events
		appendAll(&b, events...)
		b.SortByTime()
		if err := b.Validate(); err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(events)
		SortEvents(want)
		got := make([]Event, b.Len())
		for i := range got {
			got[i] = b.Event(i)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Fatalf("SortByTime (-SortEvents +SortByTime):\n%s", diff)
		}
		cfg := genConfig(t, false)
		c, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddEvents(&b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(mustCount(t, cfg, events), c.Result()); diff != "" {
			t.Fatalf("AddEvents of the sorted batch (-Count +AddEvents):\n%s", diff)
		}
	})
}

func TestSortByTime(t *testing.T) {
	var b Events
	appendAll(&b, ev("u1", 5, "a", "k", "1"), ev("u2", 0, "b"), ev("u3", 5, "c", "k", "3", "j", "x"), ev("u1", 1, "a"))
	b.SortByTime()
	var got []string
	for i := range b.Len() {
		e := b.Event(i)
		got = append(got, e.UserID+" "+e.Name+" "+e.Prop("k"))
	}
	// Minutes 0, 1, 5, 5: the two events at minute 5 keep their order.
	want := []string{"u2 b ", "u1 a ", "u1 a 1", "u3 c 3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sorted rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{0, 0, 0, 1, 3}, b.PropStart); diff != "" {
		t.Errorf("PropStart (-want +got):\n%s", diff)
	}
	var empty Events
	empty.SortByTime()
	if empty.Len() != 0 || empty.PropStart != nil {
		t.Errorf("the zero Events sorted: %+v", empty)
	}
}
