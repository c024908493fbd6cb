package metrics_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
)

func TestKPICatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range metrics.KPIs() {
		if k.Key == "" || k.Name == "" || k.NameZH == "" || seen[k.Key] {
			t.Errorf("bad or duplicate catalogue entry %+v", k)
		}
		seen[k.Key] = true
		if got, ok := metrics.LookupKPI(k.Key); !ok || got != k {
			t.Errorf("LookupKPI(%q) = %+v, %v", k.Key, got, ok)
		}
	}
	// Every key Summary.Values fills is in the catalogue.
	for k := range (metrics.Summary{}).Values() {
		if !seen[k] {
			t.Errorf("Summary.Values key %q is not in the catalogue", k)
		}
	}
	for _, k := range []string{"cac", "return_rate", "discounts"} {
		if kpi, _ := metrics.LookupKPI(k); kpi.Direction != metrics.LowerIsBetter {
			t.Errorf("%s is not lower-is-better", k)
		}
	}
}

func TestCompare(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	cur := metrics.Summary{Period: nov, Currency: metrics.MustCurrency("CNY"), NetSales: cny("1200.00"), Orders: 12,
		ReturnRate: metrics.NewRatio(30, 1000)}
	prev := metrics.Summary{Period: nov.Previous(), Currency: metrics.MustCurrency("CNY"), NetSales: cny("1000.00"), Orders: 10,
		ReturnRate: metrics.NewRatio(20, 1000)}
	targets := []metrics.Target{
		{Metric: metrics.KeyNetSales, Period: nov, Amount: cny("1500.00")},
		{Metric: metrics.KeyReturnRate, Value: 0.025},                  // zero period: any period
		{Metric: metrics.KeyOrders, Period: nov.Previous(), Value: 99}, // another period: ignored
		{Metric: metrics.KeyCAC, Period: nov, Amount: cny("50.00")},    // no data: a row with the target only
	}
	rows, err := metrics.Compare(cur, prev, targets)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]metrics.Comparison{}
	for _, r := range rows {
		byKey[r.KPI.Key] = r
	}
	type row struct {
		Diff       metrics.Value
		Change     metrics.Ratio
		Attainment metrics.Ratio
		Improved   [2]bool
		OnTarget   [2]bool
	}
	get := func(k string) row {
		c := byKey[k]
		i, ik := c.Improved()
		o, ok := c.OnTarget()
		return row{c.Diff, c.Change, c.Attainment, [2]bool{i, ik}, [2]bool{o, ok}}
	}
	rr := []float64{0.03, 0.02} // the return rates as float64, subtracted at run time like Compare does
	cmpValue := cmp.Comparer(func(a, b metrics.Value) bool { return a.Equal(b) })
	tests := []struct {
		key, reason string
		want        row
	}{
		{metrics.KeyNetSales, "1200 vs 1000: +200, +20 %; 1200 / 1500 = 80 % of target, missed",
			row{metrics.MoneyValue(cny("200.00")), metrics.NewRatio(200, 1000), metrics.NewRatio(1200, 1500), [2]bool{true, true}, [2]bool{false, true}}},
		{metrics.KeyOrders, "12 vs 10; the target is for October, not November",
			row{metrics.CountValue(2), metrics.NewRatio(2, 10), metrics.Ratio{}, [2]bool{true, true}, [2]bool{false, false}}},
		{metrics.KeyReturnRate, "3 % vs 2 %: worse (lower is better); 0.03 / 0.025 = 120 %, missed",
			row{metrics.NumberValue(rr[0] - rr[1]), metrics.Change(0.03, 0.02), metrics.Attainment(0.03, 0.025), [2]bool{false, true}, [2]bool{false, true}}},
		{metrics.KeyAOV, "100.00 vs 100.00: no change, neither better nor worse",
			row{metrics.MoneyValue(cny("0.00")), metrics.NewRatio(0, 100), metrics.Ratio{}, [2]bool{false, false}, [2]bool{false, false}}},
		{metrics.KeyCAC, "a target without data: nothing to compare",
			row{metrics.Value{}, metrics.Ratio{}, metrics.Ratio{}, [2]bool{false, false}, [2]bool{false, false}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, get(tt.key), cmpValue); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.key, tt.reason, diff)
		}
	}
	if want := len(cur.Values()) + 1; len(rows) != want {
		t.Errorf("%d rows; want %d (every summary KPI and the CAC target)", len(rows), want)
	}

	_, err = metrics.Compare(cur, prev, []metrics.Target{{Metric: "gmv"}, {Metric: "orders", Value: 1}, {Metric: "orders", Value: 2}})
	var ke *metrics.KPIError
	if !errors.As(err, &ke) || !errors.Is(err, metrics.ErrKPI) {
		t.Errorf("Compare with an unknown key and a duplicate target: error %v; want *KPIError", err)
	}
}

func TestValue(t *testing.T) {
	tests := []struct {
		v    metrics.Value
		want string
		def  bool
	}{
		{metrics.MoneyValue(cny("1.50")), "CNY 1.50", true},
		{metrics.NumberValue(0.25), "0.25", true},
		{metrics.RatioValue(metrics.CountRatio(1, 0)), "n/a", false},
		{metrics.NumberValue(math.Inf(1)), "n/a", false},
		{metrics.Value{}, "n/a", false},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want || tt.v.Defined() != tt.def {
			t.Errorf("%#v: String %q Defined %v; want %q %v", tt.v, got, tt.v.Defined(), tt.want, tt.def)
		}
	}
}
