package metrics

import (
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"strconv"
	"time"
)

// OrderStatus is the state of an order.
type OrderStatus uint8

const (
	Placed    OrderStatus = iota // placed, not yet paid
	Paid                         // paid (or fulfilled)
	Cancelled                    // cancelled before fulfilment; excluded from sales
)

var statusNames = [...]string{"placed", "paid", "cancelled"}

// String returns "placed", "paid" or "cancelled".
func (s OrderStatus) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "OrderStatus(" + strconv.Itoa(int(s)) + ")"
}

// ParseOrderStatus parses the names written by [OrderStatus.String].
func ParseOrderStatus(s string) (OrderStatus, bool) {
	for i, n := range statusNames {
		if n == s {
			return OrderStatus(i), true
		}
	}
	return 0, false
}

// Order is one customer order. All its amounts are in Currency.
//
// Amounts follow the sign conventions of a receipt: prices, costs,
// discounts, shipping and tax are all non-negative, and a discount is
// subtracted. Refunds are separate [Refund] records dated when they were
// paid out.
type Order struct {
	ID         string
	CustomerID string // "" for a guest order: counted in sales, not in buyers
	PlacedAt   time.Time
	Channel    string // the sales or acquisition channel, such as "search" or "ads"
	Status     OrderStatus
	Currency   money.Currency
	Lines      []Line
	Discount   money.Money // order-level discount (满减, coupon), allocated to lines by value
	Shipping   money.Money // shipping charged to the customer
	Tax        money.Money // tax charged to the customer
	Promotion  string      // the order-level promotion or coupon code, if any

	// Fulfilment (履约), all optional: a zero time or an empty string is
	// unknown. When known, the times follow the order's life: PlacedAt ≤
	// PaidAt ≤ ShippedAt ≤ DeliveredAt ([Validate] reports each
	// inversion).
	PaidAt      time.Time // when the payment was received
	ShippedAt   time.Time // when the parcel left the warehouse (发货)
	DeliveredAt time.Time // when the parcel was delivered (签收)
	PromisedBy  time.Time // the latest delivery time promised to the customer
	Carrier     string    // the carrier (快递公司), such as "SF Express"
	Region      string    // the delivery region, such as a province
}

// Line is one product line of an order.
type Line struct {
	SKU       string
	Name      string // the product name as shown to customers; may be empty
	Category  string
	Quantity  int64       // units; positive
	UnitPrice money.Money // list price of one unit, before discounts
	Discount  money.Money // line-level discount for the whole line (not per unit)
	UnitCost  money.Money // cost of one unit (landed cost, for COGS)
	Promotion string      // the line-level promotion, if any
}

// Refund is money paid back to a customer, dated when it was paid. A
// refund may return goods (Lines) or not (a goodwill or price-adjustment
// refund).
type Refund struct {
	ID      string
	OrderID string
	At      time.Time
	Amount  money.Money
	Lines   []ReturnedLine
	Reason  string // free text as exported by the shop system
}

// ReturnedLine is a quantity of one SKU returned with a refund.
type ReturnedLine struct {
	SKU       string
	Quantity  int64
	Restocked bool // the units went back to sellable stock (their cost leaves COGS)
}

// Spend is marketing spend of one channel on one day.
type Spend struct {
	Channel string
	Day     time.Time // any time in the day, in the store's time zone
	Amount  money.Money
}

// Target is the goal for one metric over one period. Money metrics (net
// sales, AOV, CAC) use Amount; counts and ratios (orders, conversion rate as
// a fraction such as 0.032) use Value. The targets of an additive metric
// for consecutive periods add up to the target of the whole (monthly net
// sales targets to a quarter's; see [CompareValues]).
type Target struct {
	Metric string // a KPI key, such as "net_sales"
	Period Period
	Amount money.Money
	Value  float64
}
