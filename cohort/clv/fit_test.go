package clv

import "testing"

// TestFitLogLikelihoodAtEstimate checks that FitInfo.LogLikelihood is the
// likelihood of the rows at the parameters the fit returns, to the last
// bit, whether the fit takes it from the optimiser's last pass or
// computes it again.
func TestFitLogLikelihoodAtEstimate(t *testing.T) {
	cs, _ := cdnowCBS(t)
	rows := Group(cs)
	d, err := prepare(rows, false)
	if err != nil {
		t.Fatal(err)
	}
	var xs, ms, ws []float64
	for _, c := range rows {
		if c.X > 0 {
			xs, ms, ws = append(xs, c.X), append(ms, c.Monetary), append(ws, c.weight())
		}
	}
	gg := newGGRows(xs, ms, ws)
	tests := []struct {
		name string
		fit  func() ([]float64, FitInfo, error)
		ll   func(th []float64) float64
	}{
		{"BG/NBD", func() ([]float64, FitInfo, error) {
			m, i, err := FitBGNBD(rows, FitConfig{})
			return m.Params(), i, err
		},
			func(th []float64) float64 { return d.bgnbdLL(th, nil, false) }},
		{"MBG/NBD", func() ([]float64, FitInfo, error) {
			m, i, err := FitMBGNBD(rows, FitConfig{})
			return m.Params(), i, err
		},
			func(th []float64) float64 { return d.bgnbdLL(th, nil, true) }},
		{"Pareto/NBD", func() ([]float64, FitInfo, error) {
			m, i, err := FitParetoNBD(rows, FitConfig{})
			return m.Params(), i, err
		}, func(th []float64) float64 { return d.pnbdLL(d.pnbdPairs(), th, nil) }},
		{"Gamma-Gamma", func() ([]float64, FitInfo, error) {
			m, i, err := FitGammaGamma(rows, FitConfig{})
			return m.Params(), i, err
		}, func(th []float64) float64 { return gg.ll(th, nil) }},
	}
	for _, tc := range tests {
		th, info, err := tc.fit()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if want := tc.ll(th); info.LogLikelihood != want {
			t.Errorf("%s: FitInfo.LogLikelihood %v, likelihood at the estimate %v", tc.name, info.LogLikelihood, want)
		}
	}
}
