package report

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// TestDemoTruth reviews the last year of the default demo store and
// checks the review against the truth the store was drawn from
// (internal/sample): the target attainments built into the targets, the
// problem SKUs behind the returns, the dead stock, and the service level.
// The generator computes its targets with its own code, so agreement on
// attainment checks that Build's net sales, orders and new customers follow
// the same definitions.
func TestDemoTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store and reviews its last year")
	}
	s := sample.Generate(sample.Config{})
	items := catalogueItems(s)
	in := Input{
		Items: items, Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events),
		Spend: s.Spend, Targets: s.Targets, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts,
		Promotions: s.Promotions, Tickets: s.Tickets,
	}
	// The last year of the demo (2025): each year's targets carry the
	// truth's attainment, and the year before gives the review its 同比.
	year := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Year)
	r, err := Build(in, Config{Period: year, TopN: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range s.Truth.Attainment {
		k, ok := findKPI(r.Overview.KPIs, a.Metric)
		if !ok {
			t.Errorf("no KPI %s", a.Metric)
			continue
		}
		got, ok := k.Attainment.Value()
		if k.ChangeKind() == metrics.PointChange { // a rate's attainment is its distance from target in points; the truth is the share
			q, err := k.Current.Attainment(k.Target)
			got, ok = q.Value()
			ok = ok && err == nil
		}
		// The generator rounds targets to whole yuan, whole counts or 4
		// decimals of a rate: the attainment agrees up to that rounding,
		// half a unit relative to the target.
		target, _ := k.Target.Float()
		half := 0.5
		if k.Target.Unit() == metrics.UnitRatio {
			half = 0.00005
		}
		if tol := half / target * a.Attainment * 1.01; !ok || math.Abs(got-a.Attainment) > tol {
			t.Errorf("%s attainment %v, truth %v", a.Metric, got, a.Attainment)
		}
	}
	// The problem SKUs (returned at 25 %, their categories' 1–8 %, mostly
	// "not as described") each have a p-value below 1 % in the
	// outliers' test of the year's returns; every outlier of the review
	// is one of them, and one at least is found. Fisher's exact test at a
	// false-discovery rate of 5 % over 115 SKUs does not confirm all
	// three: AP-0003, 16 of 79 units returned against 9 % for the rest of
	// apparel, has p = 0.0021, above BH's 3/115 × 0.05, and a SKU of
	// snacks, returned a line of several units at a time, has 0.0015.
	// The z-test's normal approximation had flagged AP-0003, and flagged
	// chance in a month's few units (a SKU with 3 of 27 units returned).
	problem := map[string]bool{}
	for _, sku := range s.Truth.ProblemSKUs {
		problem[sku] = true
	}
	var rets service.Returns
	for _, o := range s.Orders {
		if year.Contains(o.PlacedAt) {
			if err := rets.AddOrder(o); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range s.Refunds {
		if year.Contains(f.At) {
			if err := rets.AddRefund(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	var tested []service.ReturnStat
	for _, st := range rets.Summary(r.Currency).BySKU {
		if st.PValue.Defined() {
			tested = append(tested, st)
		}
	}
	for _, st := range tested {
		if p, _ := st.PValue.Float(); problem[st.Name] && p >= 0.01 {
			t.Errorf("problem SKU %s: %d of %d units returned, p-value %v", st.Name, st.Returned, st.Sold, p)
		}
		delete(problem, st.Name)
	}
	for sku := range problem {
		t.Errorf("problem SKU %s was not tested", sku)
	}
	outliers := map[string]bool{}
	for _, o := range r.Service.Outliers {
		outliers[o.SKU] = true
		if !slices.Contains(s.Truth.ProblemSKUs, o.SKU) {
			t.Errorf("outlier %s is not a problem SKU", o.SKU)
		}
	}
	if len(outliers) == 0 {
		t.Errorf("no problem SKU among the outliers")
	}
	// Every dead SKU with stock is listed as dead stock.
	dead := map[string]bool{}
	for _, x := range r.Products.SlowMovers {
		if x.Dead {
			dead[x.SKU] = true
		}
	}
	for _, sku := range s.Truth.DeadSKUs {
		if !dead[sku] {
			t.Errorf("dead SKU %s not listed as dead stock", sku)
		}
	}
	// The customers section has its cohorts, segments and CLV forecast.
	if len(r.Customers.Cohorts) == 0 || len(r.Customers.Segments) == 0 {
		t.Error("no cohorts or RFM segments")
	}
	if k, ok := findKPI(r.Customers.KPIs, "predicted_clv"); !ok || !k.Current.Defined() || moneySign(k.Current) <= 0 {
		t.Errorf("no positive CLV forecast: %+v", k)
	}
	// The share answered within the one-hour SLA is the truth's mix of
	// channels, within sampling error (≈ 2 points for ~1,000 tickets).
	k, _ := findKPI(r.Service.KPIs, "within_sla")
	if got, _ := k.Current.Float(); math.Abs(got-s.Truth.WithinHour()) > 0.03 {
		t.Errorf("within SLA %v, truth %v", got, s.Truth.WithinHour())
	}
	t.Logf("within SLA %.4f (truth %.4f); %d return outliers for %d problem SKUs; %d dead SKUs",
		func() float64 { v, _ := k.Current.Float(); return v }(), s.Truth.WithinHour(), len(outliers), len(s.Truth.ProblemSKUs), len(s.Truth.DeadSKUs))
}

// moneySign returns the sign of v's amount, 0 for no amount.
func moneySign(v metrics.Value) int {
	m, ok := v.Money()
	if !ok {
		return 0
	}
	return m.Sign()
}
