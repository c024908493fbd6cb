package inventory

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopspring/decimal"
)

func abcIn(kv ...any) []ABCInput {
	var in []ABCInput
	for i := 0; i < len(kv); i += 2 {
		in = append(in, ABCInput{SKU: kv[i].(string), Value: decimal.NewFromInt(int64(kv[i+1].(int)))})
	}
	return in
}

func classesOf(a ABC) map[string]string {
	m := map[string]string{}
	for _, it := range a.Items {
		m[it.SKU] = it.Class.String()
	}
	return m
}

func TestClassifyABC(t *testing.T) {
	tests := []struct {
		name, reason string
		in           []ABCInput
		cfg          ABCConfig
		want         map[string]string
		wantShares   [3]string
	}{{
		name:   "80/15/5",
		reason: "total 100 of positives: shares before each SKU 0, 50 (A: below 80), 80, 90 (B: below 95), 96 (C); zero and loss are C",
		in:     abcIn("p1", 50, "p2", 30, "p3", 10, "p4", 6, "p5", 4, "p6", 0, "p7", -5),
		want:   map[string]string{"p1": "A", "p2": "A", "p3": "B", "p4": "B", "p5": "C", "p6": "C", "p7": "C"},
		// A 80/100, B (10+6)/100, C 4/100
		wantShares: [3]string{"0.8000", "0.1600", "0.0400"},
	}, {
		name:       "one SKU crosses 80%",
		reason:     "METRICS.md: a SKU takes the band where its cumulative share starts; big starts at 0 (A) and crosses 80, small starts at 90 (B)",
		in:         abcIn("big", 90, "small", 10),
		want:       map[string]string{"big": "A", "small": "B"},
		wantShares: [3]string{"0.9000", "0.1000", "0.0000"},
	}, {
		name:       "one-SKU store",
		reason:     "METRICS.md: a one-SKU store's SKU is A (it was C: its cumulative share, 100 %, is above every bound)",
		in:         abcIn("only", 7),
		want:       map[string]string{"only": "A"},
		wantShares: [3]string{"1.0000", "0.0000", "0.0000"},
	}, {
		name:       "custom bounds",
		reason:     "A below 50, B below 90: shares before 0 (A), 50, 80 (B), 90, 96 (C)",
		in:         abcIn("p1", 50, "p2", 30, "p3", 10, "p4", 6, "p5", 4),
		cfg:        ABCConfig{A: 0.5, B: 0.9},
		want:       map[string]string{"p1": "A", "p2": "B", "p3": "B", "p4": "C", "p5": "C"},
		wantShares: [3]string{"0.5000", "0.4000", "0.1000"},
	}, {
		name:       "ties by SKU",
		reason:     "four equal values: ranked b1..b4, shares before 0, 25, 50, 75: all below 80, all A",
		in:         abcIn("b4", 5, "b2", 5, "b1", 5, "b3", 5),
		want:       map[string]string{"b1": "A", "b2": "A", "b3": "A", "b4": "A"},
		wantShares: [3]string{"1.0000", "0.0000", "0.0000"},
	}, {
		name:       "no positive value",
		reason:     "nothing sold: all C, shares undefined",
		in:         abcIn("x", 0, "y", -1),
		want:       map[string]string{"x": "C", "y": "C"},
		wantShares: [3]string{"n/a", "n/a", "n/a"},
	}, {
		name:       "empty",
		reason:     "no SKUs",
		want:       map[string]string{},
		wantShares: [3]string{"n/a", "n/a", "n/a"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := must(ClassifyABC(tt.in, tt.cfg))
			if diff := cmp.Diff(tt.want, classesOf(got)); diff != "" {
				t.Errorf("classes (-want +got), %s:\n%s", tt.reason, diff)
			}
			var shares [3]string
			for i, c := range got.Classes {
				shares[i] = rf(c.Share)
			}
			if diff := cmp.Diff(tt.wantShares, shares); diff != "" {
				t.Errorf("class shares (-want +got), %s:\n%s", tt.reason, diff)
			}
		})
	}
}

func TestReportABCMeasures(t *testing.T) {
	r, _ := Analyze(Config{}, fixture())
	// Fixture: A revenue 30.00, GP 18.00, 6 units; B revenue 39.00, GP
	// 26.00, 13 units; C and D nothing. By revenue: B starts at 0 (A), A
	// starts at 39/69 = 56.5 % (A). The same order by GP (26/44) and units
	// (13/19).
	for _, by := range []Measure{ByRevenue, ByGrossProfit, ByUnits} {
		got := classesOf(must(r.ABC(ABCConfig{By: by})))
		want := map[string]string{"A": "A", "B": "A", "C": "C", "D": "C"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("by %v (-want +got):\n%s", by, diff)
		}
	}
}

func TestXYZOf(t *testing.T) {
	tests := []struct {
		cv   metrics.Ratio
		want XYZ
	}{
		{metrics.NewRatio(0.49, 1), ClassX},
		{metrics.NewRatio(0.5, 1), ClassY}, // the bound belongs to Y (METRICS.md: X < 0.5 ≤ Y)
		{metrics.NewRatio(0.99, 1), ClassY},
		{metrics.NewRatio(1, 1), ClassZ}, // Y < 1.0 ≤ Z
		{metrics.NewRatio(3, 1), ClassZ},
		{metrics.Ratio{}, ClassNone},
	}
	for _, tt := range tests {
		if got := must(XYZOf(tt.cv, XYZConfig{})); got != tt.want {
			t.Errorf("XYZOf(%v) = %v, want %v", rf(tt.cv), got, tt.want)
		}
	}
}

// xyzReport: 1–14 Nov 2025 (two whole weeks). Weekly units: X 10, 10 (CV
// 0); Y 5, 15 (mean 10, population σ 5, CV 0.5); Z 0, 20 (σ 10, CV 1.0);
// N no sales. Revenue is units × 1.00.
func xyzReport(t *testing.T) *Report {
	p, _ := metrics.NewPeriod(nov(1), nov(15))
	var s Sales
	add := func(sku string, day int, q int64) {
		s.Add(sku, DayOf(nov(day)), q, yuan("1.00").Mul(q), yuan("0.50").Mul(q))
	}
	add("X", 1, 10)
	add("X", 8, 10)
	add("Y", 2, 5)
	add("Y", 14, 15)
	add("Z", 9, 20)
	snaps := []Snapshot{{SKU: "N", Day: nov(14), OnHand: 1, UnitCost: yuan("1")}}
	r, err := Analyze(Config{}, Input{Period: p, Sales: &s, Snapshots: seqOf(snaps)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWeeklyCVAndMatrix(t *testing.T) {
	r := xyzReport(t)
	got := map[string]string{}
	for _, m := range r.SKUs {
		got[m.SKU] = rf(m.WeeklyCV) + " " + must(XYZOf(m.WeeklyCV, XYZConfig{})).String()
	}
	want := map[string]string{"X": "0.0000 X", "Y": "0.5000 Y", "Z": "1.0000 Z", "N": "n/a -"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("weekly CV (-want +got):\n%s", diff)
	}
	// ABC by revenue, total 60: X 20 and Y 20 and Z 20 tie, ranked by SKU:
	// shares before them 0, 20/60, 40/60: all below 80 %, all A; N 0 (C).
	abc := must(r.ABC(ABCConfig{}))
	mx := must(r.Matrix(abc, XYZConfig{}))
	type cell struct {
		Row, Col string
		Count    int
		Share    string
	}
	var cells []cell
	for i, row := range mx.Cells {
		for j, c := range row {
			if c.Count > 0 {
				cells = append(cells, cell{Class(i).String(), XYZ(j).String(), c.Count, rf(c.Share)})
			}
		}
	}
	wantCells := []cell{{"A", "X", 1, "0.3333"}, {"A", "Y", 1, "0.3333"}, {"A", "Z", 1, "0.3333"}, {"C", "-", 1, "0.0000"}}
	if diff := cmp.Diff(wantCells, cells); diff != "" {
		t.Errorf("matrix (-want +got):\n%s", diff)
	}
}

func TestSlowMoving(t *testing.T) {
	r, _ := Analyze(Config{}, fixture())
	got := must(r.SlowMoving(SlowConfig{SlowDays: 5, DeadDays: 6}))
	type item struct {
		SKU, Movement, Cash, DoS string
		Since                    int
	}
	var items []item
	for _, it := range got.Items {
		items = append(items, item{it.SKU, it.Movement.String(), it.CashTiedUp.String(), rf(it.DaysOfSupply), it.DaysSinceSale})
	}
	// Fixture, last day 10 Nov: D has 3 units at 2.00 and never sold:
	// dead, 6.00. A has 4 units at 2.00, last sold 5 Nov (5 days < 6, not
	// dead), days of supply 4 / (6/10) = 6.67 > 5: slow, 8.00. B has no stock.
	want := []item{{"D", "dead", "CNY 6.00", "n/a", -1}, {"A", "slow", "CNY 8.00", "6.6667", 5}}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("SlowMoving (-want +got):\n%s", diff)
	}
	sums := []string{got.SlowCash.String(), got.DeadCash.String(), got.TotalCash.String(), got.StockValue.String()}
	if diff := cmp.Diff([]string{"CNY 8.00", "CNY 6.00", "CNY 14.00", "CNY 14.00"}, sums); diff != "" {
		t.Errorf("cash (-want +got):\n%s", diff)
	}
	// With the default rules (90 days each) A sold 5 days before the end
	// and has 18.67 days of supply: moving. D never sold: dead.
	def := must(r.SlowMoving(SlowConfig{}))
	if len(def.Items) != 1 || def.Items[0].SKU != "D" || def.Items[0].Movement != Dead {
		t.Errorf("default rules: %+v, want D dead only", def.Items)
	}
}

// TestClassConfigErrors checks that every invalid field of the ABC, XYZ
// and slow-moving configurations is a *metrics.ConfigError naming it;
// before, NaN or out-of-range values silently took the defaults.
func TestClassConfigErrors(t *testing.T) {
	nan := math.NaN()
	r, _ := Analyze(Config{}, fixture())
	in := abcIn("p1", 50, "p2", 30)
	cv := metrics.NewRatio(0.7, 1)
	tests := []struct {
		name   string
		err    error
		fields []string
	}{
		{"ABC zero", second(ClassifyABC(in, ABCConfig{})), nil},
		{"ABC A above B default", second(ClassifyABC(in, ABCConfig{A: 0.97})), nil},
		{"ABC NaN", second(ClassifyABC(in, ABCConfig{A: nan, B: nan})), []string{"ABCConfig.A", "ABCConfig.B"}},
		{"ABC A above 1", second(r.ABC(ABCConfig{A: 1.5})), []string{"ABCConfig.A"}},
		{"ABC B below A", second(r.ABC(ABCConfig{A: 0.9, B: 0.85})), []string{"ABCConfig.B"}},
		{"ABC B negative", second(r.ABC(ABCConfig{B: -0.1})), []string{"ABCConfig.B"}},
		{"ABC measure", second(r.ABC(ABCConfig{By: 9})), []string{"ABCConfig.By"}},
		{"XYZ zero", second(XYZOf(cv, XYZConfig{})), nil},
		{"XYZ NaN", second(XYZOf(cv, XYZConfig{X: nan, Y: nan})), []string{"XYZConfig.X", "XYZConfig.Y"}},
		{"XYZ Inf", second(XYZOf(cv, XYZConfig{X: math.Inf(1)})), []string{"XYZConfig.X"}},
		{"XYZ Y below X", second(XYZOf(cv, XYZConfig{X: 0.8, Y: 0.6})), []string{"XYZConfig.Y"}},
		{"XYZ negative", second(r.Matrix(ABC{}, XYZConfig{Y: -1})), []string{"XYZConfig.Y"}},
		{"slow zero", second(r.SlowMoving(SlowConfig{})), nil},
		{"slow NaN", second(r.SlowMoving(SlowConfig{SlowDays: nan})), []string{"SlowConfig.SlowDays"}},
		{"slow negative", second(r.SlowMoving(SlowConfig{SlowDays: -5, DeadDays: -1})), []string{"SlowConfig.DeadDays", "SlowConfig.SlowDays"}},
		{"dead MaxInt", second(r.SlowMoving(SlowConfig{DeadDays: math.MaxInt})), []string{"SlowConfig.DeadDays"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.fields, configFields(tt.err)); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s\nerr: %v", tt.name, diff, tt.err)
		}
		if tt.fields != nil && !errors.Is(tt.err, metrics.ErrConfig) {
			t.Errorf("%s: %v, want metrics.ErrConfig", tt.name, tt.err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// must returns v, and panics (failing the test) on err.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
