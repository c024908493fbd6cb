package clv

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// cdnowSplit is the CDNOW calibration (weeks 1–39) and holdout (weeks
// 40–78) with weekly tracking points: the cumulative repeat purchases of
// BTYD's cu.tracking less week 39's 2,457, so the last point (week 78,
// 4,339) is the holdout total 1,882.
func cdnowSplit(t testing.TB) Split {
	cal, xstar := cdnowCBS(t)
	rows := readCSV(t, "btyd_cdnowSummary_cu_tracking.csv")
	base := atof(t, rows[38][1])
	s := Split{Calibration: cal, Holdout: xstar, Length: 39}
	for w := 40; w < 78; w++ {
		s.TrackingTimes = append(s.TrackingTimes, float64(w)-272.0/7)
		s.TrackingActual = append(s.TrackingActual, atof(t, rows[w-1][1])-base)
	}
	return s
}

// TestEvaluateCDNOW checks the holdout table of each model on CDNOW. The
// actual figures are the data's (BTYD cdnowSummary; recomputed with
// awk -F, 'NR>1{k=($2>=7)?7:$2; n[k]++; s[k]+=$5} …' on
// testdata/btyd_cdnowSummary_cbs.csv): 1,882 holdout purchases, and by
// calibration frequency 0–7+ mean holdout purchases 0.236712, 0.697039,
// 1.392523, 1.560000, 2.532258, 2.947368, 3.862069, 6.359375 for 1,411,
// 439, 214, 100, 62, 38, 29 and 64 customers. The forecasts are this
// package's (their parameters reproduce the published estimates, see
// TestFitBGNBDCDNOW and TestFitParetoNBDCDNOW); all three models
// under-forecast the 39 holdout weeks, as FHL (2005, Figure 2) show for
// the BG/NBD and the Pareto/NBD.
func TestEvaluateCDNOW(t *testing.T) {
	s := cdnowSplit(t)
	wantActual := []float64{0.236712, 0.697039, 1.392523, 1.560000, 2.532258, 2.947368, 3.862069, 6.359375}
	wantN := []float64{1411, 439, 214, 100, 62, 38, 29, 64}
	tests := []struct {
		f                    Family
		predicted, rmse, mae float64
		tracking             float64
	}{
		{FamilyBGNBD, 1653.41, 1.60798, 0.78545, 0.06735},
		{FamilyMBGNBD, 1576.73, 1.60718, 0.76478, 0.08555},
		{FamilyParetoNBD, 1665.51, 1.60285, 0.75452, 0.06519},
	}
	for _, tc := range tests {
		t.Run(tc.f.String(), func(t *testing.T) {
			m, _, err := tc.f.Fit(Group(s.Calibration), FitConfig{})
			if err != nil {
				t.Fatal(err)
			}
			sc, err := Evaluate(m, s, 7)
			if err != nil {
				t.Fatal(err)
			}
			if sc.Actual != 1882 || sc.Customers != 2357 {
				t.Errorf("actual %v of %v customers, want 1882 of 2357", sc.Actual, sc.Customers)
			}
			var gotA, gotN []float64
			for _, g := range sc.ByFrequency {
				gotA, gotN = append(gotA, g.Actual), append(gotN, g.Customers)
			}
			if d := cmp.Diff(wantActual, gotA, cmpopts.EquateApprox(0, 5e-7)); d != "" {
				t.Errorf("actual by frequency (-want +got):\n%s", d)
			}
			if d := cmp.Diff(wantN, gotN); d != "" {
				t.Errorf("customers by frequency (-want +got):\n%s", d)
			}
			got := []float64{sc.Predicted, sc.RMSE, sc.MAE, sc.TrackingError}
			want := []float64{tc.predicted, tc.rmse, tc.mae, tc.tracking}
			// Regression values of this package, to their printed digits.
			if d := cmp.Diff(want, got, cmpopts.EquateApprox(1e-5, 1e-5)); d != "" {
				t.Errorf("predicted, RMSE, MAE, tracking (-want +got):\n%s", d)
			}
			// Tracking ends one week before the holdout's end, below the
			// total; every point is a cumulative count, so increasing.
			for i := 1; i < len(sc.Tracking); i++ {
				if sc.Tracking[i].Predicted <= sc.Tracking[i-1].Predicted {
					t.Errorf("tracking forecast not increasing at %v", sc.Tracking[i].Time)
				}
			}
			if last := sc.Tracking[len(sc.Tracking)-1]; last.Predicted >= sc.Predicted || last.Actual != 1854 {
				t.Errorf("last tracking point %+v, want actual 1854 below the total forecast %v", last, sc.Predicted)
			}
			if e, ok := sc.AggregateError(); !ok || !(e < 0) {
				t.Errorf("aggregate error %v, %v: want an under-forecast", e, ok)
			}
		})
	}
}

// TestChooseCDNOW checks the choice on CDNOW both ways. The calibration
// spans 38.86 weeks, less than three 39-week holdouts, so by default the
// choice is by BIC: 4·ln 2357 − 2·LL, with LL −9582.43 (BG/NBD; FHL 2005
// print −9582.4), −9582.14 (MBG/NBD) and −9594.98 (Pareto/NBD; published
// −9595.0), which python3 gives as 19195.92, 19195.33 and 19221.01: the
// MBG/NBD wins. With MinHistory 0.5 the holdout decides and the Pareto/NBD
// has the lowest RMSE (1.6028 against 1.6080 and 1.6072, see
// TestEvaluateCDNOW).
func TestChooseCDNOW(t *testing.T) {
	s := cdnowSplit(t)
	full := Group(s.Calibration)
	tests := []struct {
		name, reason string
		cfg          ChooseConfig
		want         Family
		crit         Criterion
		values       []float64
	}{
		{"default", "38.86 weeks of history < 3 × 39", ChooseConfig{}, FamilyMBGNBD, ByBIC, []float64{19195.92, 19195.33, 19221.01}},
		{"holdout", "38.86 ≥ 0.5 × 39", ChooseConfig{MinHistory: 0.5}, FamilyParetoNBD, ByHoldout, []float64{1.60798, 1.60718, 1.60285}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := Choose(full, s, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if ch.Family != tc.want || ch.Criterion != tc.crit {
				t.Errorf("%s: chose %v by %v, want %v by %v", tc.reason, ch.Family, ch.Criterion, tc.want, tc.crit)
			}
			var got []float64
			for _, c := range ch.Candidates {
				v, ok := ch.Value(c)
				if !ok {
					t.Fatalf("%v left out: %v", c.Family, c.Err)
				}
				got = append(got, v)
			}
			if d := cmp.Diff(tc.values, got, cmpopts.EquateApprox(0, 0.006)); d != "" {
				t.Errorf("criterion values (-want +got):\n%s", d)
			}
			if !near(ch.History, 272.0/7, 1e-9) || ch.HoldoutLength != 39 {
				t.Errorf("history %v, holdout %v", ch.History, ch.HoldoutLength)
			}
		})
	}
}

func TestChooseErrors(t *testing.T) {
	var ce *metrics.ConfigError
	_, err := Choose([]Customer{{X: 1, Tx: 2, T: 3}}, Split{}, ChooseConfig{MinHistory: -1, Families: []Family{9}})
	if !errors.As(err, &ce) || !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("bad config: err = %v, want *metrics.ConfigError", err)
	}
	if _, err := Choose(nil, Split{}, ChooseConfig{}); !errors.Is(err, ErrNoData) {
		t.Errorf("no data: err = %v, want ErrNoData", err)
	}
	if _, err := Choose([]Customer{{X: 2, Tx: 5, T: 3}}, Split{}, ChooseConfig{}); !errors.Is(err, ErrInvalidCustomer) {
		t.Errorf("t_x > T: err = %v, want ErrInvalidCustomer", err)
	}
	// A holdout that is used must be valid.
	s := Split{Calibration: []Customer{{X: 1, Tx: 1, T: 2}}, Holdout: []float64{-1}, Length: 1}
	if _, err := Choose([]Customer{{X: 1, Tx: 5, T: 9}}, s, ChooseConfig{}); !errors.Is(err, ErrInvalidCustomer) {
		t.Errorf("negative holdout count: err = %v, want ErrInvalidCustomer", err)
	}
	if _, err := Evaluate(cdnowBGNBD, Split{Calibration: s.Calibration, Holdout: []float64{1}, Length: 1, TrackingTimes: []float64{2}, TrackingActual: []float64{0}}, 7); !errors.As(err, &ce) {
		t.Errorf("tracking time beyond the holdout: err = %v, want *metrics.ConfigError", err)
	}
	// Every candidate failing is ErrNoModel with each reason.
	_, err = Choose([]Customer{{T: 1}, {T: 1}}, Split{}, ChooseConfig{Fit: FitConfig{MaxIterations: 1}})
	if !errors.Is(err, ErrNoModel) || !errors.Is(err, ErrNotConverged) {
		t.Errorf("no repeat purchases at all: err = %v, want ErrNoModel and ErrNotConverged", err)
	}
}

// TestChooseProperties: on simulated BG/NBD customers, with or without a
// holdout, the chosen model's criterion is at most every other compared
// candidate's, and every P(alive) of the chosen model is in [0, 1].
func TestChooseProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := BGNBD{
			R:     rapid.Float64Range(0.2, 2).Draw(t, "r"),
			Alpha: rapid.Float64Range(1, 10).Draw(t, "alpha"),
			A:     rapid.Float64Range(0.3, 2).Draw(t, "a"),
			B:     rapid.Float64Range(1, 5).Draw(t, "b"),
		}
		seed := rapid.Uint64().Draw(t, "seed")
		n := rapid.IntRange(100, 300).Draw(t, "customers")
		// The same customers seen at week 39 (calibration) and week 52.
		full := bgnbdSim{m: m, span: 26, horizon: 52, days: true}.draw(n, seed)
		cal := bgnbdSim{m: m, span: 26, horizon: 39, days: true}.draw(n, seed)
		s := Split{Calibration: cal, Holdout: make([]float64, n), Length: 13}
		for i := range cal {
			s.Holdout[i] = math.Max(full[i].X-cal[i].X, 0)
		}
		// The Pareto/NBD is left out of this property: on BG/NBD data it
		// often drifts to the boundary (s, β → ∞), where a fit takes
		// seconds; TestChooseCDNOW compares all three. At most 100
		// iterations per fit; a candidate that stops is left out, which
		// the property covers too.
		cfg := ChooseConfig{
			Families:   []Family{FamilyBGNBD, FamilyMBGNBD},
			MinHistory: rapid.SampledFrom([]float64{1, 3}).Draw(t, "minHistory"),
			Fit:        FitConfig{MaxIterations: 100},
		}
		ch, err := Choose(Group(full), s, cfg)
		if err != nil {
			if errors.Is(err, ErrNoModel) {
				t.Skip("no model converged on this draw")
			}
			t.Fatal(err)
		}
		best, _ := ch.Value(Candidate{Family: ch.Family, Holdout: candidateOf(ch).Holdout, BIC: candidateOf(ch).BIC})
		for _, c := range ch.Candidates {
			if v, ok := ch.Value(c); ok && v < best {
				t.Fatalf("chose %v (%v %v) but %v has %v", ch.Family, ch.Criterion, best, c.Family, v)
			}
		}
		for _, c := range full {
			p, err := ch.Model.PAlive(c)
			if err != nil || !(p >= 0 && p <= 1) {
				t.Fatalf("P(alive) of %+v = %v, %v", c, p, err)
			}
		}
	})
}

func candidateOf(ch Choice) Candidate {
	for _, c := range ch.Candidates {
		if c.Family == ch.Family {
			return c
		}
	}
	return Candidate{}
}

// TestGrid checks the diagnostic matrix: P(alive) in [0, 1], rising with
// recency for a given frequency, the impossible cells marked, and the
// BG/NBD's x = 0 cell alive with probability 1 by construction.
func TestGrid(t *testing.T) {
	g, err := NewGrid(cdnowBGNBD, 39, 52, 10, 13)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.X) != 11 || len(g.Tx) != 14 || g.Tx[13] != 39 {
		t.Fatalf("grid %d × %d, last recency %v", len(g.X), len(g.Tx), g.Tx[len(g.Tx)-1])
	}
	if c := g.Cells[0][0]; !c.Possible || c.PAlive != 1 {
		t.Errorf("x = 0 cell %+v, want possible with P(alive) 1", c)
	}
	for i, row := range g.Cells {
		for j, c := range row {
			if (i == 0 && j > 0) == c.Possible {
				t.Errorf("cell %d,%d possible = %v", i, j, c.Possible)
			}
			if !(c.PAlive >= 0 && c.PAlive <= 1) || c.Purchases < 0 {
				t.Errorf("cell %d,%d = %+v", i, j, c)
			}
			if i > 0 && j > 0 && c.PAlive < row[j-1].PAlive {
				t.Errorf("P(alive) falls with recency at x %d, t_x %v", i, g.Tx[j])
			}
		}
	}
	var ce *metrics.ConfigError
	if _, err := NewGrid(cdnowBGNBD, 0, 52, -1, 0); !errors.As(err, &ce) || len(err.(interface{ Unwrap() []error }).Unwrap()) != 3 {
		t.Errorf("err = %v, want three *metrics.ConfigError", err)
	}
}
