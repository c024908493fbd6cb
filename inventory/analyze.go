package inventory

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

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
// An invalid cfg gives no report and the *metrics.ConfigError values of
// [Config.Validate].
//
// Data problems do not stop the analysis. Under the default [Strict]
// policy, Analyze returns the report of everything that could be used
// together with an error joining one *[DataError] per SKU and kind of
// problem (negative on hand, unknown SKU, currency mismatch, snapshots out
// of order, records outside the period, bad quantities, negative unit
// costs, units past the int64 range), each naming the SKU, the day and the
// record; the error is nil when the data is clean. Under [Skip], records
// with a problem are left out and the error is nil. Either way the
// problems are in [Report.Problems] and counted by
// [Report.ProblemCounts]. An empty input gives a report with no SKUs, zero
// amounts and undefined ratios.
func Analyze(cfg Config, in Input) (*Report, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
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
	itemIndex  map[string]int  // index of each SKU's entry in Input.Items
	done       map[string]bool // SKUs finished
	out        []SKUMetrics
	probs      problems
	weeks      []int64 // scratch, one per whole week
	dc         dayCache
	index      int // of the next snapshot in the stream
}

// skip reports whether records with data problems are left out.
func (a *analyzer) skip() bool { return a.cfg.BadRecords == Skip }

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
			a.probs.addN(p)
		}
		if c := in.Sales.cur; !c.IsZero() && c != a.cur {
			// Sales in another currency than cfg.Currency: not used.
			for i := range in.Sales.skus {
				k := &in.Sales.skus[i]
				a.probs.add("order", k.sku, firstDay(k), -1, "", "sales in "+c.Code()+", store currency "+a.cur.Code(), money.ErrCurrencyMismatch)
			}
			a.sales = nil
		}
	}
	if len(in.Items) > 0 {
		items := slices.Clone(in.Items)
		a.items = make(map[string]*Item, len(items))
		a.itemIndex = make(map[string]int, len(items))
		for i := range items {
			a.items[items[i].SKU] = &items[i]
			a.itemIndex[items[i].SKU] = i
		}
	}
	a.receipts = make(map[string][]Receipt)
	received := map[string]int64{} // per SKU: every sum of its receipts fits
	for i, r := range in.Receipts {
		d := DayOf(r.Day)
		switch {
		case r.SKU == "" || r.Quantity <= 0:
			a.probs.add("receipt", r.SKU, d, i, "", "quantity "+itoa(r.Quantity), ErrQuantity)
			continue
		case a.skip() && !a.known("receipt", r.SKU, d, i):
			continue // before its cost can fix the store's currency
		case !a.currencyOK(r.UnitCost):
			a.probs.add("receipt", r.SKU, d, i, "", "unit cost "+r.UnitCost.String(), money.ErrCurrencyMismatch)
			continue
		case r.UnitCost.IsNegative():
			a.probs.add("receipt", r.SKU, d, i, "", "unit cost "+r.UnitCost.String(), ErrAmount)
			continue
		}
		if !a.skip() {
			a.known("receipt", r.SKU, d, i)
		}
		t, ok := intmath.Add64(received[r.SKU], r.Quantity)
		if !ok {
			a.probs.add("receipt", r.SKU, d, i, "", "quantity "+itoa(r.Quantity)+" takes the sku's units received past the int64 range", ErrOverflow)
			continue
		}
		received[r.SKU] = t
		a.receipts[r.SKU] = append(a.receipts[r.SKU], r)
	}
	for _, rs := range a.receipts {
		slices.SortStableFunc(rs, func(x, y Receipt) int { return x.Day.Compare(y.Day) })
	}
	a.adjust = make(map[string][]Adjustment)
	adjusted := map[string]int64{} // per SKU, Σ|quantity|: every signed sum fits
	for i, r := range in.Adjustments {
		d := DayOf(r.Day)
		if r.SKU == "" {
			a.probs.add("adjustment", r.SKU, d, i, "", "empty sku", ErrQuantity)
			continue
		}
		if !a.known("adjustment", r.SKU, d, i) {
			continue
		}
		t, ok := intmath.Add64(adjusted[r.SKU], abs(r.Quantity))
		if !ok || r.Quantity == math.MinInt64 {
			a.probs.add("adjustment", r.SKU, d, i, "", "quantity "+itoa(r.Quantity)+" takes the sku's units adjusted past the int64 range", ErrOverflow)
			continue
		}
		adjusted[r.SKU] = t
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

// known reports an unknown SKU when there is a catalogue, and whether the
// record at index of source may be used: under [Skip] an unknown SKU's
// records are left out.
func (a *analyzer) known(source, sku string, d Day, index int) bool {
	if a.items == nil {
		return true
	}
	if _, ok := a.items[sku]; !ok {
		a.probs.add(source, sku, d, index, "", "not in the catalogue", ErrUnknownSKU)
		return !a.skip()
	}
	return true
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// acc accumulates the snapshots of one SKU.
type acc struct {
	sku      string
	skip     bool  // the SKU was finished before: its snapshots are out of order
	unknown  bool  // under Skip, a SKU not in the catalogue: its snapshots are left out
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

	// Sums of units on hand are exact: Totals of units (not money) that
	// hold any sum of int64 values.
	sumUnits money.Total
	sumCost  money.Total
	twUnits  money.Total
	twCost   money.Total
	twNext   Day
	prevU    int64
	prevC    int64 // minor units, when prevSlow is false
	prevM    money.Money
	prevSlow bool

	stockout     int64
	outSold      float64 // units sold on the stock-out days, and their squares' sum
	outSold2     float64
	inStockDays  int64
	inStockUnits int64 // a sum of the SKU's units sold, which fits (see Sales)
	inStockRev   money.Total

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
		i := a.index
		a.index++
		if !active || s.SKU != cur.sku {
			if active {
				a.finish(&cur)
			}
			active = true
			if a.done[s.SKU] {
				cur = acc{sku: s.SKU, skip: true}
			} else if a.begin(&cur, s.SKU, DayOf(s.Day), i); cur.unknown {
				continue // reported by begin
			}
		}
		switch {
		case cur.skip:
			a.probs.add("snapshot", s.SKU, DayOf(s.Day), i, "", "the sku's snapshots are not together", ErrOrder)
			continue
		case cur.unknown:
			a.probs.add("snapshot", s.SKU, DayOf(s.Day), i, "", "not in the catalogue", ErrUnknownSKU)
			continue
		}
		a.snapshot(&cur, &s, i)
	}
	if active {
		a.finish(&cur)
	}
}

// begin starts the accumulator of sku, whose first snapshot is the one at
// index, of day d.
func (a *analyzer) begin(c *acc, sku string, d Day, index int) {
	*c = acc{sku: sku, twNext: a.start}
	c.sales = a.sales.lookup(sku)
	c.unknown = !a.known("snapshot", sku, d, index)
}

// snapshot adds the snapshot s, at index in the stream, to c. It is the
// hot path.
func (a *analyzer) snapshot(c *acc, s *Snapshot, index int) {
	d := a.dc.day(s.Day)
	if c.any && d <= c.lastDay {
		a.probs.add("snapshot", s.SKU, d, index, "", "after "+c.lastDay.String(), ErrOrder)
		return
	}
	if d < a.start-1 || d >= a.end {
		detail := "no period: Input.Period is zero"
		if a.days > 0 {
			detail = "period " + a.start.String() + " to " + (a.end - 1).String()
		}
		a.probs.add("snapshot", s.SKU, d, index, "", detail, ErrOutsidePeriod)
		return
	}
	var cost int64
	var fast bool
	cached := c.costOK && s.UnitCost == c.costM
	if cached {
		cost, fast = c.cost, c.costFast // the unit cost of the previous snapshot
	} else {
		if !a.currencyOK(s.UnitCost) {
			a.probs.add("snapshot", s.SKU, d, index, "", "unit cost "+s.UnitCost.String()+", store currency "+a.cur.Code(), money.ErrCurrencyMismatch)
			return
		}
		if s.UnitCost.IsNegative() {
			a.probs.add("snapshot", s.SKU, d, index, "", "unit cost "+s.UnitCost.String(), ErrAmount)
			return
		}
		cost, fast = s.UnitCost.Minor()
	}
	units := s.OnHand
	if units < 0 {
		a.probs.add("snapshot", s.SKU, d, index, "", "on hand "+itoa(units), ErrNegativeOnHand)
		if a.skip() {
			return
		}
		units = 0
	}
	if !cached {
		c.costOK, c.costM, c.cost, c.costFast = true, s.UnitCost, cost, fast
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
	c.sumUnits.Add(units)
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
				c.twUnits.Add(units)
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

		// Sales of the day, for in-stock demand and the opening stock. A
		// day is in several entries when its amounts passed the int64
		// range; its units are part of the SKU's, so they fit.
		var sold int64
		var rev money.Total
		if k := c.sales; k != nil {
			for c.j < len(k.days) && k.days[c.j].day < d {
				c.j++
			}
			for j := c.j; j < len(k.days) && k.days[j].day == d; j++ {
				sold += k.days[j].units
				rev.Add(k.days[j].revenue)
			}
		}
		if !c.hasFirst {
			c.hasFirst, c.firstDay, c.first, c.firstOut = true, d, units, sold
		}
		c.obs++
		if units > 0 {
			c.inStockDays++
			c.inStockUnits += sold
			c.inStockRev.AddTotal(rev)
		} else {
			c.stockout++
			x := float64(sold)
			c.outSold += x
			c.outSold2 += x * x
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
	addProduct(&c.twUnits, units, g)
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
	if c.unknown {
		return
	}
	if c.sales == nil {
		c.sales = a.sales.lookup(c.sku)
	}
	a.out = append(a.out, a.metrics(c))
}

// finishRest adds the SKUs that have sales, receipts or a catalogue entry
// but no snapshots. With a period, a SKU not yet of the store's
// assortment in it is left out (see [Report].SKUs and later).
func (a *analyzer) finishRest() {
	var c acc
	if a.sales != nil {
		for i := range a.sales.skus {
			sku := a.sales.skus[i].sku
			if !a.done[sku] {
				c = acc{sku: sku, twNext: a.start}
				first := firstDay(&a.sales.skus[i])
				c.unknown = !a.known("order", sku, first, -1)
				if a.days > 0 && first >= a.end && a.later(sku, true) {
					a.done[sku] = true // not of the period, whatever else lists it
					continue
				}
				a.finish(&c)
			}
		}
	}
	for sku := range a.receipts {
		if a.done[sku] {
			continue
		}
		if a.days > 0 && a.later(sku, true) {
			a.done[sku] = true
			continue
		}
		c = acc{sku: sku, twNext: a.start}
		a.finish(&c)
	}
	for sku := range a.items {
		if !a.done[sku] && !(a.days > 0 && a.later(sku, false)) {
			c = acc{sku: sku, twNext: a.start}
			a.finish(&c)
		}
	}
}

// later reports whether sku, which has no snapshot in the period, came to
// the store after the period's end: it has no receipt before that end,
// and its catalogue launch day is on or after it, or, with no launch day
// known, it was seen only after (seenAfter: its first sale or receipt is
// after the end; a catalogue entry alone is of the period).
func (a *analyzer) later(sku string, seenAfter bool) bool {
	for _, r := range a.receipts[sku] {
		if DayOf(r.Day) < a.end {
			return false
		}
	}
	if it := a.items[sku]; it != nil && !it.Launch.IsZero() {
		return DayOf(it.Launch) >= a.end
	}
	return seenAfter
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
		if a.currencyOK(item.UnitPrice) {
			price = item.UnitPrice
		} else {
			a.probs.add("item", c.sku, c.lastDay, a.itemIndex[c.sku], "", "unit price "+item.UnitPrice.String()+", store currency "+a.cur.Code()+": no retail value", money.ErrCurrencyMismatch)
		}
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
			// Units of days are part of the SKU's units, which fit.
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
				rev.AddDecimal(e.revenue)
				cogs.AddDecimal(e.cogs)
			}
		}
	}
	m.Revenue = rev.Money(cur)
	m.COGS = cogs.Money(cur)
	gp := rev
	gp.SubTotal(cogs)
	m.GrossProfit = gp.Money(cur)
	// Demand on the days the snapshots show out of stock is not seen
	// (counting them as days of no demand would lower the reorder point
	// of the SKUs that run out): the mean over the other days, unless the
	// mean of the sales of every day is larger. That one is a floor of
	// the demand, which is never below the sales: a SKU that sells out
	// every day, or sells most on the days it runs out, has it.
	moments := func(days int64, sx, sxx float64) (mean, sd float64) {
		n := float64(days)
		mean = sx / n
		if days > 1 {
			if v := (sxx - sx*sx/n) / (n - 1); v > 0 {
				sd = math.Sqrt(v)
			}
		}
		return mean, sd
	}
	if a.days > 0 {
		m.DemandMean, m.DemandStdDev = moments(int64(a.days), sx, sxx)
		if days := int64(a.days) - c.stockout; days > 0 && c.stockout > 0 {
			if mean, sd := moments(days, sx-c.outSold, sxx-c.outSold2); mean > m.DemandMean {
				m.DemandMean, m.DemandStdDev = mean, sd
			}
		}
	}
	m.WeeklyCV = cv(a.weeks)

	// Receipts and adjustments of the period. Every sum of a SKU's receipts
	// fits, and so does every signed sum of its adjustments (newAnalyzer
	// bounds Σ|quantity|).
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
			m.AvgUnits = totalFloat(c.twUnits) / float64(a.days)
			m.AvgCost = c.twCost.Div(int64(a.days), cur)
			m.AvgRetail = avgRetail(price, c.twUnits, int64(a.days), cur)
		} else {
			m.AvgCost, m.AvgRetail = cur.Zero(), cur.Zero()
		}
	default:
		if c.n > 0 {
			m.AvgUnits = totalFloat(c.sumUnits) / float64(c.n)
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
			m.SellThrough = metrics.NewRatio(float64(m.Units), sumFloat(m.Units, c.onHand))
		}
	default:
		// The opening stock and the base, exactly: their parts fit an
		// int64, their sum may not.
		var base money.Total
		if c.hasOpen {
			base.Add(c.opening)
		} else if c.hasFirst {
			base.Add(c.first)
			base.Add(c.firstOut)
			base.Sub(recvFirst)
			base.Sub(adjFirst)
		}
		if c.hasOpen || c.hasFirst {
			if base.Cmp(money.Total{}) < 0 {
				base = money.Total{}
			}
			base.Add(m.Received)
			m.SellThrough = metrics.NewRatio(float64(m.Units), totalFloat(base))
		}
	}
	m.StockoutDays = int(c.stockout)
	m.StockoutRate = metrics.CountRatio(c.stockout, c.obs)
	m.LostUnits = metrics.NewRatio(float64(c.inStockUnits)*float64(c.stockout), float64(c.inStockDays))
	m.LostRevenue = cur.Zero()
	if c.inStockDays > 0 {
		var lost money.Total
		if v, ok := intmath.Mul64(c.inStockRev.Units, c.stockout); ok && c.inStockRev.Extra == nil {
			lost.Add(v)
		} else {
			lost.AddDecimal(c.inStockRev.Decimal().Mul(decimal.NewFromInt(c.stockout)))
		}
		m.LostRevenue = lost.Div(c.inStockDays, cur)
	}
	if rs := a.receipts[c.sku]; len(rs) > 0 && c.any {
		m.Aging = a.aging(rs, c)
	}
	return m
}

// avgRetail returns price × units / n, rounded half to even to the minor
// unit; price is an amount of cur (or the zero Money).
func avgRetail(price money.Money, units money.Total, n int64, cur money.Currency) money.Money {
	if price.IsZero() || n == 0 {
		return cur.Zero()
	}
	if p, ok := price.MinorIn(cur); ok && units.Extra == nil {
		if v, ok := intmath.Mul64(p, units.Units); ok {
			return cur.FromMinor(intmath.DivRound(v, n))
		}
	}
	var t money.Total
	t.AddAmount(price.Decimal().Mul(units.Decimal()), cur)
	return t.Div(n, cur)
}

// addProduct adds a × b to t exactly.
func addProduct(t *money.Total, a, b int64) {
	if v, ok := intmath.Mul64(a, b); ok {
		t.Add(v)
		return
	}
	t.AddDecimal(decimal.NewFromInt(a).Mul(decimal.NewFromInt(b)))
}

// totalFloat returns t as the nearest float64, for averages and ratios.
func totalFloat(t money.Total) float64 {
	if t.Extra == nil {
		return float64(t.Units)
	}
	return t.Decimal().InexactFloat64()
}

// sumFloat returns a + b as a float64: the sum of the int64s when it fits,
// as for counts, and of their floats otherwise.
func sumFloat(a, b int64) float64 {
	if v, ok := intmath.Add64(a, b); ok {
		return float64(v)
	}
	return float64(a) + float64(b)
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
	var store groupAcc
	cats := map[string]*groupAcc{}
	for i := range a.out {
		m := &a.out[i]
		if !m.Active {
			continue
		}
		g := cats[m.Category]
		if g == nil {
			g = &groupAcc{g: Group{Name: m.Category}}
		}
		if !store.fits(m) || !g.fits(m) {
			a.probs.add("snapshot", m.SKU, m.LastDay, -1, "", "the units on hand or sold of its category or the store pass the int64 range: left out of both", ErrOverflow)
			continue
		}
		cats[m.Category] = g
		store.add(m)
		g.add(m)
	}
	r.Store = store.group(a.cur)
	for _, g := range cats {
		r.Categories = append(r.Categories, g.group(a.cur))
	}
	slices.SortFunc(r.Categories, func(x, y Group) int { return strings.Compare(x.Name, y.Name) })
	r.Problems = a.probs.list
	if a.skip() {
		return r, nil
	}
	return r, a.probs.join()
}
