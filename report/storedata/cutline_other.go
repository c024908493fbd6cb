//go:build !amd64 || purego

package storedata

// cutLineArch is [cutLineGeneric] where there is no assembly.
func cutLineArch(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool) {
	return cutLineGeneric(b, ends)
}
