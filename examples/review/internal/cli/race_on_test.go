//go:build race

package cli

// raceEnabled: the race detector reserves terabytes of address space, so
// no test runs the command under ulimit -v.
const raceEnabled = true
