package promo

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// CostConvention says which spending counts as the investment in a
// promotion's ROI.
type CostConvention uint8

const (
	// FullCost counts the discounts given plus the fixed and media costs,
	// as shopmetrics defines promotion cost (促销成本). It is the default.
	FullCost CostConvention = iota
	// CashCost counts only the fixed and media costs: the cash spent, with
	// the discounts seen as a price change whose effect incremental gross
	// profit already carries. It suits comparing a promotion with other
	// marketing spend; it gives a larger ROI than FullCost whenever
	// discounts were given.
	CashCost
)

var costNames = [...]string{"full", "cash"}

// String returns "full" or "cash".
func (c CostConvention) String() string {
	if int(c) < len(costNames) {
		return costNames[c]
	}
	return fmt.Sprintf("CostConvention(%d)", c)
}

// Cost returns the promotion cost (促销成本) under convention conv:
//
//	FullCost: discounts given + fixed cost + media cost   (its definition here)
//	CashCost: fixed cost + media cost
//
// Discounts given are the line discounts and allocated order discounts of
// the promoted items during the window. The amounts must share one currency
// (the zero Money adds to any); otherwise Cost returns a
// *money.MismatchError.
func Cost(discounts, fixed, media money.Money, conv CostConvention) (money.Money, error) {
	_, cost, err := costs(discounts, fixed, media, conv)
	return cost, err
}

// costs returns the cash spent (fixed + media) and the cost under conv.
func costs(discounts, fixed, media money.Money, conv CostConvention) (cash, cost money.Money, err error) {
	if cash, err = fixed.Add(media); err != nil {
		return money.Money{}, money.Money{}, err
	}
	if conv == CashCost {
		return cash, cash, nil
	}
	if cost, err = discounts.Add(cash); err != nil {
		return money.Money{}, money.Money{}, err
	}
	return cash, cost, nil
}

// ROI returns the promotion ROI (促销ROI) as shopmetrics defines it:
//
//	ROI = (incremental gross profit − fixed cost − media cost) / cost
//
// where cost is [Cost] under conv. Incremental gross profit is measured
// after discounts, so the numerator is the net gain and each discount is
// counted once; the denominator is the whole investment. ROI is undefined
// when the cost is zero, and may be negative (the promotion lost money).
//
// Worked example (FullCost): a promotion gave CNY 2,000 of discounts and
// cost CNY 500 of design and CNY 1,000 of media; against the baseline it
// added CNY 5,000 of gross profit (after the discounts). Then
//
//	cost = 2,000 + 500 + 1,000 = 3,500
//	ROI  = (5,000 − 500 − 1,000) / 3,500 = 3,500 / 3,500 = 100 %
//
// Each yuan invested came back with one yuan of profit on top. Under
// CashCost the same promotion has ROI = 3,500 / 1,500 = 233.33 %.
//
// The amounts must share one currency, otherwise ROI returns a
// *money.MismatchError.
func ROI(incrementalProfit, discounts, fixed, media money.Money, conv CostConvention) (metrics.Ratio, error) {
	cash, cost, err := costs(discounts, fixed, media, conv)
	if err != nil {
		return metrics.Ratio{}, err
	}
	gain, err := incrementalProfit.Sub(cash)
	if err != nil {
		return metrics.Ratio{}, err
	}
	return metrics.MoneyRatio(gain, cost)
}
