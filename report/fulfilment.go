package report

import "github.com/shopmetrics/shopmetrics/metrics"

// Fulfilment is the fulfilment and logistics section (物流与履约): how fast
// the orders placed in the period were shipped and delivered, and whether
// deliveries kept their promise, in total, by carrier and by region, with
// what late deliveries led to. The definitions are those of
// metrics/fulfilment: durations at a minute's resolution, type-7
// quantiles; an undelivered order whose promise passed by the end of the
// period counts as late.
type Fulfilment struct {
	// KPIs: time_to_ship_median, time_to_ship_p90 (ShippedAt − PaidAt, or
	// − PlacedAt without PaidAt), time_to_deliver_median,
	// time_to_deliver_p90 (DeliveredAt − ShippedAt), order_to_door_median
	// (DeliveredAt − PlacedAt) and on_time_rate (on time / (on time +
	// late), among orders with a promise due).
	KPIs     []KPI              `json:"kpis"`
	Coverage FulfilmentCoverage `json:"coverage"`
	Carriers []DeliveryGroup    `json:"carriers"` // by carrier, most orders first; "" for orders without one
	Regions  []DeliveryGroup    `json:"regions"`  // by region, likewise
	// Outcomes are what followed on-time and late deliveries (on_time,
	// late): returns for a late delivery and customer-service tickets.
	Outcomes []DeliveryOutcome `json:"outcomes"`
}

// FulfilmentCoverage says how many of the period's orders the fulfilment
// figures could use: a time missing is unknown, not zero.
type FulfilmentCoverage struct {
	Orders         int64 `json:"orders"`           // orders placed in the period, cancelled ones excluded
	Shipped        int64 `json:"shipped"`          // with a ship time: in time to ship
	ShipFromPlaced int64 `json:"ship_from_placed"` // of Shipped, timed from placing for want of a payment time
	Delivered      int64 `json:"delivered"`        // with a delivery time: in order to door
	ShipDelivered  int64 `json:"ship_delivered"`   // with both: in time to deliver
	Promised       int64 `json:"promised"`         // with a delivery promise
	Pending        int64 `json:"pending"`          // of Promised, undelivered with the promise not yet due: in no rate
	LateOpen       int64 `json:"late_open"`        // of Promised, undelivered with the promise past: counted late
}

// DeliveryGroup is the fulfilment of the orders of one carrier or region.
type DeliveryGroup struct {
	Name            string        `json:"name"` // from data; "" when the orders do not say
	Orders          int64         `json:"orders"`
	ShipMedian      metrics.Value `json:"ship_median"`    // time to ship, median
	DeliverMedian   metrics.Value `json:"deliver_median"` // time to deliver, median
	DeliverP90      metrics.Value `json:"deliver_p90"`    // time to deliver, 90th percentile
	Late            int64         `json:"late"`
	OnTimeRate      metrics.Ratio `json:"on_time_rate"` // undefined without a promise due
	DeliveredOrders int64         `json:"delivered"`    // orders with a delivery time, so small samples show
}

// DeliveryOutcome is what followed the deliveries of the period's orders
// of one status (on_time or late).
type DeliveryOutcome struct {
	Status         string        `json:"status"` // on_time or late
	Orders         int64         `json:"orders"`
	LateReturns    int64         `json:"late_returns"`     // orders with a refund whose reason is a late delivery
	LateReturnRate metrics.Ratio `json:"late_return_rate"` // LateReturns / Orders
	Tickets        int64         `json:"tickets"`          // tickets about the orders
	TicketsPer100  metrics.Value `json:"tickets_per_100"`  // Tickets × 100 / Orders, a number
}
