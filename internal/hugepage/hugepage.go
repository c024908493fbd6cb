package hugepage

import "unsafe"

// Min is the size in bytes from which [Make] advises huge pages: a table
// smaller than a few huge pages fits the processor's translation cache
// anyway, and would only waste the rest of its huge pages.
const Min = 8 << 20

// size is the size of a huge page where advice is given.
const size = 2 << 20

// Make returns make([]T, n), whose memory, when it is at least [Min]
// bytes, is advised to be backed by huge pages (the whole huge pages
// inside it). It is for large tables read at random, such as hash tables'
// slots; a slice read in order gains nothing from it.
func Make[T any](n int) []T {
	s := make([]T, n)
	var zero T
	if b := uintptr(n) * unsafe.Sizeof(zero); b >= Min {
		advise(unsafe.Pointer(unsafe.SliceData(s)), b)
	}
	return s
}

// inside returns the whole huge pages of the n bytes at p: their first
// address and their length, 0 if there is none.
func inside(p, n uintptr) (from, length uintptr) {
	from = (p + size - 1) &^ (size - 1)
	to := (p + n) &^ (size - 1)
	if to <= from {
		return from, 0
	}
	return from, to - from
}
