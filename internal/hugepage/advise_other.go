//go:build !linux

package hugepage

import "unsafe"

// advise does nothing: huge pages are advised on Linux only.
func advise(unsafe.Pointer, uintptr) {}
