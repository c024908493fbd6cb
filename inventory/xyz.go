package inventory

import (
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
// cfg.Y up (METRICS.md: X < 0.5 ≤ Y < 1.0 ≤ Z). An undefined CV gives
// [ClassNone]. [SKUMetrics.WeeklyCV] is the CV to pass.
func XYZOf(cv metrics.Ratio, cfg XYZConfig) XYZ {
	v, ok := cv.Value()
	if !ok {
		return ClassNone
	}
	x, y := cfg.X, cfg.Y
	if !(x > 0) || math.IsInf(x, 0) { // also NaN
		x = 0.5
	}
	if !(y > 0) || math.IsInf(y, 0) {
		y = 1.0
	}
	switch {
	case v < x:
		return ClassX
	case v < y:
		return ClassY
	}
	return ClassZ
}
