package storedata

import (
	"hash/maphash"
	"io"
	"io/fs"
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
type strcache struct {
	seed  maphash.Seed
	slots *[cacheSlots]string
	block []byte
}

const (
	cacheSlots = 4096
	blockSize  = 64 << 10
)

// keep returns s, or an equal string, that stays valid.
func (c *strcache) keep(s string) string {
	if s == "" {
		return ""
	}
	if c.slots == nil {
		c.seed, c.slots = maphash.MakeSeed(), new([cacheSlots]string)
	}
	slot := &c.slots[maphash.String(c.seed, s)&(cacheSlots-1)]
	if *slot == s {
		return *slot
	}
	v := c.copy(s)
	*slot = v
	return v
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
// of that size is a cache miss: the hashes and lines are appended in the
// order the IDs come (entries, written in sequence), and the open
// addressing table that finds them (slots) holds 8 bytes per slot: 24
// bits of the hash beside the index of the entry. A lookup reads one slot
// (two on a collision) and reads an entry only when those 24 bits match,
// which for a new ID happens about once in 10⁷ lookups. An ID costs 24
// bytes of entry and 11 to 21 bytes of slots. (The index has 40 bits: a
// trillion IDs, 24 TB of entries.)
type idSet struct {
	s1, s2  maphash.Seed
	slots   []uint64 // 0: empty; else fingerprint<<40 | entry index+1
	entries [][]idEntry
	n       int
}

type idEntry struct {
	k    [2]uint64
	line int
}

const (
	idChunk     = 1 << 14 // entries per chunk
	idIndexBits = 40      // bits of the entry index in a slot
)

// newIDSet returns a set sized for about hint IDs: it grows past them,
// and a good hint saves rehashing the IDs as it grows.
func newIDSet(hint int) *idSet {
	size := 1024
	for 3*size < 4*hint && size < 1<<30 {
		size *= 2
	}
	return &idSet{s1: maphash.MakeSeed(), s2: maphash.MakeSeed(), slots: make([]uint64, size)}
}

// fingerprint returns the bits of a hash that a slot keeps: the bottom 24
// (the slot is found from the bits above them).
func fingerprint(k [2]uint64) uint64 { return k[0] & (1<<(64-idIndexBits) - 1) }

// add records id on line, or returns the line that used it first.
func (m *idSet) add(id string, line int) (first int, dup bool) {
	k := [2]uint64{maphash.String(m.s1, id), maphash.String(m.s2, id)}
	fp := fingerprint(k) << idIndexBits
	mask := uint64(len(m.slots) - 1)
	for i := (k[0] >> 24) & mask; ; i = (i + 1) & mask {
		s := m.slots[i]
		if s == 0 {
			if m.n%idChunk == 0 {
				m.entries = append(m.entries, make([]idEntry, 0, idChunk))
			}
			c := &m.entries[len(m.entries)-1]
			*c = append(*c, idEntry{k, line})
			m.n++
			m.slots[i] = fp | uint64(m.n)
			if 4*m.n > 3*len(m.slots) {
				m.grow()
			}
			return 0, false
		}
		if s&^(1<<idIndexBits-1) == fp {
			e := m.entry(s)
			if e.k == k {
				return e.line, true
			}
		}
	}
}

// entry returns the entry that slot s points to.
func (m *idSet) entry(s uint64) *idEntry {
	j := int(s&(1<<idIndexBits-1)) - 1
	return &m.entries[j/idChunk][j%idChunk]
}

func (m *idSet) grow() {
	m.slots = make([]uint64, 2*len(m.slots))
	mask := uint64(len(m.slots) - 1)
	j := 0
	for _, c := range m.entries {
		for _, e := range c {
			j++
			i := (e.k[0] >> 24) & mask
			for m.slots[i] != 0 {
				i = (i + 1) & mask
			}
			m.slots[i] = fingerprint(e.k)<<idIndexBits | uint64(j)
		}
	}
}

// slab builds the small slices of one record after another (an order's
// lines, an event's properties) in a shared block, so that they cost one
// allocation per block and not one per record.
type slab[T any] struct {
	block []T
	start int // of the current record's values
}

// add appends v to the current record's values.
func (s *slab[T]) add(v T) {
	if len(s.block) == cap(s.block) {
		cur := s.block[s.start:]
		s.block = make([]T, len(cur), max(1024, 2*len(cur)))
		copy(s.block, cur)
		s.start = 0
	}
	s.block = append(s.block, v)
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
