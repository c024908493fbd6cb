package cohort

// chunks is an append-only sequence stored in fixed-size blocks, so that
// growing it never copies what it holds (a slice past a few hundred
// elements grows by 1.25× and copies everything each time).
type chunks[T any] struct {
	blocks [][]T
	n      int
}

const (
	chunkBits = 12
	chunkLen  = 1 << chunkBits
	chunkMask = chunkLen - 1
)

// push appends v.
func (c *chunks[T]) push(v T) {
	if c.n&chunkMask == 0 && c.n>>chunkBits == len(c.blocks) {
		c.blocks = append(c.blocks, make([]T, 0, chunkLen))
	}
	b := &c.blocks[c.n>>chunkBits]
	*b = append(*b, v)
	c.n++
}

// at returns a pointer to element i.
func (c *chunks[T]) at(i int) *T { return &c.blocks[i>>chunkBits][i&chunkMask] }

// len returns the number of elements.
func (c *chunks[T]) len() int { return c.n }

// reset empties c, keeping its first block for reuse.
func (c *chunks[T]) reset() {
	if len(c.blocks) > 0 {
		c.blocks = c.blocks[:1]
		c.blocks[0] = c.blocks[0][:0]
	}
	c.n = 0
}
