package cohort

import (
	"bufio"
	"encoding/csv"
	"math"
	"math/big"
	"os"
	"pgregory.net/rapid"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// cdnowLedger reads testdata/CDNOW_sample.txt (master id, sample id,
// yyyymmdd, CDs, dollars; whitespace separated, CRLF) into a ledger: one
// order of one line per row, customer = sample id.
func cdnowLedger(t *testing.T) (*Ledger, int) {
	t.Helper()
	f, err := os.Open("testdata/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	usd := money.MustCurrency("USD")
	var l Ledger
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 {
			continue
		}
		n++
		if len(fs) != 5 {
			t.Fatalf("line %d: %d fields, want 5", n, len(fs))
		}
		day, err := time.Parse("20060102", fs[2])
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		price, err := usd.Parse(fs[4])
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		id, err := strconv.Atoi(fs[1]) // "0001" is customer 1 of the summary files
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		o := metrics.Order{ID: strconv.Itoa(n), CustomerID: strconv.Itoa(id), PlacedAt: day, Status: metrics.Paid, Currency: usd,
			Lines: []metrics.Line{{SKU: "cd", Quantity: 1, UnitPrice: price}}}
		if err := l.Add(o); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return &l, n
}

func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:] // without the header
}

// g15 formats v as R's write.csv does: 15 significant digits, trailing
// zeros dropped.
func g15(v float64) string { return strconv.FormatFloat(v, 'g', 15, 64) }

// TestSummaryCDNOW reproduces BTYD's cdnowSummary$cbs from the raw CDNOW
// sample log, to every digit R printed (15 significant): x, t_x, T_cal,
// x_star and m_x of all 2,357 customers, with the calibration ending on
// 1997-09-30 and the holdout on 1998-06-30 (Fader, Hardie & Lee 2005).
func TestSummaryCDNOW(t *testing.T) {
	l, n := cdnowLedger(t)
	if n != 6919 || l.Customers() != 2357 {
		t.Fatalf("read %d rows of %d customers; the dataset README counts 6,919 rows of 2,357", n, l.Customers())
	}
	s := l.mustSummary(SummaryConfig{
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
	})
	if s.Later != 0 || len(s.Rows) != 2357 {
		t.Fatalf("%d rows, %d later; want all 2,357 customers acquired in Q1 1997", len(s.Rows), s.Later)
	}
	if got, want := s.HoldoutLength, 273.0/7; got != want {
		t.Errorf("holdout length = %v weeks, want %v (1997-10-01..1998-06-30, 39 weeks)", got, want)
	}
	byID := map[string]SummaryRow{}
	for _, r := range s.Rows {
		byID[r.ID] = r
	}
	want := readCSV(t, "testdata/btyd_cdnowSummary_cbs.csv") // cust,x,t_x,T_cal,x_star,m_x
	var got [][]string
	var xstar float64
	for _, w := range want {
		r := byID[w[0]]
		xstar += r.XHoldout
		got = append(got, []string{w[0], g15(r.X), g15(r.Tx), g15(r.T), g15(r.XHoldout), g15(r.Monetary)})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary differs from BTYD cdnowSummary$cbs (-want +got):\n%s", diff)
	}
	// The dataset README: the holdout repeat transactions total 1,882.
	if xstar != 1882 {
		t.Errorf("Σ x_star = %v, want 1882", xstar)
	}
	// The holdout's 39 weeks by week: they hold the same 1,882.
	var byWeek int64
	for _, n := range s.HoldoutByUnit {
		byWeek += n
	}
	if len(s.HoldoutByUnit) != 39 || byWeek != 1882 {
		t.Errorf("HoldoutByUnit has %d weeks totalling %d, want 39 totalling 1882", len(s.HoldoutByUnit), byWeek)
	}
}

// TestPropHoldoutByUnit checks Summary.HoldoutByUnit against Summaries
// whose holdouts end at each unit's end: the running sum of the first k
// units is their Σ XHoldout, and past the last unit the sums stay.
func TestPropHoldoutByUnit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := build(t, genOrders(t))
		start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		cal := start.AddDate(0, 0, rapid.IntRange(-3, 160).Draw(t, "calibration day"))
		unit := rapid.IntRange(1, 40).Draw(t, "unit days")
		units := rapid.IntRange(0, 12).Draw(t, "units")
		s := l.mustSummary(SummaryConfig{CalibrationEnd: cal, HoldoutEnd: cal.AddDate(0, 0, units*unit), UnitDays: unit})
		if len(s.HoldoutByUnit) > units {
			t.Fatalf("%d units, want at most %d", len(s.HoldoutByUnit), units)
		}
		var run int64
		for k := range units {
			if k < len(s.HoldoutByUnit) {
				run += s.HoldoutByUnit[k]
			}
			sk := l.mustSummary(SummaryConfig{CalibrationEnd: cal, HoldoutEnd: cal.AddDate(0, 0, (k+1)*unit), UnitDays: unit})
			var want float64
			for _, r := range sk.Rows {
				want += r.XHoldout
			}
			if float64(run) != want {
				t.Fatalf("units 1..%d hold %d transactions, want Σ XHoldout %v", k+1, run, want)
			}
		}
	})
}

// TestSummaryCDNOWRounded checks the summary against Hardie's file of
// the same statistics rounded to 2 decimals (x, t_x, T, zbar), the input
// lifetimes' tests fit.
func TestSummaryCDNOWRounded(t *testing.T) {
	l, _ := cdnowLedger(t)
	s := l.mustSummary(SummaryConfig{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)})
	byID := map[string]SummaryRow{}
	for _, r := range s.Rows {
		byID[r.ID] = r
	}
	rows := readCSV(t, "testdata/cdnow_customers_summary_with_transactions.csv") // ID,x,t_x,T,zbar
	if len(rows) != 2357 {
		t.Fatalf("%d rows, want 2357", len(rows))
	}
	for _, w := range rows {
		r := byID[w[0]]
		for i, v := range []float64{r.X, r.Tx, r.T, r.Monetary} {
			f, err := strconv.ParseFloat(w[i+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			// 2-decimal rounding moves a value by at most 0.005.
			if math.Abs(f-v) > 0.005+1e-9 {
				t.Errorf("customer %s column %d: got %v, file has %s", w[0], i+1, v, w[i+1])
			}
		}
	}
}

func TestMeanOf(t *testing.T) {
	usd := money.MustCurrency("USD")
	huge := money.Total{Units: 1 << 60} // beyond 2^53: the exact path
	third := new(big.Rat).SetFrac64(1<<60, 300)
	wantHuge, _ := third.Float64()
	tests := []struct {
		name string
		a    money.Total
		n    int64
		want float64
	}{
		{"fast path: 44.69 / 2", money.Total{Units: 4469}, 2, 22.345},
		{"fast path: 1.00 / 3", money.Total{Units: 100}, 3, 1.0 / 3},
		{"exact path beyond 2^53 minor units", huge, 3, wantHuge},
	}
	for _, tt := range tests {
		if got := meanOf(tt.a, tt.n, usd); got != tt.want {
			t.Errorf("%s: meanOf = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestHoldoutByUnitEdges: no units for an empty ledger or when no
// customer is acquired by the end of calibration (however far back it
// is: the units are bounded by the data), and one unit for a unit of
// math.MaxInt days.
func TestHoldoutByUnitEdges(t *testing.T) {
	var empty Ledger
	s := empty.mustSummary(SummaryConfig{CalibrationEnd: time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC), HoldoutEnd: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)})
	if s.HoldoutByUnit != nil {
		t.Errorf("empty ledger: %d units, want none", len(s.HoldoutByUnit))
	}
	l := ledgerOf(t, []metrics.Order{order("o1", "c1", "2025-03-04", 100, ""), order("o2", "c1", "2025-03-20", 100, "")})
	s = l.mustSummary(SummaryConfig{CalibrationEnd: time.Date(-1000000, 1, 1, 0, 0, 0, 0, time.UTC), HoldoutEnd: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), UnitDays: 1})
	if s.HoldoutByUnit != nil || len(s.Rows) != 0 || s.Later != 1 {
		t.Errorf("calibration a million years back: %d units, %d rows, %d later; want none, none, 1", len(s.HoldoutByUnit), len(s.Rows), s.Later)
	}
	s = l.mustSummary(SummaryConfig{CalibrationEnd: time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), HoldoutEnd: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), UnitDays: math.MaxInt})
	if len(s.HoldoutByUnit) != 1 || s.HoldoutByUnit[0] != 1 {
		t.Errorf("a unit of MaxInt days: %v, want one unit holding the one transaction", s.HoldoutByUnit)
	}
}
