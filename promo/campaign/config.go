package campaign

import (
	"fmt"
	"math"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Config sets up [Ledger.Analyze]. The zero Config means the defaults.
type Config struct {
	// Level is the confidence level of the intervals, in (0, 1).
	// Defaults to 0.95.
	Level float64
}

// Validate returns a *metrics.ConfigError for a Level outside (0, 1) or
// NaN (0 means the default).
func (c Config) Validate() error {
	if c.Level != 0 && (math.IsNaN(c.Level) || c.Level <= 0 || c.Level >= 1) {
		return &metrics.ConfigError{Pkg: "campaign", Field: "Config.Level", Problem: fmt.Sprintf("must be in (0, 1), got %v", c.Level)}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Level == 0 {
		c.Level = 0.95
	}
	return c
}
