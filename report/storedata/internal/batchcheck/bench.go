package batchcheck

import (
	"bytes"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// BenchRows measures rows reading data, n events, from memory with the
// zero Options (see [ReportRate]).
func BenchRows(b *testing.B, rows Rows, data []byte, n int) {
	bench(b, data, n, func() int {
		got := 0
		for _, err := range rows(bytes.NewReader(data), storedata.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		return got
	})
}

// BenchBatches measures batches reading data, n events, from memory into
// one batch refilled (ReuseSlices).
func BenchBatches(b *testing.B, batches Batches, data []byte, n int) {
	bench(b, data, n, func() int {
		got := 0
		for e, err := range batches(bytes.NewReader(data), storedata.Options{ReuseSlices: true}) {
			if err != nil {
				b.Fatal(err)
			}
			got += e.Len()
		}
		return got
	})
}

// bench times read, which must read n events.
func bench(b *testing.B, data []byte, n int, read func() int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := cputime.Used().Seconds()
	b.ResetTimer()
	for range b.N {
		if got := read(); got != n {
			b.Fatalf("%d events, want %d", got, n)
		}
	}
	ReportRate(b, n, cpu0)
}

// ReportRate adds rows per wall-clock second and per CPU second since
// cpu0 (on a shared machine the second is the speed of one core).
func ReportRate(b *testing.B, rows int, cpu0 float64) {
	n := float64(rows) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "rows/s")
	if cpu := cputime.Used().Seconds() - cpu0; cpu0 > 0 && cpu > 0 {
		b.ReportMetric(n/cpu, "rows/cpu-s")
	}
}
