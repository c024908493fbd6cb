package inventory

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Input is what [Analyze] reads. Only Period is required: without one,
// every snapshot is reported as outside the period.
type Input struct {
	// Period is the period analysed, in whole days of the store's time
	// zone.
	Period metrics.Period
	// Items is the item catalogue. When it is not empty, every SKU met in
	// the data must be in it (others are reported as [ErrUnknownSKU] and
	// still used).
	Items []Item
	// Snapshots are the end-of-day stock counts, grouped by SKU (all of a
	// SKU's snapshots together, the SKUs in any order) and by increasing
	// day within a SKU. They may be daily or sparse; a snapshot of the day
	// before the period is the opening stock. They are read once, as a
	// stream.
	Snapshots iter.Seq[Snapshot]
	// Sales is the daily sales by SKU; it may hold days before the period
	// (they date the last sale for dead stock) and after it (ignored).
	Sales *Sales
	// Receipts and Adjustments in any order. Receipts before the period
	// date the stock for aging; records after the period are not used.
	Receipts    []Receipt
	Adjustments []Adjustment
}

// Analyze computes the inventory health of every SKU, category and the
// store over in.Period (see [SKUMetrics] and [Group] for the formulas).
//
// Snapshots stream through once: per SKU the work is a few integer
// additions per snapshot in int64 minor units, with no allocation per
// snapshot; a year of daily snapshots of 100,000 SKUs takes about 1.3 s of
// CPU time (BenchmarkAnalyze). Analyze sorts the days of in.Sales in place
// the first time it reads them, so analyses that share a Sales must not
// run concurrently.
//
// Data problems do not stop the analysis. Analyze returns the report of
// everything that could be used together with an error joining one
// *[DataError] per SKU and kind of problem (negative on hand, unknown SKU,
// currency mismatch, snapshots out of order, records outside the period,
// bad quantities, negative unit costs); the same problems are in
// [Report.Problems]. The error is nil when the data is clean. An empty input gives a report with no SKUs,
// zero amounts and undefined ratios.
func Analyze(cfg Config, in Input) (*Report, error) {
	a := newAnalyzer(cfg, in)
	a.period = in.Period
	if in.Snapshots != nil {
		a.stream(in.Snapshots)
	}
	a.finishRest()
	return a.report()
}

type analyzer struct {
	cfg        Config
	period     metrics.Period
	cur        money.Currency
	start, end Day // [start, end)
	days       int
	window     int
	buckets    []int
	items      map[string]*Item
	sales      *Sales
	receipts   map[string][]Receipt
	adjust     map[string][]Adjustment
	done       map[string]bool // SKUs finished
	out        []SKUMetrics
	probs      problems
	weeks      []int64 // scratch, one per whole week
	dc         dayCache
}

func newAnalyzer(cfg Config, in Input) *analyzer {
	a := &analyzer{cfg: cfg, window: cfg.window(), buckets: cfg.buckets(), sales: in.Sales}
	if !in.Period.IsZero() {
		a.start = DayOf(in.Period.Start)
		a.days = in.Period.Days()
		a.end = a.start + Day(a.days)
	}
	if a.days > 0 && a.window > a.days {
		// Sales before the period are not read for demand: a window
		// longer than the period is the period.
		a.window = a.days
	}
	a.weeks = make([]int64, a.days/7)
	a.cur = cfg.Currency
	if a.cur.IsZero() && in.Sales != nil {
		a.cur = in.Sales.cur
	}
	if in.Sales != nil {
		for _, p := range in.Sales.probs.list {
			for range p.Count {
				a.probs.add(p.Source, p.SKU, p.Day, p.OrderID, p.Detail, p.Err)
			}
		}
		if c := in.Sales.cur; !c.IsZero() && c != a.cur {
			// Sales in another currency than cfg.Currency: not used.
			for i := range in.Sales.skus {
				k := &in.Sales.skus[i]
				a.probs.add("order", k.sku, firstDay(k), "", "sales in "+c.Code()+", store currency "+a.cur.Code(), ErrCurrency)
			}
			a.sales = nil
		}
	}
	if len(in.Items) > 0 {
		items := slices.Clone(in.Items)
		a.items = make(map[string]*Item, len(items))
		for i := range items {
			a.items[items[i].SKU] = &items[i]
		}
	}
	a.receipts = make(map[string][]Receipt)
	for _, r := range in.Receipts {
		d := DayOf(r.Day)
		switch {
		case r.SKU == "" || r.Quantity <= 0:
			a.probs.add("receipt", r.SKU, d, "", "quantity "+itoa(r.Quantity), ErrQuantity)
			continue
		case !a.currencyOK(r.UnitCost):
			a.probs.add("receipt", r.SKU, d, "", "unit cost "+r.UnitCost.String(), ErrCurrency)
			continue
		case r.UnitCost.IsNegative():
			a.probs.add("receipt", r.SKU, d, "", "unit cost "+r.UnitCost.String(), ErrAmount)
			continue
		}
		a.known("receipt", r.SKU, d)
		a.receipts[r.SKU] = append(a.receipts[r.SKU], r)
	}
	for _, rs := range a.receipts {
		slices.SortStableFunc(rs, func(x, y Receipt) int { return x.Day.Compare(y.Day) })
	}
	a.adjust = make(map[string][]Adjustment)
	for _, r := range in.Adjustments {
		d := DayOf(r.Day)
		if r.SKU == "" {
			a.probs.add("adjustment", r.SKU, d, "", "empty sku", ErrQuantity)
			continue
		}
		a.known("adjustment", r.SKU, d)
		a.adjust[r.SKU] = append(a.adjust[r.SKU], r)
	}
	n := len(a.items)
	if in.Sales != nil {
		n = max(n, len(in.Sales.skus))
	}
	a.done = make(map[string]bool, n)
	a.out = make([]SKUMetrics, 0, n)
	return a
}

// currencyOK reports whether m may be used: it is in the store's currency
// (fixing the store's currency on first use) or the zero Money.
func (a *analyzer) currencyOK(m money.Money) bool {
	c := m.Currency()
	if c == a.cur || (c.IsZero() && m.IsZero()) {
		return true
	}
	if a.cur.IsZero() && !c.IsZero() {
		a.cur = c
		return true
	}
	return false
}

// known reports an unknown SKU when there is a catalogue.
func (a *analyzer) known(source, sku string, d Day) {
	if a.items == nil {
		return
	}
	if _, ok := a.items[sku]; !ok {
		a.probs.add(source, sku, d, "", "not in the catalogue", ErrUnknownSKU)
	}
}

// acc accumulates the snapshots of one SKU.
type acc struct {
	sku      string
	skip     bool  // the SKU was finished before: its snapshots are out of order
	n        int64 // snapshots used for the mean
	obs      int64 // snapshots in the period
	any      bool
	lastDay  Day
	firstDay Day // first snapshot in the period
	hasFirst bool
	first    int64 // its on-hand
	firstOut int64 // units sold on that day
	opening  int64
	hasOpen  bool
	onHand   int64
	stocked  bool // some snapshot had stock

	sumUnits int64
	sumCost  money.Total
	twUnits  int64
	twCost   money.Total
	twNext   Day
	prevU    int64
	prevC    int64 // minor units, when prevSlow is false
	prevM    money.Money
	prevSlow bool

	stockout     int64
	inStockDays  int64
	inStockUnits int64
	inStockRev   int64

	sales *skuSales
	j     int

	costOK   bool // costM is a checked unit cost worth cost minor units
	costM    money.Money
	cost     int64
	costFast bool
}

func (a *analyzer) stream(seq iter.Seq[Snapshot]) {
	var cur acc
	active := false
	for s := range seq {
		if !active || s.SKU != cur.sku {
			if active {
				a.finish(&cur)
			}
			active = true
			if a.done[s.SKU] {
				cur = acc{sku: s.SKU, skip: true}
			} else {
				a.begin(&cur, s.SKU, DayOf(s.Day))
			}
		}
		if cur.skip {
			a.probs.add("snapshot", s.SKU, DayOf(s.Day), "", "the sku's snapshots are not together", ErrOrder)
			continue
		}
		a.snapshot(&cur, &s)
	}
	if active {
		a.finish(&cur)
	}
}

func (a *analyzer) begin(c *acc, sku string, d Day) {
	*c = acc{sku: sku, twNext: a.start}
	c.sales = a.sales.lookup(sku)
	a.known("snapshot", sku, d)
}

// snapshot adds one snapshot to c. It is the hot path.
func (a *analyzer) snapshot(c *acc, s *Snapshot) {
	d := a.dc.day(s.Day)
	if c.any && d <= c.lastDay {
		a.probs.add("snapshot", s.SKU, d, "", "after "+c.lastDay.String(), ErrOrder)
		return
	}
	if d < a.start-1 || d >= a.end {
		detail := "no period: Input.Period is zero"
		if a.days > 0 {
			detail = "period " + a.start.String() + " to " + (a.end - 1).String()
		}
		a.probs.add("snapshot", s.SKU, d, "", detail, ErrOutsidePeriod)
		return
	}
	var cost int64
	var fast bool
	if c.costOK && s.UnitCost == c.costM {
		cost, fast = c.cost, c.costFast // the unit cost of the previous snapshot
	} else {
		if !a.currencyOK(s.UnitCost) {
			a.probs.add("snapshot", s.SKU, d, "", "unit cost "+s.UnitCost.String()+", store currency "+a.cur.Code(), ErrCurrency)
			return
		}
		if s.UnitCost.IsNegative() {
			a.probs.add("snapshot", s.SKU, d, "", "unit cost "+s.UnitCost.String(), ErrAmount)
			return
		}
		cost, fast = s.UnitCost.Minor()
		c.costOK, c.costM, c.cost, c.costFast = true, s.UnitCost, cost, fast
	}
	units := s.OnHand
	if units < 0 {
		a.probs.add("snapshot", s.SKU, d, "", "on hand "+itoa(units), ErrNegativeOnHand)
		units = 0
	}
	var value int64
	var slow money.Money
	if fast {
		value, fast = intmath.Mul64(units, cost)
	}
	if !fast {
		slow = s.UnitCost.Mul(units)
		if slow.Currency().IsZero() {
			slow = a.cur.Zero()
		}
	}
	c.any = true
	c.lastDay = d
	c.onHand = units
	c.n++
	c.sumUnits += units
	if a.cfg.Averaging != TimeWeighted {
		if fast {
			c.sumCost.Add(value)
		} else {
			c.sumCost.AddMoney(slow)
		}
	}
	if units > 0 {
		c.stocked = true
	}
	if d < a.start {
		c.opening, c.hasOpen = units, true
	} else {
		if a.cfg.Averaging == TimeWeighted {
			// The days since the last snapshot keep its value (or this
			// one's before the first), and day d has this value.
			gap := int64(d - c.twNext)
			if gap == 0 && fast { // daily snapshots: the common case
				c.twUnits += units
				c.twCost.Add(value)
			} else {
				if gap > 0 {
					if c.n == 1 { // no earlier snapshot
						c.twStep(gap, units, value, slow, fast, a.cur)
					} else {
						c.twStep(gap, c.prevU, c.prevC, c.prevM, !c.prevSlow, a.cur)
					}
				}
				c.twStep(1, units, value, slow, fast, a.cur)
			}
			c.twNext = d + 1
		}

		// Sales of the day, for in-stock demand and the opening stock.
		var sold, rev int64
		if k := c.sales; k != nil {
			for c.j < len(k.days) && k.days[c.j].day < d {
				c.j++
			}
			if c.j < len(k.days) && k.days[c.j].day == d {
				sold, rev = k.days[c.j].units, k.days[c.j].revenue
			}
		}
		if !c.hasFirst {
			c.hasFirst, c.firstDay, c.first, c.firstOut = true, d, units, sold
		}
		c.obs++
		if units > 0 {
			c.inStockDays++
			c.inStockUnits += sold
			c.inStockRev += rev
		} else {
			c.stockout++
		}
	}
	c.prevU, c.prevC = units, value
	if fast {
		c.prevSlow = false
	} else {
		c.prevM, c.prevSlow = slow, true
	}
}

// twStep adds g days of a snapshot value to the time-weighted sums.
func (c *acc) twStep(g, units, value int64, slow money.Money, fast bool, cur money.Currency) {
	if g <= 0 {
		return
	}
	c.twUnits += units * g
	if fast {
		if v, ok := intmath.Mul64(value, g); ok {
			c.twCost.Add(v)
			return
		}
		slow = cur.FromMinor(value)
	}
	c.twCost.AddMoney(slow.Mul(g))
}

func (a *analyzer) finish(c *acc) {
	if c.skip || a.done[c.sku] {
		return
	}
	a.done[c.sku] = true
	if c.sales == nil {
		c.sales = a.sales.lookup(c.sku)
	}
	a.out = append(a.out, a.metrics(c))
}

// finishRest adds the SKUs that have sales, receipts or a catalogue entry
// but no snapshots.
func (a *analyzer) finishRest() {
	var c acc
	if a.sales != nil {
		for i := range a.sales.skus {
			sku := a.sales.skus[i].sku
			if !a.done[sku] {
				a.known("order", sku, firstDay(&a.sales.skus[i]))
				c = acc{sku: sku, twNext: a.start}
				a.finish(&c)
			}
		}
	}
	for sku := range a.receipts {
		if !a.done[sku] {
			c = acc{sku: sku, twNext: a.start}
			a.finish(&c)
		}
	}
	for sku := range a.items {
		if !a.done[sku] {
			c = acc{sku: sku, twNext: a.start}
			a.finish(&c)
		}
	}
}

func firstDay(k *skuSales) Day {
	if len(k.days) == 0 {
		return 0
	}
	return slices.MinFunc(k.days, func(x, y daySale) int { return cmp.Compare(x.day, y.day) }).day
}

// metrics turns an accumulator into the SKU's metrics.
func (a *analyzer) metrics(c *acc) SKUMetrics {
	cur := a.cur
	m := SKUMetrics{SKU: c.sku, Snapshots: int(c.n), SKUDays: int(c.obs), OnHand: c.onHand, UnitCost: c.costM}
	if c.any {
		m.LastDay = c.lastDay
	}
	item := a.items[c.sku]
	var price money.Money
	if item != nil {
		m.Category = item.Category
		price = item.UnitPrice
	}
	if k := c.sales; k != nil {
		if m.Category == "" {
			m.Category = k.category
		}
		if price.IsZero() {
			price = k.price
		}
	}

	// Sales of the period.
	var rev, cogs money.Total
	var sx, sxx float64
	for i := range a.weeks {
		a.weeks[i] = 0
	}
	winStart := a.end - Day(a.window)
	if k := c.sales; k != nil {
		for _, d := range k.days {
			if d.day >= a.end {
				break
			}
			m.LastSale, m.HasSale = d.day, true
			if d.day < a.start {
				continue
			}
			m.Units += d.units
			rev.Add(d.revenue)
			cogs.Add(d.cogs)
			x := float64(d.units)
			sx += x
			sxx += x * x
			if d.day >= winStart {
				m.WindowUnits += d.units
			}
			if w := int(d.day-a.start) / 7; w < len(a.weeks) {
				a.weeks[w] += d.units
			}
		}
		for _, e := range k.exact {
			if e.day >= a.start && e.day < a.end {
				rev.AddMoney(e.revenue)
				cogs.AddMoney(e.cogs)
			}
		}
	}
	m.Revenue = rev.Money(cur)
	m.COGS = cogs.Money(cur)
	m.GrossProfit, _ = m.Revenue.Sub(m.COGS)
	if a.days > 0 {
		n := float64(a.days)
		m.DemandMean = sx / n
		if a.days > 1 {
			v := (sxx - sx*sx/n) / (n - 1)
			if v > 0 {
				m.DemandStdDev = math.Sqrt(v)
			}
		}
	}
	m.WeeklyCV = cv(a.weeks)

	// Receipts and adjustments of the period.
	var recvFirst, adjFirst int64
	for _, r := range a.receipts[c.sku] {
		if d := DayOf(r.Day); d >= a.start && d < a.end {
			m.Received += r.Quantity
			if c.hasFirst && d == c.firstDay {
				recvFirst += r.Quantity
			}
		}
	}
	for _, r := range a.adjust[c.sku] {
		if d := DayOf(r.Day); d >= a.start && d < a.end {
			m.Adjusted += r.Quantity
			if c.hasFirst && d == c.firstDay {
				adjFirst += r.Quantity
			}
		}
	}
	m.Active = c.stocked || m.Units > 0 || m.Received > 0

	// Averages.
	switch a.cfg.Averaging {
	case TimeWeighted:
		if c.obs > 0 || c.hasOpen {
			tail := int64(a.end - c.twNext)
			c.twStep(tail, c.prevU, c.prevC, c.prevM, !c.prevSlow, cur)
			m.AvgUnits = float64(c.twUnits) / float64(a.days)
			m.AvgCost = c.twCost.Div(int64(a.days), cur)
			m.AvgRetail = avgRetail(price, c.twUnits, int64(a.days), cur)
		} else {
			m.AvgCost, m.AvgRetail = cur.Zero(), cur.Zero()
		}
	default:
		if c.n > 0 {
			m.AvgUnits = float64(c.sumUnits) / float64(c.n)
		}
		m.AvgCost = c.sumCost.Div(c.n, cur)
		m.AvgRetail = avgRetail(price, c.sumUnits, c.n, cur)
	}

	m.Turnover = moneyRatio(m.COGS, m.AvgCost, 1)
	m.DIO = moneyRatio(m.AvgCost, m.COGS, float64(a.days))
	m.GMROI = moneyRatio(m.GrossProfit, m.AvgCost, 1)
	if c.any {
		// Undefined with no sales in the window; the numerator still
		// counts in a group's pooled days of supply.
		m.DaysOfSupply = metrics.NewRatio(float64(c.onHand)*float64(a.window), float64(m.WindowUnits))
	}
	switch a.cfg.SellThrough {
	case Received:
		m.SellThrough = metrics.CountRatio(m.Units, m.Received)
	case SoldPlusEnding:
		if c.any {
			m.SellThrough = metrics.CountRatio(m.Units, m.Units+c.onHand)
		}
	default:
		open := c.opening
		if !c.hasOpen && c.hasFirst {
			open = c.first + c.firstOut - recvFirst - adjFirst
		}
		if c.hasOpen || c.hasFirst {
			m.SellThrough = metrics.CountRatio(m.Units, max(open, 0)+m.Received)
		}
	}
	m.StockoutDays = int(c.stockout)
	m.StockoutRate = metrics.CountRatio(c.stockout, c.obs)
	m.LostUnits = metrics.NewRatio(float64(c.inStockUnits)*float64(c.stockout), float64(c.inStockDays))
	m.LostRevenue = cur.Zero()
	if c.inStockDays > 0 {
		if v, ok := intmath.Mul64(c.inStockRev, c.stockout); ok {
			m.LostRevenue = cur.FromMinor(intmath.DivRound(v, c.inStockDays))
		} else {
			m.LostRevenue, _ = cur.FromMinor(c.inStockRev).Mul(c.stockout).Div(c.inStockDays, money.RoundHalfEven)
		}
	}
	if rs := a.receipts[c.sku]; len(rs) > 0 && c.any {
		m.Aging = a.aging(rs, c)
	}
	return m
}

func avgRetail(price money.Money, units, n int64, cur money.Currency) money.Money {
	if price.IsZero() || n == 0 {
		return cur.Zero()
	}
	if p, ok := price.Minor(); ok {
		if v, ok := intmath.Mul64(p, units); ok {
			return cur.FromMinor(intmath.DivRound(v, n))
		}
	}
	m, _ := price.Mul(units).Div(n, money.RoundHalfEven)
	return m
}

// moneyRatio returns num × scale / den for two amounts of one currency.
func moneyRatio(num, den money.Money, scale float64) metrics.Ratio {
	n, ok1 := num.Minor()
	d, ok2 := den.Minor()
	if ok1 && ok2 {
		return metrics.NewRatio(float64(n)*scale, float64(d))
	}
	r, err := metrics.MoneyRatio(num, den)
	if err != nil {
		return metrics.Ratio{}
	}
	return metrics.NewRatio(r.Num()*scale, r.Den())
}

// cv returns the population standard deviation over the mean of xs,
// undefined for fewer than two values or a zero mean.
func cv(xs []int64) metrics.Ratio {
	if len(xs) < 2 {
		return metrics.Ratio{}
	}
	var s float64
	for _, x := range xs {
		s += float64(x)
	}
	mean := s / float64(len(xs))
	if mean == 0 {
		return metrics.Ratio{}
	}
	var ss float64
	for _, x := range xs {
		d := float64(x) - mean
		ss += d * d
	}
	return metrics.NewRatio(math.Sqrt(ss/float64(len(xs))), mean)
}

func (a *analyzer) report() (*Report, error) {
	slices.SortFunc(a.out, func(x, y SKUMetrics) int { return strings.Compare(x.SKU, y.SKU) })
	r := &Report{Period: a.period, Days: a.days, Currency: a.cur, SKUs: a.out, items: a.items}
	r.Store = Group{AvgCost: a.cur.Zero(), AvgRetail: a.cur.Zero(), Revenue: a.cur.Zero(), COGS: a.cur.Zero(), GrossProfit: a.cur.Zero(), LostRevenue: a.cur.Zero()}
	cats := map[string]*Group{}
	for i := range a.out {
		m := &a.out[i]
		if !m.Active {
			continue
		}
		r.Store.add(m)
		g := cats[m.Category]
		if g == nil {
			g = &Group{Name: m.Category, AvgCost: a.cur.Zero(), AvgRetail: a.cur.Zero(), Revenue: a.cur.Zero(), COGS: a.cur.Zero(), GrossProfit: a.cur.Zero(), LostRevenue: a.cur.Zero()}
			cats[m.Category] = g
		}
		g.add(m)
	}
	for _, g := range cats {
		r.Categories = append(r.Categories, *g)
	}
	slices.SortFunc(r.Categories, func(x, y Group) int { return strings.Compare(x.Name, y.Name) })
	r.Problems = a.probs.list
	return r, a.probs.join()
}
