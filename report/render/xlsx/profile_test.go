package xlsx

import (
	"strconv"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestProfileSheet checks the customer profile's cells on the customers
// sheet: a value's sales, shares and counts as numbers, the unknown row
// labelled in the sheet's language, a significant shift marked.
func TestProfileSheet(t *testing.T) {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	na := metrics.Undefined(metrics.UnitNumber)
	pts := func(v float64) metrics.Value {
		return metrics.RatioValue(metrics.NewRatio(v, 1)).In(metrics.UnitPoints)
	}
	r := &report.Review{Store: "x", Currency: money.MustCurrency("CNY"), Customers: &report.Customers{},
		Profile: &report.Profile{Records: 3, Buyers: 40, Described: 30, New: 10, Dimensions: []report.ProfileDimension{{Key: "age_band", Rows: []report.ProfileRow{
			{Value: "25-34", Buyers: 30, New: 10, Orders: 36, Sales: cny("3000.00"), SalesShare: metrics.NewRatio(3000, 4000), BuyerShare: metrics.CountRatio(30, 40),
				AOV: metrics.MoneyValue(cny("83.33")), Repurchase: metrics.CountRatio(6, 30), ValuePerBuyer: metrics.MoneyValue(cny("250.00")),
				NewShare: metrics.CountRatio(10, 10), Shift: pts(0.25), P: metrics.NumberValue(0.0001), Significant: true},
			{Value: "unknown", Buyers: 10, Orders: 10, Sales: cny("1000.00"), SalesShare: metrics.NewRatio(1000, 4000), BuyerShare: metrics.CountRatio(10, 40),
				AOV: metrics.MoneyValue(cny("100.00")), Repurchase: metrics.CountRatio(0, 10), ValuePerBuyer: metrics.MoneyValue(cny("100.00")),
				NewShare: metrics.CountRatio(0, 10), Shift: pts(-0.25), P: na},
		}}}}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionCustomers, l))
		row := strconv.Itoa(find(t, f, sh, "25-34", 1))
		for col, want := range map[string]string{"B": "3000.00", "C": "0.75", "D": "30", "E": "0.75", "G": "0.2", "K": "*"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: 25-34 %s%s = %q, want %s", l, col, row, got, want)
			}
		}
		row = strconv.Itoa(find(t, f, sh, render.ProfileValue("gender", "unknown", l), 1))
		if got := raw(t, f, sh, "D"+row); got != "10" {
			t.Errorf("%v: unknown buyers %q, want 10", l, got)
		}
	}
}
