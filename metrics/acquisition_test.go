package metrics_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestAcquisitionCost(t *testing.T) {
	orders, refunds := smallStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	sums, err := metrics.Summarize(nov, slices.Values(orders), slices.Values(refunds), metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	spend := []metrics.Spend{
		{Channel: "ads", Day: day(2025, 11, 1), Amount: cny("300.00")},
		{Channel: "ads", Day: day(2025, 11, 15), Amount: cny("200.00")},
		{Channel: "social", Day: day(2025, 11, 15), Amount: cny("90.00")},
		{Channel: "ads", Day: day(2025, 10, 31), Amount: cny("999.00")}, // October: not counted
	}
	channels, blended, err := metrics.AcquisitionCost(sums[0], slices.Values(spend))
	if err != nil {
		t.Fatal(err)
	}
	// The small store's one new buyer (bob) came through ads; search has
	// orders but no new buyer and no spend, so it is not listed.
	want := []metrics.CAC{
		{Channel: "ads", Spend: cny("500.00"), NewCustomers: 1},
		{Channel: "social", Spend: cny("90.00"), NewCustomers: 0},
	}
	if diff := cmp.Diff(want, channels); diff != "" {
		t.Errorf("channels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(metrics.CAC{Spend: cny("590.00"), NewCustomers: 1}, blended); diff != "" {
		t.Errorf("blended (-want +got):\n%s", diff)
	}
	if c, ok := channels[0].Cost(); !ok || !c.Equal(cny("500.00")) {
		t.Errorf("ads CAC = %v, %v; want CNY 500.00", c, ok)
	}
	if _, ok := channels[1].Cost(); ok {
		t.Error("social CAC is defined without new customers")
	}
	_, _, err = metrics.AcquisitionCost(sums[0], slices.Values([]metrics.Spend{{Channel: "ads", Day: day(2025, 11, 1), Amount: money.MustNew("1", "USD")}}))
	if err == nil {
		t.Error("USD spend against a CNY summary gave no error")
	}
}

// A Summary without a currency takes the currency of the first spend
// record; a record in another currency is an error naming its channel,
// the same whatever the map order (review finding 9: the error came from
// summing channels in map order, without the "metrics:" prefix or the
// channel, and sometimes named CNY first, sometimes USD).
func TestAcquisitionCostNoCurrency(t *testing.T) {
	spend := []metrics.Spend{
		{Channel: "a", Day: day(2025, 11, 3), Amount: money.MustNew("10", "CNY")},
		{Channel: "b", Day: day(2025, 11, 3), Amount: money.MustNew("10", "USD")},
		{Channel: "c", Day: day(2025, 11, 4), Amount: money.MustNew("5", "CNY")},
	}
	const want = `metrics: spend of channel "b" on 2025-11-03: money: currency mismatch: CNY 0.00 and USD 10.00`
	for range 20 { // map order varies between runs
		_, _, err := metrics.AcquisitionCost(metrics.Summary{}, slices.Values(spend))
		var me *money.MismatchError
		if err == nil || err.Error() != want || !errors.As(err, &me) {
			t.Fatalf("AcquisitionCost(zero Summary, CNY+USD) = %v, want %q wrapping a *money.MismatchError", err, want)
		}
	}
	channels, blended, err := metrics.AcquisitionCost(metrics.Summary{}, slices.Values([]metrics.Spend{spend[0], spend[2]}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(metrics.CAC{Spend: cny("15.00")}, blended); diff != "" || len(channels) != 2 {
		t.Errorf("blended (-want +got):\n%s", diff)
	}
}

func TestLTV(t *testing.T) {
	// 200.00 × 1.5 orders/period × 0.4 margin / 0.25 churn = 200 × 2.4 = 480.00.
	if got, ok := metrics.SimpleLTV(cny("200.00"), 1.5, 0.4, 0.25); !ok || !got.Equal(cny("480.00")) {
		t.Errorf("SimpleLTV = %v, %v; want CNY 480.00", got, ok)
	}
	if _, ok := metrics.SimpleLTV(cny("200.00"), 1.5, 0.4, 0); ok {
		t.Error("SimpleLTV with zero churn is defined")
	}
	curve := []money.Money{cny("1000.00"), cny("1500.00"), cny("1800.01")}
	// 1800.01 / 3 = 600.003… → 600.00.
	if got, ok := metrics.HistoricalLTV(curve, 3, 2); !ok || !got.Equal(cny("600.00")) {
		t.Errorf("HistoricalLTV = %v, %v; want CNY 600.00", got, ok)
	}
	if _, ok := metrics.HistoricalLTV(curve, 3, 3); ok {
		t.Error("HistoricalLTV beyond the curve is defined")
	}
	r, err := metrics.LTVToCAC(cny("600.00"), cny("200.00"))
	if v, _ := r.Value(); err != nil || v != 3 {
		t.Errorf("LTVToCAC = %v, %v; want 3", r, err)
	}
	perCustomer := []money.Money{cny("40"), cny("90"), cny("150"), cny("200")}
	for _, tt := range []struct {
		cac    string
		months int
		ok     bool
	}{{"150", 3, true}, {"149.99", 3, true}, {"40", 1, true}, {"0", 0, true}, {"200.01", 0, false}} {
		m, ok, err := metrics.CACPayback(cny(tt.cac), perCustomer)
		if err != nil || m != tt.months || ok != tt.ok {
			t.Errorf("CACPayback(%s) = %d, %v, %v; want %d, %v", tt.cac, m, ok, err, tt.months, tt.ok)
		}
	}
	if p, _ := metrics.PaybackMonths(cny("150"), cny("60")); p.String() != "2.5000" {
		t.Errorf("PaybackMonths(150, 60) = %v; want 2.5 months", p)
	}
	if r := metrics.ConversionRate(32, 1000); r.Percent(1) != "3.2%" {
		t.Errorf("ConversionRate(32, 1000) = %v", r)
	}
}
