package taobao

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// BenchmarkReadEvents reads the 6,156-row slice from memory (unzipped
// first) and reports rows per second.
func BenchmarkReadEvents(b *testing.B) {
	f, err := os.Open("testdata/" + slice)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		b.Fatal(err)
	}
	const rows = 6156
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
