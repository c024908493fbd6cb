package funnel

import "math"

// The state of a [Traffic] is held for the least memory per user and per
// session, since a month of a large store has millions of each:
//
//   - users: a [userIndex] (8-byte slots) from the user's ID to its number,
//     and per user a trafficUser of 16 bytes in blocks (chunked.Slice, so
//     that growing never copies nor holds twice the memory), and its ID,
//     16 bytes more, in blocks beside them for users by ID only: users by
//     number ([Traffic.AddNumbered]) have none to keep;
//   - sessions: per session a trafficSession of 12 bytes in blocks, its
//     source and device as one number of an interned pair, its page views
//     in 31 bits (with the rare excess in a map) beside the purchase flag;
//   - sessions by key: a second userIndex from (user, session ID) to the
//     session's number, and the session IDs in blocks.
//
// IDs are the callers' strings, kept as a Go map would keep its keys.

// trafficUser is the state of one user of a Traffic; its ID, if it has
// one, is in Traffic.ids.
type trafficUser struct {
	last int64 // the time of the user's previous event, Unix ns
	// cur is the number of the user's current session, or −1: under
	// sessions by gap the session its next event may continue; under
	// sessions by key the session of its previous event, a cache that
	// spares the lookup of the session ID while a session's events come
	// in a run (not encoded).
	cur int32
}

// trafficSession is the state of one session of a Traffic.
type trafficSession struct {
	user int32
	dims int32 // the index in Traffic.pairs of its source and device
	// views holds the page views in its low 31 bits, up to viewsMax; a
	// session at viewsMax has viewsMax plus its entry in Traffic.moreViews.
	// The top bit is the purchase flag.
	views uint32
}

const (
	viewsMax  = math.MaxInt32 // page views held in trafficSession.views
	purchased = 1 << 31       // trafficSession.views' purchase flag
)

// dims is a source and a device, as indices in Traffic.values.
type dims struct{ source, device int32 }

// user returns user ui's state.
func (t *Traffic) user(ui int32) *trafficUser { return t.state.At(int(ui)) }

// userID returns the ID of user ui of a Traffic of users by ID.
func (t *Traffic) userID(ui int32) string { return *t.ids.At(int(ui)) }

// session returns session si's state.
func (t *Traffic) session(si int32) *trafficSession { return t.sessions.At(int(si)) }

// findUser returns the number of user id, or −1, the slot of t.users where
// it would go and its hash. The pointer is valid until the next insert.
func (t *Traffic) findUser(id string) (int32, *userSlot, uint64) {
	x := &t.users
	h := x.hash(id)
	mask := uint64(len(x.slots) - 1)
	h32 := uint32(h)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.ui1 == 0 {
			return -1, s, h
		}
		if s.hash == h32 && t.userID(s.ui1-1) == id {
			return s.ui1 - 1, s, h
		}
	}
}

// addUser adds user id, not yet among t's users, with the slot and hash
// findUser returned, and returns its number.
func (t *Traffic) addUser(s *userSlot, h uint64, id string, last int64, cur int32) int32 {
	t.ids.Push(id)
	t.state.Push(trafficUser{last: last, cur: cur})
	return t.users.insert(s, h)
}

// addNumbered adds the user the caller numbers n, not yet among t's
// users, with the slot findNumber returned, and returns its number. It
// keeps no ID.
func (t *Traffic) addNumbered(s *userSlot, n int32, last int64) int32 {
	t.state.Push(trafficUser{last: last, cur: -1})
	return t.users.insert(s, uint64(uint32(n)))
}

// sessionHash mixes the number of the user into the hash of a session ID,
// so that the many users whose sessions share IDs ("1", "2", …) spread
// over the table.
func sessionHash(h uint64, ui int32) uint64 {
	h ^= (uint64(ui) + 1) * 0x9e3779b97f4a7c15
	return h ^ h>>32
}

// findSession returns the number of user ui's session sid, or −1, the slot
// of t.keyed where it would go and its hash. The pointer is valid until
// the next insert.
func (t *Traffic) findSession(ui int32, sid string) (int32, *userSlot, uint64) {
	x := &t.keyed
	h := sessionHash(x.hash(sid), ui)
	mask := uint64(len(x.slots) - 1)
	h32 := uint32(h)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.ui1 == 0 {
			return -1, s, h
		}
		if si := s.ui1 - 1; s.hash == h32 && t.session(si).user == ui && *t.sids.At(int(si)) == sid {
			return si, s, h
		}
	}
}

// addSession appends a session of user ui from the source and device of
// pair d, its views field views, and under BounceNotEngaged the times of
// its first and last events, and returns its number. Under sessions by
// key, the caller adds its ID (addKeyed).
func (t *Traffic) addSession(ui int32, d int32, views uint32, first, last int64) int32 {
	si := int32(t.sessions.Len())
	t.sessions.Push(trafficSession{user: ui, dims: d, views: views})
	if t.Sessions.Bounce == BounceNotEngaged {
		t.spans.Push(sessionSpan{first, last})
	}
	return si
}

// addKeyed adds the ID sid of the session addSession has just added, with
// the slot and hash findSession returned: the index numbers the sessions
// by key in order, as t.sessions does.
func (t *Traffic) addKeyed(s *userSlot, h uint64, sid string) {
	t.sids.Push(sid)
	t.keyed.insert(s, h)
}

// pageViews returns session si's page views.
func (t *Traffic) pageViews(si int32, s *trafficSession) int64 {
	v := int64(s.views &^ purchased)
	if v == viewsMax {
		v += t.moreViews[si]
	}
	return v
}

// addViews adds n page views to session si.
func (t *Traffic) addViews(si int32, s *trafficSession, n int64) {
	v := int64(s.views &^ purchased)
	if v+n < viewsMax {
		s.views += uint32(n)
		return
	}
	if t.moreViews == nil {
		t.moreViews = make(map[int32]int64)
	}
	t.moreViews[si] += v + n - viewsMax
	s.views = s.views&purchased | viewsMax
}

// sessionViews returns the views field of a session of n page views, and
// its excess over viewsMax.
func sessionViews(n int64, bought bool) (uint32, int64) {
	v := uint32(min(n, viewsMax))
	if bought {
		v |= purchased
	}
	return v, n - min(n, viewsMax)
}

// dimsOf returns the index in t.pairs of source and device, interning
// them (source first) if new. The first dimsRecent pairs are found by a
// scan of t.recent, which holds them, before the maps: a store has few
// sources and devices, and the scan, comparing short strings (the same
// bytes, often), spares most new sessions the
// three map look-ups of a pair's index (on the review's 40M events, of
// three Traffics, 0.17 CPU-s when only the last pair was kept).
func (t *Traffic) dimsOf(source, device string) int32 {
	for i := range t.recent[:t.nrecent] {
		if r := &t.recent[i]; r.source == source && r.device == device {
			return r.d
		}
	}
	x := dims{t.intern(source), t.intern(device)}
	d := t.pairOf(x)
	if int(t.nrecent) < len(t.recent) {
		// The interned strings, which t keeps anyway: source and device
		// may hold on to more memory (a batch's dictionary).
		t.recent[t.nrecent] = recentDims{t.values[x.source], t.values[x.device], d}
		t.nrecent++
	}
	return d
}

// recentDims is a pair of a source and a device and its index in
// Traffic.pairs, kept by dimsOf.
type recentDims struct {
	source, device string
	d              int32
}

// dimsRecent is the number of pairs that dimsOf finds by a scan.
const dimsRecent = 16

// pairOf returns the index of d in t.pairs, adding it if new.
func (t *Traffic) pairOf(d dims) int32 {
	if t.pairIndex == nil {
		t.pairIndex = make(map[dims]int32)
	}
	i, ok := t.pairIndex[d]
	if !ok {
		i = int32(len(t.pairs))
		t.pairIndex[d] = i
		t.pairs = append(t.pairs, d)
	}
	return i
}
