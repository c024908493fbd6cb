package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/internal/sample"
)

// benchStore loads the default demo store (5,000 customers, two years) into
// a new schema of the test server.
func benchStore(b *testing.B) (Options, *sample.Store) {
	db := testDB(b)
	s := sample.Generate(sample.Config{})
	opts := tablesIn(b, db)
	if err := Load(context.Background(), db, demoInput(s), opts); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec("ANALYZE"); err != nil {
		b.Fatal(err)
	}
	opts.Location = s.Config.Location
	return opts, s
}

// BenchmarkReadOrders reads the demo's orders with their lines from the
// server; lines/s counts rows of order_lines (the wall clock includes the
// server's work on the same machine).
func BenchmarkReadOrders(b *testing.B) {
	opts, s := benchStore(b)
	db := testDB(b)
	ctx := context.Background()
	lines := 0
	for _, o := range s.Orders {
		lines += len(o.Lines)
	}
	b.ReportAllocs()
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for o, err := range ReadOrders(ctx, db, opts) {
			if err != nil {
				b.Fatal(err)
			}
			n += len(o.Lines)
		}
		if n != lines {
			b.Fatalf("%d lines, want %d", n, lines)
		}
	}
	reportRows(b, lines, "lines", cpu0)
	b.ReportMetric(float64(len(s.Orders)), "orders")
}

// BenchmarkReadEvents reads the demo's events from the server.
func BenchmarkReadEvents(b *testing.B) {
	opts, s := benchStore(b)
	db := testDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, err := range ReadEvents(ctx, db, opts) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != len(s.Events) {
			b.Fatalf("%d events, want %d", n, len(s.Events))
		}
	}
	reportRows(b, len(s.Events), "events", cpu0)
}

// BenchmarkLoad loads the demo store; rows/s counts the rows of every
// table.
func BenchmarkLoad(b *testing.B) {
	db := testDB(b)
	s := sample.Generate(sample.Config{})
	rows := len(s.Orders) + len(s.Refunds) + len(s.Events) + len(s.Spend) + len(s.Snapshots) + len(s.Receipts) +
		len(s.Catalogue) + len(s.Promotions) + len(s.Targets) + len(s.Tickets)
	for _, o := range s.Orders {
		rows += len(o.Lines)
	}
	for _, f := range s.Refunds {
		rows += len(f.Lines)
	}
	b.ReportAllocs()
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		opts := tablesIn(b, db)
		b.StartTimer()
		if err := Load(context.Background(), db, demoInput(s), opts); err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, rows, "rows", cpu0)
}

// reportRows reports rows per second of wall-clock time, which includes
// the server's work and its wait for a core, and, where the CPU time is
// known, rows per CPU second of this process: the client's cost alone.
func reportRows(b *testing.B, rows int, unit string, cpu0 time.Duration) {
	total := float64(rows) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), unit+"/s")
	if cpu1 := cputime.Used(); cpu1 > 0 && cpu0 > 0 {
		b.ReportMetric(total/(cpu1-cpu0).Seconds(), unit+"/client-cpu-s")
	}
}

// BenchmarkEventBatches reads the demo's events from the server as rows
// (ReadEvents) and as batches (ReadEventBatches, one batch refilled), on
// one loaded store; events/client-cpu-s is the client's cost alone.
func BenchmarkEventBatches(b *testing.B) {
	opts, s := benchStore(b)
	db := testDB(b)
	ctx := context.Background()
	b.Run("rows", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := cputime.Used()
		for b.Loop() {
			n := 0
			for _, err := range ReadEvents(ctx, db, opts) {
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != len(s.Events) {
				b.Fatalf("%d events, want %d", n, len(s.Events))
			}
		}
		reportRows(b, len(s.Events), "events", cpu0)
	})
	b.Run("batches", func(b *testing.B) {
		opts := opts
		opts.ReuseSlices = true
		b.ReportAllocs()
		cpu0 := cputime.Used()
		for b.Loop() {
			n := 0
			for e, err := range ReadEventBatches(ctx, db, opts) {
				if err != nil {
					b.Fatal(err)
				}
				n += e.Len()
			}
			if n != len(s.Events) {
				b.Fatalf("%d events, want %d", n, len(s.Events))
			}
		}
		reportRows(b, len(s.Events), "events", cpu0)
	})
}

// BenchmarkOrderBatches reads the demo's orders as rows (ReadOrders) and
// as batches (ReadOrderBatches, one batch refilled); lines/s counts rows
// of order_lines.
func BenchmarkOrderBatches(b *testing.B) {
	opts, s := benchStore(b)
	db := testDB(b)
	ctx := context.Background()
	lines := 0
	for _, o := range s.Orders {
		lines += len(o.Lines)
	}
	b.Run("rows", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := cputime.Used()
		for b.Loop() {
			n := 0
			for o, err := range ReadOrders(ctx, db, opts) {
				if err != nil {
					b.Fatal(err)
				}
				n += len(o.Lines)
			}
			if n != lines {
				b.Fatalf("%d lines, want %d", n, lines)
			}
		}
		reportRows(b, lines, "lines", cpu0)
	})
	b.Run("batches", func(b *testing.B) {
		opts := opts
		opts.ReuseSlices = true
		b.ReportAllocs()
		cpu0 := cputime.Used()
		for b.Loop() {
			n := 0
			for o, err := range ReadOrderBatches(ctx, db, opts) {
				if err != nil {
					b.Fatal(err)
				}
				n += o.LineCount()
			}
			if n != lines {
				b.Fatalf("%d lines, want %d", n, lines)
			}
		}
		reportRows(b, lines, "lines", cpu0)
	})
}
