package clv

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExportRoundTrip writes CDNOW's first customers' values as CSV and
// JSON and reads both back: every number survives exactly, and an
// undefined interval leaves its bounds empty.
func TestExportRoundTrip(t *testing.T) {
	cs, bg, gg, u := cdnowFits(t)
	values, _, err := Intervals(bg, gg, u, cs[:50], cdnowYear)
	if err != nil {
		t.Fatal(err)
	}
	values = append(values, CustomerValue{ID: "no interval", X: 1, Tx: 1, T: 2, CLV: Interval{Value: 3}})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, values); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(csvHeader, rows[0]); d != "" || len(rows) != len(values)+1 {
		t.Fatalf("header (-want +got):\n%s; %d rows", d, len(rows))
	}
	for i, v := range values {
		r := rows[i+1]
		num := func(s string) float64 {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("row %d: %v", i, err)
			}
			return f
		}
		got := CustomerValue{ID: r[0], X: num(r[1]), Tx: num(r[2]), T: num(r[3]), PAlive: num(r[4]), Purchases: num(r[5]), Spend: num(r[6]),
			CLV: Interval{Value: num(r[7]), StdErr: v.CLV.StdErr, Defined: r[8] != ""}}
		if got.CLV.Defined {
			got.CLV.Low, got.CLV.High = num(r[8]), num(r[9])
		}
		if d := cmp.Diff(v, got); d != "" {
			t.Errorf("row %d (-want +got):\n%s", i, d)
		}
	}
	js, err := json.Marshal(values)
	if err != nil {
		t.Fatal(err)
	}
	var back []CustomerValue
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(values, back); d != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", d)
	}
}
