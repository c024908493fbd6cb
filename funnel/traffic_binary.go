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
// state, as documented in the source. It returns an error if t's
// Sessions were changed after its first Add, which the Traffic does not
// support, and one wrapping [ErrNumbered] if t counts users by number
// ([Traffic.AddNumbered]), whose IDs it does not hold.
func (t *Traffic) MarshalBinary() ([]byte, error) {
	if t.userKeys == keyNumber {
		return nil, numberedError("Traffic.MarshalBinary", "users by number have no IDs to encode")
	}
	keyed := t.Sessions.Key != ""
	engaged := t.Sessions.Bounce == BounceNotEngaged
	n := t.sessions.Len()
	if (engaged && t.spans.Len() != n) || (!engaged && t.spans.Len() > 0) || (keyed && t.sids.Len() != n) || (!keyed && t.sids.Len() > 0) {
		return nil, errors.New("funnel: Traffic.Sessions changed after the first Add")
	}
	b := make([]byte, 1, 256+16*t.state.Len()+16*n) // about right for the harness's data
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
	b = binary.AppendUvarint(b, uint64(t.state.Len()))
	var prev int64
	for k, blk := range t.state.Blocks() {
		ids := t.ids.Blocks()[k]
		for i := range blk {
			u := &blk[i]
			b = wire.AppendString(b, ids[i])
			b = binary.AppendVarint(b, u.last-prev)
			prev = u.last
			if keyed { // u.cur is a cache
				b = append(b, 0)
			} else {
				b = binary.AppendUvarint(b, uint64(u.cur+1))
			}
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	for si := range int32(n) {
		s := t.session(si)
		d := t.pairs[s.dims]
		b = binary.AppendUvarint(b, uint64(s.user))
		b = binary.AppendUvarint(b, uint64(d.source))
		b = binary.AppendUvarint(b, uint64(d.device))
		b = appendFlag(b, s.views&purchased != 0)
		b = binary.AppendUvarint(b, uint64(t.pageViews(si, s)))
		if keyed {
			b = wire.AppendString(b, *t.sids.At(int(si)))
		}
		if engaged {
			base := t.user(s.user).last
			sp := t.spans.At(int(si))
			b = binary.AppendVarint(b, base-sp.first)
			b = binary.AppendVarint(b, base-sp.last)
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
	for range d.Length() { // at most the bytes left; the tables grow as users come
		id := d.Text()
		last += d.Varint()
		cur := d.Uvarint()
		if d.Err() != nil {
			break
		}
		found, slot, h := x.findUser(id)
		if found >= 0 || last < minUnixNano || last >= maxUnixNano || (keyed && cur != 0) || cur > math.MaxInt32 {
			d.Fail("user repeated, its time out of range or a current session with a session key")
			break
		}
		x.addUser(slot, h, id, last, int32(cur)-1) // cur is checked against the sessions below
	}
	for range d.Length() {
		user, source, device := d.Uvarint(), d.Uvarint(), d.Uvarint()
		bought := d.Bool()
		pv := d.Count()
		if d.Err() != nil {
			break
		}
		if user >= uint64(x.state.Len()) || source >= uint64(len(x.values)) || device >= uint64(len(x.values)) {
			d.Fail("session of no user, source or device")
			break
		}
		ui := int32(user)
		var sid string
		var slot *userSlot
		var h uint64
		if keyed {
			sid = d.Text()
			var found int32
			if found, slot, h = x.findSession(ui, sid); (found >= 0 || sid == "") && d.Err() == nil {
				d.Fail("session ID repeated or empty")
			}
		}
		var span sessionSpan
		if engaged {
			base := x.user(ui).last
			span = sessionSpan{first: base - d.Varint(), last: base - d.Varint()}
		}
		if d.Err() != nil {
			break
		}
		views, more := sessionViews(pv, bought)
		si := x.addSession(ui, x.pairOf(dims{int32(source), int32(device)}), views, span.first, span.last)
		if more > 0 {
			if x.moreViews == nil {
				x.moreViews = make(map[int32]int64)
			}
			x.moreViews[si] = more
		}
		if keyed {
			x.addKeyed(slot, h, sid)
		}
	}
	for ui := range int32(x.state.Len()) {
		if si := x.user(ui).cur; d.Err() == nil && si >= 0 && (int(si) >= x.sessions.Len() || x.session(si).user != ui) {
			d.Fail("current session out of range or of another user")
		}
	}
	if err := d.End(); err != nil {
		return err
	}
	if x.state.Len() > 0 {
		x.userKeys = keyID
	}
	*t = x
	return nil
}
