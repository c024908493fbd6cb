package report

import (
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// zones are time zones with the transitions a day clock must get right:
// none, DST, a 30-minute DST (Lord Howe), a skipped calendar day (Apia,
// 2011-12-30), DST ending at midnight (São Paulo, until 2019).
var zones = []string{"UTC", "Asia/Shanghai", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "America/Sao_Paulo"}

// TestDayClock: the day number the clock gives equals dayNumber of the
// time in its location, for times in random order (the cache of the zone
// period is then hit and missed), in Unix seconds and in Unix ns.
func TestDayClock(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.SampledFrom(zones).Draw(t, "zone")
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skip(err) // no time zone database
		}
		c := dayClock{loc: loc}
		base := rapid.Int64Range(-3e9, 4e9).Draw(t, "base") // 1875 to 2096, in seconds
		for i := range rapid.IntRange(1, 50).Draw(t, "times") {
			ns := (base+rapid.Int64Range(-200*86400, 200*86400).Draw(t, "offset"))*1e9 + rapid.Int64Range(0, 1e9-1).Draw(t, "ns")
			at := time.Unix(0, ns)
			want := dayNumber(at.In(loc))
			if got := c.day(floorSec(ns), func() time.Time { return at }); got != want {
				t.Fatalf("time %d (%v in %s): day %d, want %d", i, at.In(loc), name, got, want)
			}
		}
	})
	// Times far from any calendar in use take the slow path.
	c := dayClock{loc: time.UTC}
	at := time.Date(-300_000_000_000, 1, 1, 0, 0, 0, 0, time.UTC)
	if got, want := c.day(at.Unix(), func() time.Time { return at }), dayNumber(at); got != want {
		t.Errorf("year -3e11: day %d, want %d", got, want)
	}
}

// TestNsBetween: a Unix ns time is in nsBetween(from, to, closed) exactly
// when time comparisons say it is in [from, to) or [from, to], bounds
// beyond what Unix ns can hold included.
func TestNsBetween(t *testing.T) {
	edge := []int64{math.MinInt64, math.MinInt64 + 1, -1, 0, 1, math.MaxInt64 - 1, math.MaxInt64}
	bound := func(t *rapid.T, label string) time.Time {
		switch rapid.IntRange(0, 3).Draw(t, label+" kind") {
		case 0:
			return time.Unix(0, rapid.SampledFrom(edge).Draw(t, label))
		case 1: // beyond Unix ns
			d := time.Duration(rapid.Int64Range(1, 1e18).Draw(t, label+" beyond"))
			if rapid.Bool().Draw(t, label+" late") {
				return maxNs.Add(d)
			}
			return minNs.Add(-d)
		}
		return time.Unix(0, rapid.Int64().Draw(t, label))
	}
	rapid.Check(t, func(t *rapid.T) {
		from, to := bound(t, "from"), bound(t, "to")
		closed := rapid.Bool().Draw(t, "closed")
		r := nsBetween(from, to, closed)
		for _, n := range append(edge, from.UnixNano(), to.UnixNano(), to.UnixNano()-1, rapid.Int64().Draw(t, "n")) {
			at := time.Unix(0, n)
			want := !at.Before(from) && (at.Before(to) || closed && at.Equal(to))
			if got := r.has(n); got != want {
				t.Fatalf("%d in [%v, %v) closed %v: %v, want %v (range %+v)", n, from, to, closed, got, want, r)
			}
		}
	})
}

// TestUserIndex: users are numbered densely in order of first
// appearance, with a state each, and count counts the users with an
// event in a period.
func TestUserIndex(t *testing.T) {
	var u userIndex
	for i, id := range []string{"a", "b", "a", "", "c", "b"} {
		n := u.index(id)
		if n >= 0 || int(^n) >= u.other.Len() || u.users() != u.ids.Len() {
			t.Fatalf("user %d (%q): number %d of %d states, %d IDs", i, id, n, u.users(), u.ids.Len())
		}
		u.at(n).mask |= 1 << (i % 2)
	}
	if u.users() != 4 {
		t.Errorf("%d users, want 4", u.users())
	}
	if got0, got1 := u.count(0), u.count(1); got0 != 2 || got1 != 2 {
		t.Errorf("count = %d, %d; want 2 (a, c), 2 (b, \"\")", got0, got1)
	}
}

// TestUserIndexNumbers: whichever way a user comes (by ID, or through
// the first batch dictionary, another one, or the first again after
// another), the same ID gets the same number, distinct IDs distinct
// numbers, and there is one state per distinct ID (an alias, a user
// numbered by ID before the first dictionary brought it, leads to that
// state).
func TestUserIndexNumbers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var (
			u     userIndex
			r     metrics.Remap[int32]
			dicts [3]metrics.Dict
			want  = map[string]int32{}
		)
		id := rapid.StringMatching(`u[0-9]{1,2}`)
		check := func(s string, n int32) {
			if w, ok := want[s]; ok && w != n {
				t.Fatalf("user %q: number %d, earlier %d", s, n, w)
			}
			want[s] = n
		}
		for range rapid.IntRange(1, 40).Draw(t, "steps") {
			if rapid.IntRange(0, 4).Draw(t, "byID") == 0 {
				s := id.Draw(t, "id")
				check(s, u.index(s))
				continue
			}
			d := &dicts[rapid.IntRange(0, 2).Draw(t, "dict")]
			for range rapid.IntRange(0, 3).Draw(t, "new") {
				d.Index(id.Draw(t, "id"))
			}
			nums, own := u.numbers(d, &r)
			if own != (d == u.prim) || !own && len(nums) != d.Len() || own && u.state.Len() != d.Len() {
				t.Fatalf("%d numbers (own %v) for %d entries, %d states", len(nums), own, d.Len(), u.state.Len())
			}
			for k := range d.Len() {
				n := int32(k) // the entry's own number
				if !own {
					n = nums[k]
				}
				n, s := u.resolve(n)
				if s != u.at(n) || s.mask&maskAlias != 0 {
					t.Fatalf("entry %d: number %d resolves to another state, or to an alias", k, n)
				}
				check(d.String(int32(k)), n)
			}
		}
		if u.users() != len(want) {
			t.Fatalf("%d states for %d distinct users", u.users(), len(want))
		}
		seen := map[int32]string{}
		for s, n := range want {
			if o, ok := seen[n]; ok {
				t.Fatalf("users %q and %q share number %d", s, o, n)
			}
			seen[n] = s
		}
	})
}
