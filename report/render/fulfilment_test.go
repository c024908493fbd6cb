package render

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// fulfilmentReview returns the hand review with a fulfilment section. Its
// numbers are invented but consistent: 100 orders, 60 on time and 20 late
// of the 80 with a promise due; the KPI changes are NewKPI's.
func fulfilmentReview() *report.Review {
	r := handReview()
	h := func(x float64) metrics.Value { return metrics.DurationValue(time.Duration(x * float64(time.Hour))) }
	na := metrics.Undefined
	units := map[string]metrics.KPI{}
	for _, k := range report.KPIs() {
		units[k.Key] = k
	}
	kpi := func(key string, cur, prev, year metrics.Value) report.KPI {
		k, err := report.NewKPI(units[key], cur, prev, year, metrics.Value{})
		if err != nil {
			panic(err)
		}
		return k
	}
	r.Fulfilment = &report.Fulfilment{
		KPIs: []report.KPI{
			kpi("time_to_ship_median", h(8), h(10), na(metrics.UnitDuration)),
			kpi("time_to_ship_p90", h(19.8), h(30), na(metrics.UnitDuration)),
			kpi("time_to_deliver_median", h(44), h(40), na(metrics.UnitDuration)),
			kpi("time_to_deliver_p90", h(66.4), h(60), na(metrics.UnitDuration)),
			kpi("order_to_door_median", h(52.5), h(50), na(metrics.UnitDuration)),
			kpi("on_time_rate", metrics.RatioValue(metrics.CountRatio(60, 80)), metrics.RatioValue(metrics.CountRatio(70, 80)), na(metrics.UnitRatio)),
		},
		Coverage: report.FulfilmentCoverage{Orders: 100, Shipped: 95, ShipFromPlaced: 5, Delivered: 85, ShipDelivered: 85, Promised: 90, Pending: 10, LateOpen: 4},
		Carriers: []report.DeliveryGroup{
			{Name: "SF Express", Orders: 60, DeliveredOrders: 55, ShipMedian: h(6), DeliverMedian: h(30), DeliverP90: h(48), Late: 5, OnTimeRate: metrics.CountRatio(45, 50)},
			{Name: "YTO", Orders: 35, DeliveredOrders: 30, ShipMedian: h(12), DeliverMedian: h(60), DeliverP90: h(96), Late: 15, OnTimeRate: metrics.CountRatio(15, 30)},
			{Name: "", Orders: 5, ShipMedian: na(metrics.UnitDuration), DeliverMedian: na(metrics.UnitDuration), DeliverP90: na(metrics.UnitDuration)},
		},
		Regions: []report.DeliveryGroup{
			{Name: "浙江", Orders: 70, DeliveredOrders: 62, ShipMedian: h(7), DeliverMedian: h(36), DeliverP90: h(60), Late: 10, OnTimeRate: metrics.CountRatio(45, 55)},
			{Name: "新疆", Orders: 30, DeliveredOrders: 23, ShipMedian: h(9), DeliverMedian: h(96), DeliverP90: h(120), Late: 10, OnTimeRate: metrics.CountRatio(15, 25)},
		},
		Outcomes: []report.DeliveryOutcome{
			{Status: "on_time", Orders: 60, LateReturns: 0, LateReturnRate: metrics.CountRatio(0, 60), Tickets: 3, TicketsPer100: metrics.NumberValue(5)},
			{Status: "late", Orders: 20, LateReturns: 3, LateReturnRate: metrics.CountRatio(3, 20), Tickets: 9, TicketsPer100: metrics.NumberValue(45)},
		},
	}
	return r
}

func TestFulfilmentGolden(t *testing.T) {
	r := fulfilmentReview()
	// The rules too: YTO's on-time rate, 25 pp below the store's, is a finding.
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "fulfilment."+lang.String()+"."+format, render(t, rd, r))
		}
	}
}

// TestFulfilmentSection checks the section's place and numbers: after
// the service section, with its tables, and round trips through JSON.
func TestFulfilmentSection(t *testing.T) {
	r := fulfilmentReview()
	md := render(t, Markdown{}, r)
	svc, ful := strings.Index(md, "Customer service and returns"), strings.Index(md, "Fulfilment and logistics")
	if svc < 0 || ful < svc {
		t.Errorf("the fulfilment section is not after the service section (%d, %d)", svc, ful)
	}
	for _, want := range []string{"| On-time delivery rate | 75.0% |", "| YTO | 35 | 30 | 12.0 h | 60.0 h | 96.0 h | 15 | 50.0% |", "| (not given) | 5 |", "| late | 20 | 3 | 15.0% | 9 | 45.00 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	doc := render(t, JSON{}, r)
	back, _, err := Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Fulfilment, back.Fulfilment); diff != "" {
		t.Errorf("decoded section (-want +got):\n%s", diff)
	}
	// Omitted: the heading with the missing data, numbered.
	r.Fulfilment = nil
	r.Omitted = append(r.Omitted, report.Omission{Section: report.SectionFulfilment, Missing: "fulfilment"})
	if md := render(t, Markdown{}, r); !strings.Contains(md, "fulfilment data (ship and delivery times, promises)") {
		t.Error("the omitted section does not say what is missing")
	}
}

// TestFulfilmentNames checks that every key the fulfilment section prints
// has an English and a Chinese name.
func TestFulfilmentNames(t *testing.T) {
	for _, k := range []string{"fulfilment", "missing_fulfilment", "time_to_ship_median", "time_to_ship_p90", "time_to_deliver_median",
		"time_to_deliver_p90", "order_to_door_median", "on_time_rate", "by_carrier", "by_region", "carrier", "region", "delivered_n",
		"ship_median", "deliver_median", "deliver_p90", "late_n", "not_given", "delivery_outcomes", "delivery", "on_time", "late",
		"late_returns", "late_return_rate", "tickets_per_100", "coverage", "shipped_n", "ship_from_placed", "ship_delivered",
		"promised_n", "pending_n", "late_open", "fulfilment_coverage", "fulfilment_def"} {
		if !HasLabel(k) {
			t.Errorf("key %q has no English and Chinese name", k)
		}
	}
}

// TestFulfilmentDataNames checks that the Chinese page names carriers and
// regions in Chinese, in the tables and the findings (they printed in
// English), and that the English page keeps them as they are.
func TestFulfilmentDataNames(t *testing.T) {
	r := fulfilmentReview()
	r.Fulfilment.Regions[1].Name = "Xinjiang"
	r.Fulfilment.Regions[1].OnTimeRate = metrics.CountRatio(10, 40) // 40 orders due (≥ MinDeliveries), 25 % against the store's 75 %: a finding
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	zh := render(t, Markdown{Lang: Chinese}, r)
	// The store's rate in the evidence read "（物流与履约）", the section's name.
	for _, want := range []string{"| 顺丰速运 |", "| 新疆 |", "快递公司圆通速递的准时送达率", "地区新疆的准时送达率", "准时送达率（全店） 75.0%"} {
		if !strings.Contains(zh, want) {
			t.Errorf("%q not in the Chinese page:\n%s", want, zh)
		}
	}
	for _, english := range []string{"SF Express", "Xinjiang", "YTO"} {
		if strings.Contains(zh, english) {
			t.Errorf("%q on the Chinese page", english)
		}
	}
	if en := render(t, Markdown{Lang: English}, r); !strings.Contains(en, "| SF Express |") || !strings.Contains(en, "| Xinjiang |") {
		t.Errorf("the English page renamed the carriers or regions:\n%s", en)
	}
}
