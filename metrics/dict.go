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
// The zero Dict is empty and ready to use. Its strings are kept back to
// back in blocks that never move (from 512 bytes, doubling up to 64 KiB,
// so that a small Dict such as a batch's own stays small): a string
// returned by [Dict.String] stays valid and costs no allocation, and
// adding a string whose bytes are already in the dictionary
// ([Dict.IndexBytes]) allocates nothing. Besides its bytes, a string
// costs 4 bytes of position and its 8-byte slot in the hash table (at
// most three quarters full, so between 10.7 and 21.3 bytes a string):
// about 26 bytes a string for millions of 9-byte IDs, bytes included.
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
	k0, k1 uint64   // the keys of the hash of a short string, from seed
	slots  []uint64 // the table (see dictSlot), a power of two long, or nil
	shift  uint     // 64 - log2(len(slots)): a hash's home slot is h >> shift
	pages  []dictPositions
	all    []string // the strings for Strings, made when it is called
	len    int      // the number of strings
	block  []byte   // the block being filled
	held   []*byte  // the first byte of every block, by number
	own    map[int32]string
	blocks int    // bytes of the strings, in blocks and own
	sink   uint32 // what Touch loaded, so that its loads are not dropped
}

// A slot of the table is a uint64: the top 32 bits of the string's hash
// (its tag) above its index + 1, or 0 for an empty slot. A slot of 8
// bytes keeps the table of millions of strings small (the 24-byte slots
// that held a short string's bytes took 278 MB of issue 19's review);
// the price is that a hit reads the string's position and bytes too,
// which [Dict.Touch] loads ahead: in a table far in memory, three cache
// misses instead of one (BenchmarkDictMemory at 5.5M IDs: 25 bytes an ID
// instead of 61 and adding one 0.3 to 0.5 times the CPU time, but a hit
// 1.7 to 3 times it). The home slot of a hash is its top
// bits, so that the tag gives the home back: a rehash recomputes no hash
// and reads no string, and, moving the slots in order to a table twice
// as large, writes the new one from front to back instead of at random.
// Since the strings that share a tag also share the home slot, a tag
// that matches is another string's once in 2^32 over the strings of the
// same home, and the bytes are almost only read on a hit.

// dictPositions holds the positions of dictPage strings (fewer for the
// first page, which grows, so that a small Dict stays small). A
// position is a relative block number << 16 | an offset in that block,
// the block number relative to base. ends[k+1] is where the page's
// string k ends (the offset past its last byte); it starts where string
// k-1 ends (ends[k] for k = 0: where the next byte would have gone when
// the page was made), or at its block's start if that one ends in
// another block. A string that takes no room in the blocks (the empty
// string, or one longer than dictBlock/4, kept in own) ends where the
// one before ends. Positions cost 4 bytes a string, against a string
// header's 16.
type dictPositions struct {
	base int // the number of the page's block 0 in held
	ends []uint32
}

// The strings are numbered in pages of dictPage.
const (
	dictPageBits = 12
	dictPage     = 1 << dictPageBits
)

// dictBlock is the size of a full block; a string longer than a quarter
// block is kept on its own.
const dictBlock = 64 << 10

// dictMinSlots is the size of a new table: 512 bytes.
const dictMinSlots = 64

// Len returns the number of distinct strings.
func (d *Dict) Len() int { return d.len }

// String returns the string of index i. It panics if i is out of range.
func (d *Dict) String(i int32) string {
	p := &d.pages[i>>dictPageBits]
	k := i & (dictPage - 1)
	prev, end := p.ends[k], p.ends[k+1]
	if end == prev {
		return d.ownString(i)
	}
	r := (end - 1) >> 16
	st := max(prev, r<<16)
	return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(d.held[p.base+int(r)]), st&0xffff)), end-st)
}

// ownString returns the string of index i that takes no room in the
// blocks, apart from String so that String is inlined.
func (d *Dict) ownString(i int32) string { return d.own[i] } // "" if not there

// Strings returns the strings by index. The slice must not be modified;
// it is valid until the next string is added. The Dict keeps its strings
// as positions in its blocks, so a call makes the strings added since
// the last one (16 bytes each, kept with the Dict): a caller that reads
// the strings once should call [Dict.String] instead.
func (d *Dict) Strings() []string {
	for n := len(d.all); n < d.len; n++ {
		d.all = append(d.all, d.String(int32(n)))
	}
	return d.all[:d.len:d.len]
}

// Index returns the index of s, adding it if it is new.
func (d *Dict) Index(s string) int32 {
	return d.IndexBytes(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// IndexBytes returns the index of the string with bytes b, adding a copy
// if it is new. It does not keep b.
func (d *Dict) IndexBytes(b []byte) int32 {
	d.checkCopy()
	if d.slots == nil {
		d.init(dictMinSlots)
	}
	h := d.hash(b)
	tag := h >> 32
	mask := uint64(len(d.slots) - 1)
	for p := h >> d.shift; ; p = (p + 1) & mask {
		s := d.slots[p]
		if s == 0 {
			i := d.add(b)
			d.slots[p] = tag<<32 | uint64(i+1)
			if d.len*4 >= len(d.slots)*3 {
				d.rehash(2 * len(d.slots))
			}
			return i
		}
		if s>>32 == tag && d.String(int32(uint32(s))-1) == unsafe.String(unsafe.SliceData(b), len(b)) {
			return int32(uint32(s)) - 1
		}
	}
}

// Lookup returns the index of s and true, or -1 and false if d does not
// hold s.
func (d *Dict) Lookup(s string) (int32, bool) {
	if d.slots == nil {
		return -1, false
	}
	h := d.hash(unsafe.Slice(unsafe.StringData(s), len(s)))
	tag := h >> 32
	mask := uint64(len(d.slots) - 1)
	for p := h >> d.shift; ; p = (p + 1) & mask {
		sl := d.slots[p]
		if sl == 0 {
			return -1, false
		}
		if sl>>32 == tag && d.String(int32(uint32(sl))-1) == s {
			return int32(uint32(sl)) - 1, true
		}
	}
}

// Touch loads the memory where IndexBytes looks for each of keys: the
// slots of their homes, then, for a key the table holds, its position
// and its first bytes, so that finding them soon after reads memory the
// processor has already fetched. A reader that has cut the next rows
// calls it with their keys, and the loads of a large Dict, far in
// memory, overlap instead of coming one after another: each of the
// three rounds loads for every key before the next round needs them. It
// changes nothing and keeps no key.
func (d *Dict) Touch(keys [][]byte) {
	if d.slots == nil {
		return
	}
	const chunk = 64
	var hs [chunk]uint64
	var at [chunk]int32
	mask := uint64(len(d.slots) - 1)
	var x uint32
	for len(keys) > 0 {
		ks := keys[:min(len(keys), chunk)]
		keys = keys[len(ks):]
		for j, b := range ks {
			h := d.hash(b)
			hs[j] = h
			x += uint32(d.slots[h>>d.shift])
		}
		for j := range ks {
			h := hs[j]
			at[j] = -1
			for p := h >> d.shift; ; p = (p + 1) & mask {
				s := d.slots[p]
				if s == 0 {
					break
				}
				if s>>32 == h>>32 {
					i := int32(uint32(s)) - 1
					at[j] = i
					x += d.pages[i>>dictPageBits].ends[i&(dictPage-1)+1]
					break
				}
			}
		}
		for j := range ks {
			if i := at[j]; i >= 0 {
				if s := d.String(i); len(s) > 0 {
					x += uint32(s[0])
				}
			}
		}
	}
	d.sink += x
}

// init makes the table of size slots and the hash's keys.
func (d *Dict) init(size int) {
	d.seed = maphash.MakeSeed()
	d.k0 = maphash.String(d.seed, "metrics.Dict k0")
	d.k1 = maphash.String(d.seed, "metrics.Dict k1")
	d.slots = hugepage.Make[uint64](size)
	d.shift = uint(64 - bits.TrailingZeros(uint(size)))
}

// hash returns the hash of b. A string of up to 16 bytes is hashed from
// the two words it loads (wyhash's mixing of two 64-bit products, keyed
// by the Dict's random seed), which is quicker than maphash for the
// short IDs of most stores; a longer one by maphash.
func (d *Dict) hash(b []byte) uint64 {
	n := len(b)
	if n > 16 {
		return maphash.Bytes(d.seed, b)
	}
	w0, w1 := shortWords(b)
	return dictMix(uint64(n)^0xa0761d6478bd642f, dictMix(w0^d.k0, w1^d.k1))
}

// shortWords returns the bytes of b, at most 16, as two words, the
// unused bytes zero; with b's length, they tell b apart from every other
// short string. Dict and the Summarizer's customer table hash short IDs
// from them.
func shortWords(b []byte) (w0, w1 uint64) {
	n := len(b)
	switch {
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
	return w0, w1
}

func dictMix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// rehash moves the slots into a table of size slots. It takes them in
// order: their homes in the new table, their tags' top bits, then grow
// from front to back, so that the writes to a table far larger than the
// caches mostly land where the last ones did.
func (d *Dict) rehash(size int) {
	slots := hugepage.Make[uint64](size)
	shift := uint(64 - bits.TrailingZeros(uint(size)))
	mask := uint64(size - 1)
	for _, s := range d.slots {
		if s == 0 {
			continue
		}
		p := s >> shift
		for slots[p] != 0 {
			p = (p + 1) & mask
		}
		slots[p] = s
	}
	d.slots, d.shift = slots, shift
}

// Grow makes room for n more strings without rehashing.
func (d *Dict) Grow(n int) {
	if n <= 0 {
		return
	}
	size := max(len(d.slots), dictMinSlots)
	for (d.len+n)*4 >= size*3 {
		size *= 2
	}
	d.checkCopy()
	if d.slots == nil {
		d.init(size)
	} else if size > len(d.slots) {
		d.rehash(size)
	}
}

// add adds a copy of b as the next string and returns its index.
func (d *Dict) add(b []byte) int32 {
	i := d.len
	if i&(dictPage-1) == 0 {
		// The first page starts small and grows (a small Dict, one of a
		// batch's own, stays small); the others are made whole.
		n := dictPage
		if i == 0 {
			n = 16
		}
		ends := append(make([]uint32, 0, n+1), uint32(len(d.block)))
		d.pages = append(d.pages, dictPositions{base: max(len(d.held)-1, 0), ends: ends})
	}
	p := &d.pages[len(d.pages)-1]
	end := p.ends[len(p.ends)-1]
	switch {
	case len(b) == 0:
	case len(b) > dictBlock/4:
		if d.own == nil {
			d.own = make(map[int32]string)
		}
		d.own[int32(i)] = string(b)
		d.blocks += len(b)
	default:
		if len(d.block)+len(b) > cap(d.block) {
			// Blocks double from 512 bytes to dictBlock, so that a
			// small Dict stays small; a block never moves.
			d.block = make([]byte, 0, max(min(2*cap(d.block), dictBlock), 512, len(b)))
			d.held = append(d.held, unsafe.SliceData(d.block))
		}
		d.block = append(d.block, b...)
		d.blocks += len(b)
		end = uint32(len(d.held)-1-p.base)<<16 + uint32(len(d.block)) // +, not |: a full block ends at 1<<16
	}
	if len(p.ends) == cap(p.ends) {
		// Only the first page grows: by doubling, up to dictPage.
		p.ends = append(make([]uint32, 0, min(2*cap(p.ends)-1, dictPage+1)), p.ends...)
	}
	p.ends = append(p.ends, end)
	d.len++
	return int32(i)
}

// Bytes returns the bytes held by the dictionary: its strings and its
// hash table, for reports of memory use.
func (d *Dict) Bytes() int {
	pos := 0
	for _, p := range d.pages {
		pos += cap(p.ends)
	}
	return d.blocks + len(d.slots)*8 + pos*4 + len(d.pages)*int(unsafe.Sizeof(dictPositions{})) + cap(d.all)*int(unsafe.Sizeof(""))
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
