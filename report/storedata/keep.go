package storedata

import (
	"encoding/binary"
	"hash/maphash"
	"io"
	"io/fs"
	"math/bits"
	"strings"
	"unsafe"
)

// strcache keeps the strings that a reader yields. The readers of the
// large files (orders, events) split each line into strings that point
// into the reader's buffer and are valid until the next line (see
// [records].views); a cell that becomes part of a record goes through
// keep, which returns the copy it made of an equal cell not long ago
// (SKUs, names, categories, channels, event names and the IDs of the
// current order repeat from line to line), or copies the cell into a
// block of 64 KB shared by many strings. So reading allocates neither
// per line nor per cell: a block per 64 KB of new text, and the records'
// slices in blocks too ([slab]).
//
// The slot of a string is a hash of its length and of up to 24 of its
// bytes (the first, middle and last 8): two strings that share them
// only take turns in the slot, which costs copies, not correctness.
//
// Each slot holds a copy of the first 32 bytes of its string, so that a
// hit on a short string reads the slot only, not the block its string is
// in, which may have left the cache long ago.
type strcache struct {
	slots *[1 << cacheBits]cacheEntry
	block []byte
}

type cacheEntry struct {
	s      string
	prefix [32]byte // s's first bytes
}

const (
	cacheBits = 12
	blockSize = 64 << 10
)

// keep returns s, or an equal string, that stays valid.
func (c *strcache) keep(s string) string {
	if s == "" {
		return ""
	}
	if c.slots == nil {
		c.slots = new([1 << cacheBits]cacheEntry)
	}
	e := &c.slots[cacheSlot(s)]
	if len(e.s) == len(s) {
		if len(s) <= len(e.prefix) {
			if string(e.prefix[:len(s)]) == s {
				return e.s
			}
		} else if e.s == s {
			return e.s
		}
	}
	v := c.copy(s)
	e.s = v
	copy(e.prefix[:], v)
	return v
}

// cacheSlot returns the slot of a non-empty string s in a strcache.
func cacheSlot(s string) uint64 {
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	n := len(b)
	var x uint64
	switch {
	case n >= 8:
		x = binary.LittleEndian.Uint64(b) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(b[n-8:]), 21)
		if n > 16 {
			x ^= bits.RotateLeft64(binary.LittleEndian.Uint64(b[n/2-4:]), 42)
		}
	case n >= 4:
		x = uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<32
	default:
		x = uint64(b[0]) | uint64(b[n/2])<<8 | uint64(b[n-1])<<16
	}
	return ((x ^ uint64(n)) * 0x9e3779b97f4a7c15) >> (64 - cacheBits)
}

// copy copies s into the current block.
func (c *strcache) copy(s string) string {
	if len(s) > blockSize/16 {
		return strings.Clone(s)
	}
	if len(c.block)+len(s) > cap(c.block) {
		c.block = make([]byte, 0, blockSize)
	}
	i := len(c.block)
	c.block = append(c.block, s...)
	return unsafe.String(&c.block[i], len(s))
}

// idSet remembers the IDs a file has used, with the line of each, by a
// 128-bit hash of the ID (two 64-bit maphash values of random seeds): it
// holds no string, and two different IDs share a hash with a probability
// of about n²/2¹²⁹ for n IDs (below 10⁻²⁶ for a billion).
//
// It is laid out for a million IDs and more, where each lookup in a table
// of that size is a cache miss:
//   - the hashes and lines are appended in the order the IDs come
//     (entries, written in sequence);
//   - an open addressing table (slots) finds them, with 8 bytes per slot:
//     24 bits of the hash beside the index of the entry, so that an entry
//     is read only when those bits match;
//   - a blocked Bloom filter (bloom: 1 byte per slot, one cache line per
//     ID) says of most new IDs that they are new without a look at the
//     table; it says "maybe" for about 1 % of them, and those are looked
//     up in the table and among the pending entries;
//   - new entries are put into the table in batches (pending: the entries
//     from placed on), whose independent cache misses the processor
//     overlaps.
//
// An ID costs 24 bytes of entry and 12 to 24 bytes of slots and filter.
// (The index has 40 bits: a trillion IDs, 24 TB of entries.)
type idSet struct {
	s1, s2  maphash.Seed
	slots   []uint64 // 0: empty; else fingerprint<<40 | entry index+1
	bloom   []uint64 // blocks of 8 words, len(slots)/8 words
	entries [][]idEntry
	n       int    // entries
	placed  int    // entries in slots: the first placed
	sink    uint64 // what warm loaded, so that its loads are not dropped
}

type idEntry struct {
	k    [2]uint64
	line int
}

const (
	idChunk     = 1 << 14 // entries per chunk
	idIndexBits = 40      // bits of the entry index in a slot
	idBatch     = 64      // pending entries that are put into slots at once
)

// newIDSet returns a set sized for about hint IDs: it grows past them,
// and a good hint saves rehashing the IDs as it grows.
func newIDSet(hint int) *idSet {
	size := 1024
	for 3*size < 4*hint && size < 1<<30 {
		size *= 2
	}
	return &idSet{s1: maphash.MakeSeed(), s2: maphash.MakeSeed(), slots: make([]uint64, size), bloom: make([]uint64, size/8)}
}

// fingerprint returns the bits of a hash that a slot keeps: the bottom 24
// (the slot is found from the bits above them).
func fingerprint(k [2]uint64) uint64 { return k[0] & (1<<(64-idIndexBits) - 1) }

// add records id on line, or returns the line that used it first.
func (m *idSet) add(id string, line int) (first int, dup bool) {
	k := [2]uint64{maphash.String(m.s1, id), maphash.String(m.s2, id)}
	if m.maybe(k) {
		for j := m.placed; j < m.n; j++ {
			if e := m.entry(j); e.k == k {
				return e.line, true
			}
		}
		if e := m.lookup(k); e != nil {
			return e.line, true
		}
	}
	if m.n%idChunk == 0 {
		m.entries = append(m.entries, make([]idEntry, 0, idChunk))
	}
	c := &m.entries[len(m.entries)-1]
	*c = append(*c, idEntry{k, line})
	m.n++
	m.mark(k)
	if m.n-m.placed >= idBatch {
		m.place()
	}
	return 0, false
}

// warm loads the cache lines that adding each of ids would read first,
// its block of the filter and its first slot of the table, one load after
// another, so that their cache misses overlap instead of coming one per
// ID. It changes nothing in the set: an ID of ids that is never added
// costs its hash and a load.
func (m *idSet) warm(ids [][]byte) {
	var first [idBatch]uint64
	ids = ids[:min(len(ids), idBatch)]
	mask := uint64(len(m.slots) - 1)
	for j, id := range ids {
		first[j] = (maphash.Bytes(m.s1, id) >> 24) & mask
	}
	var x uint64
	for _, i := range first[:len(ids)] {
		x += m.bloom[i>>6*8] + m.slots[i]
	}
	m.sink += x
}

// entry returns entry j.
func (m *idSet) entry(j int) *idEntry { return &m.entries[j/idChunk][j%idChunk] }

// lookup returns the entry of the placed entries with hash k, or nil.
func (m *idSet) lookup(k [2]uint64) *idEntry {
	fp := fingerprint(k) << idIndexBits
	mask := uint64(len(m.slots) - 1)
	for i := (k[0] >> 24) & mask; ; i = (i + 1) & mask {
		s := m.slots[i]
		if s == 0 {
			return nil
		}
		if s&^(1<<idIndexBits-1) == fp {
			if e := m.entry(int(s&(1<<idIndexBits-1)) - 1); e.k == k {
				return e
			}
		}
	}
}

// place puts the pending entries into slots, growing them when they
// would be more than 3/4 full.
func (m *idSet) place() {
	if 4*m.n > 3*len(m.slots) {
		m.slots = make([]uint64, 2*len(m.slots))
		m.bloom = make([]uint64, len(m.slots)/8)
		m.placed = 0
		for j := range m.n {
			m.mark(m.entry(j).k)
		}
	}
	mask := uint64(len(m.slots) - 1)
	for j := m.placed; j < m.n; j++ {
		k := m.entry(j).k
		i := (k[0] >> 24) & mask
		for m.slots[i] != 0 {
			i = (i + 1) & mask
		}
		m.slots[i] = fingerprint(k)<<idIndexBits | uint64(j+1)
	}
	m.placed = m.n
}

// bloomBits returns the block of the filter for hash k, the one of the
// 64 slots from k's first slot down to a multiple of 64, and the 6 bits
// of it (of 512) that k sets, from the second half of k.
func (m *idSet) bloomBits(k [2]uint64) (block []uint64, bits uint64) {
	b := int((k[0]>>24)&uint64(len(m.slots)-1)) >> 6 * 8
	return m.bloom[b : b+8 : b+8], k[1]
}

// maybe reports whether k may have been added: false means it was not.
func (m *idSet) maybe(k [2]uint64) bool {
	block, h := m.bloomBits(k)
	for range 6 {
		bit := h & 511
		if block[bit>>6]&(1<<(bit&63)) == 0 {
			return false
		}
		h >>= 9
	}
	return true
}

// mark sets the filter's bits of k.
func (m *idSet) mark(k [2]uint64) {
	block, h := m.bloomBits(k)
	for range 6 {
		bit := h & 511
		block[bit>>6] |= 1 << (bit & 63)
		h >>= 9
	}
}

// slab builds the small slices of one record after another (an order's
// lines, an event's properties) in a shared block, so that they cost one
// allocation per block and not one per record.
type slab[T any] struct {
	block []T
	start int // of the current record's values
}

// slabBytes is the size of a slab's block: at most the largest size the
// runtime allocates from its per-thread caches (a larger block is
// allocated, and zeroed, from the heap's pages).
const slabBytes = 32 << 10

// add appends v to the current record's values.
func (s *slab[T]) add(v T) {
	if len(s.block) == cap(s.block) {
		s.more()
	}
	s.block = append(s.block, v)
}

// more moves the current record's values to a new block.
func (s *slab[T]) more() {
	cur := s.block[s.start:]
	var zero T
	s.block = make([]T, len(cur), max(slabBytes/max(int(unsafe.Sizeof(zero)), 1), 2*len(cur)))
	copy(s.block, cur)
	s.start = 0
}

// grow appends a zero value to the current record's values and returns
// it, to be filled in place. (The block is zero past its length: make
// zeroes it, and drop and pop clear what they remove.)
func (s *slab[T]) grow() *T {
	if len(s.block) == cap(s.block) {
		s.more()
	}
	s.block = s.block[:len(s.block)+1]
	return &s.block[len(s.block)-1]
}

// pop removes the last value of the current record's values.
func (s *slab[T]) pop() {
	var zero T
	s.block[len(s.block)-1] = zero
	s.block = s.block[:len(s.block)-1]
}

// done returns the current record's values, with no room to grow, and
// starts the next record.
func (s *slab[T]) done() []T {
	vals := s.block[s.start:len(s.block):len(s.block)]
	s.start = len(s.block)
	if len(vals) == 0 {
		return nil
	}
	return vals
}

// drop forgets the current record's values.
func (s *slab[T]) drop() {
	clear(s.block[s.start:])
	s.block = s.block[:s.start]
}

// sizeHint returns the size in bytes of what r has left to read when r
// tells it cheaply (a file, a bytes or strings Reader), else 0.
func sizeHint(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if st, err := r.Stat(); err == nil && st.Mode().IsRegular() {
			return st.Size()
		}
	}
	return 0
}

// spanCache keeps the strings of a span of cells that repeats from line
// to line, such as a product's SKU, name and category: found by the
// span's bytes, a hit costs a hash and a comparison and copies nothing; a
// miss copies the span (with the table's strcache), and its cells are
// substrings of the copy. A span that shares its slot with another only
// takes turns with it, which costs copies, not correctness.
type spanCache struct {
	slots []spanEntry
	// size is the number of slots, a power of two up to 1<<cacheBits
	// (0: that many), allocated by the first add.
	size int
}

type spanEntry struct {
	span  string
	cells [3]string
}

// find returns the cells of span if the cache has it, else nil.
func (c *spanCache) find(span string) *[3]string {
	if c.slots == nil || span == "" {
		return nil
	}
	if e := &c.slots[cacheSlot(span)&uint64(len(c.slots)-1)]; len(e.span) == len(span) && e.span == span {
		return &e.cells
	}
	return nil
}

// add keeps span, a non-empty span of n cells (1 to 3), the first of
// which end at a and b, and returns its cells.
func (c *spanCache) add(t *table, span string, n int, a, b int32) *[3]string {
	if c.slots == nil {
		n := c.size
		if n <= 0 || n > 1<<cacheBits || n&(n-1) != 0 {
			n = 1 << cacheBits
		}
		c.slots = make([]spanEntry, n)
	}
	e := &c.slots[cacheSlot(span)&uint64(len(c.slots)-1)]
	k := t.keepNew(span)
	e.span = k
	switch n {
	case 1:
		e.cells = [3]string{k}
	case 2:
		e.cells = [3]string{k[:a], k[a+1:]}
	default:
		e.cells = [3]string{k[:a], k[a+1 : b], k[b+1:]}
	}
	return &e.cells
}

// one returns a kept copy of s, a cell.
func (c *spanCache) one(t *table, s string) string {
	if s == "" {
		return ""
	}
	if p := c.find(s); p != nil {
		return p[0]
	}
	return c.add(t, s, 1, 0, 0)[0]
}

// two returns kept copies of the two cells of span, the first of which
// ends at a.
func (c *spanCache) two(t *table, span string, a int32) (string, string) {
	p := c.find(span)
	if p == nil {
		p = c.add(t, span, 2, a, 0)
	}
	return p[0], p[1]
}
