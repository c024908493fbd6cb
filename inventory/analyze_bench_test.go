package inventory

import (
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// benchData builds nSKU SKUs with a year of daily snapshots (streamed, not
// stored) and a sale every seventh day.
func benchData(nSKU, nDays int) (Input, int) {
	cny := money.MustCurrency("CNY")
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	period, _ := metrics.NewPeriod(start, start.AddDate(0, 0, nDays))
	skus := make([]string, nSKU)
	costs := make([]money.Money, nSKU)
	var sales Sales
	for i := range skus {
		skus[i] = fmt.Sprintf("SKU-%06d", i)
		costs[i] = cny.FromMinor(int64(100 + i%5000))
		for d := i % 7; d < nDays; d += 7 {
			sales.Add(skus[i], DayOf(start)+Day(d), int64(1+d%3), cny.FromMinor(int64(300+i%5000)), cny.FromMinor(int64(100+i%5000)))
		}
	}
	days := make([]time.Time, nDays)
	for d := range days {
		days[d] = start.AddDate(0, 0, d)
	}
	// On hand cycles 0..49 (so 2 % of the SKU-days are stock-outs).
	var seq iter.Seq[Snapshot] = func(yield func(Snapshot) bool) {
		s := Snapshot{}
		for i, sku := range skus {
			s.SKU, s.UnitCost, s.OnHand = sku, costs[i], int64(i%50)
			for _, t := range days {
				s.Day = t
				if !yield(s) {
					return
				}
				if s.OnHand++; s.OnHand == 50 {
					s.OnHand = 0
				}
			}
		}
	}
	return Input{Period: period, Snapshots: seq, Sales: &sales}, nSKU * nDays
}

// BenchmarkAnalyze streams a year of daily snapshots of 100,000 SKUs (a
// sale every seventh day) through Analyze; the target is 20 million
// SKU-days per second on one core (go test -bench Analyze -cpu 1).
func BenchmarkAnalyze(b *testing.B) {
	nSKU := 100_000
	if testing.Short() {
		nSKU = 2_000
	}
	in, n := benchData(nSKU, 365)
	for _, avg := range []Averaging{MeanOfSnapshots, TimeWeighted} {
		b.Run(avg.String(), func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cputime.Used()
			for b.Loop() {
				r, err := Analyze(Config{Averaging: avg}, in)
				if err != nil || len(r.SKUs) != nSKU {
					b.Fatal(err, len(r.SKUs))
				}
			}
			reportRate(b, float64(n)*float64(b.N), cpu0, "SKU-days")
		})
	}
}

// BenchmarkSalesAddOrder adds orders of three lines with an order-level
// discount to a Sales.
func BenchmarkSalesAddOrder(b *testing.B) {
	cnyC := money.MustCurrency("CNY")
	orders := make([]metrics.Order, 1000)
	for i := range orders {
		orders[i] = metrics.Order{ID: fmt.Sprint(i), PlacedAt: time.Date(2025, 11, 1+i%30, 10, 0, 0, 0, time.UTC),
			Status: metrics.Paid, Currency: cnyC, Discount: cnyC.FromMinor(int64(i % 500))}
		for l := range 3 {
			orders[i].Lines = append(orders[i].Lines, metrics.Line{SKU: fmt.Sprintf("SKU-%d", (i*7+l)%500), Quantity: int64(1 + l),
				UnitPrice: cnyC.FromMinor(int64(1000 + i)), UnitCost: cnyC.FromMinor(int64(400 + i))})
		}
	}
	b.ReportAllocs()
	n := 0
	cpu0 := cputime.Used()
	for b.Loop() {
		var s Sales
		for _, o := range orders {
			s.AddOrder(o)
		}
		n += len(orders)
	}
	reportRate(b, float64(n), cpu0, "orders")
}

// BenchmarkClassifyABC classifies 100,000 SKUs by a money value.
func BenchmarkClassifyABC(b *testing.B) {
	in := make([]ABCInput, 100_000)
	for i := range in {
		in[i] = ABCInput{SKU: fmt.Sprintf("SKU-%06d", i), Value: decimal.New(int64((i*7919)%100_000+1), -2)}
	}
	b.ReportAllocs()
	cpu0 := cputime.Used()
	for b.Loop() {
		if _, err := ClassifyABC(in, ABCConfig{}); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, float64(len(in))*float64(b.N), cpu0, "SKUs")
}

// reportRate reports n items per second of wall time and per second of
// CPU time since cpu0: on a shared machine wall time includes the time the
// process waited for a core, CPU time does not.
func reportRate(b *testing.B, n float64, cpu0 time.Duration, unit string) {
	b.ReportMetric(n/b.Elapsed().Seconds(), unit+"/s")
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(n/cpu.Seconds(), unit+"/cpu-s")
	}
}

// TestNoAllocationPerSnapshot: streaming ten times as many snapshots costs
// no more allocations.
func TestNoAllocationPerSnapshot(t *testing.T) {
	allocs := func(days int) float64 {
		in, _ := benchData(20, days)
		return testing.AllocsPerRun(5, func() {
			if _, err := Analyze(Config{}, in); err != nil {
				t.Fatal(err)
			}
		})
	}
	if a, b := allocs(30), allocs(300); b > a {
		t.Errorf("allocations: %v for 30 days of snapshots, %v for 300; want no more", a, b)
	}
}
