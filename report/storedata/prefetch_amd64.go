//go:build amd64 && !purego

package storedata

import "unsafe"

// prefetchAt asks the processor to load the cache lines at base+offs[i],
// without waiting for them (PREFETCHT0, prefetch_amd64.s): unlike a load,
// a prefetch retires at once, so the misses of a set's buckets overlap
// with the reading of the lines before them instead of stalling it. It
// reads and changes nothing; an address that is not mapped faults no
// more than a prefetch does (not at all).
//
//go:noescape
func prefetchAt(base unsafe.Pointer, offs []uintptr)

// havePrefetch says that prefetchAt prefetches, rather than loads.
const havePrefetch = true
