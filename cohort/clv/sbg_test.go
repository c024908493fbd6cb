package clv

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// The two cohorts of Fader and Hardie (2007), "How to Project Customer
// Retention", Table 1 (data from Berry and Linoff 2004): customers still
// active in years 0–12 out of 1000 acquired in year 0. The paper fits years
// 0–7 and holds out years 8–12. The regular series 1000, 631, 468, 382, 326
// is also Table 1 of Fader and Hardie's 2014 note "A Spreadsheet-Literate
// Non-Statistician's Guide to the Beta-Geometric Model".
var (
	sbgRegular = []int64{1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173}
	sbgHighEnd = []int64{1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394}
)

// sbgCalibration is the part of a Table 1 series the paper fits: years 0–7.
func sbgCalibration(s []int64) []int64 { return s[:8] }

func sbgNear(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func sbgRel(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }

// TestFitSBGPaper reproduces the maximum-likelihood estimates of FH (2007)
// for both cohorts, to the three printed decimals.
func TestFitSBGPaper(t *testing.T) {
	for _, tc := range []struct {
		name, reason string
		survivors    []int64
		want         SBG
	}{{
		name:      "regular",
		reason:    "FH (2007): α̂ = 0.704, β̂ = 1.182 for the regular customers (the reference values of PyMC-Marketing's sBG replication notebook)",
		survivors: sbgCalibration(sbgRegular),
		want:      SBG{0.704, 1.182},
	}, {
		name:      "high end",
		reason:    "FH (2007): α̂ = 0.668, β̂ = 3.806 for the high-end customers (also the check in jdmaturen/shifted_beta_geometric_py's test)",
		survivors: sbgCalibration(sbgHighEnd),
		want:      SBG{0.668, 3.806},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			m, info, err := FitSBG(tc.survivors, FitConfig{})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%+v LL=%.4f se=%.5f", m, info.LogLikelihood, info.StdErr)
			// Printed to three decimals: within half a unit of the last digit.
			for i, v := range m.Params() {
				if w := tc.want.Params()[i]; !sbgNear(v, w, 0.0005) {
					t.Errorf("param %d = %.6f, want %.3f: %s", i, v, w, tc.reason)
				}
			}
			if !info.Converged || info.Rows != 8 || info.Weight != 1000 || len(info.StdErr) != 2 {
				t.Errorf("info %+v, want converged, 8 rows, weight 1000, two standard errors", info)
			}
			// The estimate is the maximum: the likelihood at the printed
			// (rounded) estimate is no higher.
			if ll, _ := tc.want.LogLikelihood(tc.survivors); ll > info.LogLikelihood {
				t.Errorf("LL at the printed estimate %.6f exceeds the fit's %.6f", ll, info.LogLikelihood)
			}
		})
	}
}

// TestSBGProjections checks the projections of the fitted high-end model
// against the figures printed by jdmaturen/shifted_beta_geometric_py (a
// third-party implementation; its README prints survival in years 8–12 and
// DERL at d = 0.10 for the survivors of year 7), and both cohorts'
// projections against the held-out years 8–12 of FH (2007) Table 1.
func TestSBGProjections(t *testing.T) {
	hi, _, err := FitSBG(sbgCalibration(sbgHighEnd), FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	// shifted_beta_geometric_py README: predicted_survival for years 8–12.
	for i, want := range []float64{0.460, 0.436, 0.414, 0.395, 0.378} {
		if got := hi.Survival(8 + i); !sbgNear(got, want, 0.0005) {
			t.Errorf("high end S(%d) = %.5f, want %.3f", 8+i, got, want)
		}
	}
	// shifted_beta_geometric_py README: residual_cohort_lifetime = 7.530
	// for derl(α, β, 0.10, 7), its (β+7)/(α+β+7)·2F1(1, β+8; α+β+8; 1/1.1),
	// which is DERL of a customer who has renewed 7 times.
	if got := hi.DERL(7, 0.10); !sbgNear(got, 7.530, 0.0005) {
		t.Errorf("high end DERL(7, 0.10) = %.5f, want 7.530", got)
	}
	// FH (2007) Table 1 holdout, years 8–12: the projections stay within
	// 2 percentage points of the actual survival (the paper's point is
	// that the sBG projects well; this is a sanity bound, not a figure).
	for _, tc := range []struct {
		name string
		s    []int64
	}{{"regular", sbgRegular}, {"high end", sbgHighEnd}} {
		m, _, err := FitSBG(sbgCalibration(tc.s), FitConfig{})
		if err != nil {
			t.Fatal(err)
		}
		for y := 8; y <= 12; y++ {
			actual := float64(tc.s[y]) / 1000
			if got := m.Survival(y); !sbgNear(got, actual, 0.02) {
				t.Errorf("%s S(%d) = %.4f, actual %.3f", tc.name, y, got, actual)
			}
			if r := m.Retention(y); !(r > m.Retention(y-1)) {
				t.Errorf("%s retention not rising at year %d: %.4f", tc.name, y, r)
			}
		}
	}
}

// TestSBGLogLikelihood compares the likelihood with an independent
// evaluation at α = β = 1, where P(T=t) = 1/(t(t+1)) and S(t) = 1/(t+1).
// shifted_beta_geometric_py's test prints −2.115 per customer for the
// high-end proportions at (1, 1).
func TestSBGLogLikelihood(t *testing.T) {
	s := sbgCalibration(sbgHighEnd)
	want := 0.0
	for k := 1; k < len(s); k++ {
		ft := float64(k)
		want += float64(s[k-1]-s[k]) * math.Log(1/(ft*(ft+1)))
	}
	want += float64(s[len(s)-1]) * math.Log(1/float64(len(s)))
	got, err := SBG{1, 1}.LogLikelihood(s)
	if err != nil {
		t.Fatal(err)
	}
	if sbgRel(got, want) > 1e-14 || !sbgNear(got/1000, -2.115, 0.001) {
		t.Errorf("LL(1, 1) = %.6f, want %.6f (−2.115 per customer)", got, want)
	}
	if got, err := (SBG{1, 1}).LogLikelihood([]int64{7}); err != nil || got != 0 {
		t.Errorf("LL of a lone cohort size = %v, %v; want 0, nil", got, err)
	}
	// The analytic gradient matches central differences.
	m := SBG{0.9, 2.5}
	g := make([]float64, 2)
	m.logLik(s, g)
	for i := range 2 {
		h := 1e-6
		p, q := m.Params(), m.Params()
		p[i] += h
		q[i] -= h
		num := (SBG{p[0], p[1]}.logLik(s, nil) - SBG{q[0], q[1]}.logLik(s, nil)) / (2 * h)
		if sbgRel(g[i], num) > 1e-6 {
			t.Errorf("∂LL/∂θ%d = %.8f, central difference %.8f", i, g[i], num)
		}
	}
}

// sbgDirect returns Σ_{k≥0} ∏_{j<k} (b+j)/(a+b+j) · z^k by direct
// summation with a compensated (Neumaier) sum, stopping when the tail bound
// term·z/(1−z) (the ratios stay below z) is below 1e-18 of the sum. It is
// the truncated series Σ S(t)/(1+d)^t of an sBG(a, b) customer.
func sbgDirect(a, b, d float64) float64 {
	z := 1 / (1 + d)
	term, sum, comp := 1.0, 1.0, 0.0
	for k := 0.0; ; k++ {
		term *= (b + k) / (a + b + k) * z
		t := sum + term
		if math.Abs(sum) >= math.Abs(term) {
			comp += (sum - t) + term
		} else {
			comp += (term - t) + sum
		}
		sum = t
		if term*z/(1-z) < 1e-18*sum {
			return sum + comp
		}
	}
}

// TestSBGDiscountedLifetimes checks DEL and DERL, evaluated through the
// hypergeometric function, against the direct sum Σ S(t)/(1+d)^t to 1e-9
// relative, including rates small enough that the series is replaced by its
// transformation to 1 − z, and α at and near 1, where that transformation
// is singular.
func TestSBGDiscountedLifetimes(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    SBG
		d    float64
		ns   []int // renewals for DERL; nil: 0, 1, 7 and 50
	}{
		{"regular annual", SBG{0.704, 1.182}, 0.1, nil},
		{"high end annual", SBG{0.668, 3.806}, 0.1, nil},
		{"high end monthly", SBG{0.668, 3.806}, 0.008, nil},
		{"high end weekly", SBG{0.668, 3.806}, 0.0018, nil},
		{"small rate", SBG{0.5, 2}, 0.0007, nil},
		{"alpha one", SBG{1, 3}, 0.0007, nil},
		{"alpha near one", SBG{1 + 1e-6, 3}, 0.0007, nil},
		{"alpha two", SBG{2, 0.5}, 0.0007, nil},
		// Below d ≈ 2e-5 the transformation to 1 − z takes over; the direct
		// sums take millions of terms, so fewer of them.
		{"transformation", SBG{0.5, 2}, 1e-5, []int{7}},
		{"transformation alpha above one", SBG{1.7, 2}, 1e-5, []int{7}},
		{"homogeneous", SBG{400, 1600}, 0.05, nil},
		{"polarised", SBG{0.02, 0.05}, 0.02, nil},
		{"large rate", SBG{1.5, 4}, 20, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b, d := tc.m.Alpha, tc.m.Beta, tc.d
			if got, want := tc.m.DEL(d), sbgDirect(a, b, d); sbgRel(got, want) > 1e-9 {
				t.Errorf("DEL(%v) = %.15g, direct %.15g (rel %.2g)", d, got, want, sbgRel(got, want))
			}
			ns := tc.ns
			if ns == nil {
				ns = []int{0, 1, 7, 50}
			}
			for _, n := range ns {
				fn := float64(n)
				want := (b + fn) / (a + b + fn) * sbgDirect(a, b+fn+1, d)
				if got := tc.m.DERL(n, d); sbgRel(got, want) > 1e-9 {
					t.Errorf("DERL(%d, %v) = %.15g, direct %.15g (rel %.2g)", n, d, got, want, sbgRel(got, want))
				}
			}
		})
	}
}

// TestSBGInvalid checks the documented zero results and errors.
func TestSBGInvalid(t *testing.T) {
	bad := []SBG{{0, 1}, {1, -1}, {math.NaN(), 1}, {1, math.Inf(1)}}
	for _, m := range bad {
		if v := []float64{m.Survival(3), m.Retention(3), m.ChurnProbability(3), m.DEL(0.1), m.DERL(2, 0.1)}; !cmp.Equal(v, make([]float64, 5)) {
			t.Errorf("%+v: %v, want zeros", m, v)
		}
		_, err := m.LogLikelihood(sbgRegular)
		var ce *metrics.ConfigError
		if !errors.Is(err, metrics.ErrConfig) || !errors.As(err, &ce) || ce.Pkg != "clv" {
			t.Errorf("%+v: LogLikelihood error %v, want a clv *metrics.ConfigError", m, err)
		}
	}
	_, err := SBG{-1, math.NaN()}.LogLikelihood(sbgRegular)
	if diff := cmp.Diff([]string{"SBG.Alpha", "SBG.Beta"}, sbgConfigFields(err)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	m := SBG{0.7, 1.2}
	for _, d := range []float64{0, -0.1, math.NaN(), math.Inf(1)} {
		if m.DEL(d) != 0 || m.DERL(1, d) != 0 {
			t.Errorf("d = %v: DEL %v DERL %v, want 0", d, m.DEL(d), m.DERL(1, d))
		}
	}
	if m.DERL(-1, 0.1) != 0 || m.Retention(0) != 0 || m.ChurnProbability(0) != 0 || m.Survival(-3) != 1 {
		t.Error("out-of-range periods")
	}
	// Rates so small that 1/(1+d) rounds to 1 still give a finite result.
	for _, mm := range []SBG{{0.5, 2}, {1, 2}, {3, 2}} {
		for _, d := range []float64{1e-300, 1e-17, 1e-12} {
			if v := mm.DEL(d); !finite(v) || v < 0 {
				t.Errorf("%+v DEL(%v) = %v", mm, d, v)
			}
		}
	}
}

func sbgConfigFields(err error) []string {
	var out []string
	for _, e := range sbgUnjoin(err) {
		var ce *metrics.ConfigError
		if errors.As(e, &ce) {
			out = append(out, ce.Field)
		}
	}
	return out
}

func sbgUnjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

// TestFitSBGErrors checks that invalid series are reported with every bad
// period located, and that boundary data give a finite estimate.
func TestFitSBGErrors(t *testing.T) {
	type bad struct {
		Period int
		Count  int64
	}
	for _, tc := range []struct {
		name, reason string
		s            []int64
		want         []bad // nil: an unlocated ErrInvalidSurvivors
	}{
		{"empty", "no cohort at all", nil, nil},
		{"one period", "one renewal identifies only α/(α+β)", []int64{100, 60}, nil},
		{"zero cohort", "the cohort size must be positive", []int64{0, 0, 0}, []bad{{0, 0}}},
		{"increase", "a count above the previous one", []int64{100, 60, 61, 50}, []bad{{2, 61}}},
		{"every problem", "negative counts and increases, all reported", []int64{-5, 3, -1, 2}, []bad{{0, -5}, {1, 3}, {2, -1}, {3, 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := FitSBG(tc.s, FitConfig{})
			if !errors.Is(err, ErrInvalidSurvivors) {
				t.Fatalf("error %v, want ErrInvalidSurvivors: %s", err, tc.reason)
			}
			var got []bad
			for _, e := range sbgUnjoin(err) {
				var se *SurvivorError
				if errors.As(e, &se) {
					got = append(got, bad{se.Period, se.Count})
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s: located errors (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
	// The invalid-configuration error of the other fits (the sentinel or
	// *metrics.ConfigError, whichever FitConfig's validation uses).
	if _, _, err := FitSBG(sbgRegular[:8], FitConfig{L2: -1}); err == nil || !strings.Contains(err.Error(), "invalid configuration") {
		t.Errorf("invalid FitConfig: %v", err)
	}
	// Boundary data have no finite maximum: a finite estimate, and a
	// *FitError if the optimiser says so.
	for _, s := range [][]int64{{100, 100, 100, 100}, {100, 0, 0}, {5, 5, 0}} {
		m, info, err := FitSBG(s, FitConfig{})
		var fe *FitError
		if err != nil && !errors.As(err, &fe) {
			t.Errorf("%v: error %v, want nil or *FitError", s, err)
		}
		if !m.valid() || !finite(info.LogLikelihood) {
			t.Errorf("%v: %+v LL %v", s, m, info.LogLikelihood)
		}
	}
}

// sbgDraw draws an sBG over a wide range of heterogeneity.
func sbgDraw(t *rapid.T) SBG {
	return SBG{
		Alpha: math.Exp(rapid.Float64Range(-4, 5).Draw(t, "logAlpha")),
		Beta:  math.Exp(rapid.Float64Range(-4, 5).Draw(t, "logBeta")),
	}
}

// TestSBGProperties: S is a survival function, retention rises with
// tenure, churn probabilities and survival add to 1, DERL is positive,
// decreases with the discount rate and matches the direct sum, and
// DEL = 1 + DERL(0)/(1+d).
func TestSBGProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := sbgDraw(t)
		n := rapid.IntRange(1, 400).Draw(t, "t")
		if m.Survival(0) != 1 {
			t.Fatalf("S(0) = %v", m.Survival(0))
		}
		cum := 0.0
		for k := 1; k <= n; k++ {
			s, prev := m.Survival(k), m.Survival(k-1)
			if !(s >= 0 && s <= prev) {
				t.Fatalf("S(%d) = %v after %v", k, s, prev)
			}
			if r := m.Retention(k); !(r > 0 && r < 1) || (k > 1 && r < m.Retention(k-1)) {
				t.Fatalf("r_%d = %v after %v", k, r, m.Retention(k-1))
			}
			cum += m.ChurnProbability(k)
		}
		if sum := cum + m.Survival(n); !sbgNear(sum, 1, 1e-12) {
			t.Fatalf("Σ P(T=t) + S(%d) = %.17g", n, sum)
		}
		d1 := rapid.Float64Range(0.01, 3).Draw(t, "d")
		d2 := d1 * rapid.Float64Range(1.01, 3).Draw(t, "factor")
		r := rapid.IntRange(0, 60).Draw(t, "renewals")
		a, b := m.DERL(r, d1), m.DERL(r, d2)
		if !(a > b && b > 0) {
			t.Fatalf("DERL(%d, %v) = %v, DERL(%d, %v) = %v", r, d1, a, r, d2, b)
		}
		fr := float64(r)
		if want := (m.Beta + fr) / (m.Alpha + m.Beta + fr) * sbgDirect(m.Alpha, m.Beta+fr+1, d1); sbgRel(a, want) > 1e-9 {
			t.Fatalf("DERL(%d, %v) = %.15g, direct %.15g", r, d1, a, want)
		}
		if del := m.DEL(d1); sbgRel(del, 1+m.DERL(0, d1)/(1+d1)) > 1e-12 {
			t.Fatalf("DEL %v vs 1 + DERL(0)/(1+d) %v", del, 1+m.DERL(0, d1)/(1+d1))
		}
	})
}

// TestFitSBGRecovers fits the expected survivors of a known model and gets
// its parameters back.
func TestFitSBGRecovers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := SBG{
			Alpha: math.Exp(rapid.Float64Range(-2, 2).Draw(t, "logAlpha")),
			Beta:  math.Exp(rapid.Float64Range(-1, 3).Draw(t, "logBeta")),
		}
		periods := rapid.IntRange(6, 24).Draw(t, "periods")
		s := make([]int64, periods+1)
		for k := range s {
			s[k] = int64(math.Round(1e9 * m.Survival(k)))
		}
		got, _, err := FitSBG(s, FitConfig{})
		if err != nil {
			t.Fatal(err)
		}
		if sbgRel(got.Alpha, m.Alpha) > 1e-3 || sbgRel(got.Beta, m.Beta) > 1e-3 {
			t.Fatalf("fit %+v, truth %+v", got, m)
		}
	})
}

// TestSBGSurvivalSeam checks that S(t) is continuous where it switches
// from a running product to log-gamma functions.
func TestSBGSurvivalSeam(t *testing.T) {
	for _, m := range []SBG{{0.704, 1.182}, {5, 0.3}, {0.01, 50}} {
		k := sbgProductTerms
		if got, want := m.Survival(k+1), m.Survival(k)*m.Retention(k+1); sbgRel(got, want) > 1e-10 {
			t.Errorf("%+v: S(%d) = %.15g, S(%d)·r = %.15g", m, k+1, got, k, want)
		}
	}
}

// BenchmarkFitSBG fits the regular cohort of FH (2007).
func BenchmarkFitSBG(b *testing.B) {
	s := sbgCalibration(sbgRegular)
	for b.Loop() {
		if _, _, err := FitSBG(s, FitConfig{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSBGDERL evaluates DERL at a monthly rate, where the
// hypergeometric series needs a few thousand terms.
func BenchmarkSBGDERL(b *testing.B) {
	m := SBG{0.668, 3.806}
	for b.Loop() {
		m.DERL(12, 0.008)
	}
}

// sbgSeries decodes a fuzzed survivor series: each byte pair is a signed
// count scaled by a per-series factor, at most 40 counts, so increases,
// negative counts, zero cohorts and huge counts all occur.
func sbgSeries(data []byte, scale int64) []int64 {
	var s []int64
	for i := 0; i+1 < len(data) && len(s) < 40; i += 2 {
		s = append(s, int64(int16(uint16(data[i])<<8|uint16(data[i+1])))*scale)
	}
	return s
}

// FuzzFitSBG feeds arbitrary survivor series, parameters and discount rates
// to FitSBG, LogLikelihood, DEL and DERL: nothing may panic; an invalid
// series gives ErrInvalidSurvivors; a fit gives positive finite parameters
// and a finite log-likelihood (with a *FitError at a boundary); predictions
// are finite and non-negative.
func FuzzFitSBG(f *testing.F) {
	enc := func(s []int64) []byte {
		var b []byte
		for _, v := range s {
			b = append(b, byte(uint16(v)>>8), byte(uint16(v)))
		}
		return b
	}
	f.Add(enc(sbgRegular[:8]), int64(1), 0.704, 1.182, 0.1, 7)
	f.Add(enc(sbgHighEnd), int64(1), 0.668, 3.806, 0.008, 0)
	f.Add(enc([]int64{100, 100, 100}), int64(1<<40), 1e-13, 1e13, 1e-300, 1<<20)
	f.Add(enc([]int64{0, 5, -3}), int64(-1), math.NaN(), math.Inf(1), -1.0, -5)
	f.Add([]byte{1}, int64(0), 0.0, 0.0, 0.0, 0)
	f.Fuzz(func(t *testing.T, data []byte, scale int64, a, b, d float64, n int) {
		s := sbgSeries(data, scale%(1<<46))
		m, info, err := FitSBG(s, FitConfig{MaxIterations: 200})
		var fe *FitError
		switch {
		case err == nil || errors.As(err, &fe):
			if !m.valid() || !finite(info.LogLikelihood) || info.LogLikelihood > 0 {
				t.Fatalf("%v: %+v LL %v, %v", s, m, info.LogLikelihood, err)
			}
		case !errors.Is(err, ErrInvalidSurvivors):
			t.Fatalf("%v: error %v", s, err)
		}
		mm := SBG{a, b}
		if ll, err := mm.LogLikelihood(s); err == nil && (!finite(ll) || ll > 0) {
			t.Fatalf("%+v LL(%v) = %v", mm, s, ll)
		}
		n %= 1 << 16
		for _, v := range []float64{mm.Survival(n), mm.Retention(n), mm.ChurnProbability(n), mm.DEL(d), mm.DERL(n, d)} {
			if !finite(v) || v < 0 {
				t.Fatalf("%+v, n %d, d %v: %v", mm, n, d, v)
			}
		}
	})
}
