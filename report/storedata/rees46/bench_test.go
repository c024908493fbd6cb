package rees46

import (
	"bytes"
	"os"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// benchData is the 1,000 rows of the sample repeated 100 times under one
// header: 100,000 rows.
func benchData(b *testing.B) []byte {
	data, err := os.ReadFile(sample)
	if err != nil {
		b.Fatal(err)
	}
	i := bytes.IndexByte(data, '\n') + 1
	return append(data[:i:i], bytes.Repeat(data[i:], 100)...)
}

// reportRate adds rows per wall-clock second and per CPU second (on a shared
// machine the second is the speed of one core).
func reportRate(b *testing.B, rows int, cpu0 float64) {
	n := float64(rows) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "rows/s")
	if cpu := cputime.Used().Seconds() - cpu0; cpu0 > 0 && cpu > 0 {
		b.ReportMetric(n/cpu, "rows/cpu-s")
	}
}

// BenchmarkReadEvents reads 100,000 REES46 rows from memory.
func BenchmarkReadEvents(b *testing.B) {
	data := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := cputime.Used().Seconds()
	b.ResetTimer()
	for range b.N {
		n := 0
		for _, err := range ReadEvents(bytes.NewReader(data), storedata.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_000 {
			b.Fatalf("%d events", n)
		}
	}
	reportRate(b, 100_000, cpu0)
}

// BenchmarkReadOrders reads the orders of the same rows.
func BenchmarkReadOrders(b *testing.B) {
	data := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := cputime.Used().Seconds()
	b.ResetTimer()
	for range b.N {
		for _, err := range ReadOrders(bytes.NewReader(data), storedata.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	reportRate(b, 100_000, cpu0)
}

// BenchmarkReadEventBatches reads the rows of BenchmarkReadEvents into
// batches (one batch refilled).
func BenchmarkReadEventBatches(b *testing.B) {
	data := benchData(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := cputime.Used().Seconds()
	b.ResetTimer()
	for range b.N {
		n := 0
		for e, err := range ReadEventBatches(bytes.NewReader(data), storedata.Options{ReuseSlices: true}) {
			if err != nil {
				b.Fatal(err)
			}
			n += e.Len()
		}
		if n != 100_000 {
			b.Fatalf("%d events", n)
		}
	}
	reportRate(b, 100_000, cpu0)
}
