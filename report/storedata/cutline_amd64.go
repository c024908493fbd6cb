//go:build amd64 && !purego

package storedata

// cutLineArch is [cutLine] in SSE2 assembly (cutline_amd64.s), 64 bytes
// a step.
//
//go:noescape
func cutLineArch(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool)
