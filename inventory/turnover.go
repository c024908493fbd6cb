package inventory

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Turnover returns the inventory turnover (库存周转率) of a period: COGS /
// average inventory at cost, in turns per period. The average inventory
// is the mean of the inventory value at cost over the period's snapshots
// (at least its start and end; [Analyze] computes it from snapshots). It
// is undefined when the average inventory is zero (an empty warehouse
// turns no stock), and zero when nothing was sold. It returns a
// *money.MismatchError if the amounts are in different currencies.
func Turnover(cogs, avgInventory money.Money) (metrics.Ratio, error) {
	return metrics.MoneyRatio(cogs, avgInventory)
}

// DaysOfInventory returns the days of inventory outstanding (DIO, 库存周转天数)
// of a period of the given number of days: average inventory at cost /
// COGS × days, in days. It is undefined when COGS is zero (stock that does
// not sell is never turned over; not infinite) and when days is not
// positive. It returns a *money.MismatchError if the amounts are in
// different currencies.
func DaysOfInventory(avgInventory, cogs money.Money, days int) (metrics.Ratio, error) {
	r, err := metrics.MoneyRatio(avgInventory, cogs)
	if err != nil || days <= 0 {
		return metrics.Ratio{}, err
	}
	return metrics.NewRatio(r.Num()*float64(days), r.Den()), nil
}
