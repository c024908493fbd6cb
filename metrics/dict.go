package metrics

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/internal/hugepage"
)

// Dict numbers distinct strings 0, 1, 2, … in order of first appearance:
// the dictionary of a column of customer IDs, user IDs, SKUs or channel
// names in [Orders] and in funnel's Events. An analysis keeps its
// per-customer or per-SKU state in plain slices indexed by these numbers
// instead of maps keyed by strings.
//
// The zero Dict is empty and ready to use. Its strings are kept in blocks
// that never move (from 512 bytes, doubling up to 64 KiB, so that a small
// Dict such as a batch's own stays small): a string returned by
// [Dict.String] stays valid and costs no allocation, and adding a string
// whose bytes are already in the dictionary ([Dict.IndexBytes]) allocates
// nothing. The
// table holds a string of up to 16 bytes (most customer, user and session
// IDs) in its slot, so that finding it reads one place in memory, not the
// slot, then the string's header, then its bytes.
//
// A Dict is not safe for concurrent use. Several batches may share one
// Dict, so that their indices agree. An analysis fed batches remembers
// what a Dict's numbers stand for by the Dict's address: a Dict must not
// be copied once used (a copy panics when it adds a string), nor cleared
// in place (*d = Dict{}) while an accumulator holds batches numbered by
// it; start a new Dict instead.
type Dict struct {
	addr   *Dict // d itself, once used: a copy is detected, as strings.Builder does
	seed   maphash.Seed
	k0, k1 uint64     // the keys of the hash of a short string, from seed
	slots  []dictSlot // a power of two long, or nil
	pages  [][]string // the strings by index, dictPage to a page, each pointing into a block
	all    []string   // the strings for Strings, copied from the pages when it is called
	len    int        // the number of strings
	block  []byte     // the block being filled
	held   [][]byte   // every block, by number (see dictSlot)
	blocks int        // bytes held in blocks, full and current
	sink   int32      // what Touch loaded, so that its loads are not dropped
}

// dictSlot is a slot of the table. It holds a short string's bytes, so
// that finding one (the customer and user IDs of most stores) reads the
// slot alone, not the string elsewhere in memory: a string of up to 16
// bytes is its length and its bytes, zero-padded, in w0 and w1; a longer
// one is its length, its hash in w1 and where its bytes are in w0 (the
// block's number << 32 | the offset in it, or dictOwn for a string kept
// on its own), and is compared in full only when its length and hash
// agree, with the bytes read straight from the block.
type dictSlot struct {
	w0, w1 uint64
	n      uint32 // the string's length (capped at 2^32-1: then w0, w1 and the bytes tell)
	i1     int32  // the string's index + 1; 0 marks an empty slot
}

// dictShort is the length up to which a string is held in its slot.
const dictShort = 16

// dictOwn marks in a slot a long string that is not in a block.
const dictOwn = ^uint64(0)

const dictBlock = 64 << 10

// Len returns the number of distinct strings.
func (d *Dict) Len() int { return d.len }

// String returns the string of index i. It panics if i is out of range.
func (d *Dict) String(i int32) string { return d.pages[i>>dictPageBits][i&(dictPage-1)] }

// Strings returns the strings by index. The slice must not be modified;
// it is valid until the next string is added. The Dict keeps its strings
// in pages, so a call copies the strings added since the last one into
// the slice it returns.
func (d *Dict) Strings() []string {
	for len(d.all) < d.len {
		n := len(d.all)
		d.all = append(d.all, d.pages[n>>dictPageBits][n&(dictPage-1):]...)
	}
	return d.all[:d.len:d.len]
}

// The strings are kept in pages of dictPage, which never move: adding a
// string copies none.
const (
	dictPageBits = 12
	dictPage     = 1 << dictPageBits
)

// Index returns the index of s, adding it if it is new.
func (d *Dict) Index(s string) int32 {
	return d.IndexBytes(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// IndexBytes returns the index of the string with bytes b, adding a copy
// if it is new. It does not keep b.
func (d *Dict) IndexBytes(b []byte) int32 {
	d.checkCopy()
	if d.slots == nil {
		d.init(64)
	}
	w0, w1, h := d.key(b)
	n := dictLen(len(b))
	mask := uint64(len(d.slots) - 1)
	for p := h & mask; ; p = (p + 1) & mask {
		s := &d.slots[p]
		if s.i1 == 0 {
			i, at := d.add(b)
			if len(b) > dictShort {
				w0 = at
			}
			*s = dictSlot{w0: w0, w1: w1, n: n, i1: i + 1}
			if d.len*8 >= len(d.slots)*7 {
				d.rehash(2 * len(d.slots))
			}
			return i
		}
		if s.w1 == w1 && s.n == n && (len(b) <= dictShort && s.w0 == w0 || len(b) > dictShort && d.long(s, b)) {
			return s.i1 - 1
		}
	}
}

// Lookup returns the index of s and true, or -1 and false if d does not
// hold s.
func (d *Dict) Lookup(s string) (int32, bool) {
	if d.slots == nil {
		return -1, false
	}
	w0, w1, h := d.key(unsafe.Slice(unsafe.StringData(s), len(s)))
	n := dictLen(len(s))
	mask := uint64(len(d.slots) - 1)
	for p := h & mask; ; p = (p + 1) & mask {
		sl := &d.slots[p]
		if sl.i1 == 0 {
			return -1, false
		}
		if sl.w1 == w1 && sl.n == n && (len(s) <= dictShort && sl.w0 == w0 || len(s) > dictShort && d.long(sl, unsafe.Slice(unsafe.StringData(s), len(s)))) {
			return sl.i1 - 1, true
		}
	}
}

// Touch loads the slots where IndexBytes looks first for each of keys, so
// that finding them soon after reads memory the processor has already
// fetched: a reader that has cut the next rows calls it with their keys,
// and the loads of a large table's slots overlap instead of coming one
// after another. It changes nothing and keeps no key.
func (d *Dict) Touch(keys [][]byte) {
	if d.slots == nil {
		return
	}
	mask := uint64(len(d.slots) - 1)
	var x int32
	for _, b := range keys {
		_, _, h := d.key(b)
		x += d.slots[h&mask].i1
	}
	d.sink += x
}

// dictLen returns n as a slot holds it.
func dictLen(n int) uint32 { return uint32(min(uint(n), 1<<32-1)) }

// init makes the table of size slots and the hash's keys.
func (d *Dict) init(size int) {
	d.seed = maphash.MakeSeed()
	d.k0 = maphash.String(d.seed, "metrics.Dict k0")
	d.k1 = maphash.String(d.seed, "metrics.Dict k1")
	d.slots = hugepage.Make[dictSlot](size)
}

// key returns what a slot holds of the string b, and its hash. A string
// of up to 16 bytes is hashed from its two words (wyhash's mixing of two
// 64-bit products, keyed by the Dict's random seed); a longer one by
// maphash.
func (d *Dict) key(b []byte) (w0, w1, h uint64) {
	n := len(b)
	switch {
	case n > dictShort:
		h = maphash.Bytes(d.seed, b)
		return 0, h, h
	case n >= 8:
		w0 = binary.LittleEndian.Uint64(b)
		if n > 8 {
			w1 = binary.LittleEndian.Uint64(b[n-8:]) >> (8 * (16 - n))
		}
	case n >= 4:
		w0 = uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<(8*(n-4))
	default:
		for i := n - 1; i >= 0; i-- {
			w0 = w0<<8 | uint64(b[i])
		}
	}
	return w0, w1, d.shortHash(w0, w1, n)
}

// shortHash is the hash of a string of n ≤ 16 bytes held in w0 and w1.
func (d *Dict) shortHash(w0, w1 uint64, n int) uint64 {
	return dictMix(uint64(n)^0xa0761d6478bd642f, dictMix(w0^d.k0, w1^d.k1))
}

func dictMix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// home returns the hash of the string of slot s.
func (d *Dict) home(s *dictSlot) uint64 {
	if s.n > dictShort {
		return s.w1
	}
	return d.shortHash(s.w0, s.w1, int(s.n))
}

// rehash moves the strings into a table of size slots.
func (d *Dict) rehash(size int) {
	slots := hugepage.Make[dictSlot](size)
	mask := uint64(size - 1)
	for k := range d.slots {
		s := &d.slots[k]
		if s.i1 == 0 {
			continue
		}
		p := d.home(s) & mask
		for slots[p].i1 != 0 {
			p = (p + 1) & mask
		}
		slots[p] = *s
	}
	d.slots = slots
}

// Grow makes room for n more strings without rehashing.
func (d *Dict) Grow(n int) {
	if n <= 0 {
		return
	}
	size := max(len(d.slots), 64)
	for (d.len+n)*8 >= size*7 {
		size *= 2
	}
	d.checkCopy()
	if d.slots == nil {
		d.init(size)
	} else if size > len(d.slots) {
		d.rehash(size)
	}
}

// long reports whether the long string of slot s, whose length and hash
// are b's, is b.
func (d *Dict) long(s *dictSlot, b []byte) bool {
	if s.w0 == dictOwn {
		return d.String(s.i1-1) == unsafe.String(unsafe.SliceData(b), len(b))
	}
	blk, off := d.held[s.w0>>32], int(uint32(s.w0))
	return string(blk[off:off+len(b)]) == string(b)
}

// add adds a copy of b as the next string and returns its index and
// where its bytes are (see dictSlot).
func (d *Dict) add(b []byte) (int32, uint64) {
	i := d.len
	if i&(dictPage-1) == 0 {
		// The first page starts small and grows (a small Dict, one of a
		// batch's own, stays small); the others are made whole.
		n := dictPage
		if i == 0 {
			n = 16
		}
		d.pages = append(d.pages, make([]string, 0, n))
	}
	p := &d.pages[i>>dictPageBits]
	s, at := d.keep(b)
	*p = append(*p, s)
	d.len++
	return int32(i), at
}

// keep copies b into a block and returns it as a string, and where it is
// (see dictSlot).
func (d *Dict) keep(b []byte) (string, uint64) {
	if len(b) == 0 {
		return "", dictOwn
	}
	if len(b) > dictBlock/4 {
		d.blocks += len(b)
		return string(b), dictOwn
	}
	if len(d.block)+len(b) > cap(d.block) {
		// Blocks double from 512 bytes to dictBlock, so that a small
		// Dict stays small; a block never moves.
		d.block = make([]byte, 0, max(min(2*cap(d.block), dictBlock), 512, len(b)))
		d.held = append(d.held, d.block)
	}
	n := len(d.block)
	d.block = append(d.block, b...)
	d.blocks += len(b)
	return unsafe.String(&d.block[n], len(b)), uint64(len(d.held)-1)<<32 | uint64(n)
}

// Bytes returns the bytes held by the dictionary: its strings and its
// hash table, for reports of memory use.
func (d *Dict) Bytes() int {
	pages := 0
	for _, p := range d.pages {
		pages += cap(p)
	}
	return d.blocks + len(d.slots)*int(unsafe.Sizeof(dictSlot{})) + (pages+cap(d.all))*int(unsafe.Sizeof(""))
}

// checkCopy panics if d is a copy of a used Dict, whose new strings would
// overwrite the other's in their shared block.
func (d *Dict) checkCopy() {
	if d.addr == nil {
		d.addr = d
	} else if d.addr != d {
		panic("metrics: Dict copied after use")
	}
}
