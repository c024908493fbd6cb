package cohort

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// benchOrders returns n orders of n/10 customers over two years, two
// lines each, in time order as an export would give them, with customers
// drawn at random.
func benchOrders(n int) []metrics.Order {
	rng := rand.New(rand.NewPCG(1, 2))
	cny := money.MustCurrency("CNY")
	ids := make([]string, n/10)
	for i := range ids {
		ids[i] = "c" + strconv.Itoa(i)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]metrics.Order, n)
	for i := range out {
		at := start.Add(time.Duration(i) * (730 * 24 * time.Hour / time.Duration(n))) // two years, in time order
		out[i] = metrics.Order{
			// A fresh copy of the customer ID per order, as a decoder of a
			// CSV or JSON export gives it (not one string shared by all of
			// a customer's orders).
			ID: strconv.Itoa(i), CustomerID: strings.Clone(ids[rng.IntN(len(ids))]), PlacedAt: at,
			Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{
				{SKU: "a", Quantity: 2, UnitPrice: cny.FromMinor(1990), UnitCost: cny.FromMinor(800)},
				{SKU: "b", Quantity: 1, UnitPrice: cny.FromMinor(5900), Discount: cny.FromMinor(500), UnitCost: cny.FromMinor(2500)},
			},
		}
	}
	return out
}

// BenchmarkMonthlyRetention adds 1M orders (100k customers, two lines
// each) to a fresh ledger with AddAll and builds the monthly retention
// matrix. Target: ≥ 10M orders/s on one core.
func BenchmarkMonthlyRetention(b *testing.B) {
	orders := benchOrders(1_000_000)
	b.ResetTimer()
	cpu := cputime.Used()
	for b.Loop() {
		var l Ledger
		if err := l.AddAll(orders); err != nil {
			b.Fatal(err)
		}
		if m := l.mustRetention(RetentionConfig{}); len(m.Rows) == 0 {
			b.Fatal("no cohorts")
		}
	}
	reportRates(b, len(orders), cputime.Used()-cpu)
}

// BenchmarkMonthlyRetentionBatch is BenchmarkMonthlyRetention with the
// orders in one batch of columns (metrics.Orders), added with AddOrders.
// Their unset discounts are made explicit zeros first, as a reader
// filling the columns writes them: Orders.Append keeps the zero Money in
// the Amounts' Exact map, which AddOrders then consults for every amount.
func BenchmarkMonthlyRetentionBatch(b *testing.B) {
	orders := benchOrders(1_000_000)
	var batch metrics.Orders
	for _, o := range orders {
		zero := o.Currency.FromMinor(0)
		if o.Discount == (money.Money{}) {
			o.Discount = zero
		}
		o.Lines = slices.Clone(o.Lines)
		for k := range o.Lines {
			if o.Lines[k].Discount == (money.Money{}) {
				o.Lines[k].Discount = zero
			}
		}
		if err := batch.Append(o); err != nil {
			b.Fatal(err)
		}
	}
	orders = nil
	b.ResetTimer()
	cpu := cputime.Used()
	for b.Loop() {
		var l Ledger
		if err := l.AddOrders(&batch); err != nil {
			b.Fatal(err)
		}
		if m := l.mustRetention(RetentionConfig{}); len(m.Rows) == 0 {
			b.Fatal("no cohorts")
		}
	}
	reportRates(b, batch.Len(), cputime.Used()-cpu)
}

// BenchmarkAdd adds 1M orders to a fresh ledger (no query), with AddAll
// (BenchmarkMonthlyRetention less the matrix) and with Add, one at a time.
func BenchmarkAdd(b *testing.B) {
	orders := benchOrders(1_000_000)
	for _, all := range []bool{true, false} {
		name := map[bool]string{true: "AddAll", false: "Add"}[all]
		b.Run(name, func(b *testing.B) {
			cpu := cputime.Used()
			for b.Loop() {
				var l Ledger
				if all {
					if err := l.AddAll(orders); err != nil {
						b.Fatal(err)
					}
					continue
				}
				for i := range orders {
					if err := l.Add(orders[i]); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportRates(b, len(orders), cputime.Used()-cpu)
		})
	}
}

// BenchmarkFloor measures the least that any ledger must do per order,
// in two parts and together: read each order's value (its customer,
// time and lines: about 420 bytes of metrics.Order and Line per order of
// two lines), look its customer up in an index that already holds all
// 100k customers, and both, writing a 16-byte record per order. It does
// what AddAll does for these, the same way, and nothing else (no new
// customers, no first orders, no log), so that the together figure bounds
// the orders/s of BenchmarkMonthlyRetention from above.
func BenchmarkFloor(b *testing.B) {
	orders := benchOrders(1_000_000)
	var l Ledger
	if err := l.AddAll(orders); err != nil {
		b.Fatal(err)
	}
	out := make([]narrow, len(orders))
	for _, part := range []string{"value", "lookup", "both"} {
		b.Run(part, func(b *testing.B) {
			cpu := cputime.Used()
			for b.Loop() {
				if err := floor(&l, orders, out, part != "lookup", part != "value"); err != nil {
					b.Fatal(err)
				}
			}
			reportRates(b, len(orders), cputime.Used()-cpu)
		})
	}
}

// floor is BenchmarkFloor's loop: the value of each order (when value),
// its customer's index slot (when lookup), a record of them in out.
func floor(l *Ledger, orders []metrics.Order, out []narrow, value, lookup bool) error {
	x := &l.idx
	var lines []metrics.LineMinor
	const batch = 32 // as AddAll
	var hs [batch]uint64
	var sink uint64
	for i := 0; i < len(orders); i += batch {
		part := orders[i:min(i+batch, len(orders))]
		if lookup {
			for k := range part {
				hs[k] = x.hash(part[k].CustomerID)
			}
			for k := range part {
				sink += x.touch(hs[k])
			}
		}
		for k := range part {
			o := &part[k]
			e := &out[i+k]
			if value {
				n, c, _, ok := fastValue(o, o.Currency, &lines)
				if !ok {
					return fmt.Errorf("order %s: no fast value", o.ID)
				}
				e.net, e.cogs, e.day = int32(n), int32(c), int32(l.day(o.PlacedAt))
			}
			if lookup {
				s, ok := x.find(o.CustomerID, hs[k])
				if !ok {
					return fmt.Errorf("customer %s not found", o.CustomerID)
				}
				e.cust = s.ci1 - 1
			}
		}
	}
	l.sink += sink
	return nil
}

// BenchmarkRetentionOfLog builds the monthly retention matrix of a ledger
// of 1M orders just added, before any other query has sorted them:
// BenchmarkMonthlyRetention less the AddAll.
func BenchmarkRetentionOfLog(b *testing.B) {
	orders := benchOrders(1_000_000)
	var l Ledger
	if err := l.AddAll(orders); err != nil {
		b.Fatal(err)
	}
	cpu := cputime.Used()
	for b.Loop() {
		l.mustRetention(RetentionConfig{})
	}
	if l.log.Len()+l.nlog.Len() != len(orders) {
		b.Fatal("the ledger was flushed")
	}
	reportRates(b, len(orders), cputime.Used()-cpu)
}

// BenchmarkQueries runs each analysis on a ledger of 1M orders that has
// already been flushed: the cost of a query once the orders are in.
func BenchmarkQueries(b *testing.B) {
	orders := benchOrders(1_000_000)
	var l Ledger
	if err := l.AddAll(orders); err != nil {
		b.Fatal(err)
	}
	l.flush()
	queries := []struct {
		name string
		run  func()
	}{
		{"Retention", func() { l.mustRetention(RetentionConfig{}) }},
		{"RetentionRollingWeeks", func() { l.mustRetention(RetentionConfig{Grain: metrics.Week, Window: Rolling}) }},
		{"Repurchase", func() { l.mustRepurchase(RepurchaseConfig{}) }},
		{"RFM", func() { l.RFM(RFMConfig{}) }},
		{"Summary", func() { l.mustSummary(SummaryConfig{CalibrationEnd: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}) }},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			cpu := cputime.Used()
			for b.Loop() {
				q.run()
			}
			reportRates(b, len(orders), cputime.Used()-cpu)
		})
	}
}

// reportRates reports orders per wall-clock second and, where the
// platform measures it, per CPU second of the process (run with -cpu 1:
// on a machine shared with other work, the wall-clock rate understates
// what one core does).
func reportRates(b *testing.B, orders int, cpu time.Duration) {
	n := float64(orders) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "orders/s")
	if cpu > 0 {
		b.ReportMetric(n/cpu.Seconds(), "orders/cpu-s")
	}
}
