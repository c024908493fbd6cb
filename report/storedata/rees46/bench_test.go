package rees46

import (
	"bytes"
	"os"
	"testing"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// BenchmarkReadEvents reads the 1,000-row sample from memory and reports
// rows per second.
func BenchmarkReadEvents(b *testing.B) {
	data, err := os.ReadFile(sample)
	if err != nil {
		b.Fatal(err)
	}
	const rows = 1000
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range ReadEvents(bytes.NewReader(data), storedata.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("%d events", n)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadOrders reads the orders of the same sample.
func BenchmarkReadOrders(b *testing.B) {
	data, err := os.ReadFile(sample)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range ReadOrders(bytes.NewReader(data), storedata.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "rows/s")
}
