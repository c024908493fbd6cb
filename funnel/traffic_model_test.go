package funnel

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/internal/wire"
)

// trafficModel is a Traffic written plainly with Go maps and slices, as
// the Traffic was before its tables were packed (commit ea31199): the
// model the property below holds the tables to.
type trafficModel struct {
	settings Traffic
	users    map[string]int32 // user ID → index in ids
	ids      []string
	last     []int64
	cur      []int // sessions by gap: the current session, or −1
	keyed    map[[2]string]int
	sessions []modelSession
	index    map[string]int
	values   []string
}

type modelSession struct {
	user, source, device int
	purchased            bool
	pageViews            int64
	id                   string // sessions by key
	first, last          int64
}

func newTrafficModel(settings Traffic) *trafficModel {
	return &trafficModel{settings: settings, users: map[string]int32{}, keyed: map[[2]string]int{}, index: map[string]int{}}
}

func (m *trafficModel) intern(v string) int {
	i, ok := m.index[v]
	if !ok {
		i = len(m.values)
		m.index[v] = i
		m.values = append(m.values, v)
	}
	return i
}

// add counts e as Traffic.Add does, and reports whether it was counted.
func (m *trafficModel) add(e Event) bool {
	ns, ok := unixNano(e.Time)
	sid := e.Prop(m.settings.Sessions.Key)
	keyed := m.settings.Sessions.Key != ""
	if !ok || keyed && sid == "" {
		return false
	}
	ui, seen := m.users[e.UserID]
	if seen && ns < m.last[ui] {
		return false
	}
	if !seen {
		ui = int32(len(m.ids))
		m.users[e.UserID] = ui
		m.ids = append(m.ids, e.UserID)
		m.last = append(m.last, ns)
		m.cur = append(m.cur, -1)
	}
	prev := m.last[ui]
	m.last[ui] = ns
	newSession := func() int {
		m.sessions = append(m.sessions, modelSession{user: int(ui), source: m.intern(e.Prop(PropSource)), device: m.intern(e.Prop(PropDevice)),
			id: sid, first: ns, last: ns})
		return len(m.sessions) - 1
	}
	var si int
	if keyed {
		k := [2]string{e.UserID, sid}
		if si, ok = m.keyed[k]; !ok {
			si = newSession()
			m.keyed[k] = si
		}
	} else {
		si = m.cur[ui]
		if si < 0 || uint64(ns-prev) > uint64(m.settings.Sessions.gap()) {
			si = newSession()
			m.cur[ui] = si
		}
	}
	s := &m.sessions[si]
	switch e.Name {
	case m.settings.pageView():
		s.pageViews++
	case m.settings.purchase():
		s.purchased = true
	}
	s.last = max(s.last, ns)
	return true
}

// report is Traffic.Report, with maps of visitors.
func (m *trafficModel) report() TrafficReport {
	engaged := m.settings.Sessions.Bounce == BounceNotEngaged
	r := TrafficReport{Total: TrafficStats{Visitors: int64(len(m.ids))}, BySource: map[string]TrafficStats{}, ByDevice: map[string]TrafficStats{}}
	seen := map[[3]string]bool{}
	count := func(st *TrafficStats, s modelSession, dim, value string) {
		st.Sessions++
		st.PageViews += s.pageViews
		if !s.purchased && (!engaged && s.pageViews == 1 ||
			engaged && s.pageViews < 2 && s.last-s.first < int64(m.settings.Sessions.engagedAfter())) {
			st.Bounces++
		}
		if k := [3]string{dim, value, m.ids[s.user]}; dim != "" && !seen[k] {
			seen[k] = true
			st.Visitors++
		}
	}
	for _, s := range m.sessions {
		count(&r.Total, s, "", "")
		for _, d := range []struct {
			name  string
			value string
			into  map[string]TrafficStats
		}{{"source", m.values[s.source], r.BySource}, {"device", m.values[s.device], r.ByDevice}} {
			st := d.into[d.value]
			count(&st, s, d.name, d.value)
			d.into[d.value] = st
		}
	}
	r.Total = r.Total.withRates()
	for _, into := range []map[string]TrafficStats{r.BySource, r.ByDevice} {
		for v, st := range into {
			into[v] = st.withRates()
		}
	}
	return r
}

// encode writes the encoding of traffic_binary.go's comment.
func (m *trafficModel) encode() []byte {
	keyed := m.settings.Sessions.Key != ""
	engaged := m.settings.Sessions.Bounce == BounceNotEngaged
	b := []byte{trafficV1}
	b = wire.AppendString(b, m.settings.Sessions.Key)
	b = binary.AppendVarint(b, int64(m.settings.Sessions.Gap))
	b = append(b, byte(m.settings.Sessions.Bounce))
	b = binary.AppendVarint(b, int64(m.settings.Sessions.EngagedAfter))
	b = wire.AppendString(b, m.settings.PageView)
	b = wire.AppendString(b, m.settings.Purchase)
	b = binary.AppendUvarint(b, uint64(len(m.values)))
	for _, v := range m.values {
		b = wire.AppendString(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(m.ids)))
	var prev int64
	for ui, id := range m.ids {
		b = wire.AppendString(b, id)
		b = binary.AppendVarint(b, m.last[ui]-prev)
		prev = m.last[ui]
		b = binary.AppendUvarint(b, uint64(m.cur[ui]+1))
	}
	b = binary.AppendUvarint(b, uint64(len(m.sessions)))
	for _, s := range m.sessions {
		b = binary.AppendUvarint(b, uint64(s.user))
		b = binary.AppendUvarint(b, uint64(s.source))
		b = binary.AppendUvarint(b, uint64(s.device))
		b = appendFlag(b, s.purchased)
		b = binary.AppendUvarint(b, uint64(s.pageViews))
		if keyed {
			b = wire.AppendString(b, s.id)
		}
		if engaged {
			b = binary.AppendVarint(b, m.last[s.user]-s.first)
			b = binary.AppendVarint(b, m.last[s.user]-s.last)
		}
	}
	return b
}

// checkTables checks that tr's tables hold the model's users and sessions
// at their numbers.
func (m *trafficModel) checkTables(t *rapid.T, tr *Traffic) {
	if tr.users.len() != len(m.ids) || tr.state.Len() != len(m.ids) || tr.sessions.Len() != len(m.sessions) {
		t.Fatalf("%d users (%d states), %d sessions; the model has %d and %d", tr.users.len(), tr.state.Len(), tr.sessions.Len(), len(m.ids), len(m.sessions))
	}
	for want, id := range m.ids {
		if got, _, _ := tr.findUser(id); got != int32(want) {
			t.Fatalf("user %q is number %d, want %d", id, got, want)
		}
	}
	if got, _, _ := tr.findUser("absent"); len(m.ids) > 0 && got != -1 {
		t.Fatalf("an absent user is number %d", got)
	}
	for k, want := range m.keyed {
		if got, _, _ := tr.findSession(m.users[k[0]], k[1]); got != int32(want) {
			t.Fatalf("session %q of user %q is number %d, want %d", k[1], k[0], got, want)
		}
	}
	if tr.Sessions.Key != "" && tr.keyed.len() != len(m.sessions) {
		t.Fatalf("%d sessions by key, want %d", tr.keyed.len(), len(m.sessions))
	}
}

// tinyTables starts tr's user and session tables at size slots, so that
// their first users collide and the tables grow many times.
func tinyTables(tr *Traffic, size int) {
	tr.users.seed, tr.users.slots = maphash.MakeSeed(), make([]userSlot, size)
	tr.keyed.seed, tr.keyed.slots = maphash.MakeSeed(), make([]userSlot, size)
}

// A Traffic's tables hold what the plain model holds, event by event,
// from tables of 1 to 8 slots grown to hundreds of users and sessions
// (users sharing session IDs, whose hashes differ only by the user's
// number), with events out of order refused alike; its report and its
// encoding's bytes are the model's, and so are those of its decoding, of
// a merge of shards, and of counting on after both.
func TestPropTrafficModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		settings := Traffic{PageView: "a", Purchase: "d", Sessions: SessionRule{
			Gap:          time.Duration(rapid.IntRange(0, 10).Draw(t, "gap")) * time.Minute,
			Bounce:       BounceRule(rapid.IntRange(0, 1).Draw(t, "bounce")),
			EngagedAfter: time.Duration(rapid.IntRange(0, 3).Draw(t, "engaged")) * time.Minute,
		}}
		if rapid.Bool().Draw(t, "keyed") {
			settings.Sessions.Key = PropSession
		}
		nUsers := rapid.IntRange(1, 400).Draw(t, "users")
		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		size := 1 << rapid.IntRange(0, 3).Draw(t, "table_bits")
		whole, model := settings, newTrafficModel(settings)
		tinyTables(&whole, size)
		parts := make([]Traffic, shards)
		for i := range parts {
			parts[i] = settings
			tinyTables(&parts[i], size)
		}
		userTime := make([]int, nUsers) // minutes
		n := rapid.IntRange(0, 1500).Draw(t, "events")
		for range n {
			u := rapid.IntRange(0, nUsers-1).Draw(t, "user")
			step := rapid.IntRange(-2, 40).Draw(t, "minutes") // an event before the user's last is refused
			if step >= 0 {
				userTime[u] += step
			}
			e := Event{UserID: "user-" + strconv.Itoa(u), Time: at(userTime[u] + min(step, 0)),
				Name: rapid.SampledFrom([]string{"a", "a", "d", "x"}).Draw(t, "name")}
			for _, p := range []struct{ key, values string }{{PropSource, "-ads-seo"}, {PropDevice, "-m-d"}, {PropSession, "-1-2-3"}} {
				vs := bytes.Split([]byte(p.values), []byte("-"))
				if v := string(vs[rapid.IntRange(0, len(vs)-1).Draw(t, p.key)]); v != "" {
					e.Props = append(e.Props, Prop{p.key, v})
				}
			}
			counted := model.add(e)
			errWhole := whole.Add(e)
			errPart := parts[u%shards].Add(e)
			if (errWhole == nil) != counted || (errPart == nil) != counted {
				t.Fatalf("event %+v: Add = %v (whole), %v (shard); the model counted it: %v", e, errWhole, errPart, counted)
			}
			if !counted && !errors.Is(errWhole, ErrOutOfOrder) && !errors.Is(errWhole, ErrNoSession) {
				t.Fatalf("event %+v: Add = %v, want ErrOutOfOrder or ErrNoSession", e, errWhole)
			}
		}
		model.checkTables(t, &whole)
		check := func(what string, tr *Traffic) {
			if diff := cmp.Diff(model.report(), tr.Report()); diff != "" {
				t.Fatalf("%s: report (-model +got):\n%s", what, diff)
			}
			if got, want := mustMarshal(t, tr), model.encode(); !bytes.Equal(got, want) {
				t.Fatalf("%s: encoding\n%x\nwant the model's\n%x", what, got, want)
			}
		}
		check("one Traffic", &whole)
		var decoded Traffic
		if err := decoded.UnmarshalBinary(model.encode()); err != nil {
			t.Fatal(err)
		}
		model.checkTables(t, &decoded)
		check("decoded", &decoded)
		merged := settings
		for i := range parts {
			if err := merged.Merge(&parts[i]); err != nil {
				t.Fatal(err)
			}
		}
		mr := merged.Report()
		if diff := cmp.Diff(model.report(), mr); diff != "" {
			t.Fatalf("merged shards: report (-model +got):\n%s", diff)
		}
		// Merging the whole into the merged shards is refused with the
		// errors of the users they share (all), and changes nothing.
		before := mustMarshal(t, &merged)
		err, want := merged.Merge(&whole), overlap(model.users, model.users)
		if (err == nil) != (want == nil) || err != nil && err.Error() != want.Error() {
			t.Fatalf("Merge of shared users = %v, want %v", err, want)
		}
		if !bytes.Equal(before, mustMarshal(t, &merged)) {
			t.Fatalf("a refused Merge changed the Traffic")
		}
		// Count on: the decoded Traffic as the model, the merged one as
		// one Traffic.
		for i := range rapid.IntRange(0, 50).Draw(t, "more") {
			u := i % nUsers
			userTime[u] += 20
			e := ev("user-"+strconv.Itoa(u), userTime[u], "a", PropSession, "4")
			model.add(e)
			if err := decoded.Add(e); err != nil {
				t.Fatal(err)
			}
			if err := merged.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		model.checkTables(t, &decoded)
		check("decoded, counting on", &decoded)
		if diff := cmp.Diff(model.report(), merged.Report()); diff != "" {
			t.Fatalf("merged, counting on: report (-model +got):\n%s", diff)
		}
	})
}

// A session holds up to 2^31 − 1 page views in its 31 bits and the rest
// aside: a decoded session of 3·10^9 page views reports, encodes and
// counts on exactly, as do sessions at the limit and past it by one.
func TestTrafficManyPageViews(t *testing.T) {
	for _, views := range []int64{math.MaxInt32 - 1, math.MaxInt32, math.MaxInt32 + 1, 3e9, math.MaxInt64 - 10} {
		for _, bought := range []bool{false, true} {
			m := newTrafficModel(Traffic{})
			m.add(ev("u1", 0, "page_view", PropSource, "ads"))
			m.add(ev("u2", 1, "purchase"))
			m.sessions[0].pageViews = views
			m.sessions[0].purchased = bought
			var tr Traffic
			if err := tr.UnmarshalBinary(m.encode()); err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				e := ev("u1", 2+i, "page_view")
				m.add(e)
				if err := tr.Add(e); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(m.report(), tr.Report()); diff != "" {
				t.Errorf("%d views, bought %v: report (-model +got):\n%s", views, bought, diff)
			}
			if got, want := mustMarshal(t, &tr), m.encode(); !bytes.Equal(got, want) {
				t.Errorf("%d views, bought %v: encoding\n%x\nwant\n%x", views, bought, got, want)
			}
			merged := Traffic{}
			if err := merged.Merge(&tr); err != nil {
				t.Fatal(err)
			}
			if got, want := mustMarshal(t, &merged), m.encode(); !bytes.Equal(got, want) {
				t.Errorf("%d views, bought %v: merged into an empty Traffic, encoding\n%x\nwant\n%x", views, bought, got, want)
			}
		}
	}
}

// Sessions.Key set after the first Add is not supported, but Add does not
// panic, and MarshalBinary says so.
func TestTrafficKeyAfterAdd(t *testing.T) {
	var tr Traffic
	if err := tr.Add(ev("u1", 0, "page_view")); err != nil {
		t.Fatal(err)
	}
	tr.Sessions.Key = PropSession
	for _, e := range []Event{ev("u1", 1, "page_view", PropSession, "s1"), ev("u1", 2, "page_view", PropSession, "s1")} {
		if err := tr.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tr.MarshalBinary(); err == nil {
		t.Errorf("MarshalBinary of a Traffic whose session key was set after Add: no error")
	}
}
