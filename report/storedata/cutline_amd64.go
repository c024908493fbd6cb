//go:build amd64 && !purego

package storedata

// cutLineArch is [cutLine] in assembly: [cutLineAVX2] where the
// processor and the operating system allow it (see [hasAVX2]), else
// [cutLineSSE2]. The choice is one well-predicted branch, and
// cutLineArch is inlined into cutLine.
func cutLineArch(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool) {
	if hasAVX2 {
		return cutLineAVX2(b, ends)
	}
	return cutLineSSE2(b, ends)
}

// cutLineSSE2 is [cutLine] in SSE2 assembly (cutline_amd64.s), 64 bytes
// a step: it runs on every amd64 processor.
//
//go:noescape
func cutLineSSE2(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool)

// cutLineAVX2 is [cutLine] in AVX2 assembly (cutline_avx2_amd64.s), 64
// bytes a step as two 32-byte halves, with the commas of a block stored
// without a branch per comma (TZCNT and BLSR of BMI1, POPCNT). It must
// only be called when [hasAVX2] is true.
//
//go:noescape
func cutLineAVX2(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool)
