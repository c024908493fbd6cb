package clv_test

import (
	"fmt"
	"log"
	"runtime"
	"testing"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/internal/sample"
)

// A Grouper leaves its process as bytes: two shards of customers are
// grouped apart, one is encoded (as a worker sends it), decoded and merged
// with the other. The two one-time buyers of week 3, one in each shard,
// become one row of weight 2.
func ExampleGrouper_MarshalBinary() {
	var shards [2]clv.Grouper
	shards[0].Add(clv.Customer{ID: "ann", T: 3})
	shards[0].Add(clv.Customer{ID: "bo", X: 2, Tx: 1.5, T: 4, Monetary: 30})
	shards[1].Add(clv.Customer{ID: "cy", T: 3})
	data, err := shards[1].MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}

	// Elsewhere: the bytes.
	var received clv.Grouper
	if err := received.UnmarshalBinary(data); err != nil {
		log.Fatal(err)
	}
	shards[0].Merge(&received)
	for _, r := range shards[0].Rows() {
		fmt.Printf("x %.0f t_x %.1f T %.0f monetary %.2f weight %.0f\n", r.X, r.Tx, r.T, r.Monetary, r.Weight)
	}
	fmt.Println(len(data), "bytes")
	// Output:
	// x 0 t_x 0.0 T 3 monetary 0.00 weight 2
	// x 2 t_x 1.5 T 4 monetary 30.00 weight 1
	// 8 bytes
}

// BenchmarkGrouperBinary measures the encoding of the demo store's
// customers grouped for the models (internal/sample's default two-year
// store, cohort.Ledger.Summary at its end, in weeks, as the review fits
// them), one MarshalBinary or UnmarshalBinary per op, and reports its
// size: bytes per customer (the encoding over the customers), per row
// and the whole encoding's bytes.
//
// go test ./cohort/clv -run XXX -bench GrouperBinary -benchtime 5x -cpu 1
func BenchmarkGrouperBinary(b *testing.B) {
	// The demo store is built in a function of its own and collected, so
	// that its heap does not weigh on the timings.
	g, customers := func() (*clv.Grouper, int) {
		st := sample.Generate(sample.Config{})
		l := cohort.Ledger{Location: st.Config.Location}
		for _, o := range st.Orders {
			if err := l.Add(o); err != nil {
				b.Fatal(err)
			}
		}
		sum, err := l.Summary(cohort.SummaryConfig{CalibrationEnd: st.Period.End.AddDate(0, 0, -1)})
		if err != nil {
			b.Fatal(err)
		}
		cs, _ := clv.FromSummary(sum)
		var g clv.Grouper
		for _, c := range cs {
			g.Add(c)
		}
		return &g, len(cs)
	}()
	runtime.GC()
	enc, err := g.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	report := func(b *testing.B) {
		b.ReportMetric(float64(len(enc))/float64(customers), "B/customer")
		b.ReportMetric(float64(len(enc))/float64(g.Len()), "B/row")
		b.ReportMetric(float64(len(enc)), "B/encoding")
	}
	b.Run("Marshal", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		for b.Loop() {
			if _, err := g.MarshalBinary(); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
	b.Run("Unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		for b.Loop() {
			var x clv.Grouper
			if err := x.UnmarshalBinary(enc); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
}
