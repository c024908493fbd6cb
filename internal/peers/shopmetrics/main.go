package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

var gcFirst = flag.Bool("gc", true, "collect garbage before each run, outside its time")

// settle runs a garbage collection before a timed run when -gc is set
// (the default), so that each run starts from the same heap, as
// testing.B starts each benchmark, instead of paying for the garbage of
// the one before; the collection is not timed.
func settle() {
	if *gcFirst {
		runtime.GC()
	}
}

var grow = flag.Bool("grow", true, "size funnel counters with Counter.Grow(distinct users known from the load)")

func main() {
	dir := flag.String("data", "/tmp/peers-data", "directory holding events.csv and orders.csv")
	outdir := flag.String("outdir", "", "if set, write each query's result as <outdir>/<query>.csv")
	runs := flag.Int("runs", 3, "timed runs per query")
	warm := flag.Int("warm", 1, "untimed warm-up runs per query")
	qs := flag.String("q", "a_totals,a_totals_sum,b_cohorts,c_funnel,d_windowfunnel", "queries to run, in order (b_cohorts_ledger, not run by default, answers b_cohorts with a cohort.Ledger)")
	cpuprof := flag.String("cpuprofile", "", "write a CPU profile of the query runs (warm-up and timed; not the load) to this file")
	loadprof := flag.String("loadprofile", "", "write a CPU profile of the load to this file")
	memprof := flag.String("memprofile", "", "write an allocation profile (alloc_space over the whole process) to this file")
	flag.Parse()
	if *memprof != "" {
		runtime.MemProfileRate = 64 << 10
	}

	fmt.Printf("shopmetrics %s GOMAXPROCS=%d\n", runtime.Version(), runtime.GOMAXPROCS(0))
	if *loadprof != "" {
		f, err := os.Create(*loadprof)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
	}
	t0, c0 := time.Now(), cpuTime()
	d, err := load(*dir)
	if err != nil {
		log.Fatal(err)
	}
	loadS := time.Since(t0).Seconds()
	if *loadprof != "" {
		pprof.StopCPUProfile()
	}
	fmt.Printf("load: %.3fs (events %.3fs, orders %.3fs, in parallel when GOMAXPROCS > 1)\n", loadS, d.evSecs, d.ordSecs)
	fmt.Printf("rows: %d events of %d users, %d orders of %d customers\n", d.events.Len(), d.users(), d.orders.Len(), d.customers())
	fmt.Printf("T load 0 %.6f %.6f\n", loadS, (cpuTime() - c0).Seconds())

	queries := map[string]func(*data) string{
		"a_totals":         totalsSummarize,
		"a_totals_sum":     totalsSum,
		"b_cohorts":        cohorts,
		"b_cohorts_ledger": cohortsLedger,
		"c_funnel":         func(d *data) string { return funnelQuery(d, true) },
		"d_windowfunnel":   func(d *data) string { return funnelQuery(d, false) },
	}
	if *cpuprof != "" {
		f, err := os.Create(*cpuprof)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
	}
	for _, name := range strings.Split(*qs, ",") {
		q, ok := queries[name]
		if !ok {
			log.Fatalf("unknown query %q", name)
		}
		var out string
		for range *warm {
			settle()
			t, c := time.Now(), cpuTime()
			out = q(d)
			fmt.Printf("W %s %.6f %.6f\n", name, time.Since(t).Seconds(), (cpuTime() - c).Seconds())
		}
		for i := range *runs {
			settle()
			t, c := time.Now(), cpuTime()
			out = q(d)
			fmt.Printf("T %s %d %.6f %.6f\n", name, i, time.Since(t).Seconds(), (cpuTime() - c).Seconds())
		}
		if *outdir != "" {
			if err := os.MkdirAll(*outdir, 0o755); err != nil {
				log.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(*outdir, name+".csv"), []byte(out), 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
	if *cpuprof != "" {
		pprof.StopCPUProfile()
	}
	if *memprof != "" {
		f, err := os.Create(*memprof)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("heap: HeapSys %.0f MiB, TotalAlloc %.0f MiB, NumGC %d\n", float64(ms.HeapSys)/(1<<20), float64(ms.TotalAlloc)/(1<<20), ms.NumGC)
	runtime.KeepAlive(d)
}

const totalsHeader = "currency,orders,gross,discount,cogs,net_revenue,gross_profit,gross_margin\n"

// totalsSummarize answers (a) with metrics.Totals.AddOrders over all time
// (the zero Period): one SalesTotal per currency, sorted by code. Its
// totals are those of metrics.Summarize, on the batch's int64 columns.
func totalsSummarize(d *data) string {
	var t metrics.Totals
	if err := t.AddOrders(d.orders); err != nil {
		log.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(totalsHeader)
	for _, s := range t.Result() {
		totalsRow(&b, s.Currency, s.Orders, s.GrossSales, s.Discounts, s.COGS, s.NetSales, s.GrossProfit, s.GrossMargin)
	}
	return b.String()
}

// totalsSum answers (a) with money.Sum accumulators: gross, discounts and
// COGS of every order (quantity × unit price, quantity × unit cost, line
// and order discounts) read from the batch's columns, per currency.
// Amounts in whole minor units are added as such; any other (an Amounts'
// Exact entry, a product past int64) goes through metrics.Line, exactly.
func totalsSum(d *data) string {
	o := d.orders
	var gross, disc, cogs money.Sum
	counts := make([]int64, len(o.Currencies))
	for i := range o.Len() {
		cur := o.Currencies[o.Currency[i]]
		counts[o.Currency[i]]++
		start, end := o.Lines(i)
		for k := start; k < end; k++ {
			q := o.Quantity[k]
			p, okP := o.UnitPrice.MinorAt(k)
			c, okC := o.UnitCost.MinorAt(k)
			gp, ovP := mul(q, p)
			gc, ovC := mul(q, c)
			if okP && okC && !ovP && !ovC {
				gross.Add(cur.FromMinor(gp))
				cogs.Add(cur.FromMinor(gc))
			} else {
				l := metrics.Line{Quantity: q, UnitPrice: o.UnitPrice.At(k, cur), UnitCost: o.UnitCost.At(k, cur)}
				gross.Add(l.Gross())
				cogs.Add(l.Cost())
			}
			disc.Add(amountAt(&o.LineDiscount, k, cur))
		}
		disc.Add(amountAt(&o.Discount, i, cur))
	}
	type count struct {
		cur money.Currency
		n   int64
	}
	var cs []count
	for k, n := range counts {
		if n > 0 {
			cs = append(cs, count{o.Currencies[k], n})
		}
	}
	slices.SortFunc(cs, func(a, b count) int { return strings.Compare(a.cur.Code(), b.cur.Code()) })
	var b strings.Builder
	b.WriteString(totalsHeader)
	for _, c := range cs {
		g, ds, cg := gross.Total(c.cur), disc.Total(c.cur), cogs.Total(c.cur)
		if ds.IsZero() {
			ds = c.cur.Zero()
		}
		net, err := g.Sub(ds)
		if err != nil {
			log.Fatal(err)
		}
		gp, err := net.Sub(cg)
		if err != nil {
			log.Fatal(err)
		}
		m, err := metrics.MoneyRatio(gp, net)
		if err != nil {
			log.Fatal(err)
		}
		totalsRow(&b, c.cur, c.n, g, ds, cg, net, gp, m)
	}
	return b.String()
}

// mul is q × v and whether it overflows int64.
func mul(q, v int64) (int64, bool) {
	p := q * v
	return p, q != 0 && (p/q != v || (q == -1 && v == -1<<63))
}

// amountAt is row i of a, as Money of cur, without the decimal path when
// the row is whole minor units.
func amountAt(a *metrics.Amounts, i int, cur money.Currency) money.Money {
	if v, ok := a.MinorAt(i); ok {
		return cur.FromMinor(v)
	}
	return a.At(i, cur)
}

func totalsRow(b *strings.Builder, cur money.Currency, orders int64, gross, disc, cogs, net, gp money.Money, margin metrics.Ratio) {
	mv, ok := margin.Value()
	ms := "n/a"
	if ok {
		ms = strconv.FormatFloat(mv, 'f', 6, 64)
	}
	fmt.Fprintf(b, "%s,%d,%s,%s,%s,%s,%s,%s\n", cur.Code(), orders, gross.Amount(), disc.Amount(), cogs.Amount(), net.Amount(), gp.Amount(), ms)
}

// cohorts answers (b) with a cohort.Activity per currency (an Activity,
// like a Ledger, holds one currency) and its monthly calendar retention
// matrix in UTC: the lean path, which gives the Ledger's cohorts, sizes
// and active customers. A one-currency batch is added whole
// (Activity.AddOrders); otherwise each Activity takes its currency's
// orders one by one.
func cohorts(d *data) string {
	o := d.orders
	var ms []*cohort.Matrix
	sumCustomers := 0
	for k := range o.Currencies {
		a := cohort.Activity{Grain: metrics.Month} // UTC
		if len(o.Currencies) == 1 {
			if err := a.AddOrders(o); err != nil {
				log.Fatal(err)
			}
		} else {
			for i := range o.Len() {
				if int(o.Currency[i]) == k {
					if err := a.Add(o.Order(i)); err != nil {
						log.Fatal(err)
					}
				}
			}
		}
		sumCustomers += a.Customers()
		m, err := a.Retention(cohort.RetentionConfig{Grain: metrics.Month})
		if err != nil {
			log.Fatal(err)
		}
		ms = append(ms, m)
	}
	return cohortTable(d, ms, sumCustomers)
}

// cohortsLedger answers (b) as cohorts does, with a cohort.Ledger per
// currency (Ledger.AddOrders, or Ledger.Add of each order of its currency)
// and Ledger.Retention: the full ledger, for comparison with the Activity.
func cohortsLedger(d *data) string {
	o := d.orders
	var ms []*cohort.Matrix
	sumCustomers := 0
	for k := range o.Currencies {
		var l cohort.Ledger // UTC
		if len(o.Currencies) == 1 {
			if err := l.AddOrders(o); err != nil {
				log.Fatal(err)
			}
		} else {
			for i := range o.Len() {
				if int(o.Currency[i]) == k {
					if err := l.Add(o.Order(i)); err != nil {
						log.Fatal(err)
					}
				}
			}
		}
		sumCustomers += l.Customers()
		m, err := l.Retention(cohort.RetentionConfig{Grain: metrics.Month})
		if err != nil {
			log.Fatal(err)
		}
		ms = append(ms, m)
	}
	return cohortTable(d, ms, sumCustomers)
}

// cohortTable adds the per-currency matrices ms and prints them as the SQL
// peers do: a row for each (cohort, month) with at least one active
// customer, so cells with no active customer are not printed.
func cohortTable(d *data, ms []*cohort.Matrix, sumCustomers int) string {
	if len(ms) > 1 && sumCustomers != d.customers() {
		// A customer with orders in two currencies is in two matrices:
		// the per-currency matrices cannot be added.
		log.Fatalf("b_cohorts: %d customers over %d per-currency matrices, %d distinct: not expressible", sumCustomers, len(ms), d.customers())
	}
	var labels []string
	cells := map[string][]int64{} // active customers per cohort and month
	sizes := map[string]int64{}   // cohort sizes
	for _, m := range ms {
		for _, row := range m.Rows {
			cs, ok := cells[row.Label]
			if !ok {
				labels = append(labels, row.Label)
			}
			for k, c := range row.Cells {
				if k >= len(cs) {
					cs = append(cs, make([]int64, k+1-len(cs))...)
				}
				cs[k] += c.Active
			}
			cells[row.Label] = cs
			sizes[row.Label] += row.Customers
		}
	}
	slices.Sort(labels) // "2023-01" labels sort in time order
	var b strings.Builder
	b.WriteString("cohort,months_since,customers,cohort_size,retention\n")
	for _, lab := range labels {
		size := sizes[lab]
		for k, active := range cells[lab] {
			if active == 0 {
				continue
			}
			r, _ := metrics.CountRatio(active, size).Value()
			fmt.Fprintf(&b, "%s,%d,%d,%d,%s\n", lab, k, active, size, strconv.FormatFloat(r, 'f', 4, 64))
		}
	}
	return b.String()
}

var steps = []funnel.Step{{Name: "view"}, {Name: "cart"}, {Name: "checkout"}, {Name: "purchase"}}

// funnelQuery answers (c) (firstOnly: only the user's first view starts a
// chain) or (d) (ClickHouse windowFunnel(604800), default mode) with a
// funnel.Counter fed the batch in file (time) order, Counter.AddEvents.
func funnelQuery(d *data, firstOnly bool) string {
	c, err := funnel.NewCounter(funnel.Config{Steps: steps, Window: 7 * 24 * time.Hour, FirstEntryOnly: firstOnly})
	if err != nil {
		log.Fatal(err)
	}
	if *grow {
		c.Grow(d.users())
	}
	if err := c.AddEvents(d.events); err != nil {
		log.Fatal(err)
	}
	r := c.Result()
	var b strings.Builder
	b.WriteString("step,event,users\n")
	for i, s := range r.Steps {
		fmt.Fprintf(&b, "%d,%s,%d\n", i+1, s.Name, s.Reached)
	}
	return b.String()
}

// cpuTime is the user and system CPU time of the process so far (all
// threads, the garbage collector's included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
