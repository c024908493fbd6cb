package xlsx

import (
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestFulfilmentSheet checks the fulfilment sheet's cells against the
// section: a carrier's counts and on-time rate as numbers, a carrier
// without a name labelled, undefined values as the NA text, and the
// outcomes of late deliveries.
func TestFulfilmentSheet(t *testing.T) {
	h := func(x float64) metrics.Value { return metrics.DurationValue(time.Duration(x * float64(time.Hour))) }
	na := metrics.Undefined(metrics.UnitDuration)
	r := &report.Review{Store: "x", Currency: money.MustCurrency("CNY"), Fulfilment: &report.Fulfilment{
		Coverage: report.FulfilmentCoverage{Orders: 40, Shipped: 40, Delivered: 30, ShipDelivered: 30, Promised: 40},
		Carriers: []report.DeliveryGroup{
			{Name: "YTO", Orders: 35, DeliveredOrders: 30, ShipMedian: h(12), DeliverMedian: h(60), DeliverP90: h(96), Late: 15, OnTimeRate: metrics.CountRatio(15, 30)},
			{Name: "", Orders: 5, ShipMedian: na, DeliverMedian: na, DeliverP90: na},
		},
		Outcomes: []report.DeliveryOutcome{{Status: "late", Orders: 20, LateReturns: 3, LateReturnRate: metrics.CountRatio(3, 20), Tickets: 9, TicketsPer100: metrics.NumberValue(45)}},
	}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionFulfilment, l))
		// The carrier by its name in l: 圆通速递 in Chinese (the workbook
		// printed YTO, as the Chinese page did before it).
		row := strconv.Itoa(find(t, f, sh, map[render.Language]string{render.English: "YTO", render.Chinese: "圆通速递"}[l], 1))
		for col, want := range map[string]string{"B": "35", "C": "30", "G": "15", "H": "0.5"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: YTO %s%s = %q, want %s", l, col, row, got, want)
			}
		}
		row = strconv.Itoa(find(t, f, sh, render.GroupName("", l), 1))
		if got, want := raw(t, f, sh, "H"+row), (render.Formatter{Lang: l}).NA(); got != want {
			t.Errorf("%v: on-time rate without a promise %q, want %q", l, got, want)
		}
		row = strconv.Itoa(find(t, f, sh, render.Label("late", l), 1))
		for col, want := range map[string]string{"B": "20", "C": "3", "D": "0.15", "E": "9"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: late %s%s = %q, want %s", l, col, row, got, want)
			}
		}
	}
}
