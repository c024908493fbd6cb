package metrics

import (
	"math"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// NoTime is the value of an unset time (the zero time.Time) in the time
// columns of a batch.
const NoTime int64 = math.MinInt64

// Orders is a batch of orders held as columns: the fast path of every
// analysis of orders. Strings (customer IDs, channels, SKUs, …) are
// numbers of a [Dict], times are Unix nanoseconds and amounts are int64
// minor units ([Amounts]), so that summing a million orders reads a few
// plain slices and an analysis keeps its per-customer or per-SKU state in
// slices indexed by the dictionaries' numbers.
//
// Row i of the order columns is the i-th order; its lines are rows
// LineStart[i] to LineStart[i+1]-1 of the line columns. A column of
// dictionary numbers holds -1 for an empty string (a guest order's
// customer, a line without a promotion).
//
// Readers fill batches directly; [Orders.Append] adds a [metrics.Order],
// and [Orders.Order] gives one back, equal to what was appended but for
// the times' locations, which are Location (UTC if nil). Batches that
// share their Dicts number strings alike, so the per-customer state of an
// analysis carries from one batch to the next.
//
// The zero Orders is an empty batch with no dictionaries; Append creates
// those it needs. Orders is not safe for concurrent use; the columns may
// be read concurrently once filled.
type Orders struct {
	// Dictionaries, shared by the batches that should number alike.
	CustomerIDs, Channels, Promotions, Carriers, Regions *Dict
	SKUs, Names, Categories                              *Dict

	Location *time.Location // the location of the times Order returns; UTC if nil

	// Order columns, one row per order.
	IDs        Strings
	Customer   []int32 // in CustomerIDs; -1 for a guest
	Placed     []int64 // Unix ns
	Paid       []int64 // Unix ns, NoTime if unset
	Shipped    []int64
	Delivered  []int64
	PromisedBy []int64
	Channel    []int32 // in Channels; -1 if none
	Status     []OrderStatus
	Currency   []uint8 // in Currencies
	Currencies []money.Currency
	Discount   Amounts
	Shipping   Amounts
	Tax        Amounts
	Promotion  []int32 // in Promotions; -1 if none
	Carrier    []int32 // in Carriers; -1 if none
	Region     []int32 // in Regions; -1 if none
	LineStart  []int32 // order i's lines are LineStart[i] … LineStart[i+1]-1; len = orders + 1 once an order is added

	// Line columns, one row per order line.
	SKU           []int32 // in SKUs; -1 if none
	Name          []int32 // in Names; -1 if none
	Category      []int32 // in Categories; -1 if none
	Quantity      []int64
	UnitPrice     Amounts
	LineDiscount  Amounts
	UnitCost      Amounts
	LinePromotion []int32 // in Promotions; -1 if none
}

// Len returns the number of orders.
func (o *Orders) Len() int { return len(o.Placed) }

// LineCount returns the number of order lines.
func (o *Orders) LineCount() int { return len(o.SKU) }

// Lines returns the rows of order i's lines in the line columns.
func (o *Orders) Lines(i int) (start, end int) { return int(o.LineStart[i]), int(o.LineStart[i+1]) }

// CurrencyOf returns order i's currency.
func (o *Orders) CurrencyOf(i int) money.Currency { return o.Currencies[o.Currency[i]] }

// Reset empties the batch, its list of currencies included, keeping its
// memory and its dictionaries.
func (o *Orders) Reset() {
	o.IDs.Reset()
	o.Customer, o.Placed = o.Customer[:0], o.Placed[:0]
	o.Paid, o.Shipped, o.Delivered, o.PromisedBy = o.Paid[:0], o.Shipped[:0], o.Delivered[:0], o.PromisedBy[:0]
	o.Channel, o.Status, o.Currency = o.Channel[:0], o.Status[:0], o.Currency[:0]
	o.Currencies = o.Currencies[:0]
	o.Discount.reset()
	o.Shipping.reset()
	o.Tax.reset()
	o.Promotion, o.Carrier, o.Region = o.Promotion[:0], o.Carrier[:0], o.Region[:0]
	o.LineStart = o.LineStart[:0]
	o.SKU, o.Name, o.Category, o.Quantity = o.SKU[:0], o.Name[:0], o.Category[:0], o.Quantity[:0]
	o.UnitPrice.reset()
	o.LineDiscount.reset()
	o.UnitCost.reset()
	o.LinePromotion = o.LinePromotion[:0]
}

// Append adds order x to the batch. It returns a *[ValidationError] naming
// the order, and adds nothing, if one of its times is set but outside the
// years 1678 to 2261, which Unix nanoseconds hold, if it would be the
// batch's 257th currency (start a new batch), or if its lines would take
// the batch past 2^31-1 lines.
func (o *Orders) Append(x Order) error {
	var times [5]int64
	for k, t := range [5]time.Time{x.PlacedAt, x.PaidAt, x.ShippedAt, x.DeliveredAt, x.PromisedBy} {
		v, ok := nanos(t)
		if !ok {
			return &ValidationError{OrderID: x.ID, Field: timeFields[k], Problem: "time outside the years 1678 to 2261"}
		}
		times[k] = v
	}
	if len(o.Currencies) == 256 && !slices.Contains(o.Currencies, x.Currency) {
		return &ValidationError{OrderID: x.ID, Field: "Currency", Problem: "more than 256 currencies in one batch"}
	}
	if int64(len(o.SKU))+int64(len(x.Lines)) > math.MaxInt32 {
		return &ValidationError{OrderID: x.ID, Field: "Lines", Problem: "more than 2^31-1 lines in one batch"}
	}
	o.Init()
	c := x.Currency
	o.IDs.Append(x.ID)
	o.Customer = append(o.Customer, index(o.CustomerIDs, x.CustomerID))
	o.Placed = append(o.Placed, times[0])
	o.Paid = append(o.Paid, times[1])
	o.Shipped = append(o.Shipped, times[2])
	o.Delivered = append(o.Delivered, times[3])
	o.PromisedBy = append(o.PromisedBy, times[4])
	o.Channel = append(o.Channel, index(o.Channels, x.Channel))
	o.Status = append(o.Status, x.Status)
	o.Currency = append(o.Currency, o.currencyCode(c))
	o.Discount.append(x.Discount, c)
	o.Shipping.append(x.Shipping, c)
	o.Tax.append(x.Tax, c)
	o.Promotion = append(o.Promotion, index(o.Promotions, x.Promotion))
	o.Carrier = append(o.Carrier, index(o.Carriers, x.Carrier))
	o.Region = append(o.Region, index(o.Regions, x.Region))
	for i := range x.Lines {
		l := &x.Lines[i]
		o.SKU = append(o.SKU, index(o.SKUs, l.SKU))
		o.Name = append(o.Name, index(o.Names, l.Name))
		o.Category = append(o.Category, index(o.Categories, l.Category))
		o.Quantity = append(o.Quantity, l.Quantity)
		o.UnitPrice.append(l.UnitPrice, c)
		o.LineDiscount.append(l.Discount, c)
		o.UnitCost.append(l.UnitCost, c)
		o.LinePromotion = append(o.LinePromotion, index(o.Promotions, l.Promotion))
	}
	o.LineStart = append(o.LineStart, int32(len(o.SKU)))
	return nil
}

var timeFields = [5]string{"PlacedAt", "PaidAt", "ShippedAt", "DeliveredAt", "PromisedBy"}

// Init creates the dictionaries the batch lacks, and the first entry of
// LineStart: what a reader filling the columns directly calls first.
func (o *Orders) Init() {
	for _, d := range []**Dict{&o.CustomerIDs, &o.Channels, &o.Promotions, &o.Carriers, &o.Regions, &o.SKUs, &o.Names, &o.Categories} {
		if *d == nil {
			*d = new(Dict)
		}
	}
	if len(o.LineStart) == 0 {
		o.LineStart = append(o.LineStart, 0)
	}
}

// currencyCode returns the index of c in o.Currencies, adding it.
func (o *Orders) currencyCode(c money.Currency) uint8 {
	for i, x := range o.Currencies {
		if x == c {
			return uint8(i)
		}
	}
	if len(o.Currencies) == 256 {
		panic("metrics: more than 256 currencies in one batch")
	}
	o.Currencies = append(o.Currencies, c)
	return uint8(len(o.Currencies) - 1)
}

// CurrencyCode returns the index of c in o.Currencies, adding it: what a
// reader filling the Currency column directly stores. It panics if c
// would be the 257th currency of the batch: such a reader starts a new
// batch when len(o.Currencies) is 256 and c is new.
func (o *Orders) CurrencyCode(c money.Currency) uint8 { return o.currencyCode(c) }

// index returns the number of s in d, or -1 for the empty string.
func index(d *Dict, s string) int32 {
	if s == "" {
		return -1
	}
	return d.Index(s)
}

// nanos returns t in Unix nanoseconds, NoTime for the zero time, and false
// if t is set but out of range.
func nanos(t time.Time) (int64, bool) {
	if t.IsZero() {
		return NoTime, true
	}
	s := t.Unix()
	if s <= math.MinInt64/1_000_000_000+1 || s >= math.MaxInt64/1_000_000_000-1 {
		return 0, false
	}
	return s*1e9 + int64(t.Nanosecond()), true
}

// Order returns order i as a [metrics.Order], its times in o.Location.
func (o *Orders) Order(i int) Order { return o.order(i, true) }

// order returns order i as Order does, without its strings of the
// dictionaries (customer, channel, SKUs, …) unless strs is set: what
// [Totals] reads needs none, and so no dictionary column is read.
func (o *Orders) order(i int, strs bool) Order {
	c := o.CurrencyOf(i)
	x := Order{
		ID:          o.IDs.At(i),
		PlacedAt:    o.time(o.Placed[i]),
		Status:      o.Status[i],
		Currency:    c,
		Discount:    o.Discount.At(i, c),
		Shipping:    o.Shipping.At(i, c),
		Tax:         o.Tax.At(i, c),
		PaidAt:      o.time(o.Paid[i]),
		ShippedAt:   o.time(o.Shipped[i]),
		DeliveredAt: o.time(o.Delivered[i]),
		PromisedBy:  o.time(o.PromisedBy[i]),
	}
	if strs {
		x.CustomerID = str(o.CustomerIDs, o.Customer[i])
		x.Channel = str(o.Channels, o.Channel[i])
		x.Promotion = str(o.Promotions, o.Promotion[i])
		x.Carrier = str(o.Carriers, o.Carrier[i])
		x.Region = str(o.Regions, o.Region[i])
	}
	s, e := o.Lines(i)
	if e > s {
		x.Lines = make([]Line, e-s)
	}
	for j := s; j < e; j++ {
		x.Lines[j-s] = Line{
			Quantity:  o.Quantity[j],
			UnitPrice: o.UnitPrice.At(j, c),
			Discount:  o.LineDiscount.At(j, c),
			UnitCost:  o.UnitCost.At(j, c),
		}
		if strs {
			l := &x.Lines[j-s]
			l.SKU = str(o.SKUs, o.SKU[j])
			l.Name = str(o.Names, o.Name[j])
			l.Category = str(o.Categories, o.Category[j])
			l.Promotion = str(o.Promotions, o.LinePromotion[j])
		}
	}
	return x
}

func (o *Orders) time(ns int64) time.Time {
	if ns == NoTime {
		return time.Time{}
	}
	loc := o.Location
	if loc == nil {
		loc = time.UTC
	}
	return time.Unix(0, ns).In(loc)
}

func str(d *Dict, i int32) string {
	if i < 0 {
		return ""
	}
	return d.String(i)
}
