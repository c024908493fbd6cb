package report

import (
	"context"
	"errors"
	"flag"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
)

var (
	benchCustomers = flag.Int("bench.customers", 20000, "customers of the benchmark's demo store (about 2.3 orders and 25 events each)")
	benchSKUs      = flag.Int("bench.skus", 2000, "SKUs of the benchmark's demo store")
)

var (
	benchOnce  sync.Once
	benchStore *sample.Store
)

// benchInput generates the benchmark's demo store once: a year of a store
// of -bench.customers customers and -bench.skus SKUs.
func benchInput(b *testing.B) (Input, metrics.Period) {
	benchOnce.Do(func() {
		benchStore = sample.Generate(sample.Config{Customers: *benchCustomers, SKUs: *benchSKUs})
		runtime.GC() // collect the generator's garbage before anything is timed
	})
	s := benchStore
	b.Logf("store: %d orders, %d events, %d SKUs, %d snapshots, %d tickets",
		len(s.Orders), len(s.Events), len(s.Catalogue), len(s.Snapshots), len(s.Tickets))
	in := Input{
		Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events),
		Spend: s.Spend, Targets: s.Targets, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts,
		Promotions: s.Promotions, Tickets: s.Tickets,
	}
	return in, metrics.MonthOf(2025, time.September, s.Period.Location())
}

// BenchmarkReview compares the whole review (Build: one pass over each
// source) with the sum of its sections computed alone, each with its own
// package and its own pass over the data, as a user would without report.
func BenchmarkReview(b *testing.B) {
	in, p := benchInput(b)
	s := benchStore
	// The events as batches of 65536 sharing their dictionaries, made
	// once, as a reader would yield them.
	var batches []*funnel.Events
	for i, e := range s.Events {
		if i%65536 == 0 {
			nb := &funnel.Events{Location: e.Time.Location()}
			if len(batches) > 0 {
				last := batches[len(batches)-1]
				nb.UserIDs, nb.Names, nb.PropKeys, nb.PropValues = last.UserIDs, last.Names, last.PropKeys, last.PropValues
			}
			batches = append(batches, nb)
		}
		if err := batches[len(batches)-1].Append(e); err != nil {
			b.Fatal(err)
		}
	}
	// whole is the review of in; whole_batches the same with the events
	// in batches (Input.EventBatches); orders_events and
	// orders_events_batches the review of the orders and events alone,
	// where the pass over events weighs most.
	for _, w := range []struct {
		name    string
		in      Input
		batches bool
	}{
		{"whole", in, false}, {"whole_batches", in, true},
		{"orders_events", Input{Orders: in.Orders, Events: in.Events}, false},
		{"orders_events_batches", Input{Orders: in.Orders, Events: in.Events}, true},
	} {
		if w.batches {
			w.in.Events, w.in.EventBatches = nil, slices.Values(batches)
		}
		b.Run(w.name, func(b *testing.B) {
			c0 := cpuTime()
			for b.Loop() {
				if _, err := Build(w.in, Config{Period: p}); err != nil {
					b.Fatal(err)
				}
			}
			cpu := (cpuTime() - c0).Seconds()
			b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(len(s.Orders))*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
			b.ReportMetric(float64(len(s.Events))*float64(b.N)/cpu, "events/cpu-s")
			b.ReportMetric(float64(len(s.Orders)), "orders")
			b.ReportMetric(float64(len(s.Events)), "events")
		})
	}
	sections := []struct {
		name string
		run  func(b *testing.B)
	}{
		{"overview", func(b *testing.B) {
			// The summaries of the four periods, one Summarize each, the
			// visitors of each period from the events, CAC per period.
			for _, q := range []metrics.Period{p, p.Previous(), p.Previous().Previous(), p.YearAgo()} {
				ss, err := metrics.Summarize(q, in.Orders, slices.Values(in.Refunds), metrics.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(ss) > 0 {
					if _, _, err := metrics.AcquisitionCost(ss[0], slices.Values(in.Spend)); err != nil {
						b.Fatal(err)
					}
				}
				users := map[string]struct{}{}
				for e := range in.Events {
					if q.Contains(e.Time) {
						users[e.UserID] = struct{}{}
					}
				}
			}
		}},
		{"traffic", func(b *testing.B) {
			// Visits, sessions and bounces, the funnel of the period and of
			// the previous one, and visitors by source and device.
			bb := newBuilder(in, Config{Period: p})
			t := newTraffic(Config{})
			if err := t.init(); err != nil {
				b.Fatal(err)
			}
			for e := range in.Events {
				if m := bb.mask(e.Time); m != 0 {
					n := bb.uidx.index(e.UserID)
					t.add(&e, m, &bb.uidx, n)
				}
			}
			t.cur.Result()
			t.prev.Result()
			t.visits.Report()
			t.visitsPrev.Report()
		}},
		{"products", func(b *testing.B) {
			// Sales by SKU and day, the snapshots of the period and of the
			// previous one grouped by SKU, both analyses and their reports.
			var sales inventory.Sales
			for o := range in.Orders {
				sales.AddOrder(o)
			}
			cur, prev, _ := newBuilder(in, Config{Period: p}).snapshots()
			rep, _ := inventory.Analyze(inventory.Config{}, inventory.Input{Period: p, Snapshots: slices.Values(cur), Sales: &sales, Receipts: in.Receipts})
			abc, err := rep.ABC(inventory.ABCConfig{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := rep.Matrix(abc, inventory.XYZConfig{}); err != nil {
				b.Fatal(err)
			}
			if _, err := rep.SlowMoving(inventory.SlowConfig{}); err != nil {
				b.Fatal(err)
			}
			rep.ReorderList(inventory.ReorderConfig{})
			var receipts []inventory.Receipt
			for _, x := range in.Receipts {
				if x.Day.Before(p.Start) {
					receipts = append(receipts, x)
				}
			}
			prep, _ := inventory.Analyze(inventory.Config{}, inventory.Input{Period: p.Previous(), Snapshots: slices.Values(prev), Sales: &sales, Receipts: receipts})
			if _, err := prep.SlowMoving(inventory.SlowConfig{}); err != nil {
				b.Fatal(err)
			}
		}},
		{"promotions", func(b *testing.B) {
			l := promo.Ledger{Location: p.Location()}
			if err := l.Track(in.Promotions...); err != nil {
				b.Fatal(err)
			}
			for o := range in.Orders {
				l.Add(o)
			}
			for _, pr := range in.Promotions {
				if pr.Window.Start.Before(p.End) && pr.Window.End.After(p.Start) {
					l.Analyze(pr.ID, promo.Config{})
				}
			}
		}},
		{"customers", func(b *testing.B) {
			// The customer ledger, its retention matrix, RFM segments and
			// customer model: the choice among three models with a
			// 13-week holdout, the Gamma-Gamma fit and the CLV intervals.
			refunds := map[string][]metrics.Refund{}
			for _, r := range in.Refunds {
				refunds[r.OrderID] = append(refunds[r.OrderID], r)
			}
			l := cohort.Ledger{Location: p.Location()}
			for o := range in.Orders {
				l.Add(o, refunds[o.ID]...)
			}
			asOf := p.End.AddDate(0, 0, -1)
			l.Retention(cohort.RetentionConfig{AsOf: asOf})
			l.RFM(cohort.RFMConfig{AsOf: asOf})
			cm := fitCustomers(context.Background(), &l, asOf, nil)
			if cm.err != nil {
				b.Fatal(cm.err)
			}
			if _, _, err := cm.value(12, 0.5); err != nil {
				b.Fatal(err)
			}
		}},
		{"service", func(b *testing.B) {
			var sv service.Desk
			for _, t := range in.Tickets {
				if p.Contains(t.OpenedAt) {
					sv.Add(t)
				}
			}
			sv.Summary(1)
			var rs service.Returns
			for o := range in.Orders {
				if p.Contains(o.PlacedAt) {
					rs.AddOrder(o)
				}
			}
			for _, r := range in.Refunds {
				if p.Contains(r.At) {
					rs.AddRefund(r)
				}
			}
			rs.Summary(money.MustCurrency("CNY"))
		}},
	}
	b.Run("sections", func(b *testing.B) {
		c0 := cpuTime()
		for b.Loop() {
			for _, s := range sections {
				s.run(b)
			}
		}
		b.ReportMetric((cpuTime()-c0).Seconds()/float64(b.N), "cpu-s/op")
	})
	for _, s := range sections {
		b.Run("section="+s.name, func(b *testing.B) {
			for b.Loop() {
				s.run(b)
			}
		})
	}
}

// cpuTime returns the user and system CPU time of the process so far. On a
// shared machine it measures the work done better than the wall clock; it
// includes the garbage collector's work on other cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCancelLatency measures how soon BuildContext returns once its
// context is cancelled, on the benchmark's demo store: it times one whole
// build, then cancels builds at -bench.cancels points spread evenly over
// that time (so in every phase), and reports the longest and the median
// time from the cancellation to the return, and the phases hit.
func BenchmarkCancelLatency(b *testing.B) {
	in, p := benchInput(b)
	s := benchStore
	in.Counts = Counts{Orders: int64(len(s.Orders)), Events: int64(len(s.Events)), Snapshots: int64(len(s.Snapshots))}
	cfg := Config{Period: p}
	for b.Loop() {
		t0 := time.Now()
		if _, err := Build(in, cfg); err != nil {
			b.Fatal(err)
		}
		whole := time.Since(t0)
		var lat []time.Duration
		hit := map[Phase]int{}
		for i := 1; i <= *benchCancels; i++ {
			ctx, cancel := context.WithCancel(context.Background())
			var at time.Time
			var phase Phase
			c := cfg
			c.Progress = func(pr Progress) { phase = pr.Phase }
			timer := time.AfterFunc(whole*time.Duration(i)/time.Duration(*benchCancels+1), func() {
				at = time.Now()
				cancel()
			})
			_, err := BuildContext(ctx, in, c)
			end := time.Now()
			timer.Stop()
			cancel()
			if !errors.Is(err, context.Canceled) {
				continue // finished before the cancellation
			}
			lat = append(lat, end.Sub(at))
			hit[phase]++
		}
		slices.Sort(lat)
		if len(lat) == 0 {
			b.Fatal("no build was cancelled")
		}
		b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
		b.ReportMetric(whole.Seconds(), "build-s")
		b.Logf("whole build %v; %d cancelled: latencies %v; last phase reported %v", whole, len(lat), lat, hit)
	}
}

var benchCancels = flag.Int("bench.cancels", 20, "cancellations of BenchmarkCancelLatency")
