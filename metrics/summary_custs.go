package metrics

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/internal/chunked"
)

// custTable numbers the customers of one currency of a Summarizer 0, 1,
// 2, … in order of first sight and holds their records in blocks by
// number (a chunked.Slice: grown by append, the records of a review's
// 1M customers in three summarizers were copied at every 1.25× and took
// 0.19 CPU-s of copying), each with its ID: an ID of up to 16 bytes (most stores')
// inline in the record, a longer one in an arena beside it. Its hash
// table's slots are 8 bytes, 32 bits of the ID's hash and the number + 1,
// so that finding a customer reads one slot of a small table and then
// the record, which the caller reads anyway: with short IDs a customer
// costs its 48-byte record and about 14 bytes of table, against a Go
// map's slot, control word and string header and the string elsewhere.
//
// A Dict would number the IDs as well, but keeps each string's header in
// a page and its bytes in a block besides its 24-byte slot, about 40
// bytes more per customer, and finding a record then reads the Dict's
// slot and the record apart.
//
// The zero custTable is empty and ready to use. The records' order is
// that of first sight, whatever the hash's seed, so that nothing a
// Summarizer gives depends on the seed.
type custTable struct {
	recs   chunked.Slice[custRec]
	slots  []uint64 // a power of two long, or nil; 0 marks an empty slot
	long   []byte   // the bytes of the IDs longer than custShort, one after another
	seed   maphash.Seed
	k0, k1 uint64 // the keys of the hash of a short ID, from seed
}

// custRec is a customer's record and ID. An ID of up to custShort bytes
// is held in w0 and w1, little-endian and zero-padded; a longer one is at
// offset w0 of the table's long bytes, and w1 is its hash.
type custRec struct {
	custState
	w0, w1 uint64
	n      int // the ID's length
}

// custShort is the length up to which an ID is held in its record.
const custShort = 16

// len returns the number of customers.
func (t *custTable) len() int { return t.recs.Len() }

// at returns the record of customer i.
func (t *custTable) at(i int32) *custState { return &t.recs.At(int(i)).custState }

// index returns the number of the customer of ID b and false, or, if b is
// new, adds a record of it with no first order and no orders and returns
// its number and true. It does not keep b.
func (t *custTable) index(b []byte) (int32, bool) {
	if t.slots == nil {
		t.rehash(64)
	}
	w0, w1, h := t.key(b)
	mask := uint64(len(t.slots) - 1)
	for p := h & mask; ; p = (p + 1) & mask {
		s := t.slots[p]
		if s == 0 {
			i := t.recs.Len()
			r := custRec{custState: custState{first: noFirst}, w0: w0, w1: w1, n: len(b)}
			if len(b) > custShort {
				r.w0 = uint64(len(t.long))
				t.long = append(t.long, b...)
			}
			t.recs.Push(r)
			t.slots[p] = h&^(1<<32-1) | uint64(i+1)
			if t.recs.Len()*4 >= len(t.slots)*3 {
				t.rehash(2 * len(t.slots))
			}
			return int32(i), true
		}
		if s>>32 == h>>32 {
			i := int32(uint32(s) - 1)
			if r := t.recs.At(int(i)); r.n == len(b) && r.w1 == w1 && (len(b) <= custShort && r.w0 == w0 ||
				len(b) > custShort && string(t.long[r.w0:r.w0+uint64(len(b))]) == string(b)) {
				return i, false
			}
		}
	}
}

// indexString is index of the bytes of s.
func (t *custTable) indexString(s string) (int32, bool) {
	return t.index(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// grow makes room in the hash table for n more customers without
// rehashing (their records, in blocks, are never copied).
func (t *custTable) grow(n int) {
	if n <= 0 {
		return
	}
	size := max(len(t.slots), 64)
	for (t.recs.Len()+n)*4 >= size*3 {
		size *= 2
	}
	if size > len(t.slots) {
		t.rehash(size)
	}
}

// rehash makes a table of size slots, with the hash's keys if there were
// none, and places every record in it.
func (t *custTable) rehash(size int) {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
		t.k0 = maphash.String(t.seed, "metrics.custTable k0")
		t.k1 = maphash.String(t.seed, "metrics.custTable k1")
	}
	slots := make([]uint64, size)
	mask := uint64(size - 1)
	for i := range t.recs.Len() {
		r := t.recs.At(i)
		h := r.w1
		if r.n <= custShort {
			h = t.shortHash(r.w0, r.w1, r.n)
		}
		p := h & mask
		for slots[p] != 0 {
			p = (p + 1) & mask
		}
		slots[p] = h&^(1<<32-1) | uint64(i+1)
	}
	t.slots = slots
}

// key returns what a record holds of the ID b in w0 and w1, and its
// hash. An ID of up to 16 bytes is hashed from its two words (wyhash's
// mixing of two 64-bit products, keyed by the table's random seed, as
// [Dict] hashes them); a longer one by maphash.
func (t *custTable) key(b []byte) (w0, w1, h uint64) {
	if len(b) > custShort {
		h = maphash.Bytes(t.seed, b)
		return 0, h, h
	}
	w0, w1 = shortWords(b)
	return w0, w1, t.shortHash(w0, w1, len(b))
}

// shortHash is the hash of an ID of n ≤ 16 bytes held in w0 and w1.
func (t *custTable) shortHash(w0, w1 uint64, n int) uint64 {
	return custMix(uint64(n)^0xa0761d6478bd642f, custMix(w0^t.k0, w1^t.k1))
}

func custMix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// id returns the ID of customer i: in buf, which must have room for
// custShort bytes, if the record holds it, or in the table's long bytes,
// which the caller must not change.
func (t *custTable) id(i int32, buf *[custShort]byte) []byte {
	r := t.recs.At(int(i))
	if r.n > custShort {
		return t.long[r.w0 : r.w0+uint64(r.n)]
	}
	binary.LittleEndian.PutUint64(buf[:8], r.w0)
	binary.LittleEndian.PutUint64(buf[8:], r.w1)
	return buf[:r.n]
}

// compare compares the IDs of customers i and j as strings.Compare does.
func (t *custTable) compare(i, j int32) int {
	var a, b [custShort]byte
	return bytes.Compare(t.id(i, &a), t.id(j, &b))
}
