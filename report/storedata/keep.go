package storedata

import (
	"hash/maphash"
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
// of about n²/2¹²⁹ for n IDs (below 10⁻²⁶ for a billion). It is an open
// addressing table, faster than a map for a million IDs.
type idSet struct {
	s1, s2 maphash.Seed
	keys   [][2]uint64 // {0, 0}: empty
	lines  []int
	n      int
}

func newIDSet() *idSet {
	return &idSet{s1: maphash.MakeSeed(), s2: maphash.MakeSeed(), keys: make([][2]uint64, 1024), lines: make([]int, 1024)}
}

func (m *idSet) hash(id string) [2]uint64 {
	k := [2]uint64{maphash.String(m.s1, id), maphash.String(m.s2, id)}
	if k == [2]uint64{} {
		k[1] = 1
	}
	return k
}

// add records id on line, or returns the line that used it first.
func (m *idSet) add(id string, line int) (first int, dup bool) {
	k := m.hash(id)
	mask := uint64(len(m.keys) - 1)
	for i := k[0] & mask; ; i = (i + 1) & mask {
		switch m.keys[i] {
		case k:
			return m.lines[i], true
		case [2]uint64{}:
			m.keys[i], m.lines[i] = k, line
			m.n++
			if 4*m.n > 3*len(m.keys) {
				m.grow()
			}
			return 0, false
		}
	}
}

func (m *idSet) grow() {
	keys, lines := m.keys, m.lines
	m.keys, m.lines = make([][2]uint64, 2*len(keys)), make([]int, 2*len(keys))
	mask := uint64(len(m.keys) - 1)
	for j, k := range keys {
		if k == [2]uint64{} {
			continue
		}
		i := k[0] & mask
		for m.keys[i] != [2]uint64{} {
			i = (i + 1) & mask
		}
		m.keys[i], m.lines[i] = k, lines[j]
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
