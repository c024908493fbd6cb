package service

import (
	"encoding/binary"
	"hash/fnv"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/internal/moneywire"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// corruptError is the error of UnmarshalBinary for data that is not an
// encoding MarshalBinary made; it wraps metrics.ErrCorrupt.
type corruptError struct{ what string }

func (e *corruptError) Error() string { return "service: corrupt binary data: " + e.what }
func (e *corruptError) Unwrap() error { return metrics.ErrCorrupt }

func corrupt(what string) error { return &corruptError{what} }

// The version bytes of the encodings.
const (
	durationsV1 = 1
	deskV1      = 1
	returnsV1   = 1 // without line counts: still decoded
	returnsV2   = 2
)

// MarshalBinary encodes the durations d holds, so that they can be sent
// to another process and merged there. Equal multisets of durations
// encode alike, whatever order they were added in. It never fails.
//
// The format, version 1: the version byte, 1, then the durations as
// [Desk.MarshalBinary] writes each of its two: their number (a uvarint)
// and, if it is not zero, their greatest common divisor g in nanoseconds
// (a uvarint; 1 when every duration is zero), the smallest duration
// divided by g (a signed varint) and, in increasing order, each next one's
// difference from the one before it divided by g (uvarints). Durations
// measured from times to the second (g a multiple of a second) take
// about a byte or two each. Like [Durations.Quantile], it sorts the values d
// holds in place.
func (d *Durations) MarshalBinary() ([]byte, error) {
	return d.appendBinary([]byte{durationsV1}), nil
}

func (d *Durations) appendBinary(b []byte) []byte {
	d.sort()
	b = binary.AppendUvarint(b, uint64(len(d.v)))
	if len(d.v) == 0 {
		return b
	}
	var g uint64
	for _, x := range d.v {
		g = gcd(g, abs(x))
	}
	if g == 0 {
		g = 1
	}
	b = binary.AppendUvarint(b, g)
	b = binary.AppendVarint(b, quo(int64(d.v[0]), g))
	for i := 1; i < len(d.v); i++ {
		b = binary.AppendUvarint(b, (uint64(d.v[i])-uint64(d.v[i-1]))/g)
	}
	return b
}

// sort sorts the values if they are not.
func (d *Durations) sort() {
	if !d.sorted {
		slices.Sort(d.v)
		d.sorted = true
	}
}

func abs(x time.Duration) uint64 {
	if x < 0 {
		return -uint64(x)
	}
	return uint64(x)
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// UnmarshalBinary replaces the durations d holds with those
// [Durations.MarshalBinary] encoded. It returns an error wrapping
// metrics.ErrCorrupt, and leaves d unchanged, for anything else: another
// version byte than 1, truncated data or bytes left over, a number
// written in more bytes than it needs, a divisor of 0 or one that is not
// the greatest common divisor of the durations (not the one encoding of
// them), or a duration beyond the range of time.Duration. It never panics
// and allocates in proportion to the data's length.
func (d *Durations) UnmarshalBinary(data []byte) error {
	dec := wire.NewDecoder(data, corrupt)
	if v := dec.Byte(); dec.Err() == nil && v != durationsV1 {
		return corrupt("unknown Durations version")
	}
	x := decodeDurations(&dec)
	if err := dec.End(); err != nil {
		return err
	}
	*d = x
	return nil
}

func decodeDurations(d *wire.Decoder) Durations {
	n := d.Length()
	if n == 0 || d.Err() != nil {
		return Durations{sorted: true}
	}
	g := d.Uvarint()
	q := d.Varint()
	if d.Err() != nil {
		return Durations{}
	}
	if g == 0 || g > 1<<63 {
		d.Fail("bad divisor")
		return Durations{}
	}
	v, ok := scale(q, g)
	if !ok {
		d.Fail("duration out of range")
		return Durations{}
	}
	// Each value is at least a byte: n values fit in what is left.
	x := Durations{v: make([]time.Duration, 1, n), sorted: true}
	x.v[0] = time.Duration(v)
	common := abs(time.Duration(q))
	for i := 1; i < n; i++ {
		k := d.Uvarint()
		if d.Err() != nil {
			return Durations{}
		}
		// v + k×g, which must not pass 2^63 − 1 (k×g itself may: from
		// −2^63 to 0 is 2^63).
		hi, step := bits.Mul64(k, g)
		if hi != 0 || step > uint64(math.MaxInt64)-uint64(v) {
			d.Fail("duration out of range")
			return Durations{}
		}
		v = int64(uint64(v) + step)
		common = gcd(common, k)
		x.v = append(x.v, time.Duration(v))
	}
	if common != 1 && !(common == 0 && g == 1) {
		d.Fail("divisor not the durations' greatest common divisor")
		return Durations{}
	}
	return x
}

// quo returns v / g, where g, at most 2^63, divides v.
func quo(v int64, g uint64) int64 {
	if g == 1<<63 { // v is 0 or −2^63
		return v >> 63
	}
	return v / int64(g)
}

// scale returns q × g, which must fit an int64; g ≤ 2^63.
func scale(q int64, g uint64) (int64, bool) {
	if g == 1<<63 {
		switch q {
		case 0:
			return 0, true
		case -1:
			return -1 << 63, true
		}
		return 0, false
	}
	return intmath.Mul64(q, int64(g))
}

// MarshalBinary encodes everything s has counted, all that [Desk.Merge]
// needs, so that a Desk can be sent to another process and merged there.
// Equal Desks encode to equal bytes, whatever order their tickets came
// in. It returns the error of [Config.Validate] for an invalid Config (a
// Desk that could count nothing).
//
// The format, version 1 (integers are uvarints; a string is its length
// then its bytes):
//
//   - the version byte, 1;
//   - the setup, which [Desk.UnmarshalBinary] checks against its
//     receiver's: the length of this part, then the SLA in nanoseconds
//     (the default, 1 hour, for a zero Config.SLA) and a byte, 0 for
//     always open (no weekday open, whatever the Location), else 1 and,
//     for each weekday from Sunday, its opening and closing times in
//     nanoseconds since midnight (0 and 0 for a closed day, however it
//     is written), the Location's name and an 8-byte FNV-1a digest of
//     its UTC offsets at the instants civil.SameLocation compares;
//   - the tickets, those answered, answered within the SLA, resolved,
//     reopened and resolved at least once;
//   - the number of tickets of each score, 0 (none given) to 5;
//   - the times to first response, then the times to resolution, each as
//     [Durations.MarshalBinary] writes them after its version byte;
//   - the tickets by channel, then by reason: the number of names, then
//     each name in increasing byte order (the empty name included) and
//     its tickets.
//
// Config is configuration and is not restored: the setup part records it
// so that decoding into a Desk set up otherwise fails, as Merge would.
// The demo store's two years of tickets take 2.4 bytes per ticket
// (BenchmarkBinary). The encoding has no checksum: a change that makes
// another valid encoding decodes.
func (s *Desk) MarshalBinary() ([]byte, error) {
	if err := s.Config.Validate(); err != nil {
		return nil, err
	}
	setup := s.Config.appendSetup(nil)
	b := []byte{deskV1}
	b = binary.AppendUvarint(b, uint64(len(setup)))
	b = append(b, setup...)
	for _, n := range s.counts() {
		b = binary.AppendUvarint(b, uint64(*n))
	}
	for _, n := range s.scores {
		b = binary.AppendUvarint(b, uint64(n))
	}
	b = s.firstResponse.appendBinary(b)
	b = s.resolution.appendBinary(b)
	for _, m := range [...]map[string]int64{s.byChannel, s.byReason} {
		keys := slices.Sorted(maps.Keys(m))
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			b = wire.AppendString(b, k)
			b = binary.AppendUvarint(b, uint64(m[k]))
		}
	}
	return b, nil
}

// counts returns the counters of s, in their encoding's order.
func (s *Desk) counts() [6]*int64 {
	return [...]*int64{&s.tickets, &s.answered, &s.withinSLA, &s.resolved, &s.reopened, &s.everResolved}
}

// appendSetup appends what Merge compares of c (see Desk.MarshalBinary).
func (c Config) appendSetup(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(c.sla()))
	h := c.Hours
	if !h.anyOpen() {
		return append(b, 0)
	}
	b = append(b, 1)
	for _, day := range h.Days {
		if day.Close <= day.Open {
			day.Open, day.Close = 0, 0
		}
		b = binary.AppendUvarint(b, uint64(day.Open))
		b = binary.AppendUvarint(b, uint64(day.Close))
	}
	loc := h.Location
	if loc == nil {
		loc = time.UTC
	}
	b = wire.AppendString(b, loc.String())
	return zoneDigest(b, loc)
}

// zoneDigest appends the FNV-1a digest of loc's UTC offsets on the 15th
// of January, April, July and October at noon UTC of every fourth year
// from 1970 to 2050: the instants civil.SameLocation compares, so that
// two Locations it finds the same digest alike (TestDeskBinarySetup
// checks it).
func zoneDigest(b []byte, loc *time.Location) []byte {
	h := fnv.New64a()
	var buf [4]byte
	for y := 1970; y <= 2050; y += 4 {
		for m := time.January; m <= time.December; m += 3 {
			_, off := time.Date(y, m, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
			binary.BigEndian.PutUint32(buf[:], uint32(int32(off)))
			h.Write(buf[:])
		}
	}
	return h.Sum(b)
}

// UnmarshalBinary replaces what s has counted with what
// [Desk.MarshalBinary] encoded. Set s.Config as the encoder's first, as
// before the first Add: it is not in the encoding, which only records it
// to check it.
//
// It returns the error of [Config.Validate] if s.Config is invalid, a
// *metrics.MergeError, wrapping metrics.ErrIncompatible, if the encoding
// was made with another SLA or other business hours (as [Desk.Merge]
// would), and an error wrapping metrics.ErrCorrupt for data that is not
// such an encoding: another version byte than 1, truncated data or bytes
// left over, a number written in more bytes than it needs, and counts no
// tickets can make (more answered, resolved or reopened tickets than
// tickets, more answered within the SLA than answered, tickets resolved
// at least once fewer than those resolved or reopened or more than both
// or than the tickets, other numbers of first-response or resolution
// times than of answered or resolved tickets, a negative time, answered
// within the SLA other than the first-response times up to the SLA,
// scores, channels or reasons that do not add up to the tickets, a
// channel or reason of no ticket, names out of order). On any error s is
// unchanged. It never panics and allocates in proportion to the data's
// length.
func (s *Desk) UnmarshalBinary(data []byte) error {
	if err := s.Config.Validate(); err != nil {
		return err
	}
	d := wire.NewDecoder(data, corrupt)
	if v := d.Byte(); d.Err() == nil && v != deskV1 {
		return corrupt("unknown Desk version")
	}
	setup := d.Bytes(d.Length())
	if d.Err() != nil {
		return d.Err()
	}
	if err := s.Config.checkSetup(setup); err != nil {
		return err
	}
	x := Desk{Config: s.Config}
	for _, n := range x.counts() {
		*n = d.Count()
	}
	var scored int64
	for i := range x.scores {
		x.scores[i] = d.Count()
		scored = addCount(&d, scored, x.scores[i])
	}
	x.firstResponse = decodeDurations(&d)
	x.resolution = decodeDurations(&d)
	if d.Err() != nil {
		return d.Err()
	}
	switch {
	case x.answered > x.tickets || x.resolved > x.tickets || x.reopened > x.tickets || x.withinSLA > x.answered:
		d.Fail("more answered, resolved or reopened tickets than tickets")
	case x.everResolved < max(x.resolved, x.reopened) || x.everResolved > x.tickets || x.everResolved-x.resolved > x.reopened:
		d.Fail("tickets resolved at least once out of range")
	case int64(x.firstResponse.Len()) != x.answered || int64(x.resolution.Len()) != x.resolved:
		d.Fail("times not one per answered or resolved ticket")
	case x.firstResponse.Len() > 0 && x.firstResponse.v[0] < 0 || x.resolution.Len() > 0 && x.resolution.v[0] < 0:
		d.Fail("negative time")
	case scored != x.tickets:
		d.Fail("scores do not add up to the tickets")
	}
	if d.Err() == nil {
		sla := x.Config.sla()
		within, _ := slices.BinarySearchFunc(x.firstResponse.v, sla, func(v, sla time.Duration) int {
			if v <= sla {
				return -1
			}
			return 1
		})
		if int64(within) != x.withinSLA {
			d.Fail("answered within the SLA other than the times up to it")
		}
	}
	for i, m := range [...]*map[string]int64{&x.byChannel, &x.byReason} {
		n := d.Length()
		if d.Err() != nil {
			break
		}
		if x.tickets > 0 {
			*m = make(map[string]int64, min(n, 1024))
		} else if n > 0 {
			d.Fail("names without tickets")
			break
		}
		var total int64
		prev := ""
		for j := range n {
			k := d.Text()
			c := d.Count()
			if d.Err() != nil {
				break
			}
			if j > 0 && k <= prev || c == 0 {
				d.Fail("names out of order or of no ticket")
				break
			}
			prev = k
			total = addCount(&d, total, c)
			(*m)[k] = c
		}
		if d.Err() == nil && total != x.tickets {
			d.Fail([...]string{"channels", "reasons"}[i] + " do not add up to the tickets")
		}
	}
	if err := d.End(); err != nil {
		return err
	}
	*s = x
	return nil
}

// addCount returns a + b, or fails d if the sum overflows.
func addCount(d *wire.Decoder, a, b int64) int64 {
	r, ok := intmath.Add64(a, b)
	if !ok {
		d.Fail("count out of range")
	}
	return r
}

// checkSetup returns a *metrics.MergeError if setup, the setup part of an
// encoding, is not c's, or a corrupt error if it is malformed.
func (c Config) checkSetup(setup []byte) error {
	if string(setup) == string(c.appendSetup(nil)) {
		return nil
	}
	d := wire.NewDecoder(setup, corrupt)
	sla := d.Uvarint()
	open := d.Bool()
	if open {
		for range 14 {
			if v := d.Uvarint(); v > uint64(24*time.Hour) {
				d.Fail("bad setup")
			}
		}
		d.Text()
		d.Bytes(8)
	}
	if err := d.End(); err != nil {
		return err
	}
	if sla == 0 || sla > 1<<63-1 {
		return corrupt("bad setup")
	}
	problem := "decoding an encoding made with other business hours"
	if time.Duration(sla) != c.sla() {
		problem = "decoding an encoding made with Config.SLA " + time.Duration(sla).String() + ", not " + c.sla().String()
	} else if open != c.Hours.anyOpen() {
		problem += ": always open in one, not in the other"
	}
	return mergeError("Desk", problem)
}

// MarshalBinary encodes everything r has accumulated, all that
// [Returns.Merge] needs, so that a Returns can be sent to another process
// and merged there. Equal Returns encode to equal bytes, whatever order
// their orders and refunds came in. It returns the error of
// [ReasonMap.Validate] for an invalid Reasons (a Returns that could count
// nothing).
//
// The format, version 2 (integers are varints, unsigned unless said; a
// string is its length then its bytes; an amount set is the number of
// its non-zero totals, then each one's currency, as its number in the
// list of currencies, and its exact total of minor units in the
// canonical form of the module's money totals, internal/moneywire's:
// whole minor units, a signed varint, then a 0 byte, or 0, a 1 byte and
// an exact decimal):
//
//   - the version byte, 2;
//   - the setup, which [Returns.UnmarshalBinary] checks against its
//     receiver's: the length of this part, then the number of reason
//     rules applied (those of [DefaultReasonRules] for the zero
//     ReasonMap) and an 8-byte FNV-1a digest of their texts and reasons,
//     in order;
//   - a flags byte: 1 when the Returns holds SKUs without their line
//     counts (decoded from version 1, or merged with such), else 0;
//   - the currencies of the amounts, their number and their codes in
//     increasing order ("" for amounts without a currency);
//   - for each ReturnReason from ReasonOther (0) to ReasonChangedMind (5):
//     its refunds and the amount set of their amounts;
//   - the amount set of the refunds that returned no goods;
//   - the SKUs in increasing byte order: their number, then each SKU's
//     code, category, units sold (signed), lines sold, the amount set of
//     the gross value sold, the amount set of the refunds allocated to
//     it, a mask byte (bit i for ReturnReason i), for each bit set the
//     units returned for that reason (a signed varint, not 0), and the
//     lines returned.
//
// Version 1, which [Returns.UnmarshalBinary] still reads, has no flags
// byte and no line counts: the Returns it decodes tests its outliers on
// units (see [ReturnSummary].Outliers).
//
// A SKU's units returned and a reason's units are the sums of the SKUs'
// units by reason, and are not written. Amount sets keep only what
// [Returns.Summary] reads: each currency's total, not the number of
// amounts added nor a currency whose amounts cancel out. Reasons and FDR
// are configuration and are not restored (FDR is not recorded: Merge
// keeps the receiver's). The demo store's two years take 33 bytes per SKU
// (BenchmarkBinary). The encoding has no checksum.
func (r *Returns) MarshalBinary() ([]byte, error) {
	if err := r.Reasons.Validate(); err != nil {
		return nil, err
	}
	setup := r.Reasons.appendSetup(nil)
	b := []byte{returnsV2}
	b = binary.AppendUvarint(b, uint64(len(setup)))
	b = append(b, setup...)
	var flags byte
	if r.unitsOnly {
		flags = 1
	}
	b = append(b, flags)

	skus := slices.Sorted(maps.Keys(r.skus))
	// The currencies of every amount set, numbered.
	sets := make([][]money.Money, 0, len(r.byReason)+1+2*len(skus))
	for i := range r.byReason {
		sets = append(sets, nonZero(&r.byReason[i].value))
	}
	sets = append(sets, nonZero(&r.noGoods))
	for _, k := range skus {
		x := r.skus[k]
		sets = append(sets, nonZero(&x.soldValue), nonZero(&x.returnedValue))
	}
	num := map[money.Currency]int{}
	for _, set := range sets {
		for _, m := range set {
			num[m.Currency()] = 0
		}
	}
	curs := slices.SortedFunc(maps.Keys(num), money.Currency.Compare)
	b = binary.AppendUvarint(b, uint64(len(curs)))
	for i, c := range curs {
		num[c] = i
		b = wire.AppendString(b, c.Code())
	}
	appendSet := func(b []byte, set []money.Money) []byte {
		b = binary.AppendUvarint(b, uint64(len(set)))
		for _, m := range set {
			b = binary.AppendUvarint(b, uint64(num[m.Currency()]))
			var t money.Total
			t.AddMoney(m)
			b = moneywire.AppendTotal(b, t)
		}
		return b
	}
	for i := range r.byReason {
		b = binary.AppendUvarint(b, uint64(r.byReason[i].refunds))
		b = appendSet(b, sets[i])
	}
	b = appendSet(b, sets[len(r.byReason)])
	b = binary.AppendUvarint(b, uint64(len(skus)))
	for i, k := range skus {
		x := r.skus[k]
		b = wire.AppendString(b, k)
		b = wire.AppendString(b, x.category)
		b = binary.AppendVarint(b, x.sold)
		b = binary.AppendUvarint(b, uint64(x.soldLines))
		b = appendSet(b, sets[len(r.byReason)+1+2*i])
		b = appendSet(b, sets[len(r.byReason)+2+2*i])
		var mask byte
		for j, n := range x.reasons {
			if n != 0 {
				mask |= 1 << j
			}
		}
		b = append(b, mask)
		for _, n := range x.reasons {
			if n != 0 {
				b = binary.AppendVarint(b, n)
			}
		}
		b = binary.AppendUvarint(b, uint64(x.returnedLines))
	}
	return b, nil
}

// nonZero returns the non-zero totals of s, in order of currency code.
func nonZero(s *money.Sum) []money.Money {
	return slices.DeleteFunc(s.Totals(), money.Money.IsZero)
}

// appendSetup appends what Merge compares of m (see Returns.MarshalBinary).
func (m ReasonMap) appendSetup(b []byte) []byte {
	rules := m.rules()
	b = binary.AppendUvarint(b, uint64(len(rules)))
	h := fnv.New64a()
	var buf []byte
	for _, r := range rules {
		buf = wire.AppendString(buf[:0], r.Contains)
		h.Write(append(buf, byte(r.Reason)))
	}
	return h.Sum(b)
}

// UnmarshalBinary replaces what r has accumulated with what
// [Returns.MarshalBinary] encoded. Set r.Reasons as the encoder's first,
// as before the first Add: the rules are not in the encoding, which only
// records them to check them. r.FDR is kept.
//
// It returns the error of [ReasonMap.Validate] if r.Reasons is invalid, a
// *metrics.MergeError, wrapping metrics.ErrIncompatible, if the encoding
// was made with other reason rules (as [Returns.Merge] would), and an
// error wrapping metrics.ErrCorrupt for data that is not such an
// encoding: another version byte than 1 or 2, a flags byte above 1,
// truncated data or bytes left over, a number written in more bytes
// than it needs, a line count beyond an int64, a currency code
// that is not an ISO 4217 one, codes or SKUs out of order or repeated, a
// currency no amount uses, an amount set whose currencies are out of
// order or one of whose totals is zero or not in its canonical form, the
// amounts of a reason without refunds, a mask byte with bits beyond the
// reasons or a reason's units of 0 under its bit. On any error r is
// unchanged. It never panics and allocates in proportion to the data's
// length.
func (r *Returns) UnmarshalBinary(data []byte) error {
	if err := r.Reasons.Validate(); err != nil {
		return err
	}
	d := wire.NewDecoder(data, corrupt)
	v := d.Byte()
	if d.Err() == nil && v != returnsV1 && v != returnsV2 {
		return corrupt("unknown Returns version")
	}
	setup := d.Bytes(d.Length())
	if d.Err() != nil {
		return d.Err()
	}
	if string(setup) != string(r.Reasons.appendSetup(nil)) {
		sd := wire.NewDecoder(setup, corrupt)
		n := sd.Count()
		sd.Bytes(8)
		if err := sd.End(); err != nil {
			return err
		}
		return mergeError("Returns", "decoding an encoding made with other reason rules ("+strconv.FormatInt(n, 10)+" rules)")
	}
	unitsOnly := v == returnsV1
	if v == returnsV2 {
		switch f := d.Byte(); {
		case d.Err() != nil:
		case f > 1:
			d.Fail("bad flags")
		default:
			unitsOnly = f == 1
		}
	}
	var curs []money.Currency
	nc := d.Length()
	for i := 0; i < nc && d.Err() == nil; i++ {
		code := d.Text()
		var c money.Currency
		if code != "" {
			var err error
			if c, err = money.ParseCurrency(code); err != nil {
				d.Fail("unknown currency")
				break
			}
		}
		if i > 0 && code <= curs[i-1].Code() {
			d.Fail("currencies out of order")
			break
		}
		curs = append(curs, c)
	}
	used := make([]bool, len(curs))
	readSet := func(s *money.Sum) {
		n := d.Length()
		prev := -1
		for range n {
			k := d.Uvarint()
			units, extra := d.Exact()
			if d.Err() != nil {
				return
			}
			if k >= uint64(len(curs)) || int(k) <= prev {
				d.Fail("bad currency number")
				return
			}
			t := money.Total{Units: units, Extra: extra}
			if t.Cmp(money.Total{}) == 0 {
				d.Fail("zero total")
				return
			}
			prev = int(k)
			used[k] = true
			s.Add(t.Money(curs[k]))
		}
	}
	x := Returns{Reasons: r.Reasons, FDR: r.FDR, unitsOnly: unitsOnly}
	for i := range x.byReason {
		rr := &x.byReason[i]
		rr.refunds = d.Count()
		readSet(&rr.value)
		if d.Err() == nil && rr.refunds == 0 && rr.value.Count() > 0 {
			d.Fail("amounts of a reason without refunds")
		}
	}
	readSet(&x.noGoods)
	n := d.Length()
	if d.Err() == nil && n > 0 {
		x.skus = make(map[string]*skuReturns, min(n, 1024))
	}
	prev := ""
	for i := 0; i < n && d.Err() == nil; i++ {
		k := d.Text()
		y := &skuReturns{category: d.Text(), sold: d.Varint()}
		if v == returnsV2 {
			y.soldLines = d.Count()
		}
		readSet(&y.soldValue)
		readSet(&y.returnedValue)
		mask := d.Byte()
		if d.Err() != nil {
			break
		}
		if i > 0 && k <= prev {
			d.Fail("SKUs out of order")
			break
		}
		if mask>>len(reasonNames) != 0 {
			d.Fail("bad reason mask")
			break
		}
		prev = k
		for j := range y.reasons {
			if mask&(1<<j) != 0 {
				if y.reasons[j] = d.Varint(); d.Err() == nil && y.reasons[j] == 0 {
					d.Fail("zero units under a reason's bit")
				}
			}
			y.returned += y.reasons[j]
			x.byReason[j].units += y.reasons[j]
		}
		if v == returnsV2 {
			y.returnedLines = d.Count()
		}
		x.soldUnits += y.sold
		x.skus[k] = y
	}
	if d.Err() == nil && slices.Contains(used, false) {
		d.Fail("a currency of no amount")
	}
	if err := d.End(); err != nil {
		return err
	}
	*r = x
	return nil
}
