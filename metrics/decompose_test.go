package metrics_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

func TestDecompose(t *testing.T) {
	tests := []struct {
		name      string
		reason    string
		prev, cur metrics.SalesFactors
		want      metrics.Decomposition
	}{
		{
			name:   "three factors",
			reason: "computed with Python's math.log: L(5940, 5000) = 940 / ln(1.188) = 5456.5121; effects L·ln 1.2 = 994.8398, L·ln 0.9 = −574.9009, L·ln 1.1 = 520.0611",
			prev:   metrics.SalesFactors{Visitors: 1000, Buyers: 50, Sales: cny("5000.00")},
			cur:    metrics.SalesFactors{Visitors: 1200, Buyers: 54, Sales: cny("5940.00")},
			want: metrics.Decomposition{Defined: true, Change: cny("940.00"),
				Visitors: cny("994.84"), Conversion: cny("-574.90"), SpendPerBuyer: cny("520.06")},
		},
		{
			name:   "no change",
			reason: "equal periods: L(a, a) = a and every log is zero",
			prev:   metrics.SalesFactors{Visitors: 10, Buyers: 2, Sales: cny("30")},
			cur:    metrics.SalesFactors{Visitors: 10, Buyers: 2, Sales: cny("30")},
			want:   metrics.Decomposition{Defined: true, Change: cny("0"), Visitors: cny("0"), Conversion: cny("0"), SpendPerBuyer: cny("0")},
		},
		{
			name:   "only visitors",
			reason: "conversion and spend per buyer unchanged: all the change is the visitors' effect",
			prev:   metrics.SalesFactors{Visitors: 100, Buyers: 10, Sales: cny("1000")},
			cur:    metrics.SalesFactors{Visitors: 200, Buyers: 20, Sales: cny("2000")},
			want:   metrics.Decomposition{Defined: true, Change: cny("1000"), Visitors: cny("1000"), Conversion: cny("0"), SpendPerBuyer: cny("0")},
		},
		{
			name:   "zero buyers",
			reason: "ln 0 is undefined: the decomposition is undefined, the change is still known",
			prev:   metrics.SalesFactors{Visitors: 100, Buyers: 0, Sales: cny("0")},
			cur:    metrics.SalesFactors{Visitors: 200, Buyers: 20, Sales: cny("2000")},
			want:   metrics.Decomposition{Change: cny("2000"), Visitors: cny("0"), Conversion: cny("0"), SpendPerBuyer: cny("0")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := metrics.Decompose(tt.prev, tt.cur)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\nDecompose (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
	if _, err := metrics.Decompose(metrics.SalesFactors{Sales: cny("1")}, metrics.SalesFactors{Sales: money.MustNew("1", "USD")}); err == nil {
		t.Error("Decompose of CNY and USD sales gave no error")
	}
}

// TestDecomposeAddsUp checks the LMDI property: the three effects add up to
// the change exactly, and each is within a cent of the float LMDI effect
// computed here independently from the factor ratios.
func TestDecomposeAddsUp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := func(label string) metrics.SalesFactors {
			v := rapid.Int64Range(1, 1_000_000).Draw(t, label+"Visitors")
			b := rapid.Int64Range(1, v).Draw(t, label+"Buyers")
			s := rapid.Int64Range(1, 1_000_000_000).Draw(t, label+"Sales")
			return metrics.SalesFactors{Visitors: v, Buyers: b, Sales: money.MustCurrency("CNY").FromMinor(s)}
		}
		p, c := f("prev"), f("cur")
		d, err := metrics.Decompose(p, c)
		if err != nil || !d.Defined {
			t.Fatalf("Decompose = %+v, %v", d, err)
		}
		var sum money.Sum
		sum.Add(d.Visitors)
		sum.Add(d.Conversion)
		sum.Add(d.SpendPerBuyer)
		want, _ := c.Sales.Sub(p.Sales)
		if got := sum.Total(money.MustCurrency("CNY")); !got.Equal(want) {
			t.Fatalf("effects add up to %v, change is %v", got, want)
		}
		s0, _ := p.Sales.Decimal().Float64()
		s1, _ := c.Sales.Decimal().Float64()
		l := s0
		if s1 != s0 {
			l = (s1 - s0) / (math.Log(s1) - math.Log(s0))
		}
		conv := func(x metrics.SalesFactors) float64 { return float64(x.Buyers) / float64(x.Visitors) }
		spb := func(x metrics.SalesFactors, s float64) float64 { return s / float64(x.Buyers) }
		ref := []float64{
			l * math.Log(float64(c.Visitors)/float64(p.Visitors)),
			l * math.Log(conv(c)/conv(p)),
			l * math.Log(spb(c, s1)/spb(p, s0)),
		}
		for i, m := range []money.Money{d.Visitors, d.Conversion, d.SpendPerBuyer} {
			g, _ := m.Decimal().Float64()
			// Rounding to cents moves an effect by at most 0.005, and the
			// remainder (at most 0.015) goes to one effect; float error in
			// the logs is far below a cent at these magnitudes.
			if math.Abs(g-ref[i]) > 0.021+1e-9*math.Abs(ref[i]) {
				t.Fatalf("effect %d = %v, LMDI reference %.6f", i, m, ref[i])
			}
		}
	})
}

func TestSummaryFactors(t *testing.T) {
	s := metrics.Summary{NetSales: cny("900.00"), Buyers: 3}
	want := metrics.SalesFactors{Visitors: 120, Buyers: 3, Sales: cny("900.00")}
	if diff := cmp.Diff(want, s.Factors(120)); diff != "" {
		t.Errorf("Factors (-want +got):\n%s", diff)
	}
}
