// Package chunked provides an append-only sequence stored in fixed-size
// blocks, for the large per-customer and per-user state of shopmetrics'
// accumulators: growing it never copies what it holds (a slice past a few
// hundred elements grows by 1.25× and copies everything each time), never
// holds twice the memory while it grows, and touches fresh memory only for
// the blocks it fills.
package chunked

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
}

// Push appends v.
func (c *Slice[T]) Push(v T) {
	if c.n&blockMask == 0 && c.n>>blockBits == len(c.blocks) {
		c.blocks = append(c.blocks, make([]T, 0, BlockLen))
	}
	b := &c.blocks[c.n>>blockBits]
	*b = append(*b, v)
	c.n++
}

// At returns a pointer to element i. It panics if i is out of range.
func (c *Slice[T]) At(i int) *T { return &c.blocks[i>>blockBits][i&blockMask] }

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
	c.n = 0
}
