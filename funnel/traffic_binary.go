package funnel

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/wire"
)

// trafficV1 is the version byte of the encoding of a [Traffic].
const trafficV1 = 1

// The encoding of a Traffic, version 1, in the varints, strings and flags
// of a Counter's (see counter_binary.go):
//
//	version   byte 1
//	settings  Sessions.Key, Sessions.Gap (ns), Sessions.Bounce (byte),
//	          Sessions.EngagedAfter (ns), PageView, Purchase, as set
//	values    the sources and devices met: their number, then each
//	users     their number, then per user in the Traffic's order its ID,
//	          the time of its previous event (Unix ns) minus the previous
//	          user's (0 for the first), signed, and its current session's
//	          number + 1 (0: none; sessions split by gaps only)
//	sessions  their number, then per session its user's number, its
//	          source's and its device's, a purchase flag, its page views;
//	          with Sessions.Key, its session ID; under BounceNotEngaged,
//	          its user's last time minus its first event's and minus its
//	          last event's, signed

// MarshalBinary encodes t, its settings and every user's and session's
// state, as documented in the source. It returns an error only if t's
// Sessions were changed after its first Add, which the Traffic does not
// support.
func (t *Traffic) MarshalBinary() ([]byte, error) {
	keyed := t.Sessions.Key != ""
	engaged := t.Sessions.Bounce == BounceNotEngaged
	if (engaged && len(t.spans) != len(t.sessions)) || (!engaged && len(t.spans) > 0) || (keyed && len(t.keyed) != len(t.sessions)) {
		return nil, errors.New("funnel: Traffic.Sessions changed after the first Add")
	}
	b := make([]byte, 1, 256+16*len(t.last)+16*len(t.sessions)) // about right for the harness's data
	b[0] = trafficV1
	b = wire.AppendString(b, t.Sessions.Key)
	b = binary.AppendVarint(b, int64(t.Sessions.Gap))
	b = append(b, byte(t.Sessions.Bounce))
	b = binary.AppendVarint(b, int64(t.Sessions.EngagedAfter))
	b = wire.AppendString(b, t.PageView)
	b = wire.AppendString(b, t.Purchase)
	b = binary.AppendUvarint(b, uint64(len(t.values)))
	for _, v := range t.values {
		b = wire.AppendString(b, v)
	}
	ids := make([]string, len(t.last))
	for id, ui := range t.users {
		ids[ui] = id
	}
	b = binary.AppendUvarint(b, uint64(len(ids)))
	var prev int64
	for ui, id := range ids {
		b = wire.AppendString(b, id)
		b = binary.AppendVarint(b, t.last[ui]-prev)
		prev = t.last[ui]
		b = binary.AppendUvarint(b, uint64(t.cur[ui]+1))
	}
	var sids []string
	if keyed {
		sids = make([]string, len(t.sessions))
		for k, si := range t.keyed {
			sids[si] = k.session
		}
	}
	b = binary.AppendUvarint(b, uint64(len(t.sessions)))
	for si, s := range t.sessions {
		b = binary.AppendUvarint(b, uint64(s.user))
		b = binary.AppendUvarint(b, uint64(s.source))
		b = binary.AppendUvarint(b, uint64(s.device))
		b = appendFlag(b, s.purchased)
		b = binary.AppendUvarint(b, uint64(s.pageViews))
		if keyed {
			b = wire.AppendString(b, sids[si])
		}
		if engaged {
			base := t.last[s.user]
			b = binary.AppendVarint(b, base-t.spans[si].first)
			b = binary.AppendVarint(b, base-t.spans[si].last)
		}
	}
	return b, nil
}

// UnmarshalBinary replaces t, its settings included, with the Traffic
// encoded by [Traffic.MarshalBinary], so that it counts on, merges and
// reports as the encoded one would. It returns an error wrapping
// [ErrCorrupt] (and metrics.ErrCorrupt), and leaves t unchanged, for data
// that is not an encoding MarshalBinary writes: truncated, or holding a
// state no Traffic reaches. It never panics, and allocates in proportion
// to what it reads. (The encoding has no checksum: bytes altered into
// another valid encoding decode as that state.)
func (t *Traffic) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != trafficV1 {
		return corrupt("unknown Traffic version " + strconv.Itoa(int(v)))
	}
	var x Traffic
	x.Sessions.Key = d.Text()
	x.Sessions.Gap = time.Duration(d.Varint())
	x.Sessions.Bounce = BounceRule(d.Byte())
	x.Sessions.EngagedAfter = time.Duration(d.Varint())
	x.PageView, x.Purchase = d.Text(), d.Text()
	if d.Err() == nil && x.invalid() {
		d.Fail("invalid settings: " + x.Validate().Error())
	}
	keyed := x.Sessions.Key != ""
	engaged := x.Sessions.Bounce == BounceNotEngaged
	for range d.Length() {
		v := d.Text()
		if d.Err() != nil {
			break
		}
		if _, dup := x.index[v]; dup {
			d.Fail("source or device repeated")
			break
		}
		x.intern(v)
	}
	var last int64
	n := d.Length() // at most the bytes left
	// Sized for at most 4096 users ahead, then as they come: a count the
	// data does not bear out costs no more than what is read.
	ids := make([]string, 0, min(n, 4096))
	x.last, x.cur = make([]int64, 0, cap(ids)), make([]int32, 0, cap(ids))
	for ui := range n {
		id := d.Text()
		last += d.Varint()
		cur := d.Uvarint()
		if d.Err() != nil {
			break
		}
		if x.users == nil {
			x.users = make(map[string]int32, cap(ids))
		}
		if _, dup := x.users[id]; dup || last < minUnixNano || last >= maxUnixNano || (keyed && cur != 0) || cur > math.MaxInt32 {
			d.Fail("user repeated, its time out of range or a current session with a session key")
			break
		}
		x.users[id] = int32(ui)
		ids = append(ids, id)
		x.last = append(x.last, last)
		x.cur = append(x.cur, int32(cur)-1) // checked against the sessions below
	}
	if keyed && d.Err() == nil {
		x.keyed = make(map[sessionKey]int32)
	}
	n = d.Length()
	x.sessions = make([]trafficSession, 0, n)
	if engaged {
		x.spans = make([]sessionSpan, 0, n)
	}
	for si := range n {
		s := trafficSession{}
		user, source, device := d.Uvarint(), d.Uvarint(), d.Uvarint()
		s.purchased = d.Bool()
		s.pageViews = d.Count()
		if d.Err() != nil {
			break
		}
		if user >= uint64(len(x.last)) || source >= uint64(len(x.values)) || device >= uint64(len(x.values)) {
			d.Fail("session of no user, source or device")
			break
		}
		s.user, s.source, s.device = int32(user), int32(source), int32(device)
		x.sessions = append(x.sessions, s)
		if keyed {
			k := sessionKey{ids[user], d.Text()}
			if _, dup := x.keyed[k]; (dup || k.session == "") && d.Err() == nil {
				d.Fail("session ID repeated or empty")
			}
			x.keyed[k] = int32(si)
		}
		if engaged {
			base := x.last[user]
			x.spans = append(x.spans, sessionSpan{first: base - d.Varint(), last: base - d.Varint()})
		}
	}
	for ui, si := range x.cur {
		if d.Err() == nil && si >= 0 && (int(si) >= len(x.sessions) || x.sessions[si].user != int32(ui)) {
			d.Fail("current session out of range or of another user")
		}
	}
	if err := d.End(); err != nil {
		return err
	}
	*t = x
	return nil
}
