package detail

// chunkBits sets the length of the chunks of a [chunks]: 2^13 entries.
const (
	chunkBits = 13
	chunkLen  = 1 << chunkBits
	chunkMask = chunkLen - 1
)

// chunks is a growing array of T held in chunks of chunkLen entries,
// numbered 0, 1, 2, … in order of push. Unlike a slice grown by append
// it never copies its entries to a larger array, so it never holds them
// twice nor has room for up to as many again that it does not use: past
// the first chunk, which grows as a slice does, it holds at most one
// chunk more than its entries. Pointers to entries stay valid as it grows
// past the first chunk.
type chunks[T any] struct {
	c [][]T
	n int32
}

// len returns the number of entries.
func (x *chunks[T]) len() int32 { return x.n }

// at returns a pointer to entry i, which must be below len. The pointer
// is valid until the next push while there is one chunk.
func (x *chunks[T]) at(i int32) *T { return &x.c[i>>chunkBits][i&chunkMask] }

// push appends v and returns its number.
func (x *chunks[T]) push(v T) int32 {
	k := len(x.c) - 1
	if k < 0 || len(x.c[k]) == chunkLen {
		var s []T
		if k >= 0 {
			s = make([]T, 0, chunkLen)
		}
		x.c = append(x.c, s)
		k++
	}
	x.c[k] = append(x.c[k], v)
	x.n++
	return x.n - 1
}
