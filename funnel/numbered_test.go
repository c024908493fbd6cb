package funnel

import (
	stdcmp "cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// genNumbered draws a stream of events of nUsers users, each user with a
// distinct number (dense, sparse or negative), in time order per user but
// for events drawn before the user's last one (refused as out of order),
// with ties, and out of the time range now and then; with the sessions
// property when keyed.
func genNumbered(t *rapid.T, keyed bool) (events []Event, numbers map[string]int32) {
	nUsers := rapid.IntRange(1, 300).Draw(t, "users")
	numbers = make(map[string]int32, nUsers)
	used := make(map[int32]bool, nUsers)
	base := rapid.Int32().Draw(t, "base")
	stride := rapid.Int32Range(1, 1<<20).Draw(t, "stride")
	for u := range nUsers {
		n := base + int32(u)*stride // wraps to negatives too
		for used[n] {
			n++
		}
		used[n] = true
		numbers["user-"+strconv.Itoa(u)] = n
	}
	userTime := make([]int, nUsers) // minutes
	for range rapid.IntRange(0, 1200).Draw(t, "events") {
		u := rapid.IntRange(0, nUsers-1).Draw(t, "user")
		step := rapid.IntRange(-2, 30).Draw(t, "minutes")
		if step >= 0 {
			userTime[u] += step
		}
		e := Event{UserID: "user-" + strconv.Itoa(u), Time: at(userTime[u] + min(step, 0)),
			Name: rapid.SampledFrom([]string{"a", "a", "b", "c", "d", "x"}).Draw(t, "name")}
		if rapid.IntRange(0, 99).Draw(t, "range") == 0 {
			e.Time = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		for _, p := range []struct {
			key    string
			values []string
		}{{PropSource, []string{"", "ads", "seo"}}, {PropDevice, []string{"", "m", "d"}}, {PropSession, []string{"", "1", "2", "3"}}} {
			if p.key == PropSession && !keyed {
				continue
			}
			if v := rapid.SampledFrom(p.values).Draw(t, p.key); v != "" {
				e.Props = append(e.Props, Prop{p.key, v})
			}
		}
		events = append(events, e)
	}
	return events, numbers
}

// touch calls TouchNumbered, now and then, on each of xs with n and
// other numbers drawn, most of them of no user: it must change nothing,
// in an accumulator of users by number or by ID.
func touch(t *rapid.T, n int32, xs ...interface{ TouchNumbered([]int32) }) {
	if rapid.IntRange(0, 3).Draw(t, "touch") != 0 {
		return
	}
	nums := append([]int32{n}, rapid.SliceOfN(rapid.Int32(), 0, 4).Draw(t, "touched")...)
	for _, x := range xs {
		x.TouchNumbered(nums)
	}
}

// sameError reports how got differs from want, an error of Add: the
// same message and, for an *EventError, the same fields.
func sameError(want, got error) string {
	if (want == nil) != (got == nil) {
		return fmt.Sprintf("error %v, want %v", got, want)
	}
	if want == nil {
		return ""
	}
	var we, ge *EventError
	if errors.As(want, &we) != errors.As(got, &ge) || want.Error() != got.Error() {
		return fmt.Sprintf("error %v, want %v", got, want)
	}
	if we != nil && (we.UserID != ge.UserID || !we.Time.Equal(ge.Time) || we.Time.Location() != ge.Time.Location() ||
		!we.Prev.Equal(ge.Prev) || we.Prev.Location() != ge.Prev.Location() || we.Err != ge.Err) {
		return fmt.Sprintf("error %#v, want %#v", *ge, *we)
	}
	return ""
}

// A Traffic of users by number counts and refuses every event as a
// Traffic of users by ID does, from tables of 1 to 8 slots grown to
// hundreds of users, whatever the numbers: its errors and its report are
// the same. TouchNumbered between the events changes neither.
func TestPropTrafficNumbered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		settings := Traffic{PageView: "a", Purchase: "d", Sessions: SessionRule{
			Gap:          time.Duration(rapid.IntRange(0, 10).Draw(t, "gap")) * time.Minute,
			Bounce:       BounceRule(rapid.IntRange(0, 1).Draw(t, "bounce")),
			EngagedAfter: time.Duration(rapid.IntRange(0, 3).Draw(t, "engaged")) * time.Minute,
		}}
		keyed := rapid.Bool().Draw(t, "keyed")
		if keyed {
			settings.Sessions.Key = PropSession
		}
		events, numbers := genNumbered(t, keyed)
		byID, byNumber := settings, settings
		size := 1 << rapid.IntRange(0, 3).Draw(t, "table_bits")
		tinyTables(&byID, size)
		tinyTables(&byNumber, size)
		for i, e := range events {
			touch(t, numbers[e.UserID], &byID, &byNumber)
			want, got := byID.Add(e), byNumber.AddNumbered(numbers[e.UserID], e)
			if diff := sameError(want, got); diff != "" {
				t.Fatalf("event %d %+v: AddNumbered: %s", i, e, diff)
			}
		}
		if diff := cmp.Diff(byID.Report(), byNumber.Report()); diff != "" {
			t.Fatalf("report (-by ID +by number):\n%s", diff)
		}
	})
}

// A Counter of users by number counts and refuses every event as a
// Counter of users by ID does, in every mode, unit and session rule, from
// tables of 1 to 8 slots: its errors and its result are the same.
func TestPropCounterNumbered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genConfig(t, false)
		keyed := rapid.Bool().Draw(t, "keyed")
		if keyed {
			cfg.Unit, cfg.Sessions = PerSession, SessionRule{Key: PropSession}
		}
		events, numbers := genNumbered(t, keyed)
		byID, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		byNumber, _ := NewCounter(cfg)
		if grow := rapid.IntRange(0, 100).Draw(t, "grow"); grow > 0 {
			byID.Grow(grow)
			byNumber.Grow(grow)
		} else {
			size := 1 << rapid.IntRange(0, 3).Draw(t, "table_bits")
			byID.users.seed = maphash.MakeSeed()
			byID.users.slots, byNumber.users.slots = make([]userSlot, size), make([]userSlot, size)
		}
		for i, e := range events {
			touch(t, numbers[e.UserID], byID, byNumber)
			want, got := byID.Add(e), byNumber.AddNumbered(numbers[e.UserID], e)
			if diff := sameError(want, got); diff != "" {
				t.Fatalf("event %d %+v: AddNumbered: %s", i, e, diff)
			}
		}
		if diff := cmp.Diff(byID.Result(), byNumber.Result()); diff != "" {
			t.Fatalf("result (-by ID +by number):\n%s", diff)
		}
	})
}

// An accumulator keys its users one way: the other kind of user, Merge
// and MarshalBinary are refused with ErrNumbered and change nothing.
func TestNumberedRefusals(t *testing.T) {
	e := ev("u", 1, "a")
	later := ev("u", 2, "a")
	var batch Events
	if err := batch.Append(later); err != nil {
		t.Fatal(err)
	}
	newCounter := func() *Counter {
		c, err := NewCounter(Config{Steps: steps("a", "b")})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	byID, byNumber := newCounter(), newCounter()
	if err := stdcmp.Or(byID.Add(e), byNumber.AddNumbered(7, e)); err != nil {
		t.Fatal(err)
	}
	var tID, tNumber Traffic
	if err := stdcmp.Or(tID.Add(e), tNumber.AddNumbered(7, e)); err != nil {
		t.Fatal(err)
	}
	wantC, wantT := byNumber.Result(), tNumber.Report()
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"Counter.Add by number", byNumber.Add(later)},
		{"Counter.AddEvents by number", byNumber.AddEvents(&batch)},
		{"Counter.AddEventRows by number", byNumber.AddEventRows(&batch, []int32{0})},
		{"Counter.AddNumbered by ID", byID.AddNumbered(7, later)},
		{"Counter.Merge into numbered", byNumber.Merge(newCounter())},
		{"Counter.Merge of numbered", newCounter().Merge(byNumber)},
		{"Counter.MarshalBinary", func() error { _, err := byNumber.MarshalBinary(); return err }()},
		{"Traffic.Add by number", tNumber.Add(later)},
		{"Traffic.AddEvents by number", tNumber.AddEvents(&batch)},
		{"Traffic.AddNumbered by ID", tID.AddNumbered(7, later)},
		{"Traffic.Merge into numbered", tNumber.Merge(&Traffic{})},
		{"Traffic.Merge of numbered", new(Traffic).Merge(&tNumber)},
		{"Traffic.MarshalBinary", func() error { _, err := tNumber.MarshalBinary(); return err }()},
	} {
		if !errors.Is(tc.err, ErrNumbered) {
			t.Errorf("%s: error %v, want ErrNumbered", tc.name, tc.err)
		}
	}
	if diff := cmp.Diff(wantC, byNumber.Result()); diff != "" {
		t.Errorf("a refused call changed the Counter (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantT, tNumber.Report()); diff != "" {
		t.Errorf("a refused call changed the Traffic (-want +got):\n%s", diff)
	}
	// A decoded Traffic holds users by ID.
	b, err := tID.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var decoded Traffic
	if err := decoded.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if err := decoded.AddNumbered(7, later); !errors.Is(err, ErrNumbered) {
		t.Errorf("AddNumbered of a decoded Traffic: error %v, want ErrNumbered", err)
	}
}
