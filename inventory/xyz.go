package inventory

import (
	"errors"
	"math"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// XYZ is an XYZ class: how steady a SKU's demand is.
type XYZ uint8

const (
	ClassX    XYZ = iota // steady demand: CV < 0.5
	ClassY               // variable demand: 0.5 ≤ CV < 1.0
	ClassZ               // erratic demand: CV ≥ 1.0
	ClassNone            // no class: no sales, or fewer than two whole weeks
)

// String returns "X", "Y", "Z" or "-".
func (c XYZ) String() string {
	switch c {
	case ClassX:
		return "X"
	case ClassY:
		return "Y"
	case ClassZ:
		return "Z"
	}
	return "-"
}

// XYZConfig sets the bounds of the XYZ classes.
type XYZConfig struct {
	// X is the coefficient of variation below which demand is X. Defaults
	// to 0.5.
	X float64
	// Y is the coefficient of variation below which demand is Y, and at or
	// above which it is Z. Defaults to 1.0.
	Y float64
}

// XYZOf returns the XYZ class of a coefficient of variation of weekly
// demand (XYZ分类): X below cfg.X, Y from cfg.X to below cfg.Y, Z from
// cfg.Y up (by definition: X < 0.5 ≤ Y < 1.0 ≤ Z). An undefined CV gives
// [ClassNone]. [SKUMetrics.WeeklyCV] is the CV to pass. An invalid cfg
// gives [ClassNone] and the errors of [XYZConfig.Validate].
func XYZOf(cv metrics.Ratio, cfg XYZConfig) (XYZ, error) {
	if err := cfg.Validate(); err != nil {
		return ClassNone, err
	}
	return cfg.class(cv), nil
}

// class is XYZOf for a valid cfg.
func (cfg XYZConfig) class(cv metrics.Ratio) XYZ {
	v, ok := cv.Value()
	if !ok {
		return ClassNone
	}
	x, y := cfg.bounds()
	switch {
	case v < x:
		return ClassX
	case v < y:
		return ClassY
	}
	return ClassZ
}

// boundX returns X with its default.
func (cfg XYZConfig) boundX() float64 {
	if cfg.X == 0 {
		return 0.5
	}
	return cfg.X
}

// bounds returns X and Y with their defaults.
func (cfg XYZConfig) bounds() (x, y float64) {
	x, y = cfg.boundX(), cfg.Y
	if y == 0 {
		y = max(1.0, x)
	}
	return x, y
}

// Validate reports every field of c out of its range at once, as
// *metrics.ConfigError values joined with errors.Join; nil when c is
// valid: X and Y 0 (the default) or positive and finite, and Y at least
// X. With Y left to its default and X above 1, Y is X (no class Y).
func (cfg XYZConfig) Validate() error {
	var errs []error
	if cfg.X != 0 && !(cfg.X > 0 && !math.IsInf(cfg.X, 0)) { // also NaN
		errs = append(errs, configError("XYZConfig.X", "must be positive and finite, got "+ftoa(cfg.X)))
	}
	if cfg.Y != 0 && !(cfg.Y > 0 && !math.IsInf(cfg.Y, 0)) {
		errs = append(errs, configError("XYZConfig.Y", "must be positive and finite, got "+ftoa(cfg.Y)))
	} else if cfg.Y != 0 && cfg.Y < cfg.boundX() {
		errs = append(errs, configError("XYZConfig.Y", "must be at least X, "+ftoa(cfg.boundX())+", got "+ftoa(cfg.Y)))
	}
	return errors.Join(errs...)
}
