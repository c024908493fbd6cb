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
	// factors: a mild winter high and 618. The festivals (11.11, 双12)
	// are promotions, in Demand but not in Season.
	Season []float64
	// Demand is the order-intensity factor of each day of the period
	// (mean 1): season × weekday × promotion effects, normalised. Day i
	// lasts Demand[i] days of demand time, the clock of the BG/NBD
	// process.
	Demand []float64
	// PeakDay is 11 November of the period's last year that holds the
	// whole 双十一 window (zero if none does), the busiest day of the
	// period, and PeakFactor its demand factor over an ordinary day of
	// the season (1 + Double11's FinalDayLift).
	PeakDay    time.Time
	PeakFactor float64

	// PercentOff and SpendSave are the true effects of 618 and of the
	// back-to-school 满300减40, in the first year of the period that holds
	// each (they do not repeat).
	PercentOff, SpendSave PromoTruth
	// Double11 and Double12 are 双十一 and 双12 of every year of the
	// period that holds the whole window, in time order. 双十一
	// ("D11-2025": 1–11 November, store-wide 满200减30) lifts demand by
	// 40 % over its first ten days and three-fold on 11.11, and pays
	// (ROISign +1); 双12 ("D12-2025": 10–12 December, 20 % off the whole
	// store, with large media spend) lifts demand by 30 % and two-fold on
	// 12.12, which raises net sales by about a fifth but not the gross
	// profit, and does not pay (ROISign −1). Neither has a post-dip, so
	// the four weeks before 双12 are clean sales: 双12 is measurable in a
	// review of December.
	Double11, Double12 []PromoTruth
	// Paying and Losing are the IDs of the promotions built to pay (ROI
	// above zero under package promo's full-cost convention: the
	// 双十一s) and to lose money (the 双12s).
	Paying, Losing []string

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
	// NewSKUs are the products launched in the last 90 days of the
	// period (in the whole period when it is shorter), each on its
	// Product.Launch day: they neither sell nor hold stock before it. The
	// other products were launched before the period.
	NewSKUs []string

	// LiveCAC is the cost per acquisition of the KOL / live-stream
	// channel (直播带货, "live"), as in Channels.
	LiveCAC money.Money

	// Fulfilment (履约). Every paid order is paid a few seconds to five
	// minutes after it is placed and promised for delivery PromisedHours
	// after payment. Its carrier ships it after a delay of the carrier's
	// median ShipHours (log-normal, σ 0.5), and delivery takes the
	// region's median TransitHours times the carrier's TransitFactor
	// (log-normal, σ 0.3). Customers live in one region each. Times after
	// the end of the period are left zero (not shipped or delivered yet);
	// cancelled orders are neither paid nor shipped.
	PromisedHours int
	Carriers      []CarrierTruth
	Regions       []RegionTruth
	// SlowCarrier is the carrier with the longest time to ship;
	// LateRegion the region with the lowest share of on-time deliveries.
	SlowCarrier, LateRegion string
	// A paid order delivered after its promise gets a ticket (reason
	// "delivery", opened after the promise) with LateTicketRate, on top of
	// the ordinary tickets, and each of its lines not returned otherwise
	// is returned with reason late_delivery with LateReturnRate.
	LateTicketRate, LateReturnRate float64

	// Attainment is the attainment (actual / target) built into each
	// target of the period, such as 0.96 for net sales.
	Attainment []TargetTruth

	// Profile is how the customers' attributes (Store.Profiles) were
	// drawn.
	Profile ProfileTruth
	// Competitors (竞争数据) are the two competitors whose prices of our
	// SKUs Store.CompetitorPrices holds, drawn from a random stream of
	// their own (the store's other data do not change with them), and
	// AboveMarket the SKUs they price so that ours are 10–15 % above the
	// market, by SKU.
	Competitors []CompetitorTruth
	AboveMarket []AboveMarketTruth
	// Suppliers are the suppliers whose purchase orders the receipts
	// deliver (see SupplierTruth); the stock-out prone SKUs are all the
	// slow one's, the last.
	Suppliers []SupplierTruth
	// Redesign is the detail page redesigned on the first day of the
	// calendar's last month, with its known uplift in view-to-cart.
	Redesign RedesignTruth
	// Loyalty is the membership programme and its points (会员与积分),
	// which [Generate] draws after the orders from a stream of its own;
	// [TruthOf] leaves its counts zero.
	Loyalty LoyaltyTruth
	// Campaigns are the CRM campaigns (精准营销), with Config.CRM: in a
	// period that ends on 31 December, a VIP coupon with a random holdout over 1–14 December
	// that pays, and an SMS without a holdout over 15–28 December that
	// does not ([CampaignTruth]); none otherwise.
	Campaigns []CampaignTruth
	// Affinity is the category pair bought together more than chance
	// (home → snacks), built into the baskets; see [AffinityTruth].
	Affinity AffinityTruth
}

// CarrierTruth is one carrier (快递公司).
type CarrierTruth struct {
	Name          string  // such as "SF Express"
	Share         float64 // share of shipped orders
	ShipHours     float64 // median hours from payment to shipping
	TransitFactor float64 // multiplies the region's transit time
}

// RegionTruth is one delivery region (a province).
type RegionTruth struct {
	Name         string  // such as "Guangdong"
	Share        float64 // share of customers
	TransitHours float64 // median hours from shipping to delivery
}

// ChannelTruth is one acquisition channel.
type ChannelTruth struct {
	Name  string      // search, ads, social, live (KOL / live-stream), direct
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
	// FinalDayLift, when not zero, replaces Lift on the window's last
	// day (the festival itself: 2.0 = three times an ordinary day).
	FinalDayLift float64
	// Percent is the store-wide share off the list price of a festival
	// that gives one (0.2 = 20 % off, line discounts rounded half-even to
	// the fen); Threshold and Save (CNY) those of a spend-save festival.
	Percent         float64
	Threshold, Save money.Money
	// FixedCost and MediaCost are the promotion's recorded costs.
	FixedCost, MediaCost money.Money
	// ROISign is +1 for a promotion built to pay (ROI > 0), −1 for one
	// built to lose money, 0 when not stated.
	ROISign int
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

// LiveChannel is the channel key of KOL / live-stream selling (直播带货).
const LiveChannel = "live"

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
			{Name: "search", Share: 0.31, CAC: cur.FromMinor(4500)},
			{Name: "ads", Share: 0.27, CAC: cur.FromMinor(6800)},
			{Name: "social", Share: 0.18, CAC: cur.FromMinor(5200)},
			{Name: LiveChannel, Share: 0.12, CAC: cur.FromMinor(8800)},
			{Name: "direct", Share: 0.12, CAC: cur.Zero()},
		},
		LiveCAC:       cur.FromMinor(8800),
		PromisedHours: 72,
		Carriers: []CarrierTruth{
			{Name: "SF Express", Share: 0.25, ShipHours: 8, TransitFactor: 0.75},
			{Name: "JD Logistics", Share: 0.15, ShipHours: 10, TransitFactor: 0.8},
			{Name: "ZTO", Share: 0.35, ShipHours: 14, TransitFactor: 1},
			{Name: "YTO", Share: 0.25, ShipHours: 26, TransitFactor: 1},
		},
		Regions: []RegionTruth{
			{Name: "Zhejiang", Share: 0.15, TransitHours: 20},
			{Name: "Shanghai", Share: 0.12, TransitHours: 22},
			{Name: "Jiangsu", Share: 0.13, TransitHours: 24},
			{Name: "Guangdong", Share: 0.20, TransitHours: 30},
			{Name: "Beijing", Share: 0.12, TransitHours: 30},
			{Name: "Hubei", Share: 0.10, TransitHours: 28},
			{Name: "Sichuan", Share: 0.10, TransitHours: 34},
			{Name: "Xinjiang", Share: 0.08, TransitHours: 70},
		},
		SlowCarrier:    "YTO",
		LateRegion:     "Xinjiang",
		LateTicketRate: 0.3,
		LateReturnRate: 0.04,
		MobileShare:    0.72,
		WeekendUplift:  0.25,
		PeakFactor:     3.0,
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
		Affinity: defaultAffinity(),
	}
}
