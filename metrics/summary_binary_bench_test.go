package metrics_test

import (
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// BenchmarkSummarizerBinary measures the encoding of a Summarizer, one
// MarshalBinary or UnmarshalBinary per op, and reports its size: bytes
// per customer and per SKU (the bytes of those parts of the encoding over
// their count) and the whole encoding's bytes.
//
//   - peers1M: the harness's 1M orders of issue 19 (668,017 customers, one
//     line each and no SKU: one SKU group, the empty one), all time;
//   - pool: benchOrders' 200,000 orders of November (100,000 customers,
//     1,000 SKUs, 20 categories, 4 channels).
//
// go test -run XXX -bench SummarizerBinary -benchtime 3x -cpu 1
func BenchmarkSummarizerBinary(b *testing.B) {
	cases := []struct {
		name string
		make func(b *testing.B) *metrics.Summarizer
	}{
		{"peers1M", func(b *testing.B) *metrics.Summarizer {
			loadPeers1M(b)
			var s metrics.Summarizer
			if err := s.AddOrders(peers1M.b); err != nil {
				b.Fatal(err)
			}
			return &s
		}},
		{"pool", func(b *testing.B) *metrics.Summarizer {
			orders, _ := benchOrders(200_000, 1)
			s := metrics.Summarizer{Period: metrics.MonthOf(2025, time.November, time.UTC)}
			for o := range orders {
				if err := s.Add(o); err != nil {
					b.Fatal(err)
				}
			}
			return &s
		}},
	}
	for _, c := range cases {
		var s *metrics.Summarizer
		var enc []byte
		setup := func(b *testing.B) {
			if s == nil {
				s = c.make(b)
				enc = encode(b, s)
			}
			b.SetBytes(int64(len(enc)))
		}
		report := func(b *testing.B) { // after the loop, which clears reported metrics
			custs, custBytes, skus, skuBytes := metrics.EncodedSizes(s)
			b.ReportMetric(float64(custBytes)/float64(custs), "B/customer")
			b.ReportMetric(float64(skuBytes)/float64(skus), "B/SKU")
			b.ReportMetric(float64(len(enc)), "B/encoding")
		}
		b.Run(c.name+"/Marshal", func(b *testing.B) {
			setup(b)
			for b.Loop() {
				encode(b, s)
			}
			report(b)
		})
		b.Run(c.name+"/Unmarshal", func(b *testing.B) {
			setup(b)
			for b.Loop() {
				x := metrics.Summarizer{Period: s.Period}
				if err := x.UnmarshalBinary(enc); err != nil {
					b.Fatal(err)
				}
			}
			report(b)
		})
	}
}
