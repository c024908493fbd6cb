package service

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkBenjaminiHochberg controls 10,000 p-values (a large catalogue's
// SKUs), reporting the time per p-value.
func BenchmarkBenjaminiHochberg(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	p := make([]float64, 10_000)
	for i := range p {
		p[i] = r.Float64()
	}
	b.ResetTimer()
	for b.Loop() {
		BenjaminiHochberg(p, 0.05)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(p)), "ns/pvalue")
}
