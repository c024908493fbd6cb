package metrics

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"math/bits"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/internal/hugepage"
	"github.com/shopmetrics/shopmetrics/internal/prefetch"
)

// Dict numbers distinct strings 0, 1, 2, … in order of first appearance:
// the dictionary of a column of customer IDs, user IDs, SKUs or channel
// names in [Orders] and in funnel's Events. An analysis keeps its
// per-customer or per-SKU state in plain slices indexed by these numbers
// instead of maps keyed by strings.
//
// The zero Dict is empty and ready to use. Its strings are kept back to
// back in blocks that never move (from 512 bytes, doubling up to 64 KiB,
// so that a small Dict such as a batch's own stays small; a large one's
// cut from slabs backed by huge pages), each after a
// header of 3 bytes (4 from 128 bytes on) that holds its length and its
// index: a string returned by [Dict.String] stays valid and costs no
// allocation, and adding a string whose bytes are already in the
// dictionary ([Dict.IndexBytes]) allocates nothing. Besides its bytes
// and header, a string costs 4 bytes of position and its 8-byte slot in
// the hash table (at most three quarters full, so between 10.7 and 21.3
// bytes a string): about 28 bytes a string for millions of 9-byte IDs,
// everything included.
//
// A Dict holds up to 2^31 strings (its indices are int32s; IndexBytes
// panics past that). A Dict is not safe for concurrent use. Several
// batches may share one Dict, so that their indices agree. An analysis
// fed batches remembers what a Dict's numbers stand for by the Dict's
// address: a Dict must not be copied once used (a copy panics when it
// adds a string), nor cleared in place (*d = Dict{}) while an
// accumulator holds batches numbered by it; start a new Dict instead.
type Dict struct {
	addr    *Dict // d itself, once used: a copy is detected, as strings.Builder does
	seed    maphash.Seed
	k0, k1  uint64   // the keys of the hash of a short string, from seed
	slots   []uint64 // the table (see below), a power of two long, or nil
	shift   uint     // 64 - log2(len(slots)): a hash's home slot is h >> shift
	pbits   uint     // the low bits of a slot that hold a position: 32, more past 65,535 blocks
	pages   []dictPositions
	all     []string // the strings for Strings, made when it is called
	len     int      // the number of strings
	block   []byte   // the block being filled
	slab    []byte   // the blocks not yet used of the last slab (see dictSlab)
	posSlab []uint32 // the pages of positions not yet used of the last slab
	held    []dictHeld
	own     map[int32]string
	stored  int    // bytes of the strings and their headers, in blocks and own
	sink    uint32 // what Touch loaded, so that its loads are not dropped
}

// A slot of the table is a uint64: the top 64-pbits bits of the string's
// hash (its tag) above the position of its entry (its header, then its
// bytes) in the blocks, the block's number << 16 | the entry's offset in
// it, or 0 for an empty slot (block numbers start at 1). A hit reads the
// slot, then the entry, which holds both what tells the string apart
// (its length and bytes) and its index: two reads of memory far away,
// both of which [Dict.Touch] loads ahead. The slot that held the index
// made a hit read the string's position too, three reads; the 24-byte
// slots that held a short string's bytes, one read, took 278 MB of issue
// 19's review. BenchmarkDictMemory at 5.5M IDs: 27.7 bytes an ID against
// 25.2 and 61; a hit about 0.8 times the CPU time of the three reads'
// and 0.7 after Touch (not 2/3: the positions, 22 MB, were often in the
// processor's last cache, the bytes and slots never); adding as fast at
// the median of whole runs, up to a fifth slower in runs of adds alone
// (a shared machine's noise; the work is the same, a miss on the slot,
// but the blocks hold a third more bytes).
//
// The 16 bits of offset number the bytes of a 64 KiB block; the other
// pbits-16 bits of the position number the blocks: 16 bits to start, up
// to 4 GiB of strings and headers. Past that, each time the blocks
// outnumber what the position can say, the tag gives the position its
// lowest bit (widen), which changes no home slot: a Dict holds as many
// bytes as memory allows, and its tags are a bit shorter.
//
// The home slot of a hash is its top bits, so that the tag gives the
// home back: a rehash recomputes no hash and reads no string, and,
// moving the slots in order to a table twice as large, writes the new
// one from front to back instead of at random. (Only a table larger than
// 2^(64-pbits) slots, which needs more than 4 GiB of strings and 1.5·2^30
// of them, is past what a tag holds: its rehash reads the strings and
// hashes them again.) Since the strings that share a tag also share the
// home slot, a tag that matches is another string's once in
// 2^(64-pbits-log2(len(slots))) over the strings of the same home (once
// in 512 for a table of 8M slots), and the entries are almost only read
// on a hit.

// An entry is a string's header and bytes in a block: 2 bytes of its
// index less the index of the block's first string (a block of 64 KiB
// holds at most 21,845 entries, of 3 bytes or more), then its length,
// one byte if below 128, else two, big-endian, with the top bit of the
// first set (0x8000 | length). A string longer than dictBlock/4 is kept
// in own instead, its entry a header of length dictOwn.
const (
	dictLong = 0x80   // the smallest length of two bytes
	dictOwn  = 0x7fff // the length of the entry of a string kept in own
)

// dictHeld is a block: its first byte, the index of its first string and
// its size (Touch reads no further).
type dictHeld struct {
	data  *byte
	first int32
	size  int32
}

// dictPositions holds the positions of dictPage strings (fewer for the
// first page, which grows, so that a small Dict stays small): where
// their entries are, the block's number relative to base << 16 | the
// offset in the block. String reads the position of index i, then the
// entry. Positions cost 4 bytes a string, against a string header's 16.
type dictPositions struct {
	base int // the number of the page's block 0 in held
	pos  []uint32
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
	x := p.pos[i&(dictPage-1)]
	s, _ := d.at(uint64(p.base)<<16 + uint64(x))
	return s
}

// at returns the string and the index of the entry at position pos.
func (d *Dict) at(pos uint64) (string, int32) {
	b := &d.held[pos>>16]
	e := (*[3]byte)(unsafe.Add(unsafe.Pointer(b.data), pos&0xffff)) // a header is 3 bytes or more
	i := b.first + int32(e[0]) + int32(e[1])<<8
	if n := e[2]; n < dictLong {
		return unsafe.String(&e[2], n+1)[1:], i
	}
	return d.atLong(e, i), i
}

// atLong returns the string of the entry at e whose length is two
// bytes, apart from at, which reads short strings.
func (d *Dict) atLong(e *[3]byte, i int32) string {
	h := (*[4]byte)(unsafe.Pointer(e))
	n := int(h[2]&^0x80)<<8 | int(h[3])
	if n == dictOwn {
		return d.own[i]
	}
	return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(e), 4)), n)
}

// Strings returns the strings by index. The slice must not be modified;
// it is valid until the next string is added. The Dict keeps its strings
// as entries in its blocks, so a call makes the strings added since the
// last one (16 bytes each, kept with the Dict): a caller that reads the
// strings once should call [Dict.String] instead.
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
// if it is new. It does not keep b. It panics if d holds 2^31 strings
// and b is not one of them.
func (d *Dict) IndexBytes(b []byte) int32 {
	d.checkCopy()
	if d.slots == nil {
		d.init(dictMinSlots)
	}
	h := d.hash(b)
	mask := uint64(len(d.slots) - 1)
	for p := h >> d.shift; ; p = (p + 1) & mask {
		s := d.slots[p]
		if s == 0 {
			i, pos := d.add(b)
			d.slots[p] = h>>d.pbits<<d.pbits | pos // after add: it may widen the position
			if d.len*4 >= len(d.slots)*3 {
				d.rehash(2 * len(d.slots))
			}
			return i
		}
		if (s^h)>>d.pbits == 0 {
			if str, i := d.at(s & (1<<d.pbits - 1)); str == unsafe.String(unsafe.SliceData(b), len(b)) {
				return i
			}
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
	mask := uint64(len(d.slots) - 1)
	for p := h >> d.shift; ; p = (p + 1) & mask {
		sl := d.slots[p]
		if sl == 0 {
			return -1, false
		}
		if (sl^h)>>d.pbits == 0 {
			if str, i := d.at(sl & (1<<d.pbits - 1)); str == s {
				return i, true
			}
		}
	}
}

// Touch loads the memory where IndexBytes looks for each of keys: the
// slots of their homes, then, for a key the table holds, its entry (both
// ends, if it crosses a cache line), so that finding them soon after
// reads memory the processor has already fetched. A reader that has cut the next rows calls it with their keys,
// and the loads of a large Dict, far in memory, overlap instead of
// coming one after another: each of the two rounds loads for every key
// before the next round needs them. The loads are prefetches where the
// processor has them (amd64), which the processor does not wait for: the
// second round waits only for the first slot, the others meanwhile in
// flight, and neither waits for an entry. It changes nothing and keeps
// no key.
func (d *Dict) Touch(keys [][]byte) {
	if d.slots == nil {
		return
	}
	const chunk = 64
	var hs [chunk]uint64
	var ps [2 * chunk]unsafe.Pointer // the addresses to load
	mask := uint64(len(d.slots) - 1)
	var x uint32
	for len(keys) > 0 {
		ks := keys[:min(len(keys), chunk)]
		keys = keys[len(ks):]
		for j, b := range ks {
			h := d.hash(b)
			hs[j] = h
			ps[j] = unsafe.Pointer(&d.slots[h>>d.shift])
		}
		x += prefetch.Lines(ps[:len(ks)])
		m := 0
		for j := range ks {
			h := hs[j]
			for p := h >> d.shift; ; p = (p + 1) & mask {
				s := d.slots[p]
				if s == 0 {
					break
				}
				if (s^h)>>d.pbits == 0 {
					// The entry's first byte, and, if it is the
					// key's and crosses into the next cache line,
					// its last.
					b := &d.held[(s&(1<<d.pbits-1))>>16]
					off, n := int(s&0xffff), len(ks[j])
					e := unsafe.Add(unsafe.Pointer(b.data), off)
					ps[m] = e
					m++
					if int(uintptr(e)&63)+2+n >= 64 && off+2+n < int(b.size) {
						ps[m] = unsafe.Add(e, 2+n)
						m++
					}
					break
				}
			}
		}
		x += prefetch.Lines(ps[:m])
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
	if d.pbits == 0 {
		d.pbits = 32
	}
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
// caches mostly land where the last ones did. If the tag is shorter
// than the new home (see A slot), it hashes the strings again.
func (d *Dict) rehash(size int) {
	slots := hugepage.Make[uint64](size)
	shift := uint(64 - bits.TrailingZeros(uint(size)))
	mask := uint64(size - 1)
	fromTag := shift >= d.pbits
	for _, s := range d.slots {
		if s == 0 {
			continue
		}
		p := s >> shift
		if !fromTag {
			str, _ := d.at(s & (1<<d.pbits - 1))
			p = d.hash(unsafe.Slice(unsafe.StringData(str), len(str))) >> shift
		}
		for slots[p] != 0 {
			p = (p + 1) & mask
		}
		slots[p] = s
	}
	d.slots, d.shift = slots, shift
}

// widen gives the positions of the slots one bit more, taken from the
// bottom of their tags, for a block number that needs it (see A slot).
func (d *Dict) widen() {
	bit := uint64(1) << d.pbits
	for k, s := range d.slots {
		d.slots[k] = s &^ bit
	}
	d.pbits++
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

// add adds a copy of b as the next string and returns its index and the
// position of its entry.
func (d *Dict) add(b []byte) (int32, uint64) {
	i := d.len
	if i > math.MaxInt32 {
		panic("metrics: Dict holds 2^31 strings")
	}
	if i&(dictPage-1) == 0 {
		// The first page starts small and grows (a small Dict, one of a
		// batch's own, stays small); the others are made whole.
		n := dictPage
		if i == 0 {
			n = 16
		}
		d.pages = append(d.pages, dictPositions{base: max(len(d.held)-1, 0), pos: d.newPage(n)})
	}
	n := len(b)
	room := 3 + n
	switch {
	case n > dictBlock/4:
		room = 4
	case n >= dictLong:
		room = 4 + n
	}
	if len(d.block)+room > cap(d.block) {
		d.newBlock(room, i)
	}
	last := len(d.held) - 1
	off := len(d.block)
	rel := i - int(d.held[last].first)
	d.block = d.block[:off+room]
	e := d.block[off:]
	e[0], e[1] = byte(rel), byte(rel>>8)
	switch {
	case n < dictLong:
		e[2] = byte(n)
		copy(e[3:], b)
	case n <= dictBlock/4:
		e[2], e[3] = 0x80|byte(n>>8), byte(n)
		copy(e[4:], b)
	default:
		e[2], e[3] = 0x80|dictOwn>>8, dictOwn&0xff
		if d.own == nil {
			d.own = make(map[int32]string)
		}
		d.own[int32(i)] = string(b)
		d.stored += n
	}
	d.stored += room
	p := &d.pages[len(d.pages)-1]
	if len(p.pos) == cap(p.pos) {
		// Only the first page grows: by doubling, up to dictPage.
		p.pos = append(make([]uint32, 0, min(2*cap(p.pos), dictPage)), p.pos...)
	}
	p.pos = append(p.pos, uint32(last-p.base)<<16|uint32(off))
	d.len++
	return int32(i), uint64(last)<<16 | uint64(off)
}

// newBlock starts a block with room for room bytes, whose first string
// is of index first. Blocks double from 512 bytes to dictBlock, so that
// a small Dict stays small; a block never moves.
func (d *Dict) newBlock(room, first int) {
	if d.held == nil {
		d.held = append(d.held, dictHeld{}) // block 0 is none: no position is 0
	}
	if len(d.held) == 1<<(d.pbits-16) {
		d.widen()
	}
	size := max(min(2*cap(d.block), dictBlock), 512, room)
	if size == dictBlock && len(d.held) > dictSlabBlocks {
		if len(d.slab) == 0 {
			d.slab = hugepage.Make[byte](dictSlab)
		}
		d.block, d.slab = d.slab[:0:dictBlock], d.slab[dictBlock:]
	} else {
		d.block = make([]byte, 0, size)
	}
	d.held = append(d.held, dictHeld{data: unsafe.SliceData(d.block), first: int32(first), size: int32(cap(d.block))})
}

// newPage returns an empty page of positions with room for n: made alone
// for the first dictSlabPages pages, cut from a slab after them.
func (d *Dict) newPage(n int) []uint32 {
	if n != dictPage || len(d.pages) < dictSlabPages {
		return make([]uint32, 0, n)
	}
	if len(d.posSlab) == 0 {
		d.posSlab = hugepage.Make[uint32](dictSlab / 4)
	}
	p := d.posSlab[:0:dictPage]
	d.posSlab = d.posSlab[dictPage:]
	return p
}

// A Dict past a slab's worth of blocks of dictBlock bytes
// (dictSlabBlocks, 8 MiB of strings), or of pages of positions
// (dictSlabPages, 2M strings), takes its next ones from slabs of dictSlab
// bytes, advised to be backed by huge pages (see internal/hugepage), so
// that a large Dict's memory does not come in pages of 4 KiB, each a
// fault of its own when a string or a position first touches it: the
// 5.5M users of issue 19's review made some 21,000 such faults, at about
// 16 µs each on a virtual machine, where a huge page costs about as much
// as one. A slab's unused rest is at most as large as what the Dict holds
// of its kind: a slab is zeroed when made, and the slabs of a Dict of a
// few hundred thousand strings (from 2 MiB of strings or 32 pages, a
// customer ID dictionary of the order reader) were mostly empty, and
// zeroed at each reading, which cost BenchmarkDemoOrderBatches 3 to 5%.
const (
	dictSlab       = hugepage.Min
	dictSlabBlocks = dictSlab / dictBlock
	dictSlabPages  = dictSlab / (4 * dictPage)
)

// Bytes returns the bytes held by the dictionary: its strings, their
// entries' headers and positions, and its hash table, for reports of
// memory use.
func (d *Dict) Bytes() int {
	pos := 0
	for _, p := range d.pages {
		pos += cap(p.pos)
	}
	return d.stored + len(d.slots)*8 + pos*4 + len(d.pages)*int(unsafe.Sizeof(dictPositions{})) +
		cap(d.held)*int(unsafe.Sizeof(dictHeld{})) + cap(d.all)*int(unsafe.Sizeof(""))
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
