//go:build !amd64 || purego

package storedata

// archCutImpls are the assembly cutters this processor can run: none.
var archCutImpls []cutImpl
