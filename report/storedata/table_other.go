//go:build !unix

package storedata

// tableAlloc returns n zero slots for an idSet, from the heap.
func tableAlloc(n int) (slots []idSlot, ok bool) { return make([]idSlot, n), false }

// tableFree does nothing: tableAlloc does not map.
func tableFree([]idSlot) {}
