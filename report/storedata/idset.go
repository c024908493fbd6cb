package storedata

import (
	"hash/maphash"
	"math/rand/v2"
)

// idSet remembers the IDs a file has used, with the line of each, by a
// 128-bit key of the ID: it holds no string. An ID of 1 to 15 bytes is
// packed into two words ([words]) that a keyed bijection mixes, so that
// two such IDs never share a key; a longer or empty one is keyed by two
// 64-bit maphash values of random seeds, which two different IDs share
// with a probability of about n²/2¹²⁹ for n IDs (below 10⁻²⁶ for a
// billion).
//
// It is laid out for a million IDs and more, where a table of that size
// is not in the processor's caches and each look at a random place in it
// waits for memory:
//   - the keys and lines are appended in the order the IDs come
//     (entries, written in sequence);
//   - a table of buckets finds them: a bucket is one cache line of 8
//     slots of 8 bytes, each with 24 bits of the key beside the index of
//     its entry, so that an entry is read only when those bits match
//     (about once in two million looks at a bucket of another ID). An ID
//     is looked for, and added, in one bucket (the next when its bucket
//     is full, and so on), so that adding a new ID reads and writes one
//     cache line, which [idSet.touch] loads ahead for the IDs to come.
//
// An ID costs 24 bytes of entry and 11 to 21 bytes of table.
// (The index has 40 bits: a trillion IDs, 24 TB of entries.)
type idSet struct {
	seed    [2]uint64 // of the keys of short IDs
	s1, s2  maphash.Seed
	slots   []uint64 // buckets of 8; 0: empty; else fingerprint<<40 | entry index+1
	entries [][]idEntry
	n       int    // entries
	sink    uint64 // what touch loaded, so that its loads are not dropped
}

type idEntry struct {
	k    [2]uint64
	line int
}

const (
	idChunk     = 1 << 14 // entries per chunk
	idIndexBits = 40      // bits of the entry index in a slot
	idBucket    = 8       // slots per bucket: 64 bytes
)

// newIDSet returns a set sized for about hint IDs: it grows past them,
// and a good hint saves rehashing the IDs as it grows.
func newIDSet(hint int) *idSet {
	return &idSet{seed: [2]uint64{rand.Uint64(), rand.Uint64()}, s1: maphash.MakeSeed(), s2: maphash.MakeSeed(), slots: make([]uint64, idSlots(hint))}
}

// idSlots returns the slots of a table for n IDs: a power of two, of at
// least 1024 slots, that n fill to at most 3/4.
func idSlots(n int) int {
	size := 1024
	for 3*size < 4*n && size < 1<<40 {
		size *= 2
	}
	return size
}

// key returns the key of id.
func (m *idSet) key(id string) [2]uint64 {
	if n := len(id); n == 0 || n > 15 {
		return [2]uint64{maphash.String(m.s1, id), maphash.String(m.s2, id)}
	}
	// Each step is a bijection of the pair: ID and key are one to one.
	a, b := words(id)
	a = mix64(a ^ m.seed[0])
	b = mix64(b ^ m.seed[1] ^ a)
	return [2]uint64{a ^ b, b}
}

// mix64 is a bijection of the words that spreads every bit of x over
// the whole word (the finalizer of MurmurHash3).
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	return x ^ x>>33
}

// fingerprint returns the bits of a key that a slot keeps: the bottom 24
// (the bucket is found from the bits above them).
func fingerprint(k [2]uint64) uint64 { return k[0] & (1<<(64-idIndexBits) - 1) }

// bucket returns the first slot of the bucket of key k in slots.
func bucket(k [2]uint64, slots []uint64) int {
	return int((k[0]>>(64-idIndexBits))&uint64(len(slots)/idBucket-1)) * idBucket
}

// add records id on line, or returns the line that used it first.
func (m *idSet) add(id string, line int) (first int, dup bool) {
	return m.addKey(m.key(id), line)
}

// addKey is add for the ID of key k.
func (m *idSet) addKey(k [2]uint64, line int) (first int, dup bool) {
	fp := fingerprint(k) << idIndexBits
	i := bucket(k, m.slots)
	for {
		s := m.slots[i]
		if s == 0 {
			break
		}
		if s&^(1<<idIndexBits-1) == fp {
			if e := m.entry(int(s&(1<<idIndexBits-1)) - 1); e.k == k {
				return e.line, true
			}
		}
		i = (i + 1) & (len(m.slots) - 1)
	}
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

// entry returns entry j.
func (m *idSet) entry(j int) *idEntry { return &m.entries[j/idChunk][j%idChunk] }

// grow doubles the table and puts every entry into it.
func (m *idSet) grow() {
	m.slots = make([]uint64, 2*len(m.slots))
	mask := len(m.slots) - 1
	for j := range m.n {
		k := m.entry(j).k
		i := bucket(k, m.slots)
		for m.slots[i] != 0 {
			i = (i + 1) & mask
		}
		m.slots[i] = fingerprint(k)<<idIndexBits | uint64(j+1)
	}
}

// touch loads the buckets that adding the IDs of keys would read first,
// one load after another, so that their cache misses overlap instead of
// coming one per ID when they are added. It changes nothing in the set.
func (m *idSet) touch(keys [][2]uint64) {
	var x uint64
	for _, k := range keys {
		x += m.slots[bucket(k, m.slots)]
	}
	m.sink += x
}
