//go:build !amd64 || purego

package prefetch

import "unsafe"

// Lines loads a byte at each address and returns their sum, which the
// caller keeps so that the loads are not dropped: the processor fetches
// the cache lines, though each load waits for its own (the amd64 Lines
// does not).
func Lines(addrs []unsafe.Pointer) uint32 {
	var x uint32
	for _, p := range addrs {
		x += uint32(*(*byte)(p))
	}
	return x
}
