package sample

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Truth holds the true parameters the demo store was drawn from, for tests
// that check an estimator recovers them. Rates are probabilities in [0, 1];
// money is CNY.
type Truth struct {
	// Repeat purchasing follows BG/NBD (Fader, Hardie and Lee 2005) with
	// the time unit one day of demand time (calendar time warped by the
	// daily demand factor, so a year of demand time is a calendar year):
	// each customer's purchase rate λ ~ Gamma(shape R, rate Alpha) and
	// dropout probability after each repeat purchase p ~ Beta(A, B). The
	// first order is the acquisition, at time 0 of the customer.
	R, Alpha, A, B float64
	// Spend per order follows Gamma-Gamma (Fader, Hardie and Lee 2005):
	// each customer's ν ~ Gamma(shape Q, rate Gamma), and each order's
	// target value z ~ Gamma(shape P, rate ν), in CNY. Baskets are filled
	// with whole items up to the target, so an order's gross value is z
	// within about half an item's price.
	P, Q, Gamma float64

	// Channels lists the acquisition channels with their share of new
	// customers and their cost per acquisition.
	Channels []ChannelTruth
	// MobileShare is the share of customers and sessions on mobile; the
	// rest are on desktop.
	MobileShare float64

	// WeekendUplift is the extra demand on Saturdays and Sundays: 0.25
	// means weekend days sell 25 % more than weekdays of the same season.
	WeekendUplift float64
	// Season is the seasonal demand factor of each day of the period
	// (index 0 is the first day), without the weekday and promotion
	// factors. It peaks on 11.11.
	Season []float64
	// Demand is the order-intensity factor of each day of the period
	// (mean 1): season × weekday × promotion effects, normalised. Day i
	// lasts Demand[i] days of demand time, the clock of the BG/NBD
	// process.
	Demand []float64
	// PeakDay is 11 November of the period's first year (zero if the
	// period misses it) and PeakFactor its seasonal factor.
	PeakDay    time.Time
	PeakFactor float64

	// PercentOff and SpendSave are the two promotions' true effects.
	PercentOff, SpendSave PromoTruth

	// CancelRate is the share of orders cancelled before fulfilment.
	CancelRate float64
	// ReturnRates is the probability that a line of a paid order is
	// returned, per category; ProblemSKUs are returned at
	// ProblemReturnRate, mostly as "not as described".
	ReturnRates       []CategoryRate
	ProblemSKUs       []string
	ProblemReturnRate float64
	// ReturnReasons lists the canonical return reasons with their shares
	// among returns of ordinary SKUs and the free texts that stand for
	// them in refunds.
	ReturnReasons []ReasonTruth
	// RefundDays is the range of days between an order and its refund.
	RefundDays [2]int

	// Traffic. A browse session (one without a purchase) bounces with
	// BounceRate (a single page view); otherwise it adds to cart with
	// AddToCartRate and a cart goes to checkout with CheckoutRate.
	// BrowseSessionsPerOrder is the mean number of browse sessions per
	// order of the day, and CustomerBrowseShare the share of browse
	// sessions made by existing customers (the rest are anonymous
	// visitors, some of whom come back).
	BounceRate, AddToCartRate, CheckoutRate     float64
	BrowseSessionsPerOrder, CustomerBrowseShare float64

	// Customer service: tickets per paid order and per refund, the
	// channels with their shares and their share of first responses within
	// one hour, the resolution and reopen rates, the share of resolved
	// tickets that carry a score, and the share of scores 4–5 (CSAT) when
	// the first response came within the hour or later.
	TicketsPerOrder, TicketsPerRefund float64
	TicketChannels                    []TicketChannelTruth
	ResolveRate, ReopenRate           float64
	ScoreRate, CSATFast, CSATSlow     float64

	// Inventory: SKUs replenished late (run out now and then), slow movers
	// and dead stock.
	StockoutSKUs, SlowSKUs, DeadSKUs []string

	// Attainment is the attainment (actual / target) built into each
	// target of the period, such as 0.96 for net sales.
	Attainment []TargetTruth
}

// ChannelTruth is one acquisition channel.
type ChannelTruth struct {
	Name  string      // search, ads, social, direct
	Share float64     // share of new customers
	CAC   money.Money // expected marketing spend per new customer; zero for direct
}

// PromoTruth is the true effect of one promotion. Lift is the relative
// rise of demand for the items in scope during the window (0.8 = +80 %),
// Cannibalization the relative fall of the other SKUs of the same
// category during the window, PostDip the relative fall of the items in
// scope over the PostDays after the window (pull-forward).
type PromoTruth struct {
	ID              string
	Window          metrics.Period
	SKUs            []string // for a SKU-level promotion; nil for a store-wide one
	Category        string   // the category of SKUs; "" for a store-wide one
	Lift            float64
	Cannibalization float64
	PostDip         float64
	PostDays        int
	// TopUpRate is, for spend-save, the probability that a customer whose
	// basket falls short of the threshold by less than 15 % tops it up.
	TopUpRate float64
}

// CategoryRate is a rate per category.
type CategoryRate struct {
	Category string
	Rate     float64
}

// ReasonTruth is one canonical return reason.
type ReasonTruth struct {
	Reason   string   // size_fit, not_as_described, damaged, late_delivery, changed_mind, other
	Share    float64  // share among returns of ordinary SKUs
	Texts    []string // free texts written in refunds for this reason
	Restocks bool     // returned units go back to stock
}

// TicketChannelTruth is one customer-service channel.
type TicketChannelTruth struct {
	Channel    string  // chat, phone, email
	Share      float64 // share of tickets
	WithinHour float64 // share of first responses within one hour
}

// TargetTruth is the attainment built into the target of one metric.
type TargetTruth struct {
	Metric     string
	Attainment float64
}

// ReturnRate returns the true line return rate of category c, or 0.
func (t *Truth) ReturnRate(c string) float64 {
	for _, r := range t.ReturnRates {
		if r.Category == c {
			return r.Rate
		}
	}
	return 0
}

// WithinHour returns the expected share of tickets answered within one
// hour, over all channels.
func (t *Truth) WithinHour() float64 {
	s := 0.0
	for _, c := range t.TicketChannels {
		s += c.Share * c.WithinHour
	}
	return s
}

// CanonicalReason returns the canonical reason for a free text written in
// the demo's refunds, and false if text is not one of them.
func (t *Truth) CanonicalReason(text string) (string, bool) {
	for _, r := range t.ReturnReasons {
		for _, x := range r.Texts {
			if x == text {
				return r.Reason, true
			}
		}
	}
	return "", false
}

func defaultTruth(cur money.Currency) Truth {
	return Truth{
		// Repeat rate about 4.6 purchases a year while alive, a customer
		// drops out after about four repeat purchases on average.
		R: 0.75, Alpha: 60, A: 0.8, B: 3.2,
		// Mean order value p·γ/(q−1) = 6 × 85 / 2.5 = 204 CNY.
		P: 6, Q: 3.5, Gamma: 85,
		Channels: []ChannelTruth{
			{Name: "search", Share: 0.35, CAC: cur.FromMinor(4500)},
			{Name: "ads", Share: 0.30, CAC: cur.FromMinor(6800)},
			{Name: "social", Share: 0.20, CAC: cur.FromMinor(5200)},
			{Name: "direct", Share: 0.15, CAC: cur.Zero()},
		},
		MobileShare:   0.72,
		WeekendUplift: 0.25,
		PeakFactor:    3.0,
		PercentOff: PromoTruth{ID: "P618-15OFF", Category: "beauty",
			Lift: 0.8, Cannibalization: 0.25, PostDip: 0.3, PostDays: 14},
		SpendSave: PromoTruth{ID: "MJ300-40",
			Lift: 0.2, PostDip: 0.1, PostDays: 14, TopUpRate: 0.5},
		CancelRate: 0.03,
		ReturnRates: []CategoryRate{
			{"apparel", 0.08}, {"shoes", 0.06}, {"beauty", 0.02},
			{"home", 0.03}, {"electronics", 0.04}, {"snacks", 0.01},
		},
		ProblemReturnRate: 0.25,
		ReturnReasons: []ReasonTruth{
			{Reason: "size_fit", Share: 0.30, Restocks: true, Texts: []string{"尺码不合适", "尺码偏小", "大了一码", "size too small", "doesn't fit"}},
			{Reason: "not_as_described", Share: 0.20, Restocks: true, Texts: []string{"与描述不符", "颜色与图片不符", "not as described", "材质和介绍不一样"}},
			{Reason: "damaged", Share: 0.12, Texts: []string{"商品破损", "收到时已损坏", "arrived damaged", "有划痕"}},
			{Reason: "late_delivery", Share: 0.08, Restocks: true, Texts: []string{"物流太慢", "发货太慢", "late delivery"}},
			{Reason: "changed_mind", Share: 0.22, Restocks: true, Texts: []string{"不想要了", "七天无理由退货", "changed my mind", "拍错了"}},
			{Reason: "other", Share: 0.08, Restocks: true, Texts: []string{"其他", "other", ""}},
		},
		RefundDays:             [2]int{2, 15},
		BounceRate:             0.45,
		AddToCartRate:          0.30,
		CheckoutRate:           0.40,
		BrowseSessionsPerOrder: 10,
		CustomerBrowseShare:    0.25,
		TicketsPerOrder:        0.06,
		TicketsPerRefund:       0.5,
		TicketChannels: []TicketChannelTruth{
			{Channel: "chat", Share: 0.60, WithinHour: 0.92},
			{Channel: "phone", Share: 0.15, WithinHour: 0.97},
			{Channel: "email", Share: 0.25, WithinHour: 0.35},
		},
		ResolveRate: 0.90,
		ReopenRate:  0.05,
		ScoreRate:   0.40,
		CSATFast:    0.85,
		CSATSlow:    0.60,
		Attainment: []TargetTruth{
			{"net_sales", 0.96}, {"orders", 1.02}, {"aov", 0.94},
			{"new_customers", 1.08}, {"conversion_rate", 0.97},
		},
	}
}
