//go:build race

package render

// raceEnabled is true under the race detector, which the browser test
// skips: it checks the page in Chromium, not Go's concurrency, and the
// detector only slows it.
const raceEnabled = true
