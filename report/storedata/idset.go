package storedata

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
)

// idSet remembers the IDs a file has used, with the line of each. It
// holds no string: an ID of 1 to 15 bytes is its key ([idSet.key]), and
// one that comes as the next of a run of counted IDs, as a store numbers
// its orders, is kept in the set's runs ([idRuns]) as a count; any other
// ID is kept in the set's table by a 128-bit key of which it keeps 88
// bits: an ID of 1 to 15 bytes packed into two words ([words]) that a
// keyed mix turns into its key, a longer or empty one two 64-bit maphash
// values of random seeds. Two different IDs share the 88 bits with a
// probability of about n²/2⁸⁹ for n IDs in the table (about 2×10⁻⁹ for a
// billion), and then the second would be reported as seen before.
//
// The table is laid out for a million IDs and more, where a table of
// that size is not in the processor's caches and each look at a random
// place in it waits for memory: it is one table of buckets, each one
// cache line of 4 slots of 16 bytes, a slot holding the kept bits of a
// key and the line of its ID. An ID is looked for, and added, in one
// bucket (the next when its bucket is full, and so on), so that adding a
// new ID reads and writes one cache line, which [idSet.touch] loads ahead
// for the IDs to come. A large table is not in the Go heap where the
// system allows (see [tableAlloc]): it does not make the collector's goal
// grow, and so the garbage of reading a file is collected in less memory;
// [idSet.free] gives it back.
//
// An ID in the table costs 21 to 43 bytes: the table starts small, for
// the runs leave it little, and is sized for the hint when it outgrows
// that, at most 3/4 full, and doubles when it would be fuller. An ID in a
// run costs 8 bytes (its line).
type idSet struct {
	seed   [2]uint64 // of the keys of short IDs
	s1, s2 maphash.Seed
	slots  []idSlot // buckets of idBucket
	n      int      // IDs in slots
	mapped bool     // slots are from tableAlloc
	sink   uint64   // what touch loaded, so that its loads are not dropped
	hint   int      // the IDs to size the table for once it outgrows its start
	runs   idRuns
	// singles has a bit for each short key added to the table (see
	// [singleBit]), so that the next ID of a run, which is a single of
	// before only if its bit is set, is not looked for in the table.
	singles [singleWords]uint64
}

// singleWords is the size of idSet.singles: 4,096 bits, 512 bytes, which
// the first of each run of a file of counted IDs leaves nearly empty.
// Looking a key up in the table mixes it (four products one after
// another) and then reads its bucket: about 15 ns an order of the demo
// store, against the two products side by side of singleBit.
const singleWords = 64

// singleBit returns the word and the bit of idSet.singles of the short
// key k. The bits are not keyed: IDs chosen to share bits only make the
// set look in its table more often.
func singleBit(k idKey) (int, uint64) {
	h := (k.a*0x9e3779b97f4a7c15 ^ k.b*0xc2b2ae3d27d4eb4f) >> (64 - 12)
	return int(h >> 6), 1 << (h & 63)
}

// mayHoldSingle reports whether the table may hold the short key k: false
// when it does not.
func (m *idSet) mayHoldSingle(k idKey) bool {
	w, b := singleBit(k)
	return m.singles[w]&b != 0
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
	m := &idSet{seed: [2]uint64{rand.Uint64(), rand.Uint64()}, s1: maphash.MakeSeed(), s2: maphash.MakeSeed(),
		hint: min(max(hint, 1), idHintMax)}
	m.runs.cur = -1
	m.runs.hint = m.hint
	m.slots, m.mapped = idTable(min(m.hint, idStart) * 4 / 3)
	return m
}

// idStart is the most IDs the table is first sized for: 128, a table of
// 4 KB (64 buckets), which a file of counted IDs may never outgrow. Its
// lines are read at every new ID (is the next of a run a single of
// before?): a table of 86 KB, its IDs as sparse, let the customers' and
// the batches' lines push its own out of the caches, and a look cost a
// miss again.
const idStart = 128

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
	m.runs = idRuns{cur: -1, hint: m.hint}
	m.singles = [singleWords]uint64{}
}

// key returns the key of id: for an ID of 1 to 15 bytes the ID itself,
// packed by [words], whose top byte is its length (see [shortKey]); for
// another, two maphash values, the top byte of the second zeroed. The
// table keeps the mix of a key ([idSet.mix]).
func (m *idSet) key(id string) [2]uint64 {
	if n := len(id); n == 0 || n > 15 {
		return [2]uint64{maphash.String(m.s1, id), maphash.String(m.s2, id) &^ (0xff << 56)}
	}
	a, b := words(id)
	return [2]uint64{a, b}
}

// mix returns the key that the table keeps for the key k: a keyed mix of
// its bits, so that the table's buckets and kept bits are spread whatever
// the IDs.
func (m *idSet) mix(k idKey) idKey {
	a := mix64(k.a ^ m.seed[0])
	b := mix64(k.b ^ m.seed[1] ^ a)
	return idKey{a ^ b, b}
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

// bucket returns the first slot of the bucket of the mixed key whose
// first word is a in slots: the top bits of a scaled to the number of
// buckets.
func bucket(a uint64, slots []idSlot) int {
	hi, _ := bits.Mul64(a, uint64(len(slots)/idBucket))
	return int(hi) * idBucket
}

// add records id on line, or returns the line that used it first.
func (m *idSet) add(id string, line int) (first int, dup bool) {
	return m.addKey(m.key(id), line)
}

// addKey is add for the ID of key k. A line below 1 or above idLineMax
// is kept as 1 or idLineMax.
func (m *idSet) addKey(key [2]uint64, line int) (first int, dup bool) {
	k := idKey{key[0], key[1]}
	kept := uint64(min(max(int64(line), 1), idLineMax))
	r := &m.runs
	if r.wantOK && k == r.want {
		m.takeNext(kept)
		return 0, false
	}
	if !shortKey(k) {
		return m.tableAdd(m.mix(k), kept, true)
	}
	// What follows may change the runs: prepNext looks again when it
	// extends one.
	r.wantOK = false
	if r.haveLast {
		var s, e int
		ok := false
		if c := r.cur; c >= 0 {
			// The common case: the next of the current run.
			s, e = int(r.list[c].templ.s), int(r.list[c].templ.e)
			ok = next(r.last, k, s, e)
		}
		if !ok {
			s, e, ok = successor(r.last, k)
		}
		if ok {
			// The next of a run: not in the table, nor in a run of
			// another field of it, nor in the run that follows.
			if m.mayHoldSingle(k) {
				if first, dup := m.tableAdd(m.mix(k), kept, false); dup {
					return first, true
				}
			}
			if r.otherFields(s, e) {
				if first, ok := r.find(k); ok {
					return int(first), true
				}
			}
			first, dup := r.extend(k, s, e, kept)
			if !dup {
				m.prepNext()
			}
			return int(first), dup
		}
	}
	if first, ok := r.find(k); ok {
		return int(first), true
	}
	first, dup = m.tableAdd(m.mix(k), kept, true)
	if !dup {
		w, b := singleBit(k)
		m.singles[w] |= b
		r.single(k, kept)
	}
	return first, dup
}

// addNext is addKey for the ID of key k on line when it is the ID that
// follows the one added last in the current run of counted IDs and new
// (runs.want), as a store numbers its orders: it adds it and reports
// true. For any other ID it changes nothing and reports false, for
// addKey. It is small enough to be inlined into the reader, where
// addKey's way to the same answer (the run's field, the ID's successor
// of the last, the table's singles, the other fields, the next run)
// was 4 % of reading the demo store's orders.
func (m *idSet) addNext(k idKey, line int) bool {
	if !m.runs.wantOK || k != m.runs.want {
		return false
	}
	m.takeNext(uint64(min(max(int64(line), 1), idLineMax)))
	return true
}

// takeNext adds runs.want, kept on line, as the next of the current run.
func (m *idSet) takeNext(line uint64) {
	r := &m.runs
	r.list[r.cur].hi++
	r.addLine(line)
	r.last, r.lastLine = r.want, line
	m.prepNext()
}

// prepNext sets runs.want to the ID that follows runs.last in the
// current run, when adding it would only extend that run: the last digit
// of last's counter is below 9 (no carry), the run that follows does not
// start at its count, no other field of the IDs is counted in a run (where
// find would have to look), and the table may not hold it as a single
// (see mayHoldSingle). Else runs.wantOK is false.
func (m *idSet) prepNext() {
	r := &m.runs
	r.wantOK = false
	if r.cur < 0 {
		return
	}
	run := &r.list[r.cur]
	s, e := int(run.templ.s), int(run.templ.e)
	if run.hi+1 == r.nextLo || r.otherFields(s, e) {
		return
	}
	want, i := r.last, e-1 // the counter's last digit, byte i
	w := &want.a
	if i >= 8 {
		w, i = &want.b, i-8
	}
	if d := byte(*w >> (8 * i)); d < '0' || d > '8' {
		return
	}
	*w += 1 << (8 * i)
	if m.mayHoldSingle(want) {
		return
	}
	r.want, r.wantOK = want, true
}

// tableAdd looks for the mixed key k in the table and returns the line
// kept with it; else, when insert says so, it adds it with line.
func (m *idSet) tableAdd(k idKey, line uint64, insert bool) (first int, dup bool) {
	top := k.b &^ idLineMax
	i := bucket(k.a, m.slots)
	for {
		s := &m.slots[i]
		if s.b == 0 {
			break
		}
		if s.a == k.a && s.b&^idLineMax == top {
			return int(s.b & idLineMax), true
		}
		if i++; i == len(m.slots) {
			i = 0
		}
	}
	if !insert {
		return 0, false
	}
	m.slots[i] = idSlot{k.a, top | line}
	m.n++
	if 4*m.n > 3*len(m.slots) {
		m.grow()
	}
	return 0, false
}

// grow doubles the table, or sizes it for the hint when that is more, and
// puts every ID into it.
func (m *idSet) grow() {
	old, mapped := m.slots, m.mapped
	m.slots, m.mapped = idTable(max(2*len(old), m.hint*4/3))
	for _, s := range old {
		if s.b == 0 {
			continue
		}
		i := bucket(s.a, m.slots)
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

// touch loads the buckets of the table that adding the IDs of keys would
// read first, one load after another, so that their cache misses overlap
// instead of coming one per ID when they are added. It changes nothing in
// the set. A table still at its first size is in the caches, and not
// touched: the IDs of runs never read it but there.
func (m *idSet) touch(keys [][2]uint64) {
	if len(m.slots) <= idStart*2 {
		return
	}
	var x uint64
	for _, k := range keys {
		x += m.slots[bucket(m.mix(idKey{k[0], k[1]}).a, m.slots)].b
	}
	m.sink += x
}
