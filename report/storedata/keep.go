package storedata

import (
	"encoding/binary"
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
//
// For a small input (size, when it is known and under a block) the slots
// and the blocks are fewer and smaller, so that reading it does not make
// and clear tables it cannot fill.
type strcache struct {
	slots []cacheEntry // 1 << (64-shift) of them, made by the first keep
	shift uint8
	block []byte
	size  int64 // of the input, when known (see table.size); else 0
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
		bits := memoBits(c.size, cacheBits)
		c.slots, c.shift = make([]cacheEntry, 1<<bits), uint8(64-bits)
	}
	e := &c.slots[cacheHash(s)>>c.shift]
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
func cacheSlot(s string) uint64 { return cacheHash(s) >> (64 - cacheBits) }

// cacheHash returns a hash of a non-empty string s, of its length and up
// to 24 of its bytes, whose top bits are a slot in a table.
func cacheHash(s string) uint64 {
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
	return (x ^ uint64(n)) * 0x9e3779b97f4a7c15
}

// copy copies s into the current block.
func (c *strcache) copy(s string) string {
	if len(s) > blockSize/16 {
		return strings.Clone(s)
	}
	if len(c.block)+len(s) > cap(c.block) {
		c.block = make([]byte, 0, max(inputBuffer(c.size, blockSize), int64(len(s))))
	}
	i := len(c.block)
	c.block = append(c.block, s...)
	return unsafe.String(&c.block[i], len(s))
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

// len returns the number of the current record's values.
func (s *slab[T]) len() int { return len(s.block) - s.start }

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

// reuse forgets every record's values and keeps their memory for the
// records to come.
func (s *slab[T]) reuse() {
	clear(s.block)
	s.block, s.start = s.block[:0], 0
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
