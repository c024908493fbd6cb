package taobao

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// BenchmarkReadEvents reads the 6,156-row slice, unzipped and repeated 16
// times (98,496 rows), from memory, and reports rows per wall-clock
// second and per CPU second (on a shared machine the second is the speed
// of one core).
func BenchmarkReadEvents(b *testing.B) {
	data, rows := benchData(b)
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
		if n != rows {
			b.Fatalf("%d events", n)
		}
	}
	reportRate(b, rows, cpu0)
}

// BenchmarkReadEventBatches reads the rows of BenchmarkReadEvents into
// batches (one batch refilled).
func BenchmarkReadEventBatches(b *testing.B) {
	data, rows := benchData(b)
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
		if n != rows {
			b.Fatalf("%d events", n)
		}
	}
	reportRate(b, rows, cpu0)
}

// benchData is the slice, unzipped and repeated 16 times, and its rows.
func benchData(b *testing.B) ([]byte, int) {
	f, err := os.Open("testdata/" + slice)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	one, err := io.ReadAll(z)
	if err != nil {
		b.Fatal(err)
	}
	return bytes.Repeat(one, 16), 6156 * 16
}

// reportRate adds rows per wall-clock second and per CPU second (on a
// shared machine the second is the speed of one core).
func reportRate(b *testing.B, rows int, cpu0 float64) {
	n := float64(rows) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "rows/s")
	if cpu := cputime.Used().Seconds() - cpu0; cpu0 > 0 && cpu > 0 {
		b.ReportMetric(n/cpu, "rows/cpu-s")
	}
}
