package rees46

import (
	"bytes"
	"os"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/batchcheck"
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

// BenchmarkReadEvents reads 100,000 REES46 rows from memory.
func BenchmarkReadEvents(b *testing.B) {
	batchcheck.BenchRows(b, ReadEvents, benchData(b), 100_000)
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
	batchcheck.ReportRate(b, 100_000, cpu0)
}

// BenchmarkReadEventBatches reads the rows of BenchmarkReadEvents into
// batches (one batch refilled).
func BenchmarkReadEventBatches(b *testing.B) {
	batchcheck.BenchBatches(b, ReadEventBatches, benchData(b), 100_000)
}
