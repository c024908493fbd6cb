//go:build amd64 && !purego

package prefetch

import "unsafe"

// Lines asks the processor to load the cache line of each address,
// without waiting for any. A load that adds the byte read to a sum has
// the processor's reorder buffer wait for each in turn, and it holds only
// some fifteen iterations of a caller's loop; a prefetch instruction
// retires at once. It returns 0 (see the other systems' Lines, which
// loads): a caller keeps the sum, so that those loads are not dropped.
//
//go:noescape
func Lines(addrs []unsafe.Pointer) uint32
