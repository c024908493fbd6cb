package funnel

import (
	"bytes"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// batchRejections is what a batch method's error says: the rows' errors
// one by one, and the count of the rest by reason.
type batchRejections struct {
	Rows []rowError
	More MoreEventsError
}

func rejectionsOf(t *rapid.T, err error) batchRejections {
	var r batchRejections
	if err == nil {
		return r
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for i, e := range errs {
		var more *MoreEventsError
		if errors.As(e, &more) {
			if i != len(errs)-1 || more.Len() == 0 {
				t.Fatalf("a MoreEventsError %v at %d of %d errors", more, i, len(errs))
			}
			r.More = *more
			continue
		}
		var ee *EventError
		if !errors.As(e, &ee) {
			t.Fatalf("error %v is neither an *EventError nor a *MoreEventsError", e)
		}
		r.Rows = append(r.Rows, rowError{ee.UserID, ee.Time, ee.Prev, ee.Err.Error()})
	}
	return r
}

// addRowByRow is what AddEventRows should do: Add of each row's event,
// the errors gathered as a batch method gathers them.
func addRowByRow(t *rapid.T, tr *Traffic, b *Events, rows []int32) batchRejections {
	var r batchRejections
	for _, i := range rows {
		err := tr.Add(b.Event(int(i)))
		if err == nil {
			continue
		}
		var ee *EventError
		if !errors.As(err, &ee) {
			t.Fatalf("Add: %v is not an *EventError", err)
		}
		if len(r.Rows) < maxEventErrors {
			r.Rows = append(r.Rows, rowError{ee.UserID, ee.Time, ee.Prev, ee.Err.Error()})
			continue
		}
		switch ee.Err {
		case ErrOutOfOrder:
			r.More.OutOfOrder++
		case ErrTimeRange:
			r.More.TimeRange++
		case ErrNoSession:
			r.More.NoSession++
		}
	}
	return r
}

// genTrafficEvent draws an event of one of nUsers users, whose clock
// userTime moves on, sometimes backwards (an event Add refuses), with
// sources, devices and sessions in any order, some missing or empty.
func genTrafficEvent(t *rapid.T, nUsers int, userTime []int) Event {
	u := rapid.IntRange(0, nUsers-1).Draw(t, "user")
	step := rapid.IntRange(-2, 40).Draw(t, "minutes")
	if step >= 0 {
		userTime[u] += step
	}
	e := Event{UserID: "user-" + strconv.Itoa(u), Time: at(userTime[u] + min(step, 0)),
		Name: rapid.SampledFrom([]string{"a", "a", "d", "x", "page_view", "purchase"}).Draw(t, "name")}
	keys := rapid.SliceOfDistinct(rapid.SampledFrom([]string{PropSource, PropDevice, PropSession, "sku"}), rapid.ID).Draw(t, "keys")
	for _, k := range keys {
		v := rapid.SampledFrom([]string{"", "ads", "seo", "m", "d", "1", "2", "3"}).Draw(t, "value")
		e.Props = append(e.Props, Prop{k, v})
	}
	return e
}

// AddEvents and AddEventRows leave a Traffic as Add of the rows' events
// does, with the same errors, for every setting, over batches that share
// their dictionaries or have their own, rows chosen in any order and
// repeated, mixed with Add, and after the Traffic was decoded or merged.
func TestPropTrafficAddEventsEqualsAdd(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		settings := Traffic{Sessions: SessionRule{
			Gap:          time.Duration(rapid.IntRange(0, 10).Draw(t, "gap")) * time.Minute,
			Bounce:       BounceRule(rapid.IntRange(0, 1).Draw(t, "bounce")),
			EngagedAfter: time.Duration(rapid.IntRange(0, 3).Draw(t, "engaged")) * time.Minute,
		}}
		switch rapid.IntRange(0, 2).Draw(t, "names") {
		case 0:
			settings.PageView, settings.Purchase = "a", "d"
		case 1:
			settings.PageView, settings.Purchase = "a", "a" // a page view first
		}
		if rapid.Bool().Draw(t, "keyed") {
			settings.Sessions.Key = PropSession
		}
		row, col := settings, settings
		if rapid.Bool().Draw(t, "tiny") {
			tinyTables(&row, 1)
			tinyTables(&col, 1)
		}
		nUsers := rapid.IntRange(1, 30).Draw(t, "users")
		userTime := make([]int, nUsers)
		shared := &Events{}
		shared.Init()
		for range rapid.IntRange(1, 5).Draw(t, "batches") {
			events := make([]Event, rapid.IntRange(0, 60).Draw(t, "events"))
			for i := range events {
				events[i] = genTrafficEvent(t, nUsers, userTime)
			}
			switch rapid.IntRange(0, 5).Draw(t, "how") {
			case 0: // through Add on both
				for _, e := range events {
					if diff := cmp.Diff(rowErrors(t, row.Add(e)), rowErrors(t, col.Add(e))); diff != "" {
						t.Fatalf("Add errors differ (-row +col):\n%s", diff)
					}
				}
				continue
			case 1: // col decoded from its bytes: its look-ups start again
				var d Traffic
				if err := d.UnmarshalBinary(mustMarshal(t, &col)); err != nil {
					t.Fatal(err)
				}
				col = d
			case 2: // col merged into an empty Traffic
				m := settings
				if err := m.Merge(&col); err != nil {
					t.Fatal(err)
				}
				col = m
			}
			b := shared
			if rapid.Bool().Draw(t, "ownDicts") {
				b = &Events{}
			}
			b.Reset()
			for _, e := range events {
				if err := b.Append(e); err != nil {
					t.Fatal(err)
				}
			}
			var rows []int32
			var got batchRejections
			if rapid.Bool().Draw(t, "all") {
				for i := range b.Len() {
					rows = append(rows, int32(i))
				}
				got = rejectionsOf(t, col.AddEvents(b))
			} else {
				if b.Len() > 0 {
					rows = rapid.SliceOf(rapid.Int32Range(0, int32(b.Len()-1))).Draw(t, "rows")
				}
				got = rejectionsOf(t, col.AddEventRows(b, rows))
			}
			want := addRowByRow(t, &row, b, rows)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("errors differ (-Add +batch):\n%s", diff)
			}
			if diff := cmp.Diff(row.Report(), col.Report()); diff != "" {
				t.Fatalf("reports differ (-Add +batch):\n%s", diff)
			}
		}
		if diff := cmp.Diff(row.Report(), col.Report()); diff != "" {
			t.Fatalf("reports differ (-Add +batch):\n%s", diff)
		}
		if a, b := mustMarshal(t, &row), mustMarshal(t, &col); !bytes.Equal(a, b) {
			t.Fatalf("encodings differ:\n%x (Add)\n%x (batch)", a, b)
		}
	})
}

// Past the first 100 rejected rows, a batch method counts the rest by
// reason, and the counts add up to the rows Add rejects.
func TestTrafficAddEventsManyErrors(t *testing.T) {
	tr := Traffic{Sessions: SessionRule{Key: PropSession}}
	var b Events
	b.Init()
	for i := range 400 {
		e := ev("u"+strconv.Itoa(i%10), 1000-i, "page_view", PropSession, "s")
		if i%4 == 3 {
			e.Props = nil // no session
		}
		if err := b.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	// What Add rejects, row by row, past the first 100.
	row := Traffic{Sessions: SessionRule{Key: PropSession}}
	var want MoreEventsError
	rejected := 0
	for i := range b.Len() {
		if err := row.Add(b.Event(i)); err != nil {
			if rejected++; rejected <= 100 {
				continue
			}
			if errors.Is(err, ErrNoSession) {
				want.NoSession++
			} else {
				want.OutOfOrder++
			}
		}
	}
	err := tr.AddEvents(&b)
	var more *MoreEventsError
	if !errors.As(err, &more) {
		t.Fatalf("AddEvents = %v, want a *MoreEventsError among its errors", err)
	}
	if want.NoSession == 0 || want.OutOfOrder == 0 || *more != want {
		t.Fatalf("MoreEventsError = %+v, want %+v (both reasons)", *more, want)
	}
	if rejected != 390 {
		t.Fatalf("Add rejected %d rows, want 390 (the test's premise)", rejected)
	}
	if got := err.Error(); !bytes.HasSuffix([]byte(got), []byte("funnel: 290 more events rejected")) {
		t.Fatalf("the error ends %q, want the count of 290 more", got[max(0, len(got)-60):])
	}
}

// A row number outside the batch is an error, and nothing is counted.
func TestTrafficAddEventRowsOutside(t *testing.T) {
	var b Events
	b.Init()
	if err := b.Append(ev("u", 1, "page_view")); err != nil {
		t.Fatal(err)
	}
	for _, rows := range [][]int32{{1}, {0, -1}} {
		var tr Traffic
		if err := tr.AddEventRows(&b, rows); err == nil {
			t.Errorf("AddEventRows(rows %v) of a batch of 1 = nil, want an error", rows)
		}
		if got := tr.Report().Total; got.Visitors != 0 {
			t.Errorf("AddEventRows(rows %v) counted %+v", rows, got)
		}
		var c Counter
		if err := c.AddEventRows(&b, rows); err == nil {
			t.Errorf("Counter.AddEventRows(rows %v) of a batch of 1 = nil, want an error", rows)
		}
	}
}
