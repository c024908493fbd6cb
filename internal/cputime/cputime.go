// Package cputime reads the CPU time this process has used, for benchmarks
// that report throughput per CPU second beside wall-clock throughput: on a
// shared machine the first is the speed of one core, the second also
// measures the wait for one.
package cputime

import "time"

// Used returns the user and system CPU time the process has used so far,
// or 0 where the platform does not report it.
func Used() time.Duration { return used() }
