package clv

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"
)

// readCSV returns the rows of a testdata CSV file without its header.
func readCSV(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// cdnowCBS returns the 2,357 CDNOW calibration summaries at full precision
// (weeks) with mean repeat spend, and each customer's holdout repeat count.
func cdnowCBS(t testing.TB) ([]Customer, []float64) {
	rows := readCSV(t, "btyd_cdnowSummary_cbs.csv")
	cs := make([]Customer, len(rows))
	xstar := make([]float64, len(rows))
	for i, r := range rows {
		cs[i] = Customer{ID: r[0], X: atof(t, r[1]), Tx: atof(t, r[2]), T: atof(t, r[3]), Monetary: atof(t, r[5])}
		xstar[i] = atof(t, r[4])
	}
	return cs, xstar
}

// cdnowRounded returns lifetimes' 2-d.p. CDNOW summary.
func cdnowRounded(t testing.TB) []Customer {
	rows := readCSV(t, "cdnow_customers_summary.csv")
	cs := make([]Customer, len(rows))
	for i, r := range rows {
		cs[i] = Customer{ID: r[0], X: atof(t, r[1]), Tx: atof(t, r[2]), T: atof(t, r[3])}
	}
	return cs
}

// donations returns the 22 cells of the donations recency/frequency matrix
// (lifetimes' donations.csv): x, t_x, n = 6, weight = donors in the cell.
func donations(t testing.TB) []Customer {
	rows := readCSV(t, "donations.csv")
	cs := make([]Customer, len(rows))
	for i, r := range rows {
		cs[i] = Customer{X: atof(t, r[0]), Tx: atof(t, r[1]), T: atof(t, r[2]), Weight: atof(t, r[3])}
	}
	return cs
}
