package forecast

import (
	"math"
	"time"
)

// The minimum histories, in steps outside event and missing days.
const (
	MinDaily  = 28 // four weeks: each weekday four times
	MinWeekly = 13 // a quarter
)

// Config sets the model of [Predict]. The zero Config is the default.
type Config struct {
	// Level is the coverage of the prediction interval, in (0, 1).
	// Defaults to 0.8.
	Level float64
	// Events are the days of known events (promotions, holidays), past
	// and future: their steps are left out of the fit, and a future one
	// takes the lift of the same date a year before when that was an
	// event too. Defaults to none.
	Events []time.Time
	// Missing are the days the series does not know: data missing, not
	// days of zero. Their steps are left out of the fit, of the year-ago
	// regressor and of a lift's local level, a future day whose same date
	// a year before was missing gets no lift, and a backtest span that
	// holds one is not scored, nor the baseline of one whose baseline
	// reads one (see [RunBacktest]).
	// Defaults to none.
	Missing []time.Time
	// Window is the number of most recent steps the regression fits.
	// Defaults to 182 for a daily series and 104 for a weekly one.
	Window int
	// HalfLife is the age, in steps, at which an observation's weight
	// halves. Defaults to 56 for a daily series and 26 for a weekly one.
	HalfLife float64
	// Damping is the factor φ in (0, 1] by which the trend's step shrinks
	// each step ahead. Defaults to 0.98 for a daily series and 0.9 for a
	// weekly one.
	Damping float64
	// BaselineLag is the lag, in steps, of the seasonal-naive baseline of
	// [Backtest]. Defaults to 7·⌈L/7⌉ for a daily span of L days (the same
	// weekdays just before it) and to 52 for a weekly one (the same week a
	// year before; the span's length when there is no year before).
	BaselineLag int
}

// withDefaults returns c with its defaults for frequency f. It panics if
// Level or Damping is out of range.
func (c Config) withDefaults(f Frequency) Config {
	if c.Level == 0 {
		c.Level = 0.8
	}
	if !(c.Level > 0 && c.Level < 1) {
		panic("forecast: Level out of (0, 1)")
	}
	daily := f == Daily
	if c.Window <= 0 {
		c.Window = pick(daily, 182, 104)
	}
	if c.HalfLife <= 0 || math.IsNaN(c.HalfLife) {
		c.HalfLife = float64(pick(daily, 56, 26))
	}
	if c.Damping == 0 {
		c.Damping = pickf(daily, 0.98, 0.9)
	}
	if !(c.Damping > 0 && c.Damping <= 1) {
		panic("forecast: Damping out of (0, 1]")
	}
	return c
}

func pick(daily bool, d, w int) int {
	if daily {
		return d
	}
	return w
}

func pickf(daily bool, d, w float64) float64 {
	if daily {
		return d
	}
	return w
}
