package storedata

import (
	"encoding/binary"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// The batch readers, [ReadOrderBatches] and [ReadEventBatches], fill the
// columns of metrics.Orders and funnel.Events from the rows that the row
// readers read, with the same fast and exact paths, so that they accept
// and reject the same rows with the same errors. Text becomes numbers of
// the batches' dictionaries, times Unix nanoseconds and amounts minor
// units.

// The instants a batch holds, in Unix seconds: from BatchMinUnix
// (1678-01-01, UTC) up to, not including, BatchMaxUnix (2262-01-01),
// inside what Unix nanoseconds hold (1677-09-21 to 2262-04-11), so that
// every batch type takes them. The batch readers of this module's other
// sources reject a time outside with [ErrBatchRange] too.
const (
	BatchMinUnix = -9214560000 // 1678-01-01T00:00:00Z
	BatchMaxUnix = 9214646400  // 2262-01-01T00:00:00Z
)

// batchNanos returns t in Unix nanoseconds, metrics.NoTime for the zero
// time, and false for a time a batch does not hold (see [ErrBatchRange]).
func batchNanos(t time.Time) (int64, bool) {
	if t.IsZero() {
		return metrics.NoTime, true
	}
	return secNanos(t.Unix(), t.Nanosecond())
}

// secNanos returns the instant sec, nsec in Unix nanoseconds, and false
// for one a batch does not hold.
func secNanos(sec int64, nsec int) (int64, bool) {
	if sec < BatchMinUnix || sec >= BatchMaxUnix {
		return 0, false
	}
	return sec*1e9 + int64(nsec), true
}

// ptrIndex finds the numbers in a dictionary of strings that the row
// readers keep (see [strcache] and [spanCache]): the same text comes again
// as the same string, the same bytes in memory, which never change while
// the string is held. So a string is looked up by its address and length
// before its bytes are hashed: a hit reads one slot. The slot holds the
// string, which keeps its bytes from being freed and reused for another.
type ptrIndex struct {
	d     *metrics.Dict
	slots *[1 << ptrBits]ptrEntry
}

type ptrEntry struct {
	s string
	n int32
}

const ptrBits = 9

// index returns the number of s in the dictionary, -1 for "". s must be
// a string whose bytes do not change: any Go string but a view of a
// buffer that is reused (as [records].views makes).
func (c *ptrIndex) index(s string) int32 {
	if s == "" {
		return -1
	}
	p := unsafe.StringData(s)
	h := (uint64(uintptr(unsafe.Pointer(p))) ^ uint64(len(s))<<48) * 0x9e3779b97f4a7c15 >> (64 - ptrBits)
	if c.slots == nil {
		c.slots = new([1 << ptrBits]ptrEntry)
	}
	e := &c.slots[h]
	if unsafe.StringData(e.s) == p && len(e.s) == len(s) {
		return e.n
	}
	e.s, e.n = s, c.d.Index(s)
	return e.n
}

// dictIndex returns the number of s in d, -1 for "".
func dictIndex(d *metrics.Dict, s string) int32 {
	if s == "" {
		return -1
	}
	return d.Index(s)
}

// numCache finds the numbers in a dictionary of text that comes again
// within a few thousand rows (the users of the sessions going on, the
// sources and devices of events) by its bytes, before the dictionary's
// own table, which is large and far in memory: a slot holds a number and
// the first bytes of its string, so that a hit on a short string reads
// the slot only. A string that shares its slot with another only takes
// turns with it.
type numCache struct {
	d     *metrics.Dict
	slots *[1 << numBits]numSlot
}

type numSlot struct {
	n      int32 // the string's number + 1; 0: none
	len    int32
	prefix [24]byte // the string's first bytes
}

const numBits = 12

// holds reports whether the slot of b holds a string of b's length and
// first bytes, so that index will likely find b there without reading the
// dictionary: a reader that loads the dictionary's memory ahead for the
// rows to come (see [metrics.Dict.Touch]) skips such keys, whose loads
// would only be hashing and waiting for memory that index does not read.
// A string longer than the prefix that only shares its first bytes with
// the slot's is taken for held: index then looks it up without its
// memory loaded ahead, which costs time, never a wrong number.
func (c *numCache) holds(b []byte) bool {
	if len(b) == 0 || c.slots == nil {
		return false
	}
	_, held := c.peek(c.slot(b), b)
	return held
}

// table returns the cache's slots, made if c has none.
func (c *numCache) table() *[1 << numBits]numSlot {
	if c.slots == nil {
		c.slots = new([1 << numBits]numSlot)
	}
	return c.slots
}

// slot returns the slot of a non-empty b.
func (c *numCache) slot(b []byte) uint32 {
	return uint32(cacheHash(unsafe.String(&b[0], len(b))) >> (64 - numBits))
}

// peek is holds for a non-empty b of slot k (c.slot(b)), which also
// returns b's number + 1 when the slot alone tells it (b is no longer
// than the prefix, and held), else 0. A reader that cuts rows ahead
// peeks at their keys once, and indexes by the number, or by the slot
// (indexAt), without hashing them again. The number stays b's: a
// dictionary never renumbers a string.
func (c *numCache) peek(k uint32, b []byte) (n int32, held bool) {
	if c.slots == nil {
		c.slots = new([1 << numBits]numSlot)
	}
	e := &c.slots[k]
	if e.n == 0 || int(e.len) != len(b) || !prefixIs(&e.prefix, b[:min(len(b), len(e.prefix))]) {
		return 0, false
	}
	if len(b) > len(e.prefix) {
		return 0, true
	}
	return e.n, true
}

// prefixIs reports whether the first len(b) bytes of p are b, of 1 to 24
// bytes: from 8 bytes on in overlapping words, inlined where a
// comparison of strings of a length not known calls the runtime (memeqbody was 0.9 of the 13.4
// CPU-s of reading 40M events into batches).
func prefixIs(p *[24]byte, b []byte) bool {
	n := len(b)
	if n < 8 {
		return string(p[:n]) == string(b)
	}
	le := binary.LittleEndian
	return le.Uint64(p[:]) == le.Uint64(b) && le.Uint64(p[n-8:]) == le.Uint64(b[n-8:]) &&
		(n <= 16 || le.Uint64(p[8:]) == le.Uint64(b[8:]))
}

// index returns the number of the string of bytes b, adding it to the
// dictionary if it is new. b is not kept.
func (c *numCache) index(b []byte) int32 {
	if len(b) == 0 {
		return c.d.IndexBytes(b)
	}
	return c.indexAt(c.slot(b), b)
}

// indexAt is index for a non-empty b of slot k (c.slot(b)).
func (c *numCache) indexAt(k uint32, b []byte) int32 {
	if c.slots == nil {
		c.slots = new([1 << numBits]numSlot)
	}
	e := &c.slots[k]
	if e.n != 0 && int(e.len) == len(b) {
		if len(b) <= len(e.prefix) {
			if prefixIs(&e.prefix, b) {
				return e.n - 1
			}
		} else if c.d.String(e.n-1) == unsafe.String(&b[0], len(b)) {
			return e.n - 1
		}
	}
	n := c.d.IndexBytes(b)
	e.n, e.len = n+1, int32(len(b))
	copy(e.prefix[:], b)
	return n
}
