//go:build unix

package storedata

import (
	"syscall"
	"unsafe"
)

// tableAlloc returns n zero slots for an idSet, mapped from the system
// outside the Go heap when they take at least a megabyte (ok), else from
// the heap. Mapped slots go back with tableFree.
func tableAlloc(n int) (slots []idSlot, ok bool) {
	size := n * int(unsafe.Sizeof(idSlot{}))
	if size < 1<<20 {
		return make([]idSlot, n), false
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]idSlot, n), false
	}
	advise(mem)
	return unsafe.Slice((*idSlot)(unsafe.Pointer(unsafe.SliceData(mem))), n), true
}

// tableFree gives back slots from tableAlloc.
func tableFree(slots []idSlot) {
	mem := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(slots))), len(slots)*int(unsafe.Sizeof(idSlot{})))
	if err := syscall.Munmap(mem); err != nil {
		panic("storedata: unmapping a table of IDs: " + err.Error()) // only for a mapping not ours
	}
}
