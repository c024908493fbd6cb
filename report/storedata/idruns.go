package storedata

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
)

// idRuns holds the IDs of an [idSet] that came as runs of counted IDs, in
// order: IDs of 1 to 15 bytes in which one field of decimal digits (the
// counter) goes up by one from each ID to the next, all else the same
// ("O00015472-002", "O00015473-002", …), as a store's exports number their
// orders. A run is kept as its template (the ID without its counter), the
// first and last counts, and the first line of each ID, appended to a log
// of lines: adding the next ID of a run reads and writes no random place
// in memory, where a table of a million IDs costs a cache miss an ID. A
// run holds every count from its first to its last, so that an ID is in
// it when its template is the run's and its count is in that range; the
// runs of a template do not overlap, and are kept sorted by count.
//
// The IDs that are not the next of the ID before them (singles) go to the
// set's table, as do the first of each run (which is a single until the
// next comes), so that a file of counted orders keeps only a few in its
// table, which stays in the processor's caches. An ID is in the set when
// it is in the table or in a run.
type idRuns struct {
	last     idKey // the key of the ID added last, when haveLast
	lastLine uint64
	haveLast bool

	// The run that ends with last, if any (cur ≥ 0), and the first
	// count of the next run of its template (math.MaxUint64: none), at
	// index next of list.
	cur, next int
	nextLo    uint64

	list    []idRun
	byTempl map[idTemplate][]int32 // runs by template, in order of count
	lines   []uint64               // the first lines of the runs' IDs, by run and count
	// fields[s] has bit e when a run counts in the bytes [s, e) of its
	// IDs; nFields is how many do, and field the first.
	fields  [16]uint16
	nFields int
	field   [2]uint8
	hint    int // the IDs to size lines for once it outgrows its start

	// want is the key of the ID that would follow last in the current
	// run, when wantOK: one that [idSet.addNext] adds as the next of the
	// run without looking anywhere else (see [idSet.prepNext]).
	want   idKey
	wantOK bool
}

// addLine appends line to the log of lines. The log starts with room for
// idStart lines (a file of other IDs may make a run or two by chance),
// and its next growth sizes it for the set's hint, not double, so that a
// million counted IDs are not copied again and again.
func (r *idRuns) addLine(line uint64) {
	if n := len(r.lines); n == cap(r.lines) {
		room := idStart
		if n > 0 {
			room = max(r.hint-n, n)
		}
		r.lines = slices.Grow(r.lines, room)
	}
	r.lines = append(r.lines, line)
}

// idRun is a run of counted IDs: counts lo to hi of its template, whose
// first lines are lines[off:off+hi-lo+1] of its idRuns.
type idRun struct {
	templ  idTemplate
	lo, hi uint64
	off    int
}

// idTemplate is an ID of a run without its counter: its key with the
// counter's bytes zeroed, and the counter's bytes [s, e).
type idTemplate struct {
	a, b uint64
	s, e uint8
}

// idKey is a key of [idSet.key] inside the set: a struct of two words,
// which a call passes in registers, where an array of two is passed in
// memory, stored as two words and loaded back as one 16-byte copy that
// waits for the stores (a failed store forwarding: 5 % of a reading).
type idKey struct{ a, b uint64 }

// shortKey reports whether k is the key of an ID of 1 to 15 bytes, which
// is the ID itself (see [idSet.key]).
func shortKey(k idKey) bool { return k.b>>56 != 0 }

// keyBytes returns the bytes of the ID of the short key k, and its length.
func keyBytes(k idKey) (b [16]byte, n int) {
	binary.LittleEndian.PutUint64(b[:8], k.a)
	binary.LittleEndian.PutUint64(b[8:], k.b)
	return b, int(k.b >> 56)
}

func isDigit(c byte) bool { return c-'0' <= 9 }

// count returns the number written in the digits b.
func count(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v*10 + uint64(c-'0')
	}
	return v
}

// template returns the template of the ID of key k counted in [s, e).
func template(k idKey, s, e int) idTemplate {
	lo, hi := bytesMask(s, e)
	return idTemplate{a: k.a &^ lo, b: k.b &^ hi, s: uint8(s), e: uint8(e)}
}

// bytesMask returns the bits of the bytes [s, e) of a key's two words.
func bytesMask(s, e int) (lo, hi uint64) {
	return wordMask(min(s, 8), min(e, 8)), wordMask(max(s, 8)-8, max(e, 8)-8)
}

// wordMask returns the bits of the bytes [s, e) of a word, 0 ≤ s, e ≤ 8.
func wordMask(s, e int) uint64 {
	if s >= e {
		return 0
	}
	return (math.MaxUint64 >> (64 - 8*(e-s))) << (8 * s)
}

// next reports whether the short key x is the ID that follows the short
// key p in a run counted in the bytes [s, e): the same but in those
// bytes, which hold one more in x. It reads the keys' words as they are:
// the first byte that differs, i, is one more in x (and a digit below 9
// in p), and every byte of [i+1, e) is 9 in p and 0 in x (a carry). It
// takes p's bytes [s, i) to be digits, as in a run's IDs.
func next(p, x idKey, s, e int) bool {
	lo, hi := bytesMask(s, e)
	d0, d1 := p.a^x.a, p.b^x.b
	if d0&^lo != 0 || d1&^hi != 0 {
		return false // a byte outside the field differs
	}
	var i int
	switch {
	case d0 != 0:
		i = bits.TrailingZeros64(d0) / 8
	case d1 != 0:
		i = 8 + bits.TrailingZeros64(d1)/8
	default:
		return false
	}
	pw, xw := p.a, x.a
	if i >= 8 {
		pw, xw = p.b, x.b
	}
	pi, xi := byte(pw>>(8*(i%8))), byte(xw>>(8*(i%8)))
	if pi < '0' || pi > '8' || xi != pi+1 {
		return false
	}
	// The carry: bytes (i, e) are 9 in p and 0 in x.
	clo, chi := bytesMask(i+1, e)
	return p.a&clo == digitNines&clo && p.b&chi == digitNines&chi && x.a&clo == digitZeros&clo && x.b&chi == digitZeros&chi
}

// The digits 9 and 0 in every byte of a word.
const (
	digitNines = 0x3939393939393939
	digitZeros = 0x3030303030303030
)

// successor reports whether the short key x is the ID that follows the
// short key p in a run: the same length and bytes but in one field of
// digits, [s, e), whose number in x is one more than in p.
func successor(p, x idKey) (s, e int, ok bool) {
	if p.b>>56 != x.b>>56 {
		return 0, 0, false
	}
	var i int // the first byte that differs
	if d := p.a ^ x.a; d != 0 {
		i = bits.TrailingZeros64(d) / 8
	} else if d := p.b ^ x.b; d != 0 {
		i = 8 + bits.TrailingZeros64(d)/8
	} else {
		return 0, 0, false
	}
	pb, n := keyBytes(p)
	xb, _ := keyBytes(x)
	if pb[i] < '0' || pb[i] > '8' || xb[i] != pb[i]+1 {
		return 0, 0, false
	}
	e = i + 1
	for e < n && pb[e] == '9' && xb[e] == '0' {
		e++
	}
	if e < n && isDigit(xb[e]) {
		return 0, 0, false // the field goes on: p's count does not end in the 9s
	}
	for j := e; j < n; j++ {
		if xb[j] != pb[j] {
			return 0, 0, false
		}
	}
	s = i
	for s > 0 && isDigit(xb[s-1]) { // the bytes before i are the same in p
		s--
	}
	return s, e, true
}

// find returns the first line of the short key k if it is in a run.
func (r *idRuns) find(k idKey) (first uint64, ok bool) {
	if r.byTempl == nil {
		return 0, false
	}
	b, n := keyBytes(k)
	for s := 0; s < n; {
		if !isDigit(b[s]) {
			s++
			continue
		}
		e := s + 1
		for e < n && isDigit(b[e]) {
			e++
		}
		if r.fields[s]&(1<<e) != 0 {
			if first, ok := r.findIn(template(k, s, e), count(b[s:e])); ok {
				return first, true
			}
		}
		s = e
	}
	return 0, false
}

// findIn returns the first line of count v of the runs of template t, if
// one holds it.
func (r *idRuns) findIn(t idTemplate, v uint64) (first uint64, ok bool) {
	runs := r.byTempl[t]
	// The first run that ends at v or after.
	i, _ := slices.BinarySearchFunc(runs, v, func(j int32, v uint64) int {
		if r.list[j].hi < v {
			return -1
		}
		return 1
	})
	if i < len(runs) {
		if run := &r.list[runs[i]]; run.lo <= v {
			return r.lines[run.off+int(v-run.lo)], true
		}
	}
	return 0, false
}

// extend adds the short key x, new to the set, on line, which follows
// the ID added last in a run counted in [s, e) (see successor). It reports a duplicate (dup, with its first line) of the run
// that follows the current one, which it checks; the set checks the
// others (the table, and the runs of the ID's other fields) before.
func (r *idRuns) extend(x idKey, s, e int, line uint64) (first uint64, dup bool) {
	if c := r.cur; c >= 0 && r.list[c].templ.s == uint8(s) && r.list[c].templ.e == uint8(e) {
		v := r.list[c].hi + 1
		if v == r.nextLo {
			run := &r.list[r.next]
			return r.lines[run.off], true
		}
		r.list[c].hi = v
		r.addLine(line)
		r.last, r.lastLine = x, line
		return 0, false
	}
	// A new run, from the ID added last.
	xb, _ := keyBytes(x)
	v := count(xb[s:e])
	t := template(x, s, e)
	if r.byTempl == nil {
		r.byTempl = map[idTemplate][]int32{}
	}
	runs := r.byTempl[t]
	i, _ := slices.BinarySearchFunc(runs, v, func(j int32, v uint64) int {
		if r.list[j].hi < v {
			return -1
		}
		return 1
	})
	if i < len(runs) && r.list[runs[i]].lo <= v {
		run := &r.list[runs[i]]
		return r.lines[run.off+int(v-run.lo)], true
	}
	// The count before v is the last ID's, in no run of t (else it
	// would have been found when it was added, or be the current run's).
	r.list = append(r.list, idRun{templ: t, lo: v - 1, hi: v, off: len(r.lines)})
	r.addLine(r.lastLine)
	r.addLine(line)
	r.cur = len(r.list) - 1
	r.byTempl[t] = slices.Insert(runs, i, int32(r.cur))
	if r.fields[s]&(1<<e) == 0 {
		r.fields[s] |= 1 << e
		if r.nFields++; r.nFields == 1 {
			r.field = [2]uint8{uint8(s), uint8(e)}
		}
	}
	r.next, r.nextLo = -1, math.MaxUint64
	if i < len(runs) {
		r.next = int(runs[i])
		r.nextLo = r.list[r.next].lo
	}
	r.last, r.lastLine = x, line
	return 0, false
}

// single records the short key x, new to the set and not in a run, on
// line, as the ID added last, which the next may follow.
func (r *idRuns) single(x idKey, line uint64) {
	r.last, r.lastLine, r.haveLast, r.cur, r.wantOK = x, line, true, -1, false
}

// otherFields reports whether some run counts in a field of the bytes
// other than [s, e): only then may an ID that follows the last in
// [s, e) be in a run that find must look for.
func (r *idRuns) otherFields(s, e int) bool {
	return r.nFields > 1 || r.nFields == 1 && r.field != [2]uint8{uint8(s), uint8(e)}
}
