//go:build !amd64 || purego

package storedata

import "unsafe"

// prefetchAt does nothing where there is no assembly: [idSet.touch]
// loads the buckets itself (see havePrefetch).
func prefetchAt(base unsafe.Pointer, offs []uintptr) {}

// havePrefetch says that prefetchAt does nothing.
const havePrefetch = false
