package metrics_test

import (
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

var peers1M struct {
	once     sync.Once
	b        *metrics.Orders
	rows     []metrics.Order
	appended *metrics.Orders // the rows through Orders.Append: zero Money amounts in Exact
}

// loadPeers1M loads the harness's 1M orders once for every benchmark.
func loadPeers1M(b *testing.B) {
	b.Helper()
	if _, err := os.Stat(peersOrders1M); err != nil {
		b.Skipf("no harness data: %v", err)
	}
	peers1M.once.Do(func() {
		peers1M.b, peers1M.rows = loadPeersOrders(b, peersOrders1M)
		a := &metrics.Orders{}
		for _, o := range peers1M.rows {
			if err := a.Append(o); err != nil {
				b.Fatal(err)
			}
		}
		peers1M.appended = a
		// The answer, computed in integer cents by a short Python script
		// independent of shopmetrics (sum the columns per currency; the
		// same script gives DuckDB's answer on the 200,000 orders).
		const want = "currency,orders,gross,discount,cogs,net_revenue,gross_profit,gross_margin\n" +
			"USD,1000000,53729033.28,3238969.08,25526260.05,50490064.20,24963804.15,0.494430\n"
		var t metrics.Totals
		if err := t.AddOrders(peers1M.b); err != nil {
			b.Fatal(err)
		}
		if got := totalsCSV(t.Result()); got != want {
			b.Fatalf("a_totals of the 1M orders:\n%s\nwant\n%s", got, want)
		}
	})
	if peers1M.b == nil {
		b.Fatal("loading failed")
	}
}

// BenchmarkOrders1M measures the a_totals query of the issue 19 harness on
// its 1M orders, loaded in setup, one order per op reported as orders/s:
//
//   - Summarize: the row path, Summarize over []Order (the harness's peer);
//   - Sum: the row path with money.Sum (the harness's a_totals_sum);
//   - SummarizerAddOrders: Summarizer.AddOrders on the batch;
//   - TotalsAdd: Totals.Add on the rows;
//   - TotalsAddOrders: Totals.AddOrders on the batch filled by a reader;
//   - Floor: a loop that reads the same columns and checks nothing;
//   - TotalsAddOrdersAppended: the same on a batch made with Orders.Append,
//     whose zero Money amounts sit in the Exact maps.
//
// Run the sub-benchmarks interleaved, several times (see the report of
// issue 19): go test -run XXX -bench Orders1M -benchtime 5x -count 1.
func BenchmarkOrders1M(b *testing.B) {
	loadPeers1M(b)
	d := peers1M.b
	n := float64(d.Len())
	// Each sub-benchmark reports orders/s of wall-clock time and the CPU
	// time of the process per op (cpu-ms/op): on a shared machine the
	// second is what one core takes.
	var cpu0 time.Duration
	report := func(b *testing.B) {
		b.ReportMetric(n*float64(b.N)/b.Elapsed().Seconds(), "orders/s")
		if cpu1 := cputime.Used(); cpu0 > 0 {
			b.ReportMetric(float64(cpu1-cpu0)/1e6/float64(b.N), "cpu-ms/op")
		}
	}
	b.Run("Summarize", func(b *testing.B) {
		cpu0 = cputime.Used()
		for b.Loop() {
			if _, err := metrics.Summarize(metrics.Period{}, slices.Values(peers1M.rows), nil, metrics.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
	b.Run("Sum", func(b *testing.B) {
		cpu0 = cputime.Used()
		for b.Loop() {
			var gross, disc, cogs money.Sum
			for i := range peers1M.rows {
				o := &peers1M.rows[i]
				for _, l := range o.Lines {
					gross.Add(l.Gross())
					cogs.Add(l.Cost())
					disc.Add(l.Discount)
				}
				disc.Add(o.Discount)
			}
		}
		report(b)
	})
	b.Run("SummarizerAddOrders", func(b *testing.B) {
		cpu0 = cputime.Used()
		for b.Loop() {
			var s metrics.Summarizer
			if err := s.AddOrders(d); err != nil {
				b.Fatal(err)
			}
			s.Result()
		}
		report(b)
	})
	b.Run("TotalsAdd", func(b *testing.B) {
		cpu0 = cputime.Used()
		for b.Loop() {
			var t metrics.Totals
			for _, o := range peers1M.rows {
				if err := t.Add(o); err != nil {
					b.Fatal(err)
				}
			}
			t.Result()
		}
		report(b)
	})
	b.Run("TotalsAddOrders", func(b *testing.B) {
		cpu0 = cputime.Used()
		for b.Loop() {
			var t metrics.Totals
			if err := t.AddOrders(d); err != nil {
				b.Fatal(err)
			}
			t.Result()
		}
		report(b)
	})
	b.Run("Floor", func(b *testing.B) {
		// Reading the columns TotalsAddOrders reads, with no checks: the
		// memory floor of the query on this layout.
		var sink int64
		cpu0 = cputime.Used()
		for b.Loop() {
			var g, k, l, o, s int64
			q := d.Quantity
			p, ld, c := d.UnitPrice.Minor[:len(q)], d.LineDiscount.Minor[:len(q)], d.UnitCost.Minor[:len(q)]
			for j := range q {
				g += q[j] * p[j]
				k += q[j] * c[j]
				l += ld[j]
			}
			od, sh, tx := d.Discount.Minor, d.Shipping.Minor[:len(d.Discount.Minor)], d.Tax.Minor[:len(d.Discount.Minor)]
			for i, x := range od {
				o += x
				s |= sh[i] | tx[i]
			}
			sink += g + k + l + o + s
		}
		report(b)
		_ = sink
	})
	b.Run("TotalsAddOrdersAppended", func(b *testing.B) {
		cpu0 = cputime.Used()
		for b.Loop() {
			var t metrics.Totals
			if err := t.AddOrders(peers1M.appended); err != nil {
				b.Fatal(err)
			}
			t.Result()
		}
		report(b)
	})
}
