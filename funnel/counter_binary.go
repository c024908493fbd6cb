package funnel

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// counterV1 is the version byte of the encoding of a [Counter].
const counterV1 = 1

// The encoding of a Counter, version 1. Numbers are varints
// (encoding/binary's Uvarint, or Varint where signed: zigzag), strings a
// uvarint length and their bytes, flags one byte 0 or 1.
//
//	version   byte 1
//	funnel    the steps: their number, then per step its name and a flag
//	          set when it matches by a predicate; the window (ns, the
//	          default resolved); the mode (byte); FirstEntryOnly (flag);
//	          the unit (byte); the session key ("" unless sessions come
//	          from a property); the session gap (ns, 0 unless sessions are
//	          split by gaps); the breakdown property; the attribution
//	          (byte); the exclusions: their number, then per exclusion its
//	          name, a predicate flag, From and To
//	values    the breakdown values met, in the counter's order: their
//	          number, then each value
//	users     their number, then per user in the counter's order its ID and
//	          the time of its previous event (Unix ns) minus the previous
//	          user's (0 for the first), signed
//	units     their number (that of the users, unless sessions come from a
//	          property), then per unit: with sessions from a property, its
//	          user's number and its session ID; then the unit's state
//	folded    the sessions ended by a gap: their number, the number of
//	          breakdown buckets, and per bucket, per level 1 to n, the units
//	          that stopped there, then per step 2 to n the durations from
//	          step 1 (ns), their number first
//
// A unit's state is a header byte (bits 0-2: done, started, an event
// matching no step pending; bit 3: pending steps or exclusions), the
// levels reached (a bit set), and, only where they count: the pending
// steps, the pending steps seen twice and the pending exclusions (bit 3);
// the time of the pending group (if anything is pending); the start of the
// chain at level 1 (if level 1 is held); the timestamps of the chain at
// each level k ≥ 2 held (k per level); with a breakdown, the value of each
// level held, then of each pending step that gives one. Every time of a
// unit is written as its user's last time minus it, signed, so that most
// take a byte or two.
//
// What is written is what decides the counter's future: state that no
// later event, Merge or Result reads (the chain of a level an exclusion
// cleared, say) is not, so that decoding an encoding and encoding it again
// gives the same bytes.

// MarshalBinary encodes c: the funnel it counts (a fingerprint of its
// Config, as [Counter.Merge] compares them) and the state of every user
// and session, as documented in the source. It fails only for a counter
// of users by number ([Counter.AddNumbered]), whose IDs it does not hold:
// the error wraps [ErrNumbered].
//
// The encoding of a counter over U users who never pass step 1 takes about
// the length of their IDs plus 5 bytes per user; BenchmarkCounterBinary
// measures it for the peers' data.
func (c *Counter) MarshalBinary() ([]byte, error) {
	if c.userKeys == keyNumber {
		return nil, numberedError("Counter.MarshalBinary", "users by number have no IDs to encode")
	}
	// 30 to 35 bytes a user on the harness's data: growing the encoding
	// by appends instead would copy it about twice.
	b := make([]byte, 1, 256+40*int(c.nusers)+16*len(c.keys))
	b[0] = counterV1
	b = c.appendFunnel(b)
	b = binary.AppendUvarint(b, uint64(len(c.attrNames)))
	for _, v := range c.attrNames {
		b = wire.AppendString(b, v)
	}
	b = binary.AppendUvarint(b, uint64(c.nusers))
	var prev int64
	for ui := range c.nusers {
		last := *c.lastOf(ui)
		b = wire.AppendString(b, c.userID(ui))
		b = binary.AppendVarint(b, last-prev)
		prev = last
	}
	if c.kind == unitKeyed {
		index := make(map[string]int32, c.nusers)
		for ui := range c.nusers {
			index[c.userID(ui)] = ui
		}
		b = binary.AppendUvarint(b, uint64(len(c.keys)))
		for ux, k := range c.keys {
			ui := index[k.user]
			b = binary.AppendUvarint(b, uint64(ui))
			b = wire.AppendString(b, k.session)
			b = c.appendUnit(b, int32(ux), c.last[ui])
		}
	} else {
		b = binary.AppendUvarint(b, uint64(c.nusers))
		for ux := range c.nusers {
			b = c.appendUnit(b, ux, c.units.At(int(ux)).last)
		}
	}
	return c.folded.appendBinary(b), nil
}

// appendFunnel appends the fingerprint of c's funnel.
func (c *Counter) appendFunnel(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(c.n))
	for _, s := range c.cfg.Steps {
		b = wire.AppendString(b, s.Name)
		b = appendFlag(b, s.Match != nil)
	}
	b = binary.AppendVarint(b, c.window)
	b = append(b, byte(c.mode))
	b = appendFlag(b, c.firstOnly)
	b = append(b, byte(c.cfg.Unit))
	b = wire.AppendString(b, c.sessionKey)
	b = binary.AppendVarint(b, c.gap)
	b = wire.AppendString(b, c.cfg.Breakdown)
	b = append(b, byte(c.cfg.Attribution))
	b = binary.AppendUvarint(b, uint64(len(c.cfg.Exclusions)))
	for _, x := range c.cfg.Exclusions {
		b = wire.AppendString(b, x.Name)
		b = appendFlag(b, x.Match != nil)
		b = binary.AppendUvarint(b, uint64(x.From))
		b = binary.AppendUvarint(b, uint64(x.To))
	}
	return b
}

func appendFlag(b []byte, f bool) []byte {
	if f {
		return append(b, 1)
	}
	return append(b, 0)
}

// The header byte of a unit: its flags, and hPend when steps or
// exclusions are pending.
const (
	hFlags = fDone | fStarted | fOther
	hPend  = 1 << 3
)

// appendUnit appends the state of unit ux, whose user's previous event is
// at base.
func (c *Counter) appendUnit(b []byte, ux int32, base int64) []byte {
	u := c.units.At(int(ux))
	h := u.flags & hFlags
	if u.pend|u.excl != 0 {
		h |= hPend
	}
	b = append(b, h)
	b = binary.AppendUvarint(b, uint64(u.set))
	if h&hPend != 0 {
		b = binary.AppendUvarint(b, uint64(u.pend))
		b = binary.AppendUvarint(b, uint64(u.dup))
		b = binary.AppendUvarint(b, uint64(u.excl))
	}
	if u.hasPending() {
		b = binary.AppendVarint(b, base-u.pendT)
	}
	if u.set&1 != 0 {
		b = binary.AppendVarint(b, base-u.start)
	}
	if u.set&^1 != 0 {
		rows := c.rows.at(u.rows, rowsLen(c.n))
		for s := u.set &^ 1; s != 0; s &= s - 1 {
			j := bits.TrailingZeros32(s)
			for _, t := range rows[rowOff(j) : rowOff(j)+j+1] {
				b = binary.AppendVarint(b, base-t)
			}
		}
	}
	if c.breakdown {
		attrs := c.unitAttrs(ux)
		for s := u.set; s != 0; s &= s - 1 {
			b = binary.AppendUvarint(b, uint64(attrs[bits.TrailingZeros32(s)]))
		}
		for s := u.pend & c.attrSteps; s != 0; s &= s - 1 {
			b = binary.AppendUvarint(b, uint64(attrs[c.n+bits.TrailingZeros32(s)]))
		}
	}
	return b
}

// appendBinary appends a's units, then its buckets.
func (a *agg) appendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(a.units))
	b = binary.AppendUvarint(b, uint64(len(a.buckets)))
	for i := range a.buckets {
		bk := &a.buckets[i]
		for _, v := range bk.level {
			b = binary.AppendUvarint(b, uint64(v))
		}
		for _, d := range bk.dur[1:] {
			b = binary.AppendUvarint(b, uint64(len(d)))
			for _, x := range d {
				b = binary.AppendVarint(b, x)
			}
		}
	}
	return b
}

// UnmarshalBinary replaces the state of c with the one encoded by
// [Counter.MarshalBinary], so that c counts on, merges and gives results
// as the encoded counter would.
//
// Into a Counter made by [NewCounter] (or by an earlier UnmarshalBinary),
// it decodes only an encoding of the same funnel, as [Counter.Merge] compares them (steps by name): it
// returns Merge's *metrics.MergeError for another, and c keeps its Config,
// predicates included. Into a zero Counter (new(Counter)), it decodes any
// funnel and sets the Config from the encoding: steps and exclusions
// matched by name as they were; those matched by a predicate, which an
// encoding cannot carry, keep their names but their predicates panic when
// called, so such a counter merges ([Counter.Merge]) and gives a
// [Counter.Result] but cannot count events: decode into a counter made by
// NewCounter with the Config to go on counting.
//
// It returns an error wrapping [ErrCorrupt] (and metrics.ErrCorrupt) for
// data that is not an encoding MarshalBinary writes: truncated, or holding
// a state no counter reaches. It never panics, and allocates in
// proportion to what it reads. (The encoding has no checksum: bytes
// altered into another valid encoding decode as that state.)
// c is unchanged after an error.
func (c *Counter) UnmarshalBinary(data []byte) error {
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != counterV1 {
		return corrupt("unknown Counter version " + strconv.Itoa(int(v)))
	}
	cfg := decodeFunnel(&d)
	if err := d.Err(); err != nil {
		return err
	}
	enc, err := NewCounter(cfg)
	if err != nil {
		return corrupt("invalid funnel: " + err.Error())
	}
	if enc.window != cfg.Window.Nanoseconds() || enc.sessionKey != cfg.Sessions.Key || enc.gap != int64(cfg.Sessions.Gap) {
		return corrupt("funnel settings not in their encoded form")
	}
	x := enc
	if c.n != 0 { // made by NewCounter
		if err := c.sameFunnel(enc); err != nil {
			return err
		}
		if x, err = NewCounter(c.cfg); err != nil {
			return err // cannot be: c's Config was valid
		}
	}
	x.decodeState(&d)
	if err := d.End(); err != nil {
		return err
	}
	if x.nusers > 0 {
		x.userKeys = keyID
	}
	*c = *x
	return nil
}

// decodeFunnel reads what appendFunnel wrote, as a Config.
func decodeFunnel(d *wire.Decoder) Config {
	var cfg Config
	n := d.Length()
	if n > MaxSteps {
		d.Fail("too many steps")
		return cfg
	}
	for k := range n {
		s := Step{Name: d.Text()}
		if d.Bool() {
			s.Match = lostPredicate("step " + strconv.Itoa(k+1) + " (" + strconv.Quote(s.Name) + ")")
		}
		cfg.Steps = append(cfg.Steps, s)
	}
	cfg.Window = time.Duration(d.Varint())
	cfg.Mode = Mode(d.Byte())
	cfg.FirstEntryOnly = d.Bool()
	cfg.Unit = Unit(d.Byte())
	cfg.Sessions.Key = d.Text()
	cfg.Sessions.Gap = time.Duration(d.Varint())
	cfg.Breakdown = d.Text()
	cfg.Attribution = Attribution(d.Byte())
	n = d.Length()
	if n > MaxExclusions {
		d.Fail("too many exclusions")
		return cfg
	}
	for k := range n {
		x := Exclusion{Name: d.Text()}
		if d.Bool() {
			x.Match = lostPredicate("exclusion " + strconv.Itoa(k+1) + " (" + strconv.Quote(x.Name) + ")")
		}
		from, to := d.Uvarint(), d.Uvarint()
		if from > MaxSteps || to > MaxSteps {
			d.Fail("exclusion steps out of range")
			return cfg
		}
		x.From, x.To = int(from), int(to)
		cfg.Exclusions = append(cfg.Exclusions, x)
	}
	return cfg
}

// lostPredicate returns the predicate of what of a Counter decoded into a
// zero Counter, which panics: the encoding holds no code.
func lostPredicate(what string) func(Event) bool {
	return func(Event) bool {
		panic("funnel: " + what + " matches by a predicate, which an encoding cannot carry: " +
			"decode into a Counter made by NewCounter with the Config to count events")
	}
}

// decodeState reads the state MarshalBinary wrote after the funnel into
// x, an empty counter of that funnel.
func (x *Counter) decodeState(d *wire.Decoder) {
	for range d.Length() {
		v := d.Text()
		if d.Err() != nil {
			return
		}
		if _, dup := x.attrIndex[v]; dup || !x.breakdown {
			d.Fail("breakdown value repeated or without a breakdown")
			return
		}
		x.intern(v)
	}
	var last int64
	n := d.Length() // at most the bytes left
	// Sized for at most 4096 users ahead, then as they come: a count the
	// data does not bear out costs no more than what is read.
	x.users.grow(min(n, 4096))
	x.ids = slices.Grow(x.ids, min(n, 4096))
	for range n {
		id := d.Text()
		last += d.Varint()
		if d.Err() != nil {
			return
		}
		if last < minUnixNano || last >= maxUnixNano {
			d.Fail("user time out of range")
			return
		}
		ui, slot, h := x.findUser(id)
		if ui >= 0 {
			d.Fail("user repeated")
			return
		}
		x.users.insert(slot, h)
		x.addUserState(id, last)
	}
	n = d.Length()
	if x.kind != unitKeyed && n != int(x.nusers) {
		d.Fail("not one unit per user")
		return
	}
	for ux := range n {
		if x.kind != unitKeyed {
			x.decodeUnit(d, int32(ux), x.units.At(ux).last)
			continue
		}
		ui, sid := d.Uvarint(), d.Text()
		if d.Err() != nil {
			return
		}
		if ui >= uint64(x.nusers) || sid == "" {
			d.Fail("session of no user, or without an ID")
			return
		}
		k := sessionKey{x.ids[ui], sid}
		if _, dup := x.sessions[k]; dup {
			d.Fail("session repeated")
			return
		}
		x.sessions[k] = x.newUnit()
		x.keys = append(x.keys, k)
		x.decodeUnit(d, int32(ux), x.last[ui])
	}
	x.decodeFolded(d)
}

// decodeUnit reads the state of unit ux, whose user's previous event is
// at base, as appendUnit wrote it.
func (x *Counter) decodeUnit(d *wire.Decoder, ux int32, base int64) {
	u := x.units.At(int(ux))
	h := d.Byte()
	set := d.Uvarint()
	steps := uint64(1)<<x.n - 1
	if h&^(hFlags|hPend) != 0 || set&^steps != 0 {
		d.Fail("bad unit header or levels")
		return
	}
	u.flags, u.set = h&hFlags, uint32(set)
	if h&hPend != 0 {
		pend, dup, excl := d.Uvarint(), d.Uvarint(), d.Uvarint()
		if pend&^steps != 0 || dup&^pend != 0 || excl>>len(x.exclClear) != 0 || pend|excl == 0 {
			d.Fail("bad pending steps")
			return
		}
		u.pend, u.dup, u.excl = uint32(pend), uint32(dup), uint32(excl)
	}
	if u.hasPending() {
		u.pendT = base - d.Varint()
	}
	if u.set&1 != 0 {
		u.start = base - d.Varint()
	}
	if u.set&^1 != 0 {
		u.rows = x.rows.add(rowsLen(x.n))
		rows := x.rows.at(u.rows, rowsLen(x.n))
		for s := u.set &^ 1; s != 0; s &= s - 1 {
			j := bits.TrailingZeros32(s)
			for i := range j + 1 {
				rows[rowOff(j)+i] = base - d.Varint()
			}
		}
	}
	if x.breakdown {
		attrs := x.unitAttrs(ux)
		for s := u.set; s != 0; s &= s - 1 {
			attrs[bits.TrailingZeros32(s)] = x.decodeAttr(d)
		}
		for s := u.pend & x.attrSteps; s != 0; s &= s - 1 {
			attrs[x.n+bits.TrailingZeros32(s)] = x.decodeAttr(d)
		}
	}
}

// decodeAttr reads the index of a breakdown value.
func (x *Counter) decodeAttr(d *wire.Decoder) int32 {
	a := d.Uvarint()
	if a >= uint64(len(x.attrNames)) {
		d.Fail("breakdown value out of range")
		return 0
	}
	return int32(a)
}

// decodeFolded reads the finished units of x, as agg.appendBinary wrote
// them: each bucket's durations are as many as its units past each step.
func (x *Counter) decodeFolded(d *wire.Decoder) {
	a := &x.folded
	a.units = d.Count()
	nb := d.Length()
	if limit := max(1, len(x.attrNames)); nb > limit || (nb > 0 && x.breakdown && len(x.attrNames) == 0) {
		d.Fail("more buckets than breakdown values")
		return
	}
	var total uint64 // units at some level, at most math.MaxInt64
	for i := range nb {
		bk := a.bucket(int32(i))
		var past uint64 // units at level k+1 or deeper
		for k := range bk.level {
			bk.level[k] = d.Count()
			if past += uint64(bk.level[k]); past > math.MaxInt64 {
				d.Fail("count out of range")
				return
			}
		}
		if total += past; total > math.MaxInt64 {
			d.Fail("count out of range")
			return
		}
		for k := 1; k < x.n; k++ {
			past -= uint64(bk.level[k-1])
			m := d.Length()
			if d.Err() != nil {
				return
			}
			if uint64(m) != past {
				d.Fail("durations do not match the levels")
				return
			}
			if m > 0 {
				bk.dur[k] = make([]int64, m)
				for i := range bk.dur[k] {
					if bk.dur[k][i] = d.Varint(); bk.dur[k][i] < 0 && d.Err() == nil {
						d.Fail("a negative time to convert")
					}
				}
			}
		}
	}
	if d.Err() == nil && total > uint64(a.units) {
		d.Fail("fewer units than levels reached")
	}
}

type corruptError struct{ what string }

func (e *corruptError) Error() string { return "funnel: corrupt binary data: " + e.what }

// Unwrap returns [ErrCorrupt] and metrics.ErrCorrupt, so that errors.Is
// finds a corrupt encoding of any package with the latter.
func (e *corruptError) Unwrap() []error { return []error{ErrCorrupt, metrics.ErrCorrupt} }

func corrupt(what string) error { return &corruptError{what} }
