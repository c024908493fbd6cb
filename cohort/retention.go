package cohort

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Kind says when a customer counts as retained in period N.
type Kind uint8

const (
	// On counts a customer in period N if they ordered in period N
	// (Amplitude's "on", Mixpanel's default retention).
	On Kind = iota
	// OnOrAfter counts a customer in period N if they ordered in period N
	// or in any later period up to the as-of day (Amplitude's "on or
	// after", also called unbounded retention). It never increases with N.
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
	Config   RetentionConfig  // the configuration, defaults filled in; AsOf is the start of the as-of day (its midnight)
	Currency metrics.Currency // the currency of every amount; zero for an empty ledger
	Rows     []Row            // one per cohort, periods in time order, keys in byte order
	Periods  int              // the number of columns
	Later    int64            // customers whose first order is after AsOf, left out
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
	NetSales metrics.Money
	// GrossProfit is NetSales − COGS of the period (COGS of restocked
	// refunded units leaves the period of the refund).
	GrossProfit metrics.Money
	// CumNetSales and CumGrossProfit are the totals of periods 0 to this
	// one, over the Eligible customers.
	CumNetSales, CumGrossProfit metrics.Money
	// LTVNetSales and LTVGrossProfit are CumNetSales and CumGrossProfit
	// per eligible customer, rounded half-even to minor units: the
	// historical LTV curve (历史客户价值) of METRICS.md.
	LTVNetSales, LTVGrossProfit metrics.Money
}

// rowAcc accumulates one cohort; slices are indexed by period, and elig,
// after, cumNet and cumGP hold differences whose prefix sums are the
// values.
type rowAcc struct {
	size, minDone          int64
	elig, after            []int64
	active, orders         []int64
	net, gp, cumNet, cumGP []amount
}

func (a *rowAcc) grow(n int) {
	for len(a.elig) < n {
		a.elig = append(a.elig, 0)
		a.after = append(a.after, 0)
		a.active = append(a.active, 0)
		a.orders = append(a.orders, 0)
		a.net = append(a.net, amount{})
		a.gp = append(a.gp, amount{})
		a.cumNet = append(a.cumNet, amount{})
		a.cumGP = append(a.cumGP, amount{})
	}
}

// Retention returns the retention matrix of the ledger's customers:
// customers active, orders, net sales, gross profit and the cumulative
// (LTV) curves, per cohort and period since acquisition. It reads the
// ledger and does not change it.
//
// Retention panics if cfg.Grain is not Day, Week or Month, or cfg.By,
// cfg.Kind or cfg.Window is not one of its constants.
func (l *Ledger) Retention(cfg RetentionConfig) *Matrix {
	if cfg.Kind > OnOrAfter {
		panic(fmt.Sprintf("cohort: unknown Kind %d", cfg.Kind))
	}
	if cfg.Window > Rolling {
		panic(fmt.Sprintf("cohort: unknown Window %d", cfg.Window))
	}
	l.flush()
	g := checkGrain(cfg.Grain)
	cfg.Grain = g
	w := cfg.Window
	asOf := l.asOfDay(cfg.AsOf)
	cfg.AsOf = dayTime(asOf, l.loc())
	grp := newGrouping(cfg.By, g, l.loc())
	m := &Matrix{Config: cfg, Currency: l.cur}
	lo := asOf
	for c := range l.customers() {
		lo = min(lo, c.first)
	}
	cnt := newCounter(g, w, lo, asOf+1)
	var accs []*rowAcc
	for c := range l.customers() {
		if c.first > asOf {
			m.Later++
			continue
		}
		r := grp.row(c)
		if r == len(accs) {
			accs = append(accs, &rowAcc{minDone: math.MaxInt64})
		}
		a := accs[r]
		reach := cnt.offset(c.first, asOf)
		if done := cnt.offset(c.first, asOf+1) - 1; done < a.minDone {
			a.minDone = done
		}
		a.size++
		a.grow(int(reach) + 2)
		a.elig[0]++
		a.elig[reach+1]--
		lastN, lastActive := int64(-1), int64(0)
		for j := range c.days {
			b := &c.days[j]
			bnet, bcogs := l.dayAmounts(b)
			day := int64(b.day)
			if day > asOf {
				break
			}
			n := cnt.offset(c.first, day)
			if b.orders > 0 {
				if n != lastN {
					a.active[n]++
					lastN = n
				}
				a.orders[n] += b.orders
				lastActive = n
			}
			gp := bnet
			gp.sub(bcogs)
			a.net[n].add(bnet)
			a.gp[n].add(gp)
			a.cumNet[n].add(bnet)
			a.cumNet[reach+1].sub(bnet)
			a.cumGP[n].add(gp)
			a.cumGP[reach+1].sub(gp)
		}
		a.after[0]++
		a.after[lastActive+1]--
	}
	for _, a := range accs {
		m.Periods = max(m.Periods, len(a.elig)-1)
	}
	for _, r := range grp.order() {
		label, period := grp.label(r)
		m.Rows = append(m.Rows, accs[r].row(label, period, m.Periods, cfg.Kind, l.cur))
	}
	return m
}

func (a *rowAcc) row(label string, p metrics.Period, width int, k Kind, cur metrics.Currency) Row {
	row := Row{Label: label, Period: p, Customers: a.size, Cells: make([]Cell, width)}
	var elig, after int64
	var cumNet, cumGP amount
	for n := 0; n < len(a.elig)-1; n++ {
		elig += a.elig[n]
		after += a.after[n]
		cumNet.add(a.cumNet[n])
		cumGP.add(a.cumGP[n])
		if elig == 0 {
			continue
		}
		active := a.active[n]
		if k == OnOrAfter {
			active = after
		}
		row.Cells[n] = Cell{
			Observed:       true,
			Complete:       int64(n) <= a.minDone,
			Eligible:       elig,
			Active:         active,
			Retention:      metrics.CountRatio(active, elig),
			Orders:         a.orders[n],
			NetSales:       a.net[n].money(cur),
			GrossProfit:    a.gp[n].money(cur),
			CumNetSales:    cumNet.money(cur),
			CumGrossProfit: cumGP.money(cur),
			LTVNetSales:    cumNet.perCustomer(cur, elig),
			LTVGrossProfit: cumGP.perCustomer(cur, elig),
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
	LTVNetSales, LTVGrossProfit metrics.Money
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
		var net, gp metrics.Sum
		for _, r := range m.Rows {
			c := r.Cells[n]
			if !c.Observed {
				continue
			}
			p.Cohorts++
			p.Eligible += c.Eligible
			p.Active += c.Active
			net.Add(c.CumNetSales)
			gp.Add(c.CumGrossProfit)
		}
		p.Retention = metrics.CountRatio(p.Active, p.Eligible)
		if !m.Currency.IsZero() {
			p.LTVNetSales, _ = net.Total(m.Currency).Div(max(p.Eligible, 1), metrics.RoundHalfEven)
			p.LTVGrossProfit, _ = gp.Total(m.Currency).Div(max(p.Eligible, 1), metrics.RoundHalfEven)
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
// are [Unobserved]. Table panics if v is not one of the Measure constants.
func (m *Matrix) Table(v Measure) [][]string {
	if int(v) >= len(measureNames) {
		panic(fmt.Sprintf("cohort: unknown Measure %d", v))
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
	return out
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
	panic(fmt.Sprintf("cohort: unknown Measure %d", v))
}
