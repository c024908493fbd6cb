package cohort

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Kind says when a customer counts as retained in period N.
type Kind uint8

const (
	// On counts a customer in period N if they ordered in period N
	// (Amplitude's "on", Mixpanel's default retention).
	On Kind = iota
	// OnOrAfter counts a customer in period N if they ordered in period N
	// or in any later period up to the as-of day (Amplitude's "on or
	// after", also called unbounded retention). Its count of customers
	// never increases with N; its rate can, where the eligible customers
	// of later periods are fewer (rolling windows, key cohorts).
	OnOrAfter
)

// String returns "on" or "on or after".
func (k Kind) String() string {
	if k == OnOrAfter {
		return "on or after"
	}
	return "on"
}

// Window says how periods since acquisition are counted.
type Window uint8

const (
	// Calendar periods: period N of a customer acquired in March is the
	// calendar month N months after March, whatever the day of the first
	// order. Period 0 is the rest of the acquisition period.
	Calendar Window = iota
	// Rolling windows from each customer's own first order day: days,
	// 7-day weeks, or months to the monthly anniversary of the first day
	// (acquired on 31 January: period 1 starts on 28 or 29 February).
	Rolling
)

// String returns "calendar" or "rolling".
func (w Window) String() string {
	if w == Rolling {
		return "rolling"
	}
	return "calendar"
}

// RetentionConfig says how [Ledger.Retention] builds its matrix. The zero
// RetentionConfig gives monthly acquisition cohorts with "on" retention
// in calendar months, observed up to the last day with activity.
type RetentionConfig struct {
	// By says what groups customers into cohorts. Defaults to ByPeriod.
	By By
	// Grain is the length of a cohort period and of a column: Day, Week
	// or Month. Defaults to Month (the zero Grain, Custom, means Month).
	Grain metrics.Grain
	// Kind is "on" or "on or after" retention. Defaults to On.
	Kind Kind
	// Window is calendar periods or rolling windows. Defaults to Calendar.
	Window Window
	// AsOf is the last day observed, in the ledger's Location: activity
	// after that day is left out, and a period that has not begun by then
	// is unobserved. Defaults to the last day with activity in the ledger.
	AsOf time.Time
}

// Matrix is a retention matrix: one row per cohort, one column per period
// since acquisition (column 0 is the acquisition period).
//
// A cell is observed when its period has begun by the as-of day for at
// least one customer of the cohort; an unobserved cell has Observed false
// and zero values, and prints as "n/a" in [Matrix.Table]. For cohorts by
// period in calendar windows, a cell is observed for all the cohort or
// none of it. Otherwise (rolling windows, key cohorts) a cell covers only
// the customers for whom the period has begun, its Eligible customers,
// so that young customers never count as lost.
type Matrix struct {
	Config   RetentionConfig // the configuration, defaults filled in; AsOf is the start of the as-of day (its midnight), zero for an empty ledger without one
	Currency money.Currency  // the currency of every amount; zero for an empty ledger
	Rows     []Row           // one per cohort, periods in time order, keys in byte order
	Periods  int             // the number of columns
	Later    int64           // customers whose first order is after AsOf, left out
	// CountsOnly reports a matrix of customer counts alone, an
	// [Activity]'s: the cells' Orders and money fields and Currency are
	// not known (they are zero, not measured), and [Matrix.Table]
	// refuses their measures. A Ledger's matrix has it false.
	CountsOnly bool
}

// Row is one cohort of a [Matrix].
type Row struct {
	Label     string         // the cohort: a period label ("2025-03", "2025-W10") or the key, "(none)" for an empty key
	Period    metrics.Period // the acquisition period of a period cohort; zero for key cohorts
	Customers int64          // the cohort size: customers whose first order is in the cohort
	Cells     []Cell         // one per column of the matrix
}

// Cell is one cohort in one period since acquisition.
type Cell struct {
	// Observed reports whether the period has begun by the as-of day for
	// at least one customer of the cohort. All other fields are zero when
	// it is false.
	Observed bool
	// Complete reports whether the period has ended by the as-of day for
	// every customer of the cohort. An observed, incomplete cell is still
	// filling up.
	Complete bool
	// Eligible is the number of customers for whom the period has begun:
	// the denominator of Retention. It equals the cohort size for period
	// cohorts in calendar windows.
	Eligible int64
	// Active is the number of retained customers: with orders in this
	// period (On), or in this or a later period up to the as-of day
	// (OnOrAfter). Active ≤ Eligible ≤ cohort size.
	Active int64
	// Retention is Active / Eligible (留存率).
	Retention metrics.Ratio
	// Orders is the number of orders placed in the period.
	Orders int64
	// NetSales is the net sales of the period: order net sales of orders
	// placed in it, less refunds paid in it.
	NetSales money.Money
	// GrossProfit is NetSales − COGS of the period (COGS of restocked
	// refunded units leaves the period of the refund).
	GrossProfit money.Money
	// CumNetSales and CumGrossProfit are the totals of periods 0 to this
	// one, over the Eligible customers.
	CumNetSales, CumGrossProfit money.Money
	// LTVNetSales and LTVGrossProfit are CumNetSales and CumGrossProfit
	// per eligible customer, rounded half-even to minor units: the
	// historical LTV curve (历史客户价值) of shopmetrics' definitions.
	LTVNetSales, LTVGrossProfit money.Money
}

// Retention returns the retention matrix of the ledger's customers:
// customers active, orders, net sales, gross profit and the cumulative
// (LTV) curves, per cohort and period since acquisition. It reads the
// ledger and does not change what it holds.
//
// Retention returns the errors.Join of a *metrics.ConfigError (wrapping
// metrics.ErrConfig) per invalid field, and no matrix, if cfg.Grain is not
// Day, Week or Month, or cfg.By, cfg.Kind or cfg.Window is not one of its
// constants. It returns a *metrics.ConfigError of RetentionConfig.AsOf if
// the matrix would have 2^31 cells or more (daily cohorts over millennia:
// an AsOf far past the data).
func (l *Ledger) Retention(cfg RetentionConfig) (*Matrix, error) {
	var errs []error
	if cfg.Kind > OnOrAfter {
		errs = append(errs, configError("RetentionConfig.Kind", "Kind("+strconv.Itoa(int(cfg.Kind))+") is not On or OnOrAfter"))
	}
	if cfg.Window > Rolling {
		errs = append(errs, configError("RetentionConfig.Window", "Window("+strconv.Itoa(int(cfg.Window))+") is not Calendar or Rolling"))
	}
	g, err := checkGrain("RetentionConfig.Grain", cfg.Grain)
	errs = append(errs, err, checkBy("RetentionConfig.By", cfg.By))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	cfg.Grain = g
	asOf := l.asOfDay(cfg.AsOf)
	if l.hasDay || !cfg.AsOf.IsZero() { // an empty ledger has no last day
		cfg.AsOf = dayTime(asOf, l.loc())
	}
	grp := newGrouping(cfg.By, g, l.loc())
	m := &Matrix{Config: cfg, Currency: l.cur}
	s, err := l.newRetScan(grp, g, cfg.Window, asOf)
	if err != nil {
		return nil, err
	}
	m.Later = s.later
	s.scan(l)
	for _, r := range s.rows {
		m.Periods = max(m.Periods, int(r.width)-1)
	}
	for _, r := range grp.order() {
		label, period := grp.label(r)
		m.Rows = append(m.Rows, s.row(r, label, period, m.Periods, cfg.Kind, l.cur))
	}
	return m, nil
}

// retScan computes a retention matrix in one pass over the ledger's
// activity, in whatever order it is stored: the sorted day aggregates of
// earlier queries and the log of what was added since, which it reads in
// place unless that would take more memory than the log (see
// [retScan.scan]).
//
// Each cohort's cells are a run of the flat cells slice, as long as the
// periods its oldest customer reaches plus one, so that the cell of a
// customer's period n is n places after the cell of their period 0.
type retScan struct {
	asOf  int64
	cnt   *counter
	cust  []retCust // by customer index
	rows  []retRow  // by cohort row
	cells []retCell
	later int64

	// Customers active in a period are counted once. In the sorted day
	// aggregates, a customer's periods come in order: lastOn is the last
	// one counted, for the customer being read. The log is in no order:
	// it takes a bit per customer and period, in retCust.seen if one word
	// holds them (words == 1), else words per customer in seen.
	sorted bool
	lastOn int64
	sink   int32 // keeps the loads of scan's look-ahead alive
	seen   []uint64
	words  int64
}

// retCust is one customer in a retScan, in 24 bytes: the scan of the log
// reads one at random per entry, so the fewer cache lines they take the
// better.
type retCust struct {
	base  int32  // the index in cells of the customer's period 0; -1 if after the as-of day
	first int32  // the first order day
	reach int32  // the last period begun by the as-of day
	last  int32  // the last period with orders
	seen  uint64 // the periods counted active, when a word holds them
}

// retRow is one cohort in a retScan.
type retRow struct {
	size, minDone int64
	width         int64 // columns + 1: the farthest reach of a customer + 2
	base          int64 // the index in cells of period 0
}

// retCell is one cohort and period in a retScan. elig and after are
// differences whose prefix sums are the eligible and the "on or after"
// active customers; dropNet and dropGP, the amounts of customers whose
// reach ends before this period, to subtract from the running totals.
type retCell struct {
	elig, after, active, orders int64
	net, gp, dropNet, dropGP    money.Total
}

// newRetScan assigns l's customers to cohorts, numbers the cells and
// counts each customer's eligibility. It returns a *metrics.ConfigError if
// the matrix would have 2^31 cells or more.
func (l *Ledger) newRetScan(grp *grouping, g metrics.Grain, w Window, asOf int64) (*retScan, error) {
	s := &retScan{asOf: asOf, cust: make([]retCust, l.cs.Len())}
	lo := asOf
	for _, b := range l.firsts.Blocks() {
		for i := range b {
			lo = min(lo, int64(b[i].day))
		}
	}
	s.cnt = newCounter(g, w, lo, asOf+1)
	rowOf := make([]int32, len(s.cust))
	for ci := range s.cust {
		first := l.first(ci)
		sc := &s.cust[ci]
		*sc = retCust{base: -1, first: int32(first)}
		if first > asOf {
			s.later++
			continue
		}
		var c *customer // not read for cohorts by period
		if grp.by != ByPeriod {
			c = l.cs.At(ci)
		}
		r := grp.row(first, c)
		if r == len(s.rows) {
			s.rows = append(s.rows, retRow{minDone: math.MaxInt64})
		}
		rw := &s.rows[r]
		reach := s.cnt.offset(first, asOf)
		sc.reach = int32(reach)
		if done := s.cnt.offset(first, asOf+1) - 1; done < rw.minDone {
			rw.minDone = done
		}
		rw.size++
		rw.width = max(rw.width, reach+2)
		rowOf[ci] = int32(r)
	}
	var n int64
	for i := range s.rows {
		// Each width is below 2^47 (days from year −2.9e11 to 2.9e11) and n
		// stays below 2^31, so the check cannot overflow; the sum could.
		if s.rows[i].width > math.MaxInt32-n {
			return nil, configError("RetentionConfig.AsOf", "a matrix of 2^31 cells or more ("+strconv.Itoa(len(s.rows))+
				" cohorts, one of them "+strconv.FormatInt(s.rows[i].width, 10)+" cells wide) from the first order to the as-of day: choose a nearer AsOf or a longer Grain")
		}
		s.rows[i].base = n
		n += s.rows[i].width
	}
	s.cells = make([]retCell, n)
	var width int64
	for i := range s.cust {
		sc := &s.cust[i]
		if int64(sc.first) > asOf {
			continue
		}
		rw := &s.rows[rowOf[i]]
		sc.base = int32(rw.base)
		width = max(width, rw.width)
		s.cells[sc.base].elig++
		s.cells[sc.base+sc.reach+1].elig--
	}
	s.words = (width - 1 + 63) / 64 // a bit per column; width counts one more
	return s, nil
}

// seenWordsPerEntry bounds the bits of a retScan: at most this many
// words per entry in the log (whose entries take two or four words).
// A variable so that tests can force the flush.
var seenWordsPerEntry int64 = 2

// scan reads l's activity: its day aggregates, then its log if it has
// one. If a bit per customer and period would take more memory than the
// log itself, it flushes the log into the day aggregates instead.
func (s *retScan) scan(l *Ledger) {
	n := int64(l.log.Len() + l.nlog.Len())
	if n > 0 && s.words > 1 && int64(len(s.cust))*s.words > seenWordsPerEntry*n {
		l.flush()
		n = 0
	}
	s.sorted = n == 0
	if n > 0 && s.words > 1 {
		s.seen = make([]uint64, int64(len(s.cust))*s.words)
	}
	for ci, days := range l.hist {
		s.lastOn = -1
		for j := range days {
			b := &days[j]
			if int64(b.day) > s.asOf {
				break // sorted by day: the rest are later still
			}
			if b.x == 0 {
				s.addMinor(int32(ci), int64(b.day), b.orders, b.net, b.cogs)
			} else {
				net, cogs := l.dayAmounts(b)
				s.add(int32(ci), int64(b.day), b.orders, net, cogs)
			}
		}
	}
	for _, blk := range l.nlog.Blocks() { // empty if flushed
		// Load the customers of a run of entries first, in a loop short
		// enough for their cache misses to be in flight at once.
		const run = 16
		for i := 0; i < len(blk); i += run {
			part := blk[i:min(i+run, len(blk))]
			var sink int32
			for k := range part {
				sink += s.cust[part[k].cust].base
			}
			s.sink += sink
			for k := range part {
				e := &part[k]
				s.addMinor(e.cust, int64(e.day), 1, int64(e.net), int64(e.cogs))
			}
		}
	}
	for _, blk := range l.log.Blocks() {
		for i := range blk {
			e := &blk[i]
			if e.extra == 0 {
				s.addMinor(e.cust, int64(e.day), int64(e.orders), e.net, e.cogs)
			} else {
				net, cogs := l.amounts(e)
				s.add(e.cust, int64(e.day), int64(e.orders), net, cogs)
			}
		}
	}
	s.finish()
}

// at returns the cell of customer ci's activity on day, with its
// orders counted, and the cell where the customer's reach ends; nil if
// the activity is not in the matrix (after the as-of day).
func (s *retScan) at(ci int32, day, orders int64) (cell, drop *retCell) {
	c := &s.cust[ci]
	if c.base < 0 || day > s.asOf {
		return nil, nil
	}
	n := s.cnt.offset(int64(c.first), day)
	cell = &s.cells[int64(c.base)+n]
	if orders > 0 {
		s.active(ci, c, cell, n)
		cell.orders += orders
	}
	return cell, &s.cells[c.base+c.reach+1]
}

// addMinor records activity of customer ci on day: orders placed, and
// net sales and COGS in minor units.
func (s *retScan) addMinor(ci int32, day, orders, net, cogs int64) {
	cell, drop := s.at(ci, day, orders)
	if cell == nil {
		return
	}
	gp, ok := intmath.Sub64(net, cogs)
	if !ok {
		var a, k money.Total
		a.Units, k.Units = net, cogs
		s.addAmounts(cell, drop, a, k)
		return
	}
	cell.net.Add(net)
	drop.dropNet.Sub(net)
	cell.gp.Add(gp)
	drop.dropGP.Sub(gp)
}

// add is addMinor for exact amounts.
func (s *retScan) add(ci int32, day, orders int64, net, cogs money.Total) {
	if cell, drop := s.at(ci, day, orders); cell != nil {
		s.addAmounts(cell, drop, net, cogs)
	}
}

// addAmounts adds net sales and gross profit (net − cogs) to cell, and
// takes them off the running totals at drop.
func (s *retScan) addAmounts(cell, drop *retCell, net, cogs money.Total) {
	gp := net
	gp.SubTotal(cogs)
	cell.net.AddTotal(net)
	cell.gp.AddTotal(gp)
	drop.dropNet.SubTotal(net)
	drop.dropGP.SubTotal(gp)
}

// active counts customer ci (c) active in period n (cell), once.
func (s *retScan) active(ci int32, c *retCust, cell *retCell, n int64) {
	c.last = max(c.last, int32(n))
	if s.sorted {
		if n != s.lastOn {
			s.lastOn = n
			cell.active++
		}
		return
	}
	w := &c.seen
	if s.words > 1 {
		w = &s.seen[int64(ci)*s.words+n>>6]
	}
	if bit := uint64(1) << (n & 63); *w&bit == 0 {
		*w |= bit
		cell.active++
	}
}

// finish counts the "on or after" active customers: each customer is
// active in periods 0 to the last with orders.
func (s *retScan) finish() {
	for i := range s.cust {
		c := &s.cust[i]
		if c.base < 0 {
			continue
		}
		s.cells[c.base].after++
		s.cells[c.base+c.last+1].after--
	}
}

// row returns cohort r of the matrix.
func (s *retScan) row(r int, label string, p metrics.Period, width int, k Kind, cur money.Currency) Row {
	rw := &s.rows[r]
	row := Row{Label: label, Period: p, Customers: rw.size, Cells: make([]Cell, width)}
	var elig, after int64
	var cumNet, cumGP money.Total
	for n := int64(0); n < rw.width-1; n++ {
		a := &s.cells[rw.base+n]
		elig += a.elig
		after += a.after
		cumNet.AddTotal(a.dropNet)
		cumNet.AddTotal(a.net)
		cumGP.AddTotal(a.dropGP)
		cumGP.AddTotal(a.gp)
		if elig == 0 {
			continue
		}
		active := a.active
		if k == OnOrAfter {
			active = after
		}
		row.Cells[n] = Cell{
			Observed:       true,
			Complete:       n <= rw.minDone,
			Eligible:       elig,
			Active:         active,
			Retention:      metrics.CountRatio(active, elig),
			Orders:         a.orders,
			NetSales:       a.net.Money(cur),
			GrossProfit:    a.gp.Money(cur),
			CumNetSales:    cumNet.Money(cur),
			CumGrossProfit: cumGP.Money(cur),
			LTVNetSales:    cumNet.Div(elig, cur),
			LTVGrossProfit: cumGP.Div(elig, cur),
		}
	}
	return row
}

// ColumnLabels returns the labels of the matrix's columns: "M0", "M1", …
// for months, "W0", … for weeks and "D0", … for days.
func (m *Matrix) ColumnLabels() []string {
	prefix := map[metrics.Grain]string{metrics.Day: "D", metrics.Week: "W", metrics.Month: "M"}[m.Config.Grain]
	out := make([]string, m.Periods)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i)
	}
	return out
}

// RowLabels returns the labels of the matrix's rows, in order.
func (m *Matrix) RowLabels() []string {
	out := make([]string, len(m.Rows))
	for i, r := range m.Rows {
		out[i] = r.Label
	}
	return out
}

// CurvePoint is one period of the weighted average retention curve.
type CurvePoint struct {
	Period    int           // periods since acquisition
	Cohorts   int           // cohorts with the period observed
	Eligible  int64         // customers for whom the period has begun
	Active    int64         // of them, retained
	Retention metrics.Ratio // Active / Eligible
	// LTVNetSales and LTVGrossProfit are the cumulative amounts per
	// eligible customer, rounded half-even to minor units.
	LTVNetSales, LTVGrossProfit money.Money
}

// Curve returns the weighted average retention curve: for each period,
// the active customers of all cohorts that have reached it divided by
// their eligible customers (each cohort weighs by its size; cohorts too
// young for the period are left out rather than counted as zero). The
// current, incomplete period of a cohort is included; set AsOf to the end
// of the last complete period to leave it out.
func (m *Matrix) Curve() []CurvePoint {
	out := make([]CurvePoint, m.Periods)
	for n := range out {
		p := CurvePoint{Period: n}
		var net, gp money.Total // of m.Currency, as every amount of m
		for _, r := range m.Rows {
			c := r.Cells[n]
			if !c.Observed {
				continue
			}
			p.Cohorts++
			p.Eligible += c.Eligible
			p.Active += c.Active
			net.AddMoney(c.CumNetSales)
			gp.AddMoney(c.CumGrossProfit)
		}
		p.Retention = metrics.CountRatio(p.Active, p.Eligible)
		if !m.Currency.IsZero() {
			p.LTVNetSales = net.Div(p.Eligible, m.Currency) // zero without eligible customers
			p.LTVGrossProfit = gp.Div(p.Eligible, m.Currency)
		}
		out[n] = p
	}
	return out
}

// Measure is what [Matrix.Table] shows in each cell.
type Measure uint8

const (
	Customers      Measure = iota // active customers (Cell.Active)
	Rate                          // retention rate, "45.00%" (Cell.Retention)
	Orders                        // orders (Cell.Orders)
	NetSales                      // net sales of the period (Cell.NetSales)
	GrossProfit                   // gross profit of the period (Cell.GrossProfit)
	LTVNetSales                   // cumulative net sales per customer (Cell.LTVNetSales)
	LTVGrossProfit                // cumulative gross profit per customer (Cell.LTVGrossProfit)
)

var measureNames = [...]string{"customers", "rate", "orders", "net sales", "gross profit", "ltv net sales", "ltv gross profit"}

// String returns the measure's name, such as "rate".
func (v Measure) String() string {
	if int(v) < len(measureNames) {
		return measureNames[v]
	}
	return fmt.Sprintf("Measure(%d)", v)
}

// Unobserved is how [Matrix.Table] shows a cell that cannot be observed
// yet, as distinct from "0".
const Unobserved = "n/a"

// Table returns the matrix as a plain table for a report or a CSV file:
// a header row ("cohort", "customers", then the column labels) and one
// row per cohort (label, cohort size, then one cell per column). Counts
// are integers, rates percentages with two decimals, amounts plain
// decimals with the currency's minor digits ("1234.50"). Unobserved cells
// are [Unobserved]. Table returns a *metrics.ConfigError of "Table(v)",
// and no table, if v is not one of the Measure constants, or is a measure
// of orders or amounts and the matrix is CountsOnly.
func (m *Matrix) Table(v Measure) ([][]string, error) {
	if int(v) >= len(measureNames) {
		return nil, configError("Table(v)", v.String()+" is not one of the Measure constants")
	}
	if m.CountsOnly && v != Customers && v != Rate {
		return nil, configError("Table(v)", v.String()+" is not known to a matrix of counts alone (an Activity's: use a Ledger)")
	}
	out := make([][]string, 0, len(m.Rows)+1)
	out = append(out, append([]string{"cohort", "customers"}, m.ColumnLabels()...))
	for _, r := range m.Rows {
		line := make([]string, 0, m.Periods+2)
		line = append(line, r.Label, strconv.FormatInt(r.Customers, 10))
		for _, c := range r.Cells {
			line = append(line, c.format(v))
		}
		out = append(out, line)
	}
	return out, nil
}

func (c Cell) format(v Measure) string {
	if !c.Observed {
		return Unobserved
	}
	switch v {
	case Customers:
		return strconv.FormatInt(c.Active, 10)
	case Rate:
		return c.Retention.Percent(2)
	case Orders:
		return strconv.FormatInt(c.Orders, 10)
	case NetSales:
		return c.NetSales.Amount()
	case GrossProfit:
		return c.GrossProfit.Amount()
	case LTVNetSales:
		return c.LTVNetSales.Amount()
	case LTVGrossProfit:
		return c.LTVGrossProfit.Amount()
	}
	panic(fmt.Sprintf("cohort: internal error: unknown Measure %d", v)) // Table checked v
}
