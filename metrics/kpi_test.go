package metrics_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestKPICatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range metrics.KPIs() {
		if k.Key == "" || seen[k.Key] {
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
	cur := metrics.Summary{Period: nov, Currency: money.MustCurrency("CNY"), NetSales: cny("1200.00"), Orders: 12,
		ReturnRate: metrics.NewRatio(30, 1000)}
	prev := metrics.Summary{Period: nov.Previous(), Currency: money.MustCurrency("CNY"), NetSales: cny("1000.00"), Orders: 10,
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
	rr := []float64{0.03, 0.02, 0.025} // the return rates and target as float64, subtracted at run time like Compare does
	cmpValue := cmp.Comparer(func(a, b metrics.Value) bool { return a.Equal(b) })
	tests := []struct {
		key, reason string
		want        row
	}{
		{metrics.KeyNetSales, "1200 vs 1000: +200, +20 %; 1200 / 1500 = 80 % of target, missed",
			row{metrics.MoneyValue(cny("200.00")), metrics.NewRatio(200, 1000), metrics.NewRatio(1200, 1500), [2]bool{true, true}, [2]bool{false, true}}},
		{metrics.KeyOrders, "12 vs 10; the target is for October, not November",
			row{metrics.CountValue(2), metrics.NewRatio(2, 10), metrics.Ratio{}, [2]bool{true, true}, [2]bool{false, false}}},
		{metrics.KeyReturnRate, "3 % vs 2 %: a rate, so +1 pp (not +50 %), worse (lower is better); 3 % − 2.5 % = +0.5 pp over a lower-is-better target, missed",
			row{metrics.NumberValue(rr[0] - rr[1]), metrics.NewRatio(rr[0]-rr[1], 1), metrics.NewRatio(rr[0]-rr[2], 1), [2]bool{false, true}, [2]bool{false, true}}},
		{metrics.KeyAOV, "100.00 vs 100.00: no change, neither better nor worse",
			row{metrics.MoneyValue(cny("0.00")), metrics.NewRatio(0, 100), metrics.Ratio{}, [2]bool{false, false}, [2]bool{false, false}}},
		{metrics.KeyCAC, "a target without data: nothing to compare",
			row{metrics.Undefined(metrics.UnitMoney), metrics.Ratio{}, metrics.Ratio{}, [2]bool{false, false}, [2]bool{false, false}}},
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

func TestCompareRollsUpTargets(t *testing.T) {
	// A Q4 review with monthly targets: additive KPIs take the sum of
	// their months when the months cover the quarter, one after another.
	q4 := metrics.Period{Start: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	oct := metrics.MonthOf(2025, time.October, time.UTC)
	nov, dec := metrics.MonthOf(2025, time.November, time.UTC), metrics.MonthOf(2025, time.December, time.UTC)
	month := func(key string, p metrics.Period, amount string, v float64) metrics.Target {
		t := metrics.Target{Metric: key, Period: p, Value: v}
		if amount != "" {
			t.Amount = cny(amount)
		}
		return t
	}
	cur := metrics.Values{metrics.KeyNetSales: metrics.MoneyValue(cny("3300.00")), metrics.KeyOrders: metrics.CountValue(40)}
	tests := []struct {
		name, reason string
		targets      []metrics.Target
		want         map[string]metrics.Value // the targets of the comparison rows
		err          string                   // a part of the error, if one is expected
	}{{
		name:   "three months",
		reason: "1000 + 1100 + 1200 and 10 + 12 + 14; given out of order",
		targets: []metrics.Target{month("net_sales", dec, "1200.00", 0), month("net_sales", oct, "1000.00", 0), month("net_sales", nov, "1100.00", 0),
			month("orders", oct, "", 10), month("orders", nov, "", 12), month("orders", dec, "", 14)},
		want: map[string]metrics.Value{"net_sales": metrics.MoneyValue(cny("3300.00")), "orders": metrics.CountValue(36)},
	}, {
		name:    "a month missing",
		reason:  "October and December do not cover the quarter: no target",
		targets: []metrics.Target{month("net_sales", oct, "1000.00", 0), month("net_sales", dec, "1200.00", 0)},
		want:    map[string]metrics.Value{},
	}, {
		name:    "a quarter target wins",
		reason:  "the target for the quarter itself is used, not the months' sum",
		targets: []metrics.Target{month("net_sales", q4, "5000.00", 0), month("net_sales", oct, "1000.00", 0), month("net_sales", nov, "1100.00", 0), month("net_sales", dec, "1200.00", 0)},
		want:    map[string]metrics.Value{"net_sales": metrics.MoneyValue(cny("5000.00"))},
	}, {
		name:    "not additive",
		reason:  "AOV targets are averages: months do not add up to a quarter",
		targets: []metrics.Target{month("aov", oct, "80.00", 0), month("aov", nov, "80.00", 0), month("aov", dec, "80.00", 0)},
		want:    map[string]metrics.Value{},
	}, {
		name:   "empty and half-set periods",
		reason: "a target for the empty period Dec 1..Dec 1, one at the quarter's end and one without an end are no parts of the quarter",
		targets: []metrics.Target{month("orders", oct, "", 10), month("orders", nov, "", 12),
			month("orders", metrics.Period{Start: dec.Start, End: dec.Start}, "", 1000), month("orders", dec, "", 14),
			month("orders", metrics.Period{Start: q4.End, End: q4.End}, "", 1000), month("orders", metrics.Period{Start: dec.Start}, "", 1000)},
		want: map[string]metrics.Value{"orders": metrics.CountValue(36)},
	}, {
		name:    "two targets for a month",
		reason:  "November twice",
		targets: []metrics.Target{month("orders", oct, "", 10), month("orders", nov, "", 12), month("orders", nov, "", 13), month("orders", dec, "", 14)},
		err:     "two targets for 2025-11",
	}, {
		name:    "overlap after a gap",
		reason:  "no November, and a target for all of Q4 overlaps December's: still an error",
		targets: []metrics.Target{month("orders", oct, "", 10), month("orders", dec, "", 14), month("orders", metrics.Period{Start: dec.Start.AddDate(0, 0, 14), End: q4.End}, "", 7)},
		err:     "overlap",
	}, {
		name:    "overlap beside a quarter target",
		reason:  "the quarter's own target wins, but its months still may not overlap",
		targets: []metrics.Target{month("orders", q4, "", 50), month("orders", oct, "", 10), month("orders", oct, "", 11)},
		err:     "two targets for 2025-10",
	}, {
		name:   "another currency",
		reason: "a monthly target in USD cannot be added to CNY ones, even with a month missing",
		targets: []metrics.Target{month("net_sales", oct, "1000.00", 0),
			{Metric: "net_sales", Period: dec, Amount: money.MustNew("100.00", "USD")}},
		err: "target for 2025-12 in USD, the others in CNY",
	}, {
		name:    "no amount",
		reason:  "a money target without an amount is a mistake, not a target of zero",
		targets: []metrics.Target{month("net_sales", oct, "1000.00", 0), {Metric: "net_sales", Period: nov, Value: 1100}, month("net_sales", dec, "1200.00", 0)},
		err:     "target for 2025-11 has no amount",
	}}
	for _, tt := range tests {
		rows, err := metrics.CompareValues(q4, cur, nil, tt.targets)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, metrics.ErrKPI) {
				t.Errorf("%s: %s: error %v, want a *KPIError mentioning %q", tt.name, tt.reason, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := map[string]metrics.Value{}
		for _, r := range rows {
			if r.Target.Defined() {
				got[r.KPI.Key] = r.Target
			}
		}
		if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b metrics.Value) bool { return a.Equal(b) })); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
}

func TestAdditive(t *testing.T) {
	// The additive KPIs are the totals and the counts that add up over
	// parts of a period; distinct counts and quotients are not.
	var got []string
	for _, k := range metrics.KPIs() {
		if k.Additive() {
			got = append(got, k.Key)
		}
	}
	want := []string{"gross_sales", "discounts", "returns", "net_sales", "total_sales", "cogs", "gross_profit",
		"orders", "units", "new_customers", "marketing_spend"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("additive KPIs (-want +got):\n%s", diff)
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
		{metrics.CountValue(1200), "1200", true},
		{metrics.RatioValue(metrics.CountRatio(1, 8)), "0.125", true},
		{metrics.DurationValue(90 * time.Second), "1m30s", true},
		{metrics.Undefined(metrics.UnitCount), "n/a", false},
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

func TestKPICompareUnits(t *testing.T) {
	// A KPI reads its values in its unit: a count target held as a number
	// compares, an amount for a count KPI is an error, not a silent zero.
	orders, _ := metrics.LookupKPI(metrics.KeyOrders)
	c, err := orders.Compare(metrics.CountValue(12), metrics.CountValue(10), metrics.NumberValue(15))
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := c.Attainment.Value(); !ok || v != 0.8 || c.Target.Unit() != metrics.UnitCount {
		t.Errorf("attainment of 12 against 15 orders = %v (target %v in %v); want 0.8 in count", c.Attainment, c.Target, c.Target.Unit())
	}
	if _, err := orders.Compare(metrics.MoneyValue(cny("1.00")), metrics.Value{}, metrics.Value{}); !errors.Is(err, metrics.ErrKPI) {
		t.Errorf("an amount for orders: error %v, want ErrKPI", err)
	}
	ltvCAC, _ := metrics.LookupKPI(metrics.KeyLTVToCAC)
	c, err = ltvCAC.Compare(metrics.RatioValue(metrics.NewRatio(240, 80)), metrics.Value{}, metrics.Value{})
	if err != nil || c.Current.Unit() != metrics.UnitMultiple || c.Previous.Unit() != metrics.UnitMultiple {
		t.Errorf("LTV/CAC read as %v and %v, %v; want multiples", c.Current.Unit(), c.Previous.Unit(), err)
	}
}
