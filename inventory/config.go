package inventory

import (
	"errors"
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Policy is what [Analyze] does with records that have a data problem
// (see [DataError]).
type Policy uint8

const (
	// Strict reports every data problem in the error Analyze returns,
	// beside the report of what could be used: a caller that stops on the
	// error fails on one bad record. A negative on hand counts as a
	// stock-out with no value and an unknown SKU is used with no category;
	// other bad records are left out. It is the default.
	Strict Policy = iota
	// Skip leaves every record with a data problem out of the figures, as
	// if it were not in the input (a negative on hand is no stock-out day,
	// an unknown SKU is left out with all its records), lists the problems
	// in [Report.Problems], counts them with [Report.ProblemCounts], and
	// returns no error for them: a review can state them instead of
	// failing.
	Skip
)

// String returns "strict" or "skip".
func (p Policy) String() string {
	switch p {
	case Strict:
		return "strict"
	case Skip:
		return "skip"
	}
	return fmt.Sprintf("Policy(%d)", uint8(p))
}

// MaxDays is the longest demand window and the largest aging bucket bound,
// in days: ten years.
const MaxDays = 3660

// Averaging says how the average inventory of a period is taken from its
// snapshots.
type Averaging uint8

const (
	// MeanOfSnapshots averages the values of the snapshots (its definition here):
	// with daily snapshots it is the daily average; with sparse ones (at
	// least the start and the end) each snapshot weighs the same however
	// long the stock stayed at its level. The snapshot of the day before
	// the period, when given, is one of them: it is the opening stock.
	MeanOfSnapshots Averaging = iota
	// TimeWeighted gives each day of the period the value of the latest
	// snapshot on or before it (step interpolation; days before the first
	// snapshot take the first snapshot's value) and averages the days. With
	// a snapshot on every day it equals MeanOfSnapshots without the
	// opening snapshot.
	TimeWeighted
)

// String returns "mean of snapshots" or "time-weighted".
func (a Averaging) String() string {
	if a == TimeWeighted {
		return "time-weighted"
	}
	return "mean of snapshots"
}

// SellThroughBase is the denominator of the sell-through rate (售罄率).
type SellThroughBase uint8

const (
	// OpeningPlusReceived: units sold / (units on hand at the start +
	// units received), as shopmetrics defines it. The stock at the start is the
	// snapshot of the day before the period when given; otherwise the
	// first snapshot of the period plus that day's units sold, minus that
	// day's receipts and adjustments (its start-of-day stock).
	OpeningPlusReceived SellThroughBase = iota
	// Received: units sold / units received, the fashion buyer's
	// sell-through of a delivery.
	Received
	// SoldPlusEnding: units sold / (units sold + units on hand at the end),
	// which needs no receipts.
	SoldPlusEnding
)

// String returns the formula's name.
func (b SellThroughBase) String() string {
	switch b {
	case Received:
		return "sold / received"
	case SoldPlusEnding:
		return "sold / (sold + ending)"
	}
	return "sold / (opening + received)"
}

// Config sets the conventions of [Analyze]. The zero Config gives the
// conventions of shopmetrics' metric definitions.
type Config struct {
	// Averaging is how average inventory is taken. Defaults to
	// [MeanOfSnapshots].
	Averaging Averaging
	// SellThrough is the denominator of the sell-through rate. Defaults
	// to [OpeningPlusReceived].
	SellThrough SellThroughBase
	// DemandWindowDays is the number of days, ending on the period's last
	// day, whose average daily sales give days of supply. Defaults to 28;
	// a period shorter than the window uses all of its days.
	DemandWindowDays int
	// AgingBuckets are the upper bounds, in days since receipt, of the
	// inventory aging buckets; a last bucket holds everything older.
	// Defaults to 30, 60, 90, 180.
	AgingBuckets []int
	// Currency is the store's currency. Defaults to the currency of the
	// sales, or else of the first snapshot with a unit cost.
	Currency money.Currency
	// BadRecords is what Analyze does with records that have a data
	// problem. Defaults to [Strict].
	BadRecords Policy
}

// Validate reports every field of c out of its range at once, as
// *metrics.ConfigError values (wrapping metrics.ErrConfig) joined with
// errors.Join; nil when c is valid: a known Averaging, SellThrough and
// BadRecords, DemandWindowDays in [0, MaxDays], and AgingBuckets positive,
// increasing and at most MaxDays.
func (c Config) Validate() error {
	var errs []error
	if c.Averaging > TimeWeighted {
		errs = append(errs, configError("Config.Averaging", fmt.Sprintf("unknown averaging %d", c.Averaging)))
	}
	if c.SellThrough > SoldPlusEnding {
		errs = append(errs, configError("Config.SellThrough", fmt.Sprintf("unknown sell-through base %d", c.SellThrough)))
	}
	if c.BadRecords > Skip {
		errs = append(errs, configError("Config.BadRecords", "unknown policy "+c.BadRecords.String()))
	}
	if c.DemandWindowDays < 0 || c.DemandWindowDays > MaxDays {
		errs = append(errs, configError("Config.DemandWindowDays", fmt.Sprintf("must be in [0, %d] days, got %d", MaxDays, c.DemandWindowDays)))
	}
	for i, b := range c.AgingBuckets {
		switch {
		case b <= 0 || b > MaxDays:
			errs = append(errs, configError(fmt.Sprintf("Config.AgingBuckets[%d]", i), fmt.Sprintf("must be in [1, %d] days, got %d", MaxDays, b)))
		case i > 0 && b <= c.AgingBuckets[i-1]:
			errs = append(errs, configError(fmt.Sprintf("Config.AgingBuckets[%d]", i), fmt.Sprintf("must be above the bound before it, %d, got %d", c.AgingBuckets[i-1], b)))
		}
	}
	return errors.Join(errs...)
}

func (c Config) window() int {
	if c.DemandWindowDays > 0 {
		return c.DemandWindowDays
	}
	return 28
}

func (c Config) buckets() []int {
	if len(c.AgingBuckets) > 0 {
		return c.AgingBuckets
	}
	return []int{30, 60, 90, 180}
}
