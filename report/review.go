package report

import (
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// SchemaVersion is the version of the JSON form of a [Review] written by
// [JSON]. It changes when a field is renamed or removed or its meaning
// changes; adding a field does not change it.
const SchemaVersion = 1

// Review is a store operations review (店铺运营总结) for one period: plain
// data, computed first and rendered second.
//
// Each section is a pointer that is nil when its inputs are missing; the
// reason is then listed in Omitted and renderers print it as a one-line
// note, never as zeros. Findings hold what the rules concluded from the
// sections (see [Evaluate]).
type Review struct {
	Store    string           // the store's name, from data: escaped when rendered
	Period   metrics.Period   // the period reviewed
	Previous metrics.Period   // the period compared with (环比)
	YearAgo  metrics.Period   // the same period last year (同比)
	Currency metrics.Currency // the currency of every amount
	Language Language         // the language the review is rendered in

	Overview   *Overview   // 1. 总体概览
	Traffic    *Traffic    // 2. 流量与转化
	Products   *Products   // 3. 商品与库存
	Promotions *Promotions // 4. 促销活动
	Customers  *Customers  // 5. 客户与复购
	Service    *Service    // 客户服务与退换货

	Findings []Finding  // 6. 问题与建议, from the rules
	Omitted  []Omission // the sections left out and why
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
)

var sectionNames = [...]string{"", "overview", "traffic", "products", "promotions", "customers", "service", "findings"}

// String returns the section's key as written in JSON, such as "traffic".
func (s Section) String() string {
	if int(s) < len(sectionNames) && s != 0 {
		return sectionNames[s]
	}
	return "section?"
}

// MarshalText implements encoding.TextMarshaler with [Section.String].
func (s Section) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Omission records a section left out of a review and the input it lacked.
type Omission struct {
	Section Section
	Missing string // the input that is missing: orders, events, inventory, promotions, tickets or spend
}

// Overview is section 1 (总体概览): the headline KPIs and what drove the
// change in sales.
type Overview struct {
	// KPIs in the order they are shown, with the keys net_sales, orders,
	// aov, spend_per_buyer, gross_margin, new_customers, cac, ltv and
	// ltv_cac when their inputs exist.
	KPIs []KPI
	// Decomposition splits the change in net sales into visitors ×
	// conversion × spend per buyer; nil without events.
	Decomposition *Decomposition
	// Daily is net sales per day of the period with a trailing 7-day
	// average, for the sales trend chart.
	Daily []Day
}

// Day is one day of the sales trend.
type Day struct {
	Date     time.Time
	NetSales metrics.Money
	Avg7     Value // mean of the 7 days ending on Date; undefined for the first 6
}

// Decomposition attributes the change in net sales between the previous
// period and this one to its three factors, 访客数 × 转化率 × 客单价, with
// the log (LMDI) method: the effects add up to the change.
type Decomposition struct {
	Factors []Factor // visitors, conversion, spend_per_buyer
	Change  Value    // net sales change, money
	Driver  string   // the key of the factor with the largest absolute effect
}

// Factor is one factor of a [Decomposition].
type Factor struct {
	Key      string // visitors, conversion or spend_per_buyer
	Previous Value
	Current  Value
	Effect   Value // money: its share of the change in net sales
}

// Traffic is section 2 (流量与转化).
type Traffic struct {
	KPIs    []KPI       // visitors, sessions, bounce_rate, conversion
	Sources []Breakdown // visitors and sessions by traffic source
	Devices []Breakdown // visitors and sessions by device
	Funnel  []Step      // the funnel's steps in order
	// LargestLoss is the index in Funnel of the step that loses the most
	// users relative to the step before, or -1.
	LargestLoss int
}

// Breakdown is one row of traffic by a dimension such as source or device.
type Breakdown struct {
	Name       string // from data: escaped when rendered
	Visitors   int64
	Sessions   int64
	Share      metrics.Ratio // visitors / all visitors
	Conversion metrics.Ratio // buyers / visitors, undefined when unknown
}

// Step is one funnel step.
type Step struct {
	Name           string // from data: escaped when rendered
	Users          int64
	StepConversion metrics.Ratio // Users / previous step's users; undefined for the first step
	Overall        metrics.Ratio // Users / first step's users
	UsualDropOff   metrics.Ratio // the step's drop-off in the previous period, undefined if unknown
	MedianTime     Value         // duration from the first step, undefined when unknown
	P90Time        Value
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
	TopSellers  []Product     // by net sales, with their share
	NewProducts []Product     // products first sold in the period
	Categories  []CategoryRow // net sales and margin by category
	KPIs        []KPI         // inventory_value, turnover, dio, stockout_rate
	SlowMovers  []StockItem   // slow-moving and dead stock, largest value first
	SlowValue   Value         // value at cost of slow and dead stock
	SlowShare   metrics.Ratio // SlowValue / inventory value
	Classes     []Class       // the ABC×XYZ matrix, one cell per class pair
	Pareto      []ParetoPoint // the ABC curve, SKUs by sales descending
	StockOutsA  []StockOut    // A items that ran out in the period
	Reorder     []ReorderItem // SKUs at or below their reorder point
}

// Product is one product's sales in the period.
type Product struct {
	SKU      string // from data
	Name     string // from data
	Category string // from data
	Units    int64
	NetSales metrics.Money
	Share    metrics.Ratio // of all net sales
	Class    string        // ABC×XYZ class such as "AX", "" when unknown
}

// CategoryRow is one category's sales and margin.
type CategoryRow struct {
	Category    string // from data
	NetSales    metrics.Money
	GrossProfit metrics.Money
	Margin      metrics.Ratio
}

// StockItem is one slow-moving or dead SKU.
type StockItem struct {
	SKU, Name    string // from data
	OnHand       int64
	Value        metrics.Money // on hand × unit cost: the cash tied up
	DaysOfSupply Value         // days, undefined without sales
	Dead         bool          // no sale within the dead-stock window
}

// Class is one cell of the ABC×XYZ matrix.
type Class struct {
	ABC, XYZ string // "A".."C", "X".."Z"
	SKUs     int64
	NetSales metrics.Money
}

// ParetoPoint is one point of the ABC curve: the share of sales made by the
// top share of SKUs.
type ParetoPoint struct {
	SKUShare, SalesShare float64 // in [0, 1]
}

// StockOut is an A item that was out of stock.
type StockOut struct {
	SKU, Name string // from data
	Days      int64  // days with nothing on hand
	Rate      metrics.Ratio
}

// ReorderItem is one line of the reorder list.
type ReorderItem struct {
	SKU, Name    string // from data
	OnHand       int64
	ReorderPoint int64
	Quantity     int64 // suggested order quantity
}

// Promotions is section 4 (促销活动).
type Promotions struct {
	Items   []PromotionResult
	Weekday []WeekdaySales // the weekday pattern, Monday first
}

// PromotionResult is one promotion's evaluation.
type PromotionResult struct {
	ID, Name        string // from data
	Window          metrics.Period
	Actual          metrics.Money // sales of promoted items in the window
	Baseline        metrics.Money // what they would have sold without it
	Incremental     metrics.Money // Actual − Baseline
	Lift            metrics.Ratio // Incremental / Baseline
	ROI             metrics.Ratio // net ROI as METRICS.md defines it
	ROILow, ROIHigh Value         // the interval of ROI, undefined if not estimated
	Cannibalization Value         // money, undefined if not measured
	Halo            Value
	PullForward     Value
	Verdict         string     // "effective", "marginal" or "unprofitable"
	Daily           []PromoDay // actual and baseline per day, for the chart
}

// PromoDay is one day of a promotion's window.
type PromoDay struct {
	Date             time.Time
	Actual, Baseline metrics.Money
}

// WeekdaySales is the average net sales of one weekday.
type WeekdaySales struct {
	Weekday  time.Weekday
	NetSales Value         // average per day, money
	Index    metrics.Ratio // against the average day
}

// Customers is section 5 (客户与复购).
type Customers struct {
	KPIs     []KPI       // buyers, new_buyers, returning_rate, repurchase_rate, predicted_clv
	Cohorts  []CohortRow // retention by acquisition cohort
	Segments []Segment   // RFM segments
}

// CohortRow is one acquisition cohort of the retention heatmap.
type CohortRow struct {
	Label     string // such as "2025-06"
	Size      int64
	Retention []metrics.Ratio // share active in periods 0, 1, 2, …
}

// Segment is one RFM segment.
type Segment struct {
	Name      string // a segment key such as "champions"
	Customers int64
	Share     metrics.Ratio
	NetSales  metrics.Money
}

// Service is the customer service and returns section (客户服务与退换货).
type Service struct {
	// KPIs: first_response_median, first_response_p90, within_sla,
	// resolution_rate, csat, avg_score, contacts_per_100_orders,
	// return_rate_units, return_rate_value.
	KPIs          []KPI
	SLA           time.Duration // the first-response promise
	CSATResponses int64         // scored tickets, so small samples show
	Reasons       []Count       // tickets by reason
	Channels      []Count       // tickets by channel
	ReturnReasons []ReturnReason
	Outliers      []ReturnOutlier // SKUs whose return rate stands out
}

// Count is a labelled count with its share.
type Count struct {
	Name  string // from data
	N     int64
	Share metrics.Ratio
}

// ReturnReason is one normalised return reason.
type ReturnReason struct {
	Reason string // size_fit, not_as_described, damaged, late_delivery, changed_mind, other
	Units  int64
	Value  metrics.Money
	Share  metrics.Ratio // of returned units
}

// ReturnOutlier is a SKU whose return rate stands out from its category.
type ReturnOutlier struct {
	SKU, Name, Category string // from data
	Reason              string // its main return reason
	Rate                metrics.Ratio
	CategoryRate        metrics.Ratio
}
