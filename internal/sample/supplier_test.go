package sample

import (
	"math"
	"testing"

	"github.com/shopmetrics/shopmetrics/inventory/supplier"
)

// TestSupplierTruth recovers the suppliers' lead-time distributions,
// on-time rates and fill from the demo's receipts with package
// inventory/supplier. Tolerances are 4 standard errors (see the top of
// truth_test.go): the mean lead time σ/√n; its standard deviation
// σ·√((κ − 1)/(4n)) with κ the kurtosis of the discrete uniform
// (3 − 6(m² + 1)/(5(m² − 1)) over m days); the on-time rate binomial; the
// units ordered, whose only randomness is which lines were short, within
// 4 × √(s(1 − s) Σ shortfallᵢ²) of their expectation given the units
// received.
func TestSupplierTruth(t *testing.T) {
	s := Generate(Config{})
	var l supplier.Ledger
	recv := map[string][]int64{} // units received per receipt, by supplier
	for _, r := range s.Receipts {
		if err := l.Add(r); err != nil {
			t.Fatal(err)
		}
		recv[r.Supplier] = append(recv[r.Supplier], r.Quantity)
	}
	for _, sn := range s.Snapshots {
		l.AddSnapshot(sn)
	}
	if l.Unnamed() != 0 {
		t.Errorf("%d receipts without a supplier", l.Unnamed())
	}
	rows := map[string]supplier.Supplier{}
	for _, x := range l.Suppliers() {
		rows[x.Name] = x
	}
	truth := s.Truth.Suppliers
	if len(rows) != len(truth) {
		t.Fatalf("%d suppliers in the receipts, want %d", len(rows), len(truth))
	}
	for i, st := range truth {
		row, ok := rows[st.Name]
		if !ok {
			t.Errorf("%s: no receipts", st.Name)
			continue
		}
		n := float64(row.LeadTime.Receipts)
		if row.LeadTime.Receipts < 100 {
			t.Errorf("%s: only %d receipts", st.Name, row.LeadTime.Receipts)
		}
		sigma := st.SDLead()
		mean, _ := row.LeadTime.Mean.Float()
		if se := sigma / math.Sqrt(n); math.Abs(mean-st.MeanLead()) > 4*se {
			t.Errorf("%s: mean lead time %.3f, want %.3f ± %.3f", st.Name, mean, st.MeanLead(), 4*se)
		}
		m := float64(st.LeadMax - st.LeadMin + 1)
		kurt := 3 - 6*(m*m+1)/(5*(m*m-1))
		sd, _ := row.LeadTime.StdDev.Float()
		if se := sigma * math.Sqrt((kurt-1)/(4*n)); math.Abs(sd-sigma) > 4*se {
			t.Errorf("%s: lead time sd %.3f, want %.3f ± %.3f", st.Name, sd, sigma, 4*se)
		}
		binomialOK(t, st.Name+" on time", int(row.OnTime.Num()), int(row.OnTime.Den()), st.OnTime(), 4)
		// Units ordered: Σ received + Σ short lines' shortfall.
		var exp, v, got float64
		for _, q := range recv[st.Name] {
			x := math.Ceil(float64(q)/st.ShortFill) - float64(q)
			exp += float64(q) + st.ShortShare*x
			v += st.ShortShare * (1 - st.ShortShare) * x * x
		}
		got = row.EventualFill.Den()
		if math.Abs(got-exp) > 4*math.Sqrt(v)+1e-9 {
			t.Errorf("%s: %.0f units ordered, want %.0f ± %.0f", st.Name, got, exp, 4*math.Sqrt(v))
		}
		if i == slowSupplier {
			if row.LateStockouts == 0 {
				t.Errorf("%s: no stock-out attributed to the slow supplier", st.Name)
			}
			for _, o := range rows {
				if o.Name != st.Name && o.LateStockouts >= row.LateStockouts {
					t.Errorf("%s has %d stock-outs attributed, not fewer than the slow %s's %d", o.Name, o.LateStockouts, st.Name, row.LateStockouts)
				}
			}
		}
		t.Logf("%s: %d receipts, lead %.2f (truth %.2f) sd %.2f (%.2f), on time %s (%.3f), fill %s, eventual %s, stock-out days %d, attributed %d",
			st.Name, row.LeadTime.Receipts, mean, st.MeanLead(), sd, sigma, row.OnTime.Percent(1), st.OnTime(), row.FillRate.Percent(1), row.EventualFill.Percent(1), row.StockoutDays, row.LateStockouts)
	}
}
