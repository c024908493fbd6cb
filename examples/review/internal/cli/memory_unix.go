//go:build unix

package cli

import (
	"math"
	"syscall"
)

// addressSpaceLimit returns the soft limit of the address space (ulimit
// -v), or 0 when there is none (RLIM_INFINITY is all ones).
func addressSpaceLimit() int64 {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &r); err != nil || r.Cur > math.MaxInt64 {
		return 0
	}
	return int64(r.Cur)
}
