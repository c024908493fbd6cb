package profile_test

import (
	"strconv"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

// BenchmarkTableAdd measures adding one buyer with five attributes and a
// label, the profile's per-buyer cost in a review.
func BenchmarkTableAdd(b *testing.B) {
	cny := money.MustCurrency("CNY")
	cs := make([]profile.Customer, 1024)
	for i := range cs {
		cs[i] = profile.Customer{ID: strconv.Itoa(i), Age: 18 + i%50, Gender: []string{"F", "M"}[i%2], City: "c" + strconv.Itoa(i%40),
			Region: "r" + strconv.Itoa(i%8), CityTier: strconv.Itoa(1 + i%4), Labels: map[string]string{"income": strconv.Itoa(i % 10)}}
	}
	var t profile.Table
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := t.Add(cs[i%len(cs)], profile.Buyer{Sales: cny.FromMinor(int64(1000 + i%5000)), Orders: 1 + int64(i%3), New: i%4 == 0, Value: cny.FromMinor(5000)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/buyer")
}
