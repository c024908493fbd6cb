package inventory

import (
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// SKUMetrics is the inventory health of one SKU over a period. Amounts are
// in the report's currency; averages of money are rounded half to even to
// the minor unit.
type SKUMetrics struct {
	SKU      string
	Category string
	// Active is false for a SKU with no units on hand in any snapshot, no
	// sales and no receipts in the period (a discontinued or not yet
	// launched item). Inactive SKUs are listed but left out of the
	// category and store figures.
	Active bool

	// Snapshots is the number of snapshots used for the averages,
	// including the opening snapshot of the day before the period.
	Snapshots int
	// SKUDays is the number of days of the period with a snapshot, the
	// denominator of the stock-out rate.
	SKUDays int
	// OnHand is the stock at the last snapshot (negative counts as zero);
	// UnitCost is that snapshot's unit cost.
	OnHand   int64
	UnitCost money.Money
	LastDay  Day // the day of the last snapshot

	// AvgUnits is the average number of units on hand, AvgCost the
	// average inventory at cost (平均库存) and AvgRetail at retail price
	// (zero when no retail price is known), all by [Config.Averaging].
	AvgUnits  float64
	AvgCost   money.Money
	AvgRetail money.Money

	// Units, Revenue and COGS are the sales of the period (see [Sales]);
	// GrossProfit = Revenue − COGS.
	Units       int64
	Revenue     money.Money
	COGS        money.Money
	GrossProfit money.Money
	// Received is the units received and Adjusted the net units adjusted
	// in the period.
	Received int64
	Adjusted int64

	// Turnover (库存周转率) = COGS / average inventory at cost, per period;
	// undefined when the average inventory is zero.
	Turnover metrics.Ratio
	// DIO (库存周转天数) = average inventory at cost / COGS × days in the
	// period, in days; undefined with no COGS.
	DIO metrics.Ratio
	// DaysOfSupply (可售天数) = units on hand at the last snapshot / the
	// average daily units sold over the demand window (the last
	// [Config.DemandWindowDays] days of the period, or the whole period
	// when it is shorter), in days; undefined
	// with no sales in the window, never infinite.
	DaysOfSupply metrics.Ratio
	// WindowUnits is the units sold in the demand window.
	WindowUnits int64
	// SellThrough (售罄率) is units sold over the base set by
	// [Config.SellThrough]; undefined when the base is zero.
	SellThrough metrics.Ratio
	// StockoutDays is the number of days of the period whose snapshot
	// shows zero or fewer units; StockoutRate (缺货率) = StockoutDays /
	// SKUDays.
	StockoutDays int
	StockoutRate metrics.Ratio
	// LostUnits estimates the units not sold because of stock-outs: the
	// units sold per in-stock day (days whose snapshot shows stock) times
	// the stock-out days. Undefined when no day was in stock. LostRevenue
	// is the revenue per in-stock day times the stock-out days, rounded;
	// zero when LostUnits is undefined.
	LostUnits   metrics.Ratio
	LostRevenue money.Money
	// GMROI (毛利回报率) = gross profit / average inventory at cost;
	// undefined when the average inventory is zero.
	GMROI metrics.Ratio

	// Aging splits the units on hand at the last snapshot by how long ago
	// they were received, first in first out: the units on hand are taken
	// to be those of the latest receipts. Nil when the SKU has no receipts.
	Aging []AgeBucket

	// LastSale is the last day with a sale up to the end of the period
	// (sales before the period count); HasSale is false if there is none.
	LastSale Day
	HasSale  bool
	// DemandMean and DemandStdDev are the mean and the sample standard
	// deviation of the daily units sold over the days of the period that
	// were not out of stock (days without sales count as zero; a day
	// whose snapshot shows no stock is left out, its demand not seen:
	// counted as zero it lowered the reorder point of the SKUs that ran
	// out), or over every day when that mean is larger (the sales of
	// every day are a floor of the demand: a SKU that sells out every
	// day, or sells most on the days it runs out), for replenishment.
	DemandMean   float64
	DemandStdDev float64
	// WeeklyCV is the coefficient of variation of weekly units sold:
	// population standard deviation / mean over the whole weeks (7 days
	// from the period's start) of the period. Undefined with fewer than
	// two whole weeks or no sales. See [XYZOf].
	WeeklyCV metrics.Ratio
}

// Group is the inventory health of a set of SKUs: a category or the store.
// Amounts add up over the active SKUs; the ratios are pooled (the sum of
// the SKUs' numerators over the sum of their denominators), so the store's
// turnover is its total COGS over the sum of the SKUs' average inventory.
type Group struct {
	Name         string // the category, or "" for the store
	SKUs         int    // active SKUs
	OnHand       int64
	AvgCost      money.Money
	AvgRetail    money.Money
	Units        int64
	Revenue      money.Money
	COGS         money.Money
	GrossProfit  money.Money
	Turnover     metrics.Ratio
	DIO          metrics.Ratio
	DaysOfSupply metrics.Ratio
	SellThrough  metrics.Ratio
	StockoutDays int
	SKUDays      int
	StockoutRate metrics.Ratio
	// LostUnits is the sum of the SKUs' defined lost-unit estimates.
	LostUnits   float64
	LostRevenue money.Money
	GMROI       metrics.Ratio
	// Aging sums the SKUs' aging buckets (SKUs with receipts only).
	Aging []AgeBucket
}

// groupAcc accumulates a Group: its amounts as exact Totals of the
// report's currency, turned into Money once, so that no two currencies can
// meet.
type groupAcc struct {
	g                                 Group
	avgCost, avgRetail, revenue, cogs money.Total
	grossProfit, lostRevenue          money.Total
	aging                             []money.Total
}

// fits reports whether adding m keeps the group's units in the int64
// range. The amounts are exact Totals and the day counts are bounded by
// the number of snapshots.
func (a *groupAcc) fits(m *SKUMetrics) bool {
	_, ok1 := intmath.Add64(a.g.OnHand, m.OnHand)
	_, ok2 := intmath.Add64(a.g.Units, m.Units)
	ok := ok1 && ok2
	if m.Aging != nil && a.g.Aging != nil {
		for i := range a.g.Aging {
			_, ok3 := intmath.Add64(a.g.Aging[i].Units, m.Aging[i].Units)
			ok = ok && ok3
		}
	}
	return ok
}

// add adds m, for which fits holds.
func (a *groupAcc) add(m *SKUMetrics) {
	g := &a.g
	g.SKUs++
	g.OnHand += m.OnHand
	a.avgCost.AddMoney(m.AvgCost)
	a.avgRetail.AddMoney(m.AvgRetail)
	g.Units += m.Units
	a.revenue.AddMoney(m.Revenue)
	a.cogs.AddMoney(m.COGS)
	a.grossProfit.AddMoney(m.GrossProfit)
	g.Turnover = g.Turnover.Add(m.Turnover)
	g.DIO = g.DIO.Add(m.DIO)
	g.DaysOfSupply = g.DaysOfSupply.Add(m.DaysOfSupply)
	g.SellThrough = g.SellThrough.Add(m.SellThrough)
	g.StockoutDays += m.StockoutDays
	g.SKUDays += m.SKUDays
	g.StockoutRate = g.StockoutRate.Add(m.StockoutRate)
	if v, ok := m.LostUnits.Value(); ok {
		g.LostUnits += v
	}
	a.lostRevenue.AddMoney(m.LostRevenue)
	g.GMROI = g.GMROI.Add(m.GMROI)
	if m.Aging != nil {
		if g.Aging == nil {
			g.Aging = append([]AgeBucket(nil), m.Aging...)
			a.aging = make([]money.Total, len(m.Aging))
			for i := range m.Aging {
				a.aging[i].AddMoney(m.Aging[i].Cost)
			}
		} else {
			for i := range g.Aging {
				g.Aging[i].Units += m.Aging[i].Units
				a.aging[i].AddMoney(m.Aging[i].Cost)
			}
		}
	}
}

// group returns the Group with its amounts in cur.
func (a *groupAcc) group(cur money.Currency) Group {
	g := a.g
	g.AvgCost, g.AvgRetail = a.avgCost.Money(cur), a.avgRetail.Money(cur)
	g.Revenue, g.COGS, g.GrossProfit = a.revenue.Money(cur), a.cogs.Money(cur), a.grossProfit.Money(cur)
	g.LostRevenue = a.lostRevenue.Money(cur)
	for i := range g.Aging {
		g.Aging[i].Cost = a.aging[i].Money(cur)
	}
	if cur.IsZero() {
		zero := cur.Zero()
		for _, m := range []*money.Money{&g.AvgCost, &g.AvgRetail, &g.Revenue, &g.COGS, &g.GrossProfit, &g.LostRevenue} {
			if m.IsZero() {
				*m = zero
			}
		}
	}
	return g
}

// Report is the result of [Analyze].
type Report struct {
	Period   metrics.Period
	Days     int // days in the period
	Currency money.Currency
	// SKUs lists every SKU seen in the snapshots, the sales, the receipts
	// or the catalogue, sorted by SKU, but those that came to the store
	// after the period: without a snapshot in it, a receipt or a sale
	// before its end, and either launched (Item.Launch) on or after its
	// end or, with no launch day, first sold or received after it. A
	// catalogue entry with no launch day, never sold nor received, is of
	// the period.
	SKUs []SKUMetrics
	// Categories holds one Group per category of active SKUs, sorted by
	// name ("" for SKUs without a category); Store holds all active SKUs.
	Categories []Group
	Store      Group
	// Problems lists the data problems found, as also returned joined by
	// [Analyze].
	Problems []*DataError

	items map[string]*Item
}

// SKU returns the metrics of sku and whether the report has it.
func (r *Report) SKU(sku string) (SKUMetrics, bool) {
	i, ok := slices.BinarySearchFunc(r.SKUs, sku, func(m SKUMetrics, s string) int { return strings.Compare(m.SKU, s) })
	if !ok {
		return SKUMetrics{}, false
	}
	return r.SKUs[i], true
}

// Category returns the group of category name and whether there is one.
func (r *Report) Category(name string) (Group, bool) {
	i, ok := slices.BinarySearchFunc(r.Categories, name, func(g Group, s string) int { return strings.Compare(g.Name, s) })
	if !ok {
		return Group{}, false
	}
	return r.Categories[i], true
}
