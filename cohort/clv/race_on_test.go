//go:build race

package clv

// raceEnabled skips the 1M-customer test under the race detector, which
// makes it take minutes; the same code runs in the short tests.
const raceEnabled = true
