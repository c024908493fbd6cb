package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// productInfo is what the pass over orders learns about a SKU.
type productInfo struct {
	name, category string
	firstSale      time.Time // the first non-cancelled order with the SKU
	launch         time.Time // the catalogue's launch date; zero when not given
}

// noteProducts records the names, categories and first sale of o's SKUs.
func (pp *productsPart) note(o *metrics.Order) {
	if o.Status == metrics.Cancelled {
		return
	}
	for i := range o.Lines {
		l := &o.Lines[i]
		p, ok := pp.products[l.SKU]
		if !ok {
			pp.products[l.SKU] = &productInfo{name: l.Name, category: l.Category, firstSale: o.PlacedAt}
			continue
		}
		if o.PlacedAt.Before(p.firstSale) {
			p.firstSale = o.PlacedAt
		}
		if p.name == "" {
			p.name = l.Name
		}
	}
}

// snapshots collects, in one pass, the snapshots the inventory analyses
// of the period, of the previous period and of the same period last year
// need (each period's days and the day before it, for the opening stock),
// each grouped by SKU and day as inventory.Analyze reads them; exports
// usually list them day by day.
func (b *builder) snapshots() (cur, prev, year []inventory.Snapshot) {
	if b.in.Snapshots == nil {
		return nil, nil, nil
	}
	pc, pp, py := b.periods[pCur], b.periods[pPrev], b.periods[pYear]
	cFrom, pFrom, yFrom := pc.Start.AddDate(0, 0, -1), pp.Start.AddDate(0, 0, -1), py.Start.AddDate(0, 0, -1)
	for s := range b.in.Snapshots {
		if !b.step() {
			return nil, nil, nil
		}
		in := false
		if !s.Day.Before(cFrom) && s.Day.Before(pc.End) {
			cur, in = append(cur, s), true
		}
		if !s.Day.Before(pFrom) && s.Day.Before(pp.End) {
			prev, in = append(prev, s), true
		}
		if !s.Day.Before(yFrom) && s.Day.Before(py.End) {
			year, in = append(year, s), true
		}
		if !in {
			b.checkOutsideSnapshot(s)
		}
	}
	bySKUDay := func(a, c inventory.Snapshot) int {
		if r := cmp.Compare(a.SKU, c.SKU); r != 0 {
			return r
		}
		return a.Day.Compare(c.Day)
	}
	slices.SortFunc(cur, bySKUDay)
	slices.SortFunc(prev, bySKUDay)
	slices.SortFunc(year, bySKUDay)
	return cur, prev, year
}

// inventoryProblemKey returns the display-name key of a kind of inventory
// data problem, for the note that counts the records left out.
func inventoryProblemKey(err error) string {
	switch err {
	case inventory.ErrNegativeOnHand:
		return "inventory_negative_on_hand"
	case inventory.ErrUnknownSKU:
		return "inventory_unknown_sku"
	case money.ErrCurrencyMismatch:
		return "inventory_other_currency"
	case inventory.ErrOrder:
		return "inventory_out_of_order"
	case inventory.ErrOutsidePeriod:
		return "inventory_outside_period"
	case inventory.ErrQuantity:
		return "inventory_bad_quantity"
	case inventory.ErrAmount:
		return "inventory_bad_amount"
	case inventory.ErrOverflow:
		return "inventory_overflow"
	}
	return "bad_inventory_records"
}

// checkOutsideSnapshot checks a snapshot that no analysed period uses for
// the problems inventory.Analyze would report of it (a negative on hand, a
// negative cost, a cost in another currency), so that a bad record is never passed over in
// silence: an error under inventory.Strict, a count under inventory.Skip.
func (b *builder) checkOutsideSnapshot(s inventory.Snapshot) {
	var err error
	switch {
	case s.OnHand < 0:
		err = inventory.ErrNegativeOnHand
	case s.UnitCost.IsNegative():
		err = inventory.ErrAmount
	case !s.UnitCost.IsZero() && s.UnitCost.Currency() != b.cur && !b.cur.IsZero():
		err = money.ErrCurrencyMismatch
	default:
		return
	}
	if b.cfg.BadRecords == inventory.Skip {
		if b.outsideSnaps == nil {
			b.outsideSnaps = make(map[error]int64)
		}
		b.outsideSnaps[err]++
		return
	}
	b.errs = append(b.errs, &inventory.DataError{Source: "snapshot", SKU: s.SKU, Day: inventory.DayOf(s.Day), Count: 1,
		Detail: fmt.Sprintf("on hand %d, cost %s, outside the periods analysed", s.OnHand, s.UnitCost), Err: err})
}

// deadDays is the dead-stock window of inventory.SlowConfig's default.
const deadDays = 90

// productsSection computes section 3 from the inventory analysis, the
// period's sales by SKU and category, and what the orders told about each
// SKU.
//
// Without inventory snapshots the sales parts (top sellers, new products,
// categories and margins, ABC×XYZ by sales) still come from the orders
// alone; only the stock parts (inventory KPIs, slow movers, stock-outs,
// the reorder list) need snapshots, and a note says they were not
// computed. Without snapshots and without sales in the period, or when
// the data has no record in it (curCoverage), the section is left out.
func (pp *productsPart) section(b *builder, cur metrics.Summary) *Products {
	snaps, prevSnaps, yearSnaps := b.snaps[pCur], b.snaps[pPrev], b.snaps[pYear]
	// The stock is analysed over the days the data covers: over the
	// whole period, the days after the data's end would count as days
	// without sales (days of inventory, days of supply and the reorder
	// list would read a demand too low). Snapshots after the data's end
	// are left out, counted in a note; data with no record in the period
	// cover none of its days, and leave out all its snapshots (over the
	// whole period, all its stock would read as dead).
	per := b.coveredPeriod()
	if b.cut {
		n := len(snaps)
		snaps = slices.DeleteFunc(snaps, func(s inventory.Snapshot) bool { return !s.Day.Before(per.End) })
		if left := n - len(snaps); left > 0 {
			b.notes = append(b.notes, Note{Section: SectionProducts, Key: "inventory_after_data_end", LeftOut: int64(left)})
		}
	}
	b.supply.snaps = snaps
	noStock := len(snaps) == 0
	if noStock && len(cur.BySKU) == 0 || !per.End.After(per.Start) {
		return nil
	}
	for _, it := range b.in.Items {
		p, ok := pp.products[it.SKU]
		if !ok {
			p = &productInfo{}
			pp.products[it.SKU] = p
		}
		if it.Name != "" {
			p.name = it.Name
		}
		if it.Category != "" {
			p.category = it.Category
		}
		p.launch = it.Launch
	}
	in := inventory.Input{Period: per, Items: b.in.Items, Sales: &pp.sales, Receipts: b.in.Receipts}
	if !noStock { // without snapshots the analysis has the sales only: demand, revenue, ABC and XYZ
		in.Snapshots = slices.Values(snaps)
	}
	rep, err := inventory.Analyze(inventory.Config{Currency: b.cur, BadRecords: b.cfg.BadRecords}, in)
	if err != nil {
		b.errs = append(b.errs, err)
		return nil
	}
	// The previous period's and last year's inventory, for the changes of
	// its KPIs: analysed when the period has snapshots and the data cover it.
	compared := func(i int, snaps []inventory.Snapshot) (*inventory.Report, error) {
		if noStock || len(snaps) == 0 || !b.data.covers(b.periods[i]) {
			return nil, nil
		}
		var receipts []inventory.Receipt
		for _, x := range b.in.Receipts {
			if x.Day.Before(b.periods[i].End) {
				receipts = append(receipts, x)
			}
		}
		return inventory.Analyze(inventory.Config{Currency: b.cur, BadRecords: b.cfg.BadRecords}, inventory.Input{
			Period: b.periods[i], Items: b.in.Items, Snapshots: slices.Values(snaps), Sales: &pp.sales,
			Receipts: receipts,
		})
	}
	prevRep, err := compared(pPrev, prevSnaps)
	if err != nil {
		b.errs = append(b.errs, err)
		return nil
	}
	yearRep, err := compared(pYear, yearSnaps)
	if err != nil {
		b.errs = append(b.errs, err)
		return nil
	}
	counts := make(map[error]int64) // with the Skip policy: the records left out, by problem
	var kinds []error
	problems := rep.ProblemCounts()
	for _, r := range []*inventory.Report{prevRep, yearRep} { // the compared periods' analyses skip records too
		if r != nil {
			problems = append(problems, r.ProblemCounts()...)
		}
	}
	for _, pc := range problems {
		if counts[pc.Err] == 0 {
			kinds = append(kinds, pc.Err)
		}
		counts[pc.Err] += int64(pc.Records)
	}
	for _, err := range []error{inventory.ErrNegativeOnHand, money.ErrCurrencyMismatch, inventory.ErrAmount} {
		if n := b.outsideSnaps[err]; n > 0 {
			if counts[err] == 0 {
				kinds = append(kinds, err)
			}
			counts[err] += n
		}
	}
	for _, err := range kinds {
		b.notes = append(b.notes, Note{Section: SectionProducts, Key: inventoryProblemKey(err), LeftOut: counts[err]})
	}
	abc, err := rep.ABC(inventory.ABCConfig{})
	if err != nil {
		b.errs = append(b.errs, err)
		return nil
	}
	classes := abc.Map()
	xyz := map[string]string{}
	for _, m := range rep.SKUs {
		c, err := inventory.XYZOf(m.WeeklyCV, inventory.XYZConfig{})
		if err != nil {
			b.errs = append(b.errs, err)
			return nil
		}
		xyz[m.SKU] = c.String()
	}
	class := func(sku string) string {
		c, ok := classes[sku]
		if !ok {
			return ""
		}
		return c.String() + xyz[sku]
	}
	name := func(sku string) string {
		if p, ok := pp.products[sku]; ok {
			return p.name
		}
		return ""
	}
	out := &Products{NoStock: noStock}

	// Top sellers and new products from the period's sales by SKU.
	bySKU := slices.Clone(cur.BySKU)
	// The groups of one summary are in its currency: their decimals compare.
	slices.SortStableFunc(bySKU, func(x, y metrics.Group) int { return y.NetSales.Decimal().Cmp(x.NetSales.Decimal()) })
	product := func(g metrics.Group) Product {
		share, err := metrics.MoneyRatio(g.NetSales, cur.NetSales)
		if err != nil {
			b.errs = append(b.errs, err)
		}
		cat := ""
		if p, ok := pp.products[g.Key]; ok {
			cat = p.category
		}
		return Product{SKU: g.Key, Name: name(g.Key), Category: cat, Units: g.Units, NetSales: g.NetSales, Share: share, Class: class(g.Key)}
	}
	for _, g := range bySKU {
		if g.Key == "" {
			continue
		}
		if len(out.TopSellers) < b.cfg.TopN {
			out.TopSellers = append(out.TopSellers, product(g))
		}
		if p, ok := pp.products[g.Key]; ok && pp.isNew(p, b.orders.first, b.periods[pCur]) && len(out.NewProducts) < b.cfg.TopN {
			out.NewProducts = append(out.NewProducts, product(g))
		}
	}
	for _, g := range cur.ByCategory {
		if g.Key == "" {
			continue
		}
		row := CategoryRow{Category: g.Key, NetSales: g.NetSales, GrossProfit: metrics.MoneyValue(g.GrossProfit), Margin: g.GrossMargin}
		if pp.costs[pCur].lacking(g.Key) { // a margin over sales without a cost would count them as pure profit
			row.GrossProfit, row.Margin = metrics.Undefined(metrics.UnitMoney), metrics.Ratio{}
		}
		out.Categories = append(out.Categories, row)
	}
	if noStock {
		b.notes = append(b.notes, Note{Section: SectionProducts, Key: "stock_parts", Reason: "no_snapshots"}) // a label key
		pp.classParts(b, rep, abc, out)
		return out
	}

	// Inventory health of the store.
	slow, err := rep.SlowMoving(inventory.SlowConfig{})
	if err != nil {
		b.errs = append(b.errs, err)
		return nil
	}
	var prevSlow, yearSlow inventory.SlowReport
	for _, x := range []struct {
		rep  *inventory.Report
		slow *inventory.SlowReport
	}{{prevRep, &prevSlow}, {yearRep, &yearSlow}} {
		if x.rep == nil {
			continue
		}
		if *x.slow, err = x.rep.SlowMoving(inventory.SlowConfig{}); err != nil {
			b.errs = append(b.errs, err)
			return nil
		}
	}
	// Each KPI of the period and, when analysed, of the previous one and
	// of last year.
	keys := []string{"inventory_value", "turnover", "dio", "stockout_rate", "sell_through", "gmroi", "lost_sales"}
	values := func(r *inventory.Report, slow inventory.SlowReport) []metrics.Value {
		if r == nil {
			return make([]metrics.Value, len(keys)) // undefined, in the KPIs' units by NewKPI
		}
		g := r.Store
		return []metrics.Value{metrics.MoneyValue(slow.StockValue), multiple(g.Turnover), days(g.DIO), pct(g.StockoutRate),
			pct(g.SellThrough), multiple(g.GMROI), metrics.MoneyValue(g.LostRevenue)}
	}
	cv, pv, yv := values(rep, slow), values(prevRep, prevSlow), values(yearRep, yearSlow)
	if !b.salesKnown() {
		// The stock's levels stand (its value, the days out of stock);
		// what it says of the stock's sales is not known.
		for i, key := range keys {
			if flowKPI(key) {
				cv[i], pv[i], yv[i] = metrics.Value{}, metrics.Value{}, metrics.Value{}
			}
		}
	}
	for i, key := range keys {
		def := ownKPI(key)
		k, err := b.sectionKPI(def, cv[i], pv[i], yv[i])
		if err != nil {
			b.errs = append(b.errs, err)
		}
		out.KPIs = append(out.KPIs, k)
	}
	// The stock's currency: the store's, or, without orders to name it,
	// the analysis's (of the snapshots'); with none, the unknown bucket's
	// cost and every share would be a zero and n/a.
	stockCur := b.cur
	if stockCur.IsZero() {
		stockCur = rep.Currency
	}
	out.Aging = aging(rep.Store.Aging, unreceived(rep, stockCur), stockCur)
	if !b.salesKnown() {
		out.NoSales = true
		b.notes = append(b.notes, Note{Section: SectionProducts, Key: "stock_flow", Reason: "no_orders"}) // label keys
		return out
	}
	out.LostSales = lostSales(rep, name, b.cfg.TopN)
	// Dead means no sale in the 90 days up to the period's last day, or
	// the data's last day when it ends early (inventory.SlowConfig's default): with less order history than that,
	// a SKU that did not sell is slow, not known to be dead.
	items := slow.Items
	deadKnown := b.orders.covers(metrics.Period{Start: per.End.AddDate(0, 0, -deadDays)})
	if !deadKnown {
		items = slices.Clone(items)
		// One inventory analysis is in one currency: the decimals compare.
		slices.SortStableFunc(items, func(x, y inventory.SlowItem) int { return y.CashTiedUp.Decimal().Cmp(x.CashTiedUp.Decimal()) })
	}
	for _, s := range items {
		if len(out.SlowMovers) >= b.cfg.TopN {
			break
		}
		out.SlowMovers = append(out.SlowMovers, StockItem{SKU: s.SKU, Name: name(s.SKU), OnHand: s.OnHand, Value: s.CashTiedUp,
			DaysOfSupply: days(s.DaysOfSupply), Dead: deadKnown && s.Movement == inventory.Dead})
	}
	out.SlowValue = metrics.MoneyValue(slow.TotalCash)
	if out.SlowShare, err = metrics.MoneyRatio(slow.TotalCash, slow.StockValue); err != nil {
		b.errs = append(b.errs, err)
	}

	pp.classParts(b, rep, abc, out)
	for _, s := range rep.SKUs {
		if s.StockoutDays > 0 && classes[s.SKU] == inventory.ClassA {
			out.StockOutsA = append(out.StockOutsA, StockOut{SKU: s.SKU, Name: name(s.SKU), Days: int64(s.StockoutDays), Rate: s.StockoutRate, LostSales: s.LostRevenue})
		}
	}
	slices.SortStableFunc(out.StockOutsA, func(x, y StockOut) int { return cmp.Compare(y.Days, x.Days) })

	// The reorder list: SKUs at or below their reorder point.
	ro, err := rep.ReorderList(inventory.ReorderConfig{LeadTimes: b.measuredLeadTimes()})
	if err != nil {
		b.note(SectionProducts, "reorder", err)
	} else {
		b.supply.reorder = ro
		for _, x := range ro {
			if float64(x.Position) > x.ReorderPoint || x.Quantity <= 0 {
				continue
			}
			if len(out.Reorder) >= b.cfg.TopN {
				break
			}
			out.Reorder = append(out.Reorder, ReorderItem{SKU: x.SKU, Name: name(x.SKU), OnHand: x.OnHand,
				ReorderPoint: int64(math.Ceil(x.ReorderPoint)), Quantity: x.Quantity})
		}
	}
	return out
}

// salesKnown reports whether the review knows the store's sales: it has
// orders to read (Input.Orders), even none in the period. Without them,
// an analysis of the stock alone would read every unit as unsold: all
// of the stock slow or dead, no turnover, and no demand to reorder for.
func (b *builder) salesKnown() bool { return b.in.Orders != nil }

// flowKPI reports whether the products section's KPI key is one of the
// stock's sales against it (turnover, days of inventory, sell-through,
// GMROI, lost sales), which are not known without orders, rather than a
// level of the stock (its value, the share of days out of stock).
func flowKPI(key string) bool {
	switch key {
	case "turnover", "dio", "sell_through", "gmroi", "lost_sales":
		return true
	}
	return false
}

// classParts adds the ABC×XYZ matrix and the ABC curve of rep's SKUs to
// out.
func (pp *productsPart) classParts(b *builder, rep *inventory.Report, abc inventory.ABC, out *Products) {
	// ABC×XYZ and the ABC curve.
	m, err := rep.Matrix(abc, inventory.XYZConfig{})
	if err != nil {
		b.errs = append(b.errs, err)
		return
	}
	for i, row := range m.Cells {
		for j, c := range row {
			if c.Count == 0 {
				continue
			}
			v, err := b.cur.FromDecimal(c.Value)
			if err != nil {
				b.errs = append(b.errs, err)
				continue
			}
			out.Classes = append(out.Classes, Class{ABC: inventory.Class(i).String(), XYZ: inventory.XYZ(j).String(), SKUs: int64(c.Count), NetSales: v})
		}
	}
	n := len(abc.Items)
	for i, it := range abc.Items {
		if v, ok := it.Cumulative.Value(); ok {
			out.Pareto = append(out.Pareto, ParetoPoint{SKUShare: float64(i+1) / float64(n), SalesShare: v})
		}
	}
}

// The new-product rule (新品, METRICS.md "New product").
const (
	// newProductDays is N: a SKU is new when launched within the last N
	// days of the period.
	newProductDays = 90
	// firstSaleDays is the start of the data a first sale must come after
	// to stand for a launch date: a SKU first seen earlier may have sold
	// before the data began.
	firstSaleDays = 60
)

// isNew reports whether the SKU p is a new product (新品) in period:
// launched within the last 90 days of the period, [period.End − 90 days,
// period.End). The launch is the catalogue's launch date
// ([inventory.Item].Launch) or, without one, the SKU's first sale when it
// comes after the first 60 days of the data (dataStart is the first
// order); a SKU first sold within them has no known launch and is not new.
// Either way a launch in the first month of the data does not count, so
// the first month of the data, where every SKU is first seen, has no new
// products.
func (pp *productsPart) isNew(p *productInfo, dataStart time.Time, period metrics.Period) bool {
	launch := p.launch
	if launch.IsZero() {
		if p.firstSale.IsZero() || p.firstSale.Before(dataStart.AddDate(0, 0, firstSaleDays)) {
			return false
		}
		launch = p.firstSale
	}
	if launch.Before(dataStart.AddDate(0, 1, 0)) {
		return false
	}
	return !launch.Before(period.End.AddDate(0, 0, -newProductDays)) && launch.Before(period.End)
}

// costCoverage is the gross sales (Σ quantity × unit price) of the
// period's non-cancelled orders, in all and on lines without a unit cost
// (an empty or zero unit_cost), per category and in total: the share of
// sales whose cost, and so margin, is unknown.
type costCoverage struct {
	all, noCost      money.Sum
	byCat, lackByCat map[string]*money.Sum
}

func (c *costCoverage) add(l *metrics.Line) {
	if c.byCat == nil {
		c.byCat, c.lackByCat = map[string]*money.Sum{}, map[string]*money.Sum{}
	}
	g := l.Gross()
	sum := func(m map[string]*money.Sum) *money.Sum {
		if m[l.Category] == nil {
			m[l.Category] = &money.Sum{}
		}
		return m[l.Category]
	}
	c.all.Add(g)
	sum(c.byCat).Add(g)
	if l.CostMissing() {
		c.noCost.Add(g)
		sum(c.lackByCat).Add(g)
	}
}

// lacking reports whether some sales of category cat have no cost.
func (c *costCoverage) lacking(cat string) bool {
	x := c.lackByCat[cat]
	return x != nil && x.Count() > 0
}

// lackingShare returns the share of the period's gross sales in currency
// cur without a unit cost, and whether any sales lack one.
func (c *costCoverage) lackingShare(cur money.Currency) (metrics.Ratio, bool, error) {
	if c.noCost.Count() == 0 {
		return metrics.Ratio{}, false, nil
	}
	r, err := metrics.MoneyRatio(c.noCost.Total(cur), c.all.Total(cur))
	return r, true, err
}

// productsPart computes section 3 (商品与库存).
type productsPart struct {
	products map[string]*productInfo
	sales    inventory.Sales
	costs    [nPeriods]costCoverage // of each compared period's sales
	// noCostLines counts the lines of customers' (not guests')
	// non-cancelled orders placed before the reviewed period's end sold
	// without a unit cost: the customers' gross profit to date counts
	// them at none (see [builder.margin]); a guest's order is in no
	// customer's.
	noCostLines int64
}

func (p *productsPart) start(b *builder) {
	p.products = make(map[string]*productInfo)
	for _, it := range b.in.Items {
		if it.Name != "" {
			b.names[it.SKU] = it.Name
		}
	}
}

func (p *productsPart) order(b *builder, o *metrics.Order) {
	p.note(o)
	p.sales.AddOrder(*o)
	if o.Status == metrics.Cancelled {
		return
	}
	if o.CustomerID != "" && o.PlacedAt.Before(b.periods[pCur].End) {
		for i := range o.Lines {
			if o.Lines[i].CostMissing() {
				p.noCostLines++
			}
		}
	}
	for k := range p.costs {
		if b.ordMask&(1<<k) != 0 {
			for i := range o.Lines {
				p.costs[k].add(&o.Lines[i])
			}
		}
	}
}

func (p *productsPart) finish(b *builder, r *Review) {
	if r.Products = p.section(b, b.summary[pCur]); r.Products == nil {
		r.Omitted = append(r.Omitted, Omission{Section: SectionProducts, Missing: "inventory"})
	}
	p.marginWithoutCosts(b, r)
}

// marginWithoutCosts makes the overview's gross margin undefined in each
// compared period some of whose sales have no unit cost, and notes which
// share of the reviewed period's gross sales lacks one: a margin that
// counted those sales at zero cost would be too high (UCI Online Retail,
// with no costs at all, showed 100 %). Gross profit and margin by
// category are undefined the same way, for the categories with such
// sales.
func (p *productsPart) marginWithoutCosts(b *builder, r *Review) {
	var lacking [nPeriods]bool
	for k := range p.costs {
		share, some, err := p.costs[k].lackingShare(b.cur)
		if err != nil {
			b.errs = append(b.errs, err)
			return
		}
		lacking[k] = some
		if some && k == pCur {
			b.notes = append(b.notes, Note{Section: SectionOverview, Key: "margin_no_cost",
				Reason: share.Percent(1)}) // the share of gross sales without a unit cost
		}
	}
	if r.Overview == nil || !lacking[pCur] && !lacking[pPrev] && !lacking[pYear] {
		return
	}
	undef := func(v metrics.Value, k int) metrics.Value {
		if lacking[k] {
			return metrics.Undefined(metrics.UnitRatio)
		}
		return v
	}
	for i, k := range r.Overview.KPIs {
		if k.Key != metrics.KeyGrossMargin {
			continue
		}
		kind, _ := metrics.LookupKPI(k.Key)
		nk, err := NewKPI(kind, undef(k.Current, pCur), undef(k.Previous, pPrev), undef(k.YearAgo, pYear), k.Target)
		if err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		r.Overview.KPIs[i] = nk
	}
}

// unreceived returns the stock on hand at the last snapshot of the SKUs
// without an aging (no receipt in the data): units and their value at the
// snapshot's unit cost, as the inventory value counts them.
func unreceived(rep *inventory.Report, cur money.Currency) inventory.AgeBucket {
	var cost money.Sum
	out := inventory.AgeBucket{Unknown: true}
	for _, s := range rep.SKUs {
		if s.OnHand <= 0 || s.Aging != nil {
			continue
		}
		out.Units += s.OnHand
		cost.Add(s.UnitCost.Mul(s.OnHand))
	}
	out.Cost = cost.Total(cur)
	return out
}

// aging returns the review's form of the store's stock aging, the
// buckets with their share of the stock's cost. The stock of the SKUs
// without receipts, extra, is of unknown age: it joins the unknown bucket,
// so that the buckets add up to the inventory value. Nil when no SKU has
// receipts (inventory.Group.Aging).
func aging(bs []inventory.AgeBucket, extra inventory.AgeBucket, cur money.Currency) []AgeRow {
	if len(bs) == 0 {
		return nil
	}
	bs = slices.Clone(bs)
	for i := range bs {
		if bs[i].Unknown {
			var c money.Sum
			c.Add(bs[i].Cost)
			c.Add(extra.Cost)
			bs[i].Units += extra.Units
			bs[i].Cost = c.Total(cur)
		}
	}
	var total money.Sum
	for _, x := range bs {
		total.Add(x.Cost)
	}
	var out []AgeRow
	for _, x := range bs {
		share, err := metrics.MoneyRatio(x.Cost, total.Total(cur))
		if err != nil {
			share = metrics.Ratio{}
		}
		out = append(out, AgeRow{Label: x.Label(), MinDays: x.MinDays, MaxDays: x.MaxDays, Unknown: x.Unknown, Units: x.Units, Cost: x.Cost, Share: share})
	}
	return out
}

// lostSales returns the SKUs of rep with an estimate of sales lost to
// stock-outs (inventory.SKUMetrics.LostRevenue above zero), the largest
// first, at most n.
func lostSales(rep *inventory.Report, name func(string) string, n int) []LostSale {
	var out []LostSale
	for _, s := range rep.SKUs {
		if !s.LostUnits.Defined() || s.StockoutDays == 0 || !s.LostRevenue.IsPositive() {
			continue
		}
		out = append(out, LostSale{SKU: s.SKU, Name: name(s.SKU), StockoutDays: int64(s.StockoutDays),
			Units: number(s.LostUnits), Revenue: s.LostRevenue})
	}
	// One inventory analysis is in one currency: the decimals compare.
	slices.SortStableFunc(out, func(x, y LostSale) int { return y.Revenue.Decimal().Cmp(x.Revenue.Decimal()) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// margin returns the gross margin of period i, a fraction in (0, 1], for
// the models that turn net sales into gross profit (the predicted CLV,
// the LTV of the overview's LTV/CAC); false when it is undefined or out
// of that range, or when some of the period's sales have no unit cost:
// counted at no cost they would raise it (the Complete Journey slice,
// without costs, valued its customers at a margin of 100 %).
func (b *builder) margin(i int) (float64, bool) {
	m, ok := b.summary[i].GrossMargin.Value()
	if !ok || m <= 0 || m > 1 {
		return 0, false
	}
	if p := partOf[*productsPart](b); p != nil {
		if _, some, err := p.costs[i].lackingShare(b.cur); err != nil || some {
			return 0, false
		}
	}
	return m, true
}
