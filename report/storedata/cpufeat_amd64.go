//go:build amd64 && !purego

package storedata

// hasAVX2 reports whether [cutLineAVX2] may run here: the processor has
// AVX2, BMI1 and POPCNT, and the operating system saves the YMM
// registers (OSXSAVE, and XCR0 with the XMM and YMM state). It is set
// once, when the package is initialised, and never changed; the package
// does not import golang.org/x/sys/cpu for it.
var hasAVX2 = detectAVX2()

// detectAVX2 computes [hasAVX2] from CPUID and XGETBV.
func detectAVX2() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		popcnt  = 1 << 23 // CPUID.1:ECX
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if ecx1&(popcnt|osxsave|avx) != popcnt|osxsave|avx {
		return false
	}
	// XCR0 bit 1 is the XMM state, bit 2 the YMM state.
	if xcr0, _ := xgetbv(); xcr0&6 != 6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	const (
		bmi1 = 1 << 3 // CPUID.(7,0):EBX
		avx2 = 1 << 5
	)
	return ebx7&(bmi1|avx2) == bmi1|avx2
}

// cpuid runs the CPUID instruction with EAX = eaxArg and ECX = ecxArg
// (cpufeat_amd64.s).
func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

// xgetbv runs XGETBV with ECX = 0: the low and high halves of XCR0. Only
// call it when CPUID says OSXSAVE.
func xgetbv() (eax, edx uint32)
