package storedata

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
	"unsafe"
)

// idSet remembers the IDs a file has used, with the line of each, by a
// 128-bit key of the ID of which it keeps 88 bits: it holds no string.
// An ID of 1 to 15 bytes is packed into two words ([words]) that a keyed
// mix turns into its key; a longer or empty one is keyed by two 64-bit
// maphash values of random seeds. Two different IDs share the 88 bits
// with a probability of about n²/2⁸⁹ for n IDs (about 2×10⁻⁹ for a
// billion), and then the second would be reported as seen before.
//
// It is laid out for a million IDs and more, where a table of that size
// is not in the processor's caches and each look at a random place in it
// waits for memory: it is one table of buckets, each one cache line of 4
// slots of 16 bytes, a slot holding the kept bits of a key and the line
// of its ID. An ID is looked for, and added, in one bucket (the next when
// its bucket is full, and so on), so that adding a new ID reads and
// writes one cache line, which [idSet.touch] loads ahead for the IDs to
// come. The table is not in the Go heap where the system allows (see
// [tableAlloc]): it does not make the collector's goal grow, and so the
// garbage of reading a file is collected in less memory; [idSet.free]
// gives it back.
//
// An ID costs 21 to 43 bytes of table: the table is sized for the hint,
// at most 3/4 full, and doubles when it would be fuller.
type idSet struct {
	seed   [2]uint64 // of the keys of short IDs
	s1, s2 maphash.Seed
	slots  []idSlot // buckets of idBucket
	n      int      // IDs
	mapped bool     // slots are from tableAlloc
	sink   uint64   // what touch loaded, so that its loads are not dropped
}

// idSlot is a slot of an idSet: 0, 0 when empty; else the first word of
// the key and the top 24 bits of its second word above the line.
type idSlot struct{ a, b uint64 }

const (
	idBucket   = 4  // slots per bucket: 64 bytes
	idLineBits = 40 // bits of the line in a slot: a trillion lines
	idLineMax  = 1<<idLineBits - 1
)

// newIDSet returns a set sized for about hint IDs, up to idHintMax: it
// grows past them, and a good hint saves rehashing the IDs as it grows.
// (The hint is a guess from the size of the input and its first lines: a
// sparse or mostly malformed file could make it huge, and the table is
// made at once, so only what real IDs fill grows past idHintMax.)
func newIDSet(hint int) *idSet {
	m := &idSet{seed: [2]uint64{rand.Uint64(), rand.Uint64()}, s1: maphash.MakeSeed(), s2: maphash.MakeSeed()}
	m.slots, m.mapped = idTable(min(max(hint, 1), idHintMax) * 4 / 3)
	return m
}

// idHintMax bounds the hint of newIDSet: 3M IDs, a table of 64 MB.
const idHintMax = 3 << 20

// idTable returns an empty table of at least n slots, in whole buckets
// (at least 64 of them).
func idTable(n int) ([]idSlot, bool) {
	buckets := max((n+idBucket-1)/idBucket, 64)
	return tableAlloc(buckets * idBucket)
}

// free gives the table back; the set is empty and unusable after it.
func (m *idSet) free() {
	if m.mapped {
		tableFree(m.slots)
	}
	m.slots, m.n, m.mapped = nil, 0, false
}

// key returns the key of id.
func (m *idSet) key(id string) [2]uint64 {
	if n := len(id); n == 0 || n > 15 {
		return [2]uint64{maphash.String(m.s1, id), maphash.String(m.s2, id)}
	}
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

// bucket returns the first slot of the bucket of key k in slots: the top
// bits of the key's first word scaled to the number of buckets.
func bucket(k [2]uint64, slots []idSlot) int {
	hi, _ := bits.Mul64(k[0], uint64(len(slots)/idBucket))
	return int(hi) * idBucket
}

// add records id on line, or returns the line that used it first.
func (m *idSet) add(id string, line int) (first int, dup bool) {
	return m.addKey(m.key(id), line)
}

// addKey is add for the ID of key k. A line below 1 or above idLineMax
// is kept as 1 or idLineMax.
func (m *idSet) addKey(k [2]uint64, line int) (first int, dup bool) {
	top := k[1] &^ idLineMax
	i := bucket(k, m.slots)
	for {
		s := &m.slots[i]
		if s.b == 0 {
			break
		}
		if s.a == k[0] && s.b&^idLineMax == top {
			return int(s.b & idLineMax), true
		}
		if i++; i == len(m.slots) {
			i = 0
		}
	}
	m.slots[i] = idSlot{k[0], top | uint64(min(max(int64(line), 1), idLineMax))}
	m.n++
	if 4*m.n > 3*len(m.slots) {
		m.grow()
	}
	return 0, false
}

// grow doubles the table and puts every ID into it.
func (m *idSet) grow() {
	old, mapped := m.slots, m.mapped
	m.slots, m.mapped = idTable(2 * len(old))
	for _, s := range old {
		if s.b == 0 {
			continue
		}
		i := bucket([2]uint64{s.a, 0}, m.slots)
		for m.slots[i].b != 0 {
			if i++; i == len(m.slots) {
				i = 0
			}
		}
		m.slots[i] = s
	}
	if mapped {
		tableFree(old)
	}
}

// touch loads the buckets that adding the IDs of keys would read first,
// one load after another, so that their cache misses overlap instead of
// coming one per ID when they are added. It changes nothing in the set.
func (m *idSet) touch(keys [][2]uint64) {
	if havePrefetch {
		// Prefetches, which do not wait for the lines: a load in a loop
		// retires only when its line comes, and 64 of them stalled the
		// reader for 4 % of its time.
		base := unsafe.Pointer(unsafe.SliceData(m.slots))
		var offs [cutLines]uintptr
		for len(keys) > 0 {
			n := min(len(keys), len(offs))
			for i, k := range keys[:n] {
				offs[i] = uintptr(bucket(k, m.slots)) * unsafe.Sizeof(idSlot{})
			}
			prefetchAt(base, offs[:n])
			keys = keys[n:]
		}
		return
	}
	var x uint64
	for _, k := range keys {
		x += m.slots[bucket(k, m.slots)].b
	}
	m.sink += x
}
