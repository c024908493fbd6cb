package hugepage

import (
	"syscall"
	"unsafe"
)

// advise marks the whole huge pages of the n bytes at p with
// MADV_HUGEPAGE. An error (a kernel without transparent huge pages says
// EINVAL) leaves the memory as it was, which is all the advice promises.
func advise(p unsafe.Pointer, n uintptr) {
	from, length := inside(uintptr(p), n)
	if length == 0 {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Add(p, from-uintptr(p))), length)
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE) // a hint: refused, the memory stays as it is
}
