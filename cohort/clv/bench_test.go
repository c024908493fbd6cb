package clv

import (
	"testing"
)

// BenchmarkFitCDNOW groups the 2,357 CDNOW summaries and fits the BG/NBD
// (target: under 50 ms).
func BenchmarkFitCDNOW(b *testing.B) {
	cs, _ := cdnowCBS(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := FitBGNBD(Group(cs), FitConfig{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(cs))*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}

// million draws 1M customers at day resolution from the CDNOW BG/NBD,
// acquired over a year and observed for 78 weeks.
func million() []Customer {
	return bgnbdSim{m: cdnowBGNBD, span: 52, horizon: 78, days: true}.draw(1_000_000, 42)
}

// BenchmarkFit1M groups 1M synthetic customers and fits the BG/NBD
// (target: under 5 s on one core).
func BenchmarkFit1M(b *testing.B) {
	cs := million()
	b.ResetTimer()
	var rows int
	for b.Loop() {
		g := Group(cs)
		rows = len(g)
		if _, _, err := FitBGNBD(g, FitConfig{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(len(cs))*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}

// BenchmarkGroup1M measures grouping alone.
func BenchmarkGroup1M(b *testing.B) {
	cs := million()
	b.ResetTimer()
	for b.Loop() {
		Group(cs)
	}
	b.ReportMetric(float64(len(cs))*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}

// BenchmarkFitParetoNBDCDNOW fits the Pareto/NBD on grouped CDNOW.
func BenchmarkFitParetoNBDCDNOW(b *testing.B) {
	cs, _ := cdnowCBS(b)
	g := Group(cs)
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := FitParetoNBD(g, FitConfig{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConditionalExpectedPurchases measures one BG/NBD forecast.
func BenchmarkConditionalExpectedPurchases(b *testing.B) {
	c := Customer{X: 2, Tx: 30.43, T: 38.86}
	for b.Loop() {
		must(cdnowBGNBD.ConditionalExpectedPurchases(c, 52))
	}
}
