package report

import (
	"fmt"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// SchemaVersion is the version of the JSON form of a [Review] written by
// report/render's JSON renderer. It changes when a field is renamed or removed or its meaning
// changes; adding a field does not change it. Version 2: a promotion's
// "profit" is a value, undefined when costs are missing, where version 1
// wrote money that counted units without a unit cost at no cost; the
// KPIs repeat_30d, repeat_60d and repeat_90d are the rates of the
// customers whose window closed in the period (RepeatWindow.Closed),
// where version 1 had the pooled rates of all customers.
const SchemaVersion = 2

// Review is a store operations review (店铺运营总结) for one period: plain,
// language-free data, computed first by [Build] and rendered second, in
// any language, by package report/render.
//
// Each section is a pointer that is nil when its inputs are missing; the
// reason is then listed in Omitted and renderers print it as a one-line
// note, never as zeros. Findings hold what the rules concluded from the
// sections (see [Evaluate]).
type Review struct {
	Store    string         `json:"store"`    // the store's name, from data: escaped when rendered
	Period   metrics.Period `json:"period"`   // the period reviewed
	Previous metrics.Period `json:"previous"` // the period compared with (环比)
	YearAgo  metrics.Period `json:"year_ago"` // the same period last year (同比)
	Currency money.Currency `json:"currency"` // the currency of every amount

	Overview   *Overview   `json:"overview"`         // 1. 总体概览
	Traffic    *Traffic    `json:"traffic"`          // 2. 流量与转化
	Products   *Products   `json:"products"`         // 3. 商品与库存
	Promotions *Promotions `json:"promotions"`       // 4. 促销活动
	Customers  *Customers  `json:"customers"`        // 5. 客户与复购
	Service    *Service    `json:"service"`          // 6. 客户服务与退换货
	Channels   *Channels   `json:"channels"`         // 渠道与投放, shown after traffic
	Fulfilment *Fulfilment `json:"fulfilment"`       // 物流与履约, shown after service
	Plan       *Plan       `json:"plan"`             // 未来规划与目标, shown last
	Market     *Market     `json:"market,omitempty"` // 市场与竞争, shown after products when competitor prices are given

	// The optional parts below appear only when their data is given; each
	// is shown within the section named beside it, and its notes are
	// that section's.
	DetailPages *DetailPages `json:"detail_pages,omitempty"` // 详情页转化, in products
	Categories  *Categories  `json:"categories,omitempty"`   // 品类渗透与交叉购买, in products
	Suppliers   *Suppliers   `json:"suppliers,omitempty"`    // 供应商, in products
	Campaigns   *Campaigns   `json:"campaigns,omitempty"`    // 精准营销, in promotions
	Profile     *Profile     `json:"profile,omitempty"`      // 用户画像, in customers
	Membership  *Membership  `json:"membership,omitempty"`   // 会员与积分, in customers

	Findings []Finding  `json:"findings"` // 7. 问题与建议, from the rules
	Omitted  []Omission `json:"omitted"`  // the sections left out and why
	// Notes are the parts of sections that could not be computed, such as
	// a CLV forecast whose model did not converge: each says what is
	// missing and why, so that no number is silently absent.
	Notes []Note `json:"notes,omitempty"`
}

// Note records a part of a section that could not be computed (the
// section is there, the part is not, and the note says why), or records
// that the review left out, such as orders in another currency than the
// review's.
type Note struct {
	Section Section `json:"section"`
	Key     string  `json:"key"` // what is missing, a display-name key such as "reorder" or "predicted_clv"
	// Reason is the error that stopped a part not computed (in English,
	// as Go errors are), or, for data left out, the data that says which
	// (a file name, a currency and the first order IDs), in no language.
	Reason string `json:"reason"`
	// LeftOut is the number of records the review left out, for a note of
	// data not counted; 0 for a part not computed.
	LeftOut int64 `json:"left_out,omitempty"`
	// Count is, for a part not computed for want of some records, how
	// many: the units of a "roi_no_cost" or "net_roi_no_cost" note, the
	// orders of a "campaign_no_cost" note, all sold without a unit cost.
	// 0 otherwise.
	Count int64 `json:"count,omitempty"`
	// Cause is the kind of the error of a part not computed, as a
	// display-name key, when it is of a kind the review knows (a model
	// that did not converge, a history too short, no customers to fit:
	// see [NoteCauses]), so that a renderer can say it in its reader's
	// language; Reason keeps the error's text. Empty otherwise.
	Cause string `json:"cause,omitempty"`
}

// NotesOf returns the notes of section s, in the order they were made.
func (r *Review) NotesOf(s Section) []Note {
	var out []Note
	for _, n := range r.Notes {
		if n.Section == s {
			out = append(out, n)
		}
	}
	return out
}

// Section names one part of the review.
type Section uint8

const (
	SectionOverview Section = iota + 1
	SectionTraffic
	SectionProducts
	SectionPromotions
	SectionCustomers
	SectionService
	SectionFindings
	SectionChannels
	SectionFulfilment
	SectionPlan
	SectionMarket
)

var sectionNames = [...]string{"", "overview", "traffic", "products", "promotions", "customers", "service", "findings", "channels", "fulfilment", "plan", "market"}

// Sections returns the sections in the order of the review.
func Sections() []Section {
	return []Section{SectionOverview, SectionTraffic, SectionChannels, SectionProducts, SectionMarket, SectionPromotions, SectionCustomers, SectionService, SectionFulfilment, SectionFindings, SectionPlan}
}

// ParseSection returns the section whose key is s, as written by
// [Section.String].
func ParseSection(s string) (Section, bool) {
	for i, n := range sectionNames {
		if i > 0 && n == s {
			return Section(i), true
		}
	}
	return 0, false
}

// String returns the section's key as written in JSON, such as "traffic".
func (s Section) String() string {
	if int(s) < len(sectionNames) && s != 0 {
		return sectionNames[s]
	}
	return "section?"
}

// MarshalText implements encoding.TextMarshaler with [Section.String].
func (s Section) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with [ParseSection].
func (s *Section) UnmarshalText(b []byte) error {
	v, ok := ParseSection(string(b))
	if !ok {
		return fmt.Errorf("report: unknown section %q", b)
	}
	*s = v
	return nil
}

// Omission records a section left out of a review and the input it lacked.
type Omission struct {
	Section Section `json:"section"`
	Missing string  `json:"missing"` // the input that is missing: orders, events, inventory, promotions, tickets or spend
}

// Overview is section 1 (总体概览): the headline KPIs and what drove the
// change in sales.
type Overview struct {
	// KPIs in the order they are shown, with the keys net_sales, orders,
	// aov, spend_per_buyer, gross_margin, new_customers, cac, ltv and
	// ltv_cac when their inputs exist.
	KPIs []KPI `json:"kpis"`
	// Decomposition splits the change in net sales into visitors ×
	// conversion × spend per buyer; nil without events.
	Decomposition *Decomposition `json:"decomposition"`
	// Daily is net sales per day of the period with a trailing 7-day
	// average, for the sales trend chart.
	Daily []Day `json:"daily"`
}

// Day is one day of the sales trend.
type Day struct {
	Date     time.Time     `json:"date"`
	NetSales money.Money   `json:"net_sales"`
	Avg7     metrics.Value `json:"avg7"` // mean of the 7 days ending on Date, days before the period included; undefined when the data does not reach back to the first of them
	// Orders is the number of non-cancelled orders placed that day.
	Orders int64 `json:"orders"`
	// Visitors is the number of users with an event that day, a count;
	// undefined without events. A visitor of two days counts on each.
	Visitors metrics.Value `json:"visitors"`
}

// Decomposition attributes the change in net sales between the previous
// period and this one to its three factors, 访客数 × 转化率 × 客单价, with
// the log (LMDI) method: the effects add up to the change.
type Decomposition struct {
	Factors []Factor      `json:"factors"` // visitors, conversion, spend_per_buyer
	Change  metrics.Value `json:"change"`  // net sales change, money
	Driver  string        `json:"driver"`  // the key of the factor with the largest absolute effect
}

// Factor is one factor of a [Decomposition].
type Factor struct {
	Key      string        `json:"key"` // visitors, conversion or spend_per_buyer
	Previous metrics.Value `json:"previous"`
	Current  metrics.Value `json:"current"`
	Effect   metrics.Value `json:"effect"` // money: its share of the change in net sales
}

// Traffic is section 2 (流量与转化).
type Traffic struct {
	KPIs    []KPI       `json:"kpis"`    // visitors, conversion, sessions, bounce_rate, pages_per_session (page views / sessions, a number)
	Sources []Breakdown `json:"sources"` // visitors and sessions by traffic source
	Devices []Breakdown `json:"devices"` // visitors and sessions by device
	Funnel  []Step      `json:"funnel"`  // the funnel's steps in order
	// LargestLoss is the index in Funnel of the step that loses the most
	// users relative to the step before, or -1.
	LargestLoss int `json:"largest_loss"`

	// The definitions the page states (issue 17: traffic and funnel
	// honesty).

	// Buyers is the number of paying buyers of the period (customers with
	// a non-cancelled order), the numerator of conversion_rate (paying
	// buyers / visitors). The funnel's last step counts users differently
	// (a purchase event within FunnelWindow of a first-step event, cancelled
	// orders included), so its overall rate is a second, named rate.
	Buyers int64 `json:"buyers"`
	// FunnelWindow is the funnel's conversion window.
	FunnelWindow time.Duration `json:"funnel_window"`
	// Attribution is the model that attributes each buyer to one source in
	// Sources: "last_non_direct" or "first_touch" (see [Attribution]).
	Attribution string `json:"attribution"`
	// AttributionDays is the attribution's look-back window in days.
	AttributionDays int `json:"attribution_days"`
	// AttributionAfterPurchase is how long after an earlier purchase
	// the events are still that purchase's (Attribution.AfterPurchase).
	AttributionAfterPurchase time.Duration `json:"attribution_after_purchase"`
	// BounceRule is the bounce rule of bounce_rate: "one_page" (one page
	// view and no purchase) or "not_engaged" (GA4's engaged sessions).
	BounceRule string `json:"bounce_rule"`

	// TimeToConvert is the distribution of the buyers' time from their
	// first event within the attribution's look-back window to their
	// first purchase of the period (issue 21); nil without buyers.
	TimeToConvert *TimeToConvert `json:"time_to_convert,omitempty"`
}

// Breakdown is one row of traffic by a dimension such as source or device.
type Breakdown struct {
	Name     string        `json:"name"` // from data: escaped when rendered
	Visitors int64         `json:"visitors"`
	Sessions metrics.Value `json:"sessions"` // a count, undefined when sessions are unknown
	// Share is Visitors / all visitors: a share of visitors, and a visitor
	// can have several sources or devices, so shares may add up to more
	// than 100 %.
	Share metrics.Ratio `json:"share"`
	// Conversion is, for sources, Buyers / Visitors; for devices, the
	// visitors of the device who bought / Visitors. Undefined when unknown.
	Conversion metrics.Ratio `json:"conversion"`

	// Issue 17: attributed buyers (sources only).

	// Buyers is the number of buyers attributed to the source, one source
	// per buyer (see [Attribution]); 0 for devices.
	Buyers int64 `json:"buyers,omitempty"`
	// BuyerShare is Buyers / the period's buyers: the sources' shares add
	// up to 100 %. Undefined for devices.
	BuyerShare metrics.Ratio `json:"buyer_share"`
}

// Step is one funnel step.
type Step struct {
	Name           string        `json:"name"` // from data: escaped when rendered
	Users          int64         `json:"users"`
	StepConversion metrics.Ratio `json:"step_conversion"` // Users / previous step's users; undefined for the first step
	Overall        metrics.Ratio `json:"overall"`         // Users / first step's users
	UsualDropOff   metrics.Ratio `json:"usual_drop_off"`  // the step's drop-off in the previous period, undefined if unknown
	MedianTime     metrics.Value `json:"median_time"`     // duration from the first step, undefined when unknown
	P90Time        metrics.Value `json:"p90_time"`
}

// DropOff returns 1 − step conversion, undefined for the first step.
func (s Step) DropOff() metrics.Ratio {
	if !s.StepConversion.Defined() {
		return metrics.Ratio{}
	}
	return metrics.NewRatio(s.StepConversion.Den()-s.StepConversion.Num(), s.StepConversion.Den())
}

// Products is section 3 (商品与库存).
type Products struct {
	TopSellers  []Product     `json:"top_sellers"`  // by net sales, with their share
	NewProducts []Product     `json:"new_products"` // products launched in the last 90 days of the period (METRICS.md "New product"; see Input.Items' Launch)
	Categories  []CategoryRow `json:"categories"`   // net sales and margin by category
	// KPIs: inventory_value, turnover, dio, stockout_rate, and (issue 21)
	// sell_through (售罄率: units sold / (opening units + units received),
	// a share), gmroi (毛利回报率: gross profit / average inventory at
	// cost, a multiple) and lost_sales (缺货损失: see [LostSale], the sum
	// over SKUs, money), each undefined when its denominator is zero.
	KPIs       []KPI         `json:"kpis"`
	SlowMovers []StockItem   `json:"slow_movers"` // slow-moving and dead stock, largest value first
	SlowValue  metrics.Value `json:"slow_value"`  // value at cost of slow and dead stock
	SlowShare  metrics.Ratio `json:"slow_share"`  // SlowValue / inventory value
	Classes    []Class       `json:"classes"`     // the ABC×XYZ matrix, one cell per class pair
	Pareto     []ParetoPoint `json:"pareto"`      // the ABC curve, SKUs by sales descending
	StockOutsA []StockOut    `json:"stockouts_a"` // A items that ran out in the period
	Reorder    []ReorderItem `json:"reorder"`     // SKUs at or below their reorder point

	// Issue 21: stock aging and the sales lost to stock-outs.

	// Aging splits the units on hand at the last snapshot by days since
	// they were received, first in first out (the units on hand taken to
	// be those of the latest receipts), valued at their receipts' unit
	// cost; units no receipt accounts for are "unknown". Nil without
	// receipts.
	Aging []AgeRow `json:"aging,omitempty"`
	// LostSales are the SKUs with sales lost to stock-outs, the largest
	// first, at most Config.TopN.
	LostSales []LostSale `json:"lost_sales,omitempty"`

	// Issue 17 (numbers): partial data.

	// NoStock says the stock parts (KPIs, SlowMovers, SlowValue,
	// SlowShare, StockOutsA, Reorder) were not computed, for want of
	// inventory snapshots; the sales parts come from the orders alone.
	NoStock bool `json:"no_stock,omitempty"`
	// NoSales says the parts built on the stock's sales (the KPIs
	// turnover, days of inventory, sell-through, GMROI and lost sales,
	// then SlowMovers, SlowValue, SlowShare, Classes, Pareto, StockOutsA,
	// LostSales and Reorder) were not computed, for want of orders: the
	// stock's sales are not known, and read as none they would make all of
	// it slow. Its levels (value, stock-out rate, Aging) come from the
	// snapshots and receipts alone.
	NoSales bool `json:"no_sales,omitempty"`
}

// AgeRow is one age bucket of the stock on hand: received MinDays to
// MaxDays days before the last snapshot (MaxDays −1: no bound), or of
// unknown age. Share is Cost / the cost of all buckets, undefined when
// that is zero.
type AgeRow struct {
	Label   string        `json:"label"` // "0-30", ">180" or "unknown"
	MinDays int           `json:"min_days"`
	MaxDays int           `json:"max_days"`
	Unknown bool          `json:"unknown,omitempty"`
	Units   int64         `json:"units"`
	Cost    money.Money   `json:"cost"`
	Share   metrics.Ratio `json:"share"`
}

// LostSale estimates a SKU's sales lost to stock-outs in the period
// (inventory.SKUMetrics.LostUnits and LostRevenue): the units and the
// revenue sold per in-stock day of the period (a day whose snapshot
// shows stock) × the stock-out days (days whose snapshot shows none).
// It is an estimate that assumes demand on stock-out days equals demand
// on in-stock days of the same period, at the same prices.
type LostSale struct {
	SKU          string        `json:"sku"`
	Name         string        `json:"name"` // from data
	StockoutDays int64         `json:"stockout_days"`
	Units        metrics.Value `json:"units"`   // a number (an estimate, not whole units)
	Revenue      money.Money   `json:"revenue"` // rounded to the minor unit
}

// Product is one product's sales in the period.
type Product struct {
	SKU      string        `json:"sku"`      // from data
	Name     string        `json:"name"`     // from data
	Category string        `json:"category"` // from data
	Units    int64         `json:"units"`
	NetSales money.Money   `json:"net_sales"`
	Share    metrics.Ratio `json:"share"` // of all net sales
	Class    string        `json:"class"` // ABC×XYZ class such as "AX", "" when unknown
}

// CategoryRow is one category's sales and margin.
type CategoryRow struct {
	Category string      `json:"category"` // from data
	NetSales money.Money `json:"net_sales"`
	// GrossProfit and Margin are undefined when some of the category's
	// sales have no unit cost (see the overview's "margin_no_cost" note).
	GrossProfit metrics.Value `json:"gross_profit"`
	Margin      metrics.Ratio `json:"margin"`
}

// StockItem is one slow-moving or dead SKU.
type StockItem struct {
	SKU          string        `json:"sku"`
	Name         string        `json:"name"` // from data
	OnHand       int64         `json:"on_hand"`
	Value        money.Money   `json:"value"`          // on hand × unit cost: the cash tied up
	DaysOfSupply metrics.Value `json:"days_of_supply"` // days, undefined without sales
	Dead         bool          `json:"dead"`           // no sale in the 90 days to the period's end; false when the data does not reach back that far
}

// Class is one cell of the ABC×XYZ matrix.
type Class struct {
	ABC      string      `json:"abc"`
	XYZ      string      `json:"xyz"` // "A".."C", "X".."Z"
	SKUs     int64       `json:"skus"`
	NetSales money.Money `json:"net_sales"` // the SKUs' sales after discounts, before returns (the ABC value)
}

// ParetoPoint is one point of the ABC curve: the share of sales made by the
// top share of SKUs.
type ParetoPoint struct {
	SKUShare   float64 `json:"sku_share"`
	SalesShare float64 `json:"sales_share"` // in [0, 1]
}

// StockOut is an A item that was out of stock.
type StockOut struct {
	SKU  string        `json:"sku"`
	Name string        `json:"name"` // from data
	Days int64         `json:"days"` // days with nothing on hand
	Rate metrics.Ratio `json:"rate"`
	// LostSales estimates the sales lost to the stock-out
	// (inventory's LostRevenue): the SKU's sales per in-stock day times
	// its days out, rounded to the minor unit; zero when it had no
	// in-stock day to estimate from.
	LostSales money.Money `json:"lost_sales"`
}

// ReorderItem is one line of the reorder list.
type ReorderItem struct {
	SKU          string `json:"sku"`
	Name         string `json:"name"` // from data
	OnHand       int64  `json:"on_hand"`
	ReorderPoint int64  `json:"reorder_point"`
	Quantity     int64  `json:"quantity"` // suggested order quantity
}

// Promotions is section 4 (促销活动).
type Promotions struct {
	Items []PromotionResult `json:"items"`
	// Unmeasured lists the promotions of the period the data cannot
	// measure, such as one without four weeks of sales before it.
	Unmeasured []Unmeasured   `json:"unmeasured"`
	Weekday    []WeekdaySales `json:"weekday"` // the weekday pattern, Monday first
	// Weekend is the weekend effect of the store's daily net sales over
	// the period (issue 21); nil when the period has no weekend day or
	// no weekday, or its days are not all in the data (a note says why).
	Weekend *WeekendEffect `json:"weekend,omitempty"`
}

// WeekendEffect compares the store's mean daily net sales on Saturdays and
// Sundays with Monday to Friday over the whole days of the period
// (promo.Ledger.DayOfWeek on the whole store). Its net sales are the
// promotion analysis': by order day, after discounts, before refunds, so
// its means differ from the weekday pattern's ([WeekdaySales], which
// deducts refunds on the day they are paid).
//
// Ratio is WeekendMean / WeekdayMean, a multiple (1.20 means weekend days
// sell 20 % more than weekdays); it is undefined when the weekdays sold
// nothing. Low and High are its confidence interval at Level by the delta
// method on the log ratio (Welch-style, the fewer degrees of freedom of
// the two groups of days), undefined with fewer than two days in a group
// or a mean that is not above zero. Verdict reads the interval alone,
// never the point ratio: "weekend_higher" when the whole interval lies
// above 1, "weekend_lower" when below 1, "no_difference" when it contains
// 1, and "undetermined" without an interval.
type WeekendEffect struct {
	WeekendMean money.Money   `json:"weekend_mean"` // mean daily net sales of Saturdays and Sundays
	WeekdayMean money.Money   `json:"weekday_mean"` // mean daily net sales of Monday to Friday
	Ratio       metrics.Ratio `json:"ratio"`
	Low         metrics.Value `json:"low"`  // a multiple, undefined without an interval
	High        metrics.Value `json:"high"` // a multiple, undefined without an interval
	Level       float64       `json:"level"`
	Verdict     string        `json:"verdict"`
}

// PromotionResult is one promotion's evaluation.
type PromotionResult struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"` // from data
	Window      metrics.Period `json:"-"`
	Actual      money.Money    `json:"actual"`      // sales of promoted items in the window
	Baseline    money.Money    `json:"baseline"`    // what they would have sold without it
	Incremental money.Money    `json:"incremental"` // Actual − Baseline
	// Profit is what the promotion earned (or lost, when negative): its
	// incremental gross profit less its fixed and media costs, the
	// numerator of ROI (promo.ROI), money. It is undefined when
	// CostMissing is not zero (the gross profit of the units sold without
	// a unit cost would be their whole net sales), when the fixed and
	// media costs are not recorded (promo.Promotion.CostUnknown), or
	// when the lift or the costs cannot be subtracted (other currencies).
	Profit          metrics.Value `json:"profit"`
	Lift            metrics.Ratio `json:"lift"`    // Incremental / Baseline
	ROI             metrics.Ratio `json:"roi"`     // ROI as shopmetrics defines it, on the lift
	NetROI          metrics.Ratio `json:"net_roi"` // ROI after the side effects measured (cannibalization, halo, pull-forward: one not measured is left out, and undefined below); undefined when none was measured
	ROILow          metrics.Value `json:"roi_low"`
	ROIHigh         metrics.Value `json:"roi_high"`        // the interval of ROI, undefined if not estimated
	Cannibalization metrics.Value `json:"cannibalization"` // money, undefined if not measured
	Halo            metrics.Value `json:"halo"`
	PullForward     metrics.Value `json:"pull_forward"`
	// CannibalizationCause, HaloCause and PullForwardCause say why the
	// side effect is undefined, as a cause key of [NoteCauses]
	// (promo.Effect.Why): "cause_no_category", "cause_no_rivals",
	// "cause_whole_store", "cause_no_post_window" or
	// "cause_post_overlap"; empty when it is measured.
	CannibalizationCause string `json:"cannibalization_cause,omitempty"`
	HaloCause            string `json:"halo_cause,omitempty"`
	PullForwardCause     string `json:"pull_forward_cause,omitempty"`
	// PostOverlaps names the other promotions (by ID) and the CRM
	// campaigns whose windows touch the post-window (promo.Result's):
	// the pull-forward is then not measured, since the days after the
	// promotion carry their effect, and a "pull_forward_overlap" note
	// says so.
	PostOverlaps []string `json:"post_overlaps,omitempty"`
	// Verdict (结论) is "pays" or "does_not_pay" when the whole ROI
	// interval lies above or below zero, and "inconclusive" when it
	// contains zero or was not estimated (METRICS.md "Verdict"); the
	// point ROI alone never decides.
	//
	// CostMissing is the units of the promoted items sold without a unit
	// cost (a zero or missing unit cost) in the promotion's pre-period and
	// window (promo.Effect.CostMissing of the lift), whose gross profit
	// would be their whole net sales: when it is not zero, ROI, its
	// interval, net ROI, Profit and the weekend figures are undefined,
	// the verdict is "inconclusive" and a "roi_no_cost" note counts the
	// units. SideCostMissing, when
	// CostMissing is zero, is the units of the measured side effects
	// (cannibalization, halo, pull-forward) so sold over the days each
	// reads: when it is not zero, net ROI is undefined, a
	// "net_roi_no_cost" note counts them, and a verdict read from the
	// ROI interval says that the net effect is not known. It is 0 when
	// CostMissing is not (net ROI is then undefined all the same, and the
	// pull-forward's units in the pre-period are the lift's). Sales of
	// other items, or on other days, do not count. A promotion whose cost
	// is zero (no discount given, no fixed or media cost) has no ROI
	// either, and a "roi_zero_cost" note says so. A promotion whose fixed
	// and media costs are not recorded (promo.Promotion.CostUnknown) has
	// a cost that is not known, never zero: its ROI, interval, net ROI
	// and Profit are undefined, the verdict is "inconclusive", and a
	// "promo_uncosted" note names every such promotion (never the
	// "roi_zero_cost" note).
	CostMissing     int64      `json:"cost_missing,omitempty"`
	SideCostMissing int64      `json:"side_cost_missing,omitempty"`
	Verdict         string     `json:"verdict"`
	Daily           []PromoDay `json:"daily"` // actual and baseline per day, for the chart

	// Weekend is the promotion's weekend effect (issue 21): its
	// incremental gross profit per weekend day of the window minus per
	// weekday, money per day (promo.WeekendLift.Difference), with its
	// Student-t interval (the two groups of days independent) and the
	// verdict of the interval: "weekend_higher", "weekend_lower",
	// "no_difference" or "undetermined" as for [WeekendEffect], the
	// interval read against zero. Undefined values when the window has no
	// weekend day or no weekday.
	WeekendDiff    metrics.Value `json:"weekend_diff"`
	WeekendLow     metrics.Value `json:"weekend_low"`
	WeekendHigh    metrics.Value `json:"weekend_high"`
	WeekendVerdict string        `json:"weekend_verdict"`
}

// Unmeasured is a promotion that could not be measured, and why.
type Unmeasured struct {
	ID     string `json:"id"`
	Name   string `json:"name"`   // from data
	Reason string `json:"reason"` // the measuring package's error, in English
	// Cause is the kind of Reason's error as a display-name key (see
	// [NoteCauses]), so that a renderer can say it in its reader's
	// language; empty for an error of another kind.
	Cause string `json:"cause,omitempty"`
	// Need and Have are, for a promotion the data do not cover, the days
	// its measurement needs and the days the data cover, such as
	// "2025-10-04..2025-10-31"; empty otherwise.
	Need string `json:"need,omitempty"`
	Have string `json:"have,omitempty"`
	// Missing is, for a promotion whose pre-period, window or post-window
	// holds days missing from the data (the overview's "orders_gap"
	// note), those days, such as "2017-07-31..2017-08-31"; empty
	// otherwise.
	Missing string `json:"missing,omitempty"`
}

// PromoDay is one day of a promotion's window.
type PromoDay struct {
	Date     time.Time   `json:"date"`
	Actual   money.Money `json:"actual"`
	Baseline money.Money `json:"baseline"`
}

// WeekdaySales is the average net sales of one weekday.
type WeekdaySales struct {
	Weekday  time.Weekday  `json:"weekday"`
	NetSales metrics.Value `json:"net_sales"` // average per day, money
	Index    metrics.Ratio `json:"index"`     // against the average day
}

// Customers is section 5 (客户与复购).
type Customers struct {
	KPIs     []KPI       `json:"kpis"`     // buyers, new_buyers, returning_rate, repurchase_rate, predicted_clv
	Cohorts  []CohortRow `json:"cohorts"`  // retention by acquisition cohort
	Segments []Segment   `json:"segments"` // RFM segments

	// The customer model (issue 17 items 1 and 4, issue 20): which model
	// the review chose and why, the definitions of "active" and of the
	// LTV horizon, and the interval of the predicted CLV.
	Model *CustomerModel `json:"model,omitempty"`
	// LTVMonths is the horizon of every LTV and CLV of the review, in
	// months from acquisition (new customers) or from the period's end
	// (existing customers), whatever the length of the period reviewed.
	LTVMonths int `json:"ltv_months,omitempty"`
	// CLV is the predicted CLV of all customers over LTVMonths with its
	// 95 % interval (parameter uncertainty, delta method); nil when not
	// computed (a note says why).
	CLV *MoneyRange `json:"clv,omitempty"`
	// Repeat is the repeat rate within 30, 60 and 90 days of the first
	// order as of the period's last day (issue 21). The KPIs repeat_30d,
	// repeat_60d and repeat_90d are the rates of the customers whose
	// window closed in the period (RepeatWindow.Closed), compared with
	// those whose window closed in the previous period and in the same
	// period last year: disjoint cohorts. The pooled rates of all
	// customers as of two days a month apart share most of their
	// customers (4,731 and 4,444 of the demo's), and barely move.
	Repeat []RepeatWindow `json:"repeat,omitempty"`
}

// RepeatWindow is the repeat rate within N days of the first order (N天复购率,
// METRICS.md "Repeat rate within N days"), pooled over every customer in
// the data whose whole window is observed: those whose first order is on
// or before AcquiredBy, the as-of day − N days, the as-of day being the
// period's last day or the data's last day when they end before it
// (cohort.Ledger.Repurchase,
// each order a purchase, so a second order on the first day repeats).
// Rate is Repeaters / Eligible, a share, undefined when no customer is
// eligible; younger customers are left out, never counted as not
// repeating.
//
// Closed, ClosedRepeaters and ClosedRate are the same for the customers
// whose window closed in the period: eligible as of the period's as-of
// day but not as of the day before the period (first order in the N days
// before the period's days, shifted back by N), a cohort of its own.
// ClosedRate is undefined when no window closed in the period, and when
// the data start after the cohort's first acquisition day (the period's
// first day shifted back by Days): a cohort the data start in the middle
// of is a part of itself, and its earliest "first orders" include
// customers who had bought before the data; when a day of that span to
// the period's end is missing from the data (the overview's
// "orders_gap" note): the orders of those days, repeat orders among
// them, are not known, and a rate would count them as none; and, for a
// compared period (the KPI's Previous), when its last day is the
// reviewed period's first (a period of hours), whose cohort it would
// share.
type RepeatWindow struct {
	Days            int           `json:"days"`
	AcquiredBy      time.Time     `json:"acquired_by"` // the last first-order day eligible
	Eligible        int64         `json:"eligible"`
	Repeaters       int64         `json:"repeaters"`
	Rate            metrics.Ratio `json:"rate"`
	Closed          int64         `json:"closed"`
	ClosedRepeaters int64         `json:"closed_repeaters"`
	ClosedRate      metrics.Ratio `json:"closed_rate"`
}

// MoneyRange is an amount with a confidence interval.
type MoneyRange struct {
	Value money.Money `json:"value"`
	Low   money.Money `json:"low"`
	High  money.Money `json:"high"`
	Level float64     `json:"level"` // such as 0.95
}

// CustomerModel says which customer model the review chose and why, and
// how it defines an active customer.
type CustomerModel struct {
	Chosen    string `json:"chosen"`    // "BG/NBD", "MBG/NBD" or "Pareto/NBD"
	Criterion string `json:"criterion"` // "holdout" (lowest holdout RMSE) or "BIC"
	// HistoryWeeks is the span of the data (the oldest customer's age)
	// and HoldoutWeeks the holdout's length: the choice is by holdout when
	// HistoryWeeks ≥ MinHistory × HoldoutWeeks, by BIC otherwise.
	HistoryWeeks float64 `json:"history_weeks"`
	HoldoutWeeks float64 `json:"holdout_weeks"`
	MinHistory   float64 `json:"min_history"`
	// AliveThreshold is the P(alive) from which a customer is active.
	// When OneTimeByRecency is true (the BG/NBD, whose one-time buyers
	// have P(alive) = 1 by construction), a customer without a repeat
	// purchase is active only if their purchase is within RecentDays.
	AliveThreshold   float64          `json:"alive_threshold"`
	OneTimeByRecency bool             `json:"one_time_by_recency"`
	RecentDays       int              `json:"recent_days"`
	Candidates       []ModelCandidate `json:"candidates"`
}

// ModelCandidate is one model compared, with its numbers.
type ModelCandidate struct {
	Name          string      `json:"name"`
	LogLikelihood float64     `json:"log_likelihood"` // of the fit on all the data
	BIC           float64     `json:"bic"`
	Holdout       *HoldoutFit `json:"holdout,omitempty"` // nil when the choice was by BIC
	Error         string      `json:"error,omitempty"`   // why it was left out, in English
}

// HoldoutFit is how a model fitted before the holdout forecast it.
type HoldoutFit struct {
	Actual        float64        `json:"actual"`         // total purchases in the holdout
	Predicted     float64        `json:"predicted"`      // their forecast
	MAE           float64        `json:"mae"`            // per customer
	RMSE          float64        `json:"rmse"`           // per customer
	TrackingError float64        `json:"tracking_error"` // mean |predicted − actual cumulative| / actual total
	Tracking      []TrackPoint   `json:"tracking"`       // weekly cumulative purchases
	ByFrequency   []FrequencyRow `json:"by_frequency"`   // calibration vs holdout by frequency
}

// TrackPoint is one week of the cumulative tracking of the holdout.
type TrackPoint struct {
	Week      float64 `json:"week"` // weeks after the cutoff
	Actual    float64 `json:"actual"`
	Predicted float64 `json:"predicted"`
}

// FrequencyRow is the mean holdout purchases of the customers with X
// repeat purchases before the holdout (X or more when OrMore).
type FrequencyRow struct {
	X         int     `json:"x"`
	OrMore    bool    `json:"or_more"`
	Customers float64 `json:"customers"`
	Actual    float64 `json:"actual"`
	Predicted float64 `json:"predicted"`
}

// CohortRow is one acquisition cohort of the retention heatmap.
type CohortRow struct {
	Label     string          `json:"label"` // such as "2025-06"
	Size      int64           `json:"size"`
	Retention []metrics.Ratio `json:"retention"` // share active in periods 0, 1, 2, …; undefined for a later month with days missing from the data (the overview's "orders_gap" note)
}

// Segment is one RFM segment.
type Segment struct {
	Name      string        `json:"name"` // a segment key such as "champions"
	Customers int64         `json:"customers"`
	Share     metrics.Ratio `json:"share"`
	NetSales  money.Money   `json:"net_sales"` // from the data's start to the as-of day, refunds taken off: not the period's
}

// Service is the customer service and returns section (客户服务与退换货).
type Service struct {
	// KPIs: first_response_median, first_response_p90, within_sla,
	// resolution_rate, csat, avg_score, contacts_per_100_orders,
	// return_rate_units, return_rate_value.
	KPIs          []KPI           `json:"kpis"`
	SLA           time.Duration   `json:"-"`              // the first-response promise
	CSATResponses int64           `json:"csat_responses"` // scored tickets, so small samples show
	Reasons       []Count         `json:"reasons"`        // tickets by reason
	Channels      []Count         `json:"channels"`       // tickets by channel
	ReturnReasons []ReturnReason  `json:"return_reasons"`
	Outliers      []ReturnOutlier `json:"outliers"` // SKUs whose return rate stands out, at a false-discovery rate of 5 % (service.ReturnSummary.Outliers)
	// OutliersTested is the number of SKUs whose return rate was tested
	// against the rest of their category's (service.ReturnSummary.Tested),
	// so that a page without Outliers says how many stood out of how
	// many: none.
	OutliersTested int `json:"outliers_tested"`
}

// Count is a labelled count with its share.
type Count struct {
	Name  string        `json:"name"` // from data
	N     int64         `json:"n"`
	Share metrics.Ratio `json:"share"`
}

// ReturnReason is one normalised return reason.
type ReturnReason struct {
	Reason string        `json:"reason"` // size_fit, not_as_described, damaged, late_delivery, changed_mind, other
	Units  int64         `json:"units"`
	Value  money.Money   `json:"value"`
	Share  metrics.Ratio `json:"share"` // of returned units
}

// ReturnOutlier is a SKU whose return rate stands out from its category.
type ReturnOutlier struct {
	SKU          string        `json:"sku"`
	Name         string        `json:"name"`
	Category     string        `json:"category"` // from data
	Reason       string        `json:"reason"`   // its main return reason
	Rate         metrics.Ratio `json:"rate"`
	CategoryRate metrics.Ratio `json:"category_rate"`
}
