//go:build amd64 && !purego

package metrics

import "unsafe"

// prefetch asks the processor to load the cache line of each address,
// without waiting for any: Dict.Touch's loads ahead. A load that adds
// the byte read to a sum, as Touch made them, has the processor's
// reorder buffer wait for each of them in turn, and it holds only some
// fifteen of Touch's iterations; a prefetch instruction retires at once,
// and the loads of a whole chunk of keys are in flight together. It
// returns 0 (see the other systems' prefetch, which loads).
//
//go:noescape
func prefetch(addrs []unsafe.Pointer) uint32
