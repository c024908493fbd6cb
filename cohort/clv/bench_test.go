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

// cdnowParetoNBD and cdnowGammaGamma are the published CDNOW estimates
// (Fader, Hardie and Lee 2005; Fader and Hardie 2013).
var (
	cdnowParetoNBD  = ParetoNBD{0.553, 10.578, 0.606, 11.669}
	cdnowGammaGamma = GammaGamma{6.25, 3.74, 15.44}
	donationsBGBB   = BGBB{1.204, 0.750, 0.657, 2.783}
)

// millionSet returns one of the deterministic synthetic 1M-customer sets
// of the 1M benchmarks, each drawn from its own model at CDNOW's (or the
// donations') published estimates: day resolution over a year of
// acquisition and 78 weeks of observation. "Spend" adds Gamma-Gamma
// spends to "BGNBD"; the "-extreme" sets replace 0.3 % of the customers by
// heavy buyers with hundreds to thousands of purchases and by very old
// non-repeaters. One set is built at a time, to keep the live heap (and
// the collector's work) small.
func millionSet(name string) []Customer {
	const n = 1_000_000
	pn := func() []Customer { return pnbdSim{m: cdnowParetoNBD, span: 52, horizon: 78}.draw(n, 44) }
	switch name {
	case "BGNBD":
		return million()
	case "Spend":
		return withSpend(million(), cdnowGammaGamma, 43)
	case "ParetoNBD":
		return pn()
	case "BGBB":
		return bgbbSim(donationsBGBB, n, 6, 45)
	case "BGNBD-extreme":
		return withExtremes(million(), 46)
	case "ParetoNBD-extreme":
		return withExtremes(pn(), 47)
	}
	panic("clv: no benchmark set " + name)
}

// fitters fits each model on its benchmark set; the key names the model
// and the set.
var fitters = []struct {
	name, set string
	fit       func([]Customer) error
}{
	{"BGNBD", "BGNBD", func(cs []Customer) error { _, _, err := FitBGNBD(Group(cs), FitConfig{}); return err }},
	{"MBGNBD", "BGNBD", func(cs []Customer) error { _, _, err := FitMBGNBD(Group(cs), FitConfig{}); return err }},
	{"ParetoNBD", "ParetoNBD", func(cs []Customer) error { _, _, err := FitParetoNBD(Group(cs), FitConfig{}); return err }},
	{"GammaGamma", "Spend", func(cs []Customer) error { _, _, err := FitGammaGamma(Group(cs), FitConfig{}); return err }},
	{"BGBB", "BGBB", func(cs []Customer) error { _, _, err := FitBGBB(Group(cs), FitConfig{}); return err }},
	{"BGNBD-extreme", "BGNBD-extreme", func(cs []Customer) error { _, _, err := FitBGNBD(Group(cs), FitConfig{}); return err }},
	{"ParetoNBD-extreme", "ParetoNBD-extreme", func(cs []Customer) error { _, _, err := FitParetoNBD(Group(cs), FitConfig{}); return err }},
}

// BenchmarkFit1M groups 1M synthetic customers and fits each model
// (target: under 30 s on one core). Skipped with -short.
func BenchmarkFit1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M customers: skipped with -short")
	}
	for _, f := range fitters {
		b.Run(f.name, func(b *testing.B) {
			cs := millionSet(f.set)
			for b.Loop() {
				if err := f.fit(cs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(cs))*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
		})
	}
}

// BenchmarkPredict1M computes, for each of 1M synthetic customers, P(alive)
// and the expected purchases over the next 52 weeks (the BG/BB: the next
// 5 opportunities) with Forecasts, or the Gamma-Gamma expected spend
// (target: under 5 s on one core). Skipped with -short.
func BenchmarkPredict1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M customers: skipped with -short")
	}
	type predictor interface {
		PurchaseModel
	}
	models := []struct {
		name, set string
		m         predictor
		horizon   float64
	}{
		{"BGNBD", "BGNBD", cdnowBGNBD, 52},
		{"MBGNBD", "BGNBD", MBGNBD{0.525, 6.183, 0.891, 1.614}, 52},
		{"ParetoNBD", "ParetoNBD", cdnowParetoNBD, 52},
		{"BGBB", "BGBB", donationsBGBB, 5},
		{"BGNBD-extreme", "BGNBD-extreme", cdnowBGNBD, 52},
		{"ParetoNBD-extreme", "ParetoNBD-extreme", cdnowParetoNBD, 52},
	}
	for _, m := range models {
		b.Run(m.name, func(b *testing.B) {
			cs := millionSet(m.set)
			for b.Loop() {
				if _, err := Forecasts(m.m, cs, m.horizon); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(cs))*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
		})
	}
	b.Run("GammaGamma", func(b *testing.B) {
		cs := millionSet("Spend")
		for b.Loop() {
			for _, c := range cs {
				if _, err := cdnowGammaGamma.ExpectedSpend(c); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(cs))*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
	})
}

// BenchmarkGroup1M measures grouping alone.
func BenchmarkGroup1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M customers: skipped with -short")
	}
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
		if _, err := cdnowBGNBD.ConditionalExpectedPurchases(c, 52); err != nil {
			b.Fatal(err)
		}
	}
}
