package inventory

import (
	"errors"
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func TestSafetyStockVaryingTextbook(t *testing.T) {
	// [CM], safety inventory with uncertain lead time (the Dell example):
	// daily demand D = 2,500, σ_D = 500, lead time L = 7 days with
	// s_L = 7 days, CSL = 0.90. σ over the lead time =
	// √(7 × 500² + 2,500² × 7²) = 17,550; ss = NORMSINV(0.90) × 17,550 =
	// 22,491 (the book). With s_L = 0 the same numbers give
	// 1.2816 × 500 × √7 = 1,695.
	ss, err := SafetyStockVarying(0.90, 2500, 500, 7, 7)
	if err != nil || !near(ss, 22491, 1) {
		t.Errorf("SafetyStockVarying(0.90, 2500, 500, 7, 7) = %v, %v; want 22,491 ([CM])", ss, err)
	}
	ss0, err := SafetyStockVarying(0.90, 2500, 500, 7, 0)
	plain, _ := SafetyStock(0.90, 500, 7)
	if err != nil || ss0 != plain || !near(ss0, 1695, 1) {
		t.Errorf("SafetyStockVarying(σL = 0) = %v, %v; want SafetyStock's %v ≈ 1,695", ss0, err, plain)
	}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"negative mean", func() error { _, err := SafetyStockVarying(0.9, -1, 1, 1, 1); return err }()},
		{"NaN σL", func() error { _, err := SafetyStockVarying(0.9, 1, 1, 1, math.NaN()); return err }()},
		{"infinite σL", func() error { _, err := SafetyStockVarying(0.9, 1, 1, 1, math.Inf(1)); return err }()},
		{"service level 1", func() error { _, err := SafetyStockVarying(1, 1, 1, 1, 1); return err }()},
		{"overflow", func() error { _, err := SafetyStockVarying(0.9, 1e200, 1, 1, 1e200); return err }()},
	} {
		if !errors.Is(tc.err, metrics.ErrConfig) {
			t.Errorf("%s: err = %v, want a metrics.ErrConfig", tc.name, tc.err)
		}
	}
}

// TestSafetyStockMonotoneInLeadTimeSD checks that more lead-time
// variability never lowers the safety stock (for a service level of at
// least 0.5, where z ≥ 0).
func TestSafetyStockMonotoneInLeadTimeSD(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sl := rapid.Float64Range(0.5, 0.999).Draw(t, "serviceLevel")
		d := rapid.Float64Range(0, 1000).Draw(t, "mean")
		sd := rapid.Float64Range(0, 500).Draw(t, "sigma")
		l := rapid.Float64Range(0, 60).Draw(t, "leadTime")
		s1 := rapid.Float64Range(0, 30).Draw(t, "sigmaLead")
		s2 := s1 + rapid.Float64Range(0, 30).Draw(t, "more")
		a, err1 := SafetyStockVarying(sl, d, sd, l, s1)
		b, err2 := SafetyStockVarying(sl, d, sd, l, s2)
		if err1 != nil || err2 != nil {
			t.Fatalf("errors %v, %v", err1, err2)
		}
		if b < a-1e-9*math.Max(1, a) {
			t.Fatalf("σL %v → %v lowered the safety stock from %v to %v", s1, s2, a, b)
		}
	})
}

// TestReorderListMeasuredLeadTime checks that a measured lead time
// replaces the catalogue's and that its variability raises the reorder
// point by the formula, and that the line says which lead time it used.
func TestReorderListMeasuredLeadTime(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	var sales Sales
	var snaps []Snapshot
	for d := 1; d <= 28; d++ {
		units := int64(4 + d%3) // 5, 6, 4, ...: a demand with some variance
		sales.Add("A", DayOf(day(d)), units, usd("10"), usd("4"))
		sales.Add("B", DayOf(day(d)), units, usd("10"), usd("4"))
	}
	for _, sku := range []string{"A", "B"} {
		for d := 1; d <= 28; d++ {
			snaps = append(snaps, Snapshot{SKU: sku, Day: day(d), OnHand: 3, UnitCost: usd("4")})
		}
	}
	p := metrics.Period{Start: day(1), End: day(29)}
	rep, err := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(snaps), Sales: &sales,
		Items: []Item{{SKU: "A", LeadTimeDays: 5}, {SKU: "B"}}})
	if err != nil {
		t.Fatal(err)
	}
	lines, err := rep.ReorderList(ReorderConfig{LeadTimes: map[string]LeadTime{"A": {MeanDays: 9, StdDevDays: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Reorder{}
	for _, l := range lines {
		got[l.SKU] = l
	}
	a, b := got["A"], got["B"]
	if a.LeadTime != LeadTimeMeasured || a.LeadTimeDays != 9 || a.LeadTimeStdDevDays != 3 {
		t.Errorf("A: lead time %v %v±%v, want measured 9±3", a.LeadTime, a.LeadTimeDays, a.LeadTimeStdDevDays)
	}
	want, _ := SafetyStockVarying(0.95, a.MeanDaily, a.StdDevDaily, 9, 3)
	if !near(a.SafetyStock, want, 1e-9) || !near(a.ReorderPoint, a.MeanDaily*9+want, 1e-9) {
		t.Errorf("A: safety stock %v, reorder point %v; want %v, %v", a.SafetyStock, a.ReorderPoint, want, a.MeanDaily*9+want)
	}
	if b.LeadTime != LeadTimeDefault || b.LeadTimeDays != 7 || b.LeadTimeStdDevDays != 0 {
		t.Errorf("B: lead time %v %v±%v, want the default 7±0", b.LeadTime, b.LeadTimeDays, b.LeadTimeStdDevDays)
	}
	lines, _ = rep.ReorderList(ReorderConfig{})
	for _, l := range lines {
		if l.SKU == "A" && (l.LeadTime != LeadTimeCatalogue || l.LeadTimeDays != 5) {
			t.Errorf("A without a measured lead time: %v %v, want the catalogue's 5", l.LeadTime, l.LeadTimeDays)
		}
	}
	if err := (ReorderConfig{LeadTimes: map[string]LeadTime{"A": {MeanDays: 0, StdDevDays: -1}}}).Validate(); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("Validate of a bad measured lead time = %v, want a metrics.ErrConfig", err)
	}
}
