// Package chunked provides an append-only sequence stored in fixed-size
// blocks, for the large per-customer and per-user state of shopmetrics'
// accumulators: growing it never copies what it holds (a slice past a few
// hundred elements grows by 1.25× and copies everything each time), never
// holds twice the memory while it grows, and touches fresh memory only for
// the blocks it fills.
package chunked

import (
	"unsafe"

	"github.com/shopmetrics/shopmetrics/internal/hugepage"
)

const (
	blockBits = 12
	// BlockLen is the number of elements in a block.
	BlockLen  = 1 << blockBits
	blockMask = BlockLen - 1
)

// Slice is an append-only sequence of T in blocks of [BlockLen]. The zero
// Slice is empty and ready to use.
type Slice[T any] struct {
	blocks [][]T
	n      int
	slab   []T // the blocks not yet used of the last slab, past slabFrom blocks
}

// slabFrom is the number of blocks after which a Slice takes its blocks
// from slabs of at least slabBlocks, advised to be backed by huge pages
// (see internal/hugepage): the per-user state of millions of users is
// read at random, and in blocks of their own, every read of it would also
// miss the processor's cache of page translations. A slab's memory is
// touched only as its blocks fill, a huge page at a time.
const (
	slabFrom   = 16
	slabBlocks = 64
)

// slabLen returns the number of blocks of a slab of T: slabBlocks, or
// more for a small T, so that the slab is at least [hugepage.Min] bytes,
// the least that hugepage.Make advises. Slabs of 64 blocks of an element
// of 12 to 24 bytes, the common per-user state, were 3 to 6 MiB, below
// it: their memory came in pages of 4 KiB, each a fault of its own when
// first touched (on issue 19's review, some 22,000 faults in Push, at
// about 16 µs each on a virtual machine, where a huge page costs about as
// much as one).
func slabLen[T any]() int {
	var zero T
	block := int(unsafe.Sizeof(zero)) * BlockLen
	if block == 0 {
		return slabBlocks
	}
	return max(slabBlocks, (hugepage.Min+block-1)/block)
}

// Push appends v.
func (c *Slice[T]) Push(v T) {
	if c.n&blockMask == 0 && c.n>>blockBits == len(c.blocks) {
		c.blocks = append(c.blocks, c.block())
	}
	b := &c.blocks[c.n>>blockBits]
	*b = append(*b, v)
	c.n++
}

// At returns a pointer to element i. It panics if i is out of range.
func (c *Slice[T]) At(i int) *T { return &c.blocks[i>>blockBits][i&blockMask] }

// block returns a new empty block: made alone for the first slabFrom
// blocks, cut from a slab after them.
func (c *Slice[T]) block() []T {
	if len(c.blocks) < slabFrom {
		return make([]T, 0, BlockLen)
	}
	if len(c.slab) == 0 {
		c.slab = hugepage.Make[T](slabLen[T]() * BlockLen)
	}
	b := c.slab[:0:BlockLen]
	c.slab = c.slab[BlockLen:]
	return b
}

// Len returns the number of elements.
func (c *Slice[T]) Len() int { return c.n }

// Cap returns the number of elements c holds room for without allocating.
func (c *Slice[T]) Cap() int { return len(c.blocks) * BlockLen }

// Blocks returns the blocks that hold the elements in order: each is full
// but the last, which may be empty after [Slice.Reset]. The caller may
// modify the elements but not the slices.
func (c *Slice[T]) Blocks() [][]T { return c.blocks }

// Reset empties c, keeping its first block for reuse; the others are
// released to the garbage collector.
func (c *Slice[T]) Reset() {
	if len(c.blocks) > 0 {
		clear(c.blocks[1:]) // the truncated slice would still reach them
		c.blocks = c.blocks[:1]
		c.blocks[0] = c.blocks[0][:0]
	}
	c.n, c.slab = 0, nil
}
