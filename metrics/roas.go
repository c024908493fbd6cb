package metrics

import "github.com/shopmetrics/shopmetrics/metrics/money"

// ROAS returns the return on ad spend (广告支出回报率, ROAS), revenue /
// spend, a multiple: 4 means four of revenue per one of spend. Which
// revenue is the caller's to say; the review's channels section takes the
// net sales of the orders placed through the channel (after discounts and
// the period's refunds, before shipping and tax), not the revenue of its
// attributed buyers, so the channels' revenues add up to the store's net
// sales.
//
// It is undefined when spend is zero and returns a *[money.MismatchError]
// if the currencies differ.
func ROAS(revenue, spend money.Money) (Ratio, error) { return MoneyRatio(revenue, spend) }
