package metrics

import (
	"hash/maphash"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/internal/probe"
)

// Dict numbers distinct strings 0, 1, 2, … in order of first appearance:
// the dictionary of a column of customer IDs, user IDs, SKUs or channel
// names in [Orders] and in funnel's Events. An analysis keeps its
// per-customer or per-SKU state in plain slices indexed by these numbers
// instead of maps keyed by strings.
//
// The zero Dict is empty and ready to use. Its strings are kept in blocks
// of 64 KiB that never move, so a string returned by [Dict.String] stays
// valid and costs no allocation, and adding a string whose bytes are
// already in the dictionary ([Dict.IndexBytes]) allocates nothing.
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
	slots  []dictSlot // a power of two long, or nil
	strs   []string   // by index; each points into a block
	block  []byte     // the block being filled
	blocks int        // bytes held in blocks, full and current
}

type dictSlot struct {
	hash uint32 // the low half of the string's hash
	i1   int32  // the string's index + 1; 0 marks an empty slot
}

const dictBlock = 64 << 10

// Len returns the number of distinct strings.
func (d *Dict) Len() int { return len(d.strs) }

// String returns the string of index i. It panics if i is out of range.
func (d *Dict) String(i int32) string { return d.strs[i] }

// Strings returns the strings by index. The slice must not be modified;
// it is valid until the next string is added.
func (d *Dict) Strings() []string { return d.strs[:len(d.strs):len(d.strs)] }

// Index returns the index of s, adding it if it is new.
func (d *Dict) Index(s string) int32 {
	return d.IndexBytes(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// IndexBytes returns the index of the string with bytes b, adding a copy
// if it is new. It does not keep b.
func (d *Dict) IndexBytes(b []byte) int32 {
	d.checkCopy()
	if d.slots == nil {
		d.seed = maphash.MakeSeed()
		d.slots = make([]dictSlot, 64)
	}
	h := maphash.Bytes(d.seed, b)
	mask := uint64(len(d.slots) - 1)
	h32 := uint32(h)
	for p := h & mask; ; p = (p + 1) & mask {
		s := &d.slots[p]
		if s.i1 == 0 {
			i := int32(len(d.strs))
			d.strs = append(d.strs, d.keep(b))
			*s = dictSlot{hash: h32, i1: i + 1}
			if len(d.strs)*8 >= len(d.slots)*7 {
				d.slots = probe.Rehash(d.slots, 2*len(d.slots), dictHome)
			}
			return i
		}
		if s.hash == h32 && d.strs[s.i1-1] == unsafe.String(unsafe.SliceData(b), len(b)) {
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
	h := maphash.String(d.seed, s)
	mask := uint64(len(d.slots) - 1)
	for p := h & mask; ; p = (p + 1) & mask {
		sl := &d.slots[p]
		if sl.i1 == 0 {
			return -1, false
		}
		if sl.hash == uint32(h) && d.strs[sl.i1-1] == s {
			return sl.i1 - 1, true
		}
	}
}

// Grow makes room for n more strings without rehashing.
func (d *Dict) Grow(n int) {
	if n <= 0 {
		return
	}
	size := max(len(d.slots), 64)
	for (len(d.strs)+n)*8 >= size*7 {
		size *= 2
	}
	d.checkCopy()
	if d.slots == nil {
		d.seed = maphash.MakeSeed()
		d.slots = make([]dictSlot, size)
	} else if size > len(d.slots) {
		d.slots = probe.Rehash(d.slots, size, dictHome)
	}
	if cap(d.strs)-len(d.strs) < n {
		s := make([]string, len(d.strs), len(d.strs)+n)
		copy(s, d.strs)
		d.strs = s
	}
}

// keep copies b into a block and returns it as a string.
func (d *Dict) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > dictBlock/4 {
		d.blocks += len(b)
		return string(b)
	}
	if len(d.block)+len(b) > cap(d.block) {
		d.block = make([]byte, 0, dictBlock)
	}
	n := len(d.block)
	d.block = append(d.block, b...)
	d.blocks += len(b)
	return unsafe.String(&d.block[n], len(b))
}

// Bytes returns the bytes held by the dictionary: its strings and its
// hash table, for reports of memory use.
func (d *Dict) Bytes() int {
	return d.blocks + len(d.slots)*int(unsafe.Sizeof(dictSlot{})) + cap(d.strs)*int(unsafe.Sizeof(""))
}

func dictHome(s *dictSlot) (uint64, bool) { return uint64(s.hash), s.i1 != 0 }

// checkCopy panics if d is a copy of a used Dict, whose new strings would
// overwrite the other's in their shared block.
func (d *Dict) checkCopy() {
	if d.addr == nil {
		d.addr = d
	} else if d.addr != d {
		panic("metrics: Dict copied after use")
	}
}
