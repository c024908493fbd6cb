package category

// Config sets the significance guard of the pairs and of the changes of
// penetration. The zero Config means the defaults.
type Config struct {
	// MinBoth is the fewest buyers (or orders, in the basket scope) of
	// both categories for a pair to be tested and reported: a lift of 3
	// from four co-buyers is noise whatever its p-value. Defaults to 30.
	MinBoth int64
	// Alpha is the false discovery rate of the Benjamini–Hochberg
	// correction over the pairs tested (and, in [Compare], over the
	// categories whose change could be tested). Defaults to 0.05.
	Alpha float64
	// TopPairs is the number of pairs kept per scope, the highest lifts
	// first. Defaults to 10.
	TopPairs int
}

func (c Config) withDefaults() Config {
	if c.MinBoth <= 0 {
		c.MinBoth = 30
	}
	if !(c.Alpha > 0 && c.Alpha < 1) {
		c.Alpha = 0.05
	}
	if c.TopPairs <= 0 {
		c.TopPairs = 10
	}
	return c
}
