package report

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Channels is the channels and marketing section (渠道与投放): per
// channel, what it cost and what it brought, and the paid and organic
// shares of visitors, new customers and revenue.
//
// A channel is the key shared by Spend.Channel, Order.Channel and the
// events' traffic source (funnel.PropSource): the three are joined on the
// exact string, and the rows are the union of the keys seen in the
// period's spend, orders (by their channel, or as new customers'
// first orders) and events, plus the sources buyers are attributed to. A
// channel missing from one of them has that part's figures at zero
// (no spend, no visitors, no orders), which leaves its ratios undefined
// where they divide by it: a channel with orders but no events has
// undefined conversion; a channel with visitors but no spend has a zero
// CAC (it is organic) and an undefined ROAS. The empty channel (orders,
// spend or events without one, and buyers with no visit in the
// attribution window) is "(none)". Without any event in the data the
// traffic figures are undefined, never zeros.
//
// The section needs orders and spend data; without either it is left out
// and listed in Review.Omitted.
type Channels struct {
	// Rows are the channels, by spend then revenue, largest first, then
	// by name.
	Rows []ChannelRow `json:"rows"`
	// Groups are the channel groups (Config.ChannelGroups), paid groups
	// first, then by revenue.
	Groups []ChannelGroup `json:"groups"`
	// Paid is the paid groups' share of the channels' visitors, of the
	// new customers and of the revenue; the organic share is 1 − it.
	Paid GroupShares `json:"paid"`
	// Attribution, AttributionDays and AttributionAfterPurchase are the
	// attribution model, its window and how long after an earlier
	// purchase the events are still that purchase's (as in the traffic
	// section).
	Attribution              string        `json:"attribution"`
	AttributionDays          int           `json:"attribution_days"`
	AttributionAfterPurchase time.Duration `json:"attribution_after_purchase"`
	// LTVMonths is the horizon of the LTV of LTV/CAC (Config.LTVMonths).
	LTVMonths int `json:"ltv_months"`
	// LTV is the review's LTV of a new customer (the Overview's), the
	// same for every channel: the customer model is fitted on all
	// customers and does not know their channel. Undefined when the
	// overview has none.
	LTV metrics.Value `json:"ltv"`
	// CohortsAsOf is the last day of the data the acquired customers'
	// revenue and gross profit are observed to: the period's last day, or
	// the data's last day when it ends before.
	CohortsAsOf string `json:"cohorts_as_of"`
}

// ChannelRow is one channel of the [Channels] section. Amounts are in the
// review's currency; every figure is of the period reviewed unless said.
type ChannelRow struct {
	// Channel is the key, "(none)" for the empty channel.
	Channel string `json:"channel"`
	// Group is the channel's group (Config.ChannelGroups) and Paid
	// whether the group is paid (has spend in the period).
	Group string `json:"group"`
	Paid  bool   `json:"paid"`
	// Spend is the marketing spend of the channel dated in the period
	// (营销费用); zero for a channel without spend records.
	Spend money.Money `json:"spend"`
	// Visitors, Sessions and BounceRate are the channel's traffic as the
	// traffic section counts it by source: visitors with a session from
	// the source (a visitor from two sources counts in both), their
	// sessions, and bounces / sessions. Undefined without events.
	Visitors   metrics.Value `json:"visitors"`
	Sessions   metrics.Value `json:"sessions"`
	BounceRate metrics.Value `json:"bounce_rate"`
	// Buyers are the buyers of the period attributed to the channel by
	// Config.Attribution (成交来源): they add up to the period's buyers.
	// Undefined without events.
	Buyers metrics.Value `json:"buyers"`
	// Conversion is Buyers / Visitors (转化率), a share; undefined
	// without events or visitors from the channel.
	Conversion metrics.Value `json:"conversion"`
	// NewCustomers are the customers whose first order ever (the earliest
	// non-cancelled one) is in the period and came through the channel
	// (Order.Channel): they add up to the period's new customers.
	NewCustomers int64 `json:"new_customers"`
	// CAC is Spend / NewCustomers (获客成本), money per new customer
	// rounded half-even to minor units; zero for a channel without spend
	// that won customers; undefined without new customers.
	CAC metrics.Value `json:"cac"`
	// FirstOrderRevenue is the net sales (after discounts, before
	// shipping and tax) of the new customers' first orders, less the
	// period's refunds of them, as Revenue.
	FirstOrderRevenue money.Money `json:"first_order_revenue"`
	// Revenue is the net sales of the period's orders placed through the
	// channel (Order.Channel), less the refunds of the period of orders
	// through it (Summary.ByChannel's NetSales): the revenue of ROAS.
	// The channels' revenues add up to the period's net sales.
	Revenue money.Money `json:"revenue"`
	// ROAS is Revenue / Spend (广告支出回报率), a multiple; undefined
	// without spend. Revenue counts returning customers' orders through
	// the channel, which the spend may not have brought.
	ROAS metrics.Value `json:"roas"`
	// NewROAS is FirstOrderRevenue / Spend (新客ROAS), a multiple: the
	// return on the spend from the customers it acquired, at their first
	// order; undefined without spend.
	NewROAS metrics.Value `json:"new_customer_roas"`
	// Revenue30 and Revenue90 are the net sales (less refunds) per
	// acquired customer in their first 30 and 90 days from their first
	// order day (days 0–29 and 0–89), over the customers acquired
	// through the channel, in any period up to CohortsAsOf, early enough
	// that the whole 30 or 90 days are in the data (Cohort30, Cohort90
	// of them). Undefined when no customer was acquired early enough.
	Revenue30 metrics.Value `json:"revenue_30d"`
	Revenue90 metrics.Value `json:"revenue_90d"`
	Cohort30  int64         `json:"cohort_30d"`
	Cohort90  int64         `json:"cohort_90d"`
	// LTVToCAC is the section's LTV / the channel's CAC, a multiple;
	// undefined without LTV or with an undefined or zero CAC.
	LTVToCAC metrics.Value `json:"ltv_cac"`
	// Payback is the CAC payback in months (回本周期, a count): the first
	// n such that the cumulative gross profit per acquired customer over
	// their first n × 30 days reaches the CAC, each month's cumulative
	// over the channel's customers acquired by 30n days before
	// CohortsAsOf (metrics.CACPayback on that curve). 0 for a zero CAC.
	// Undefined without a defined CAC, or when the curve does not reach
	// the CAC within the PaybackObserved months the data holds; and, with
	// PaybackObserved 0, when a customer's order line up to the period's
	// end (a guest's is in no customer's gross profit) was sold without
	// a unit cost and the CAC is not zero (the gross profit would count
	// it at none; a "payback_cost_missing" note counts those lines when
	// some channel's payback is so left undefined).
	Payback metrics.Value `json:"payback_months"`
	// PaybackObserved is the number of 30-day months of the curve: "not
	// within PaybackObserved months" when Payback is undefined and the
	// CAC is defined.
	PaybackObserved int `json:"payback_observed_months"`
}

// ChannelGroup is one group of channels, such as paid search.
type ChannelGroup struct {
	// Name is the group's key, such as "paid_search" (see
	// [DefaultChannelGroups]), or the channel's own name for a channel
	// no mapping names.
	Name string `json:"name"`
	// Paid reports whether a channel of the group has spend in the
	// period.
	Paid     bool     `json:"paid"`
	Channels []string `json:"channels"`
	// Spend, Visitors, NewCustomers and Revenue add up the group's
	// channels; Visitors is undefined without events.
	Spend        money.Money   `json:"spend"`
	Visitors     metrics.Value `json:"visitors"`
	NewCustomers int64         `json:"new_customers"`
	Revenue      money.Money   `json:"revenue"`
	// Shares are the group's shares of the channels' visitors, of the
	// new customers and of the revenue.
	Shares GroupShares `json:"shares"`
}

// GroupShares are shares of the channels' totals. Visitors is of the sum
// of the channels' visitors (a visitor from two channels counts in both),
// undefined without events or visitors; NewCustomers and Revenue are of
// the period's new customers and net sales, undefined when those are
// zero.
type GroupShares struct {
	Visitors     metrics.Ratio `json:"visitors"`
	NewCustomers metrics.Ratio `json:"new_customers"`
	Revenue      metrics.Ratio `json:"revenue"`
}
