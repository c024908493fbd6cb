//go:build amd64 && !purego

package storedata

// archCutImpls are the assembly cutters this processor can run, each
// tested on its own (cutLine runs only one of them).
var archCutImpls = func() []cutImpl {
	impls := []cutImpl{{"cutLineSSE2", cutLineSSE2}}
	if hasAVX2 {
		impls = append(impls, cutImpl{"cutLineAVX2", cutLineAVX2})
	}
	return impls
}()
