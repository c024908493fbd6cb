package report

import "github.com/shopmetrics/shopmetrics/metrics"

// lateDeliveries reports each carrier and each region whose on-time rate
// is more than OnTimeGap below the store's, over at least MinDeliveries
// orders with a promise due: the carrier to talk to, the region to ship
// from nearer. Carriers come first, each list as the section orders it.
func (t Thresholds) lateDeliveries(r *Review) []Finding {
	if r.Fulfilment == nil {
		return nil
	}
	f := r.Fulfilment
	store, ok := findKPI(f.KPIs, "on_time_rate")
	if !ok {
		return nil
	}
	all, ok := store.Current.Float()
	if !ok {
		return nil
	}
	var out []Finding
	for _, kind := range []struct {
		key    string
		groups []DeliveryGroup
		rec    Message
	}{
		{"carrier", f.Carriers, Say("Agree a delivery-time target with %s and review it every month, or move volume to a faster carrier; meanwhile promise the times it actually achieves.",
			"与%s约定时效并考核，或将部分订单转给更快的快递公司；在此之前按其实际时效承诺送达时间。")},
		{"region", f.Regions, Say("Ship %s orders from a nearer warehouse or with a faster carrier, and promise delivery times the region can meet.",
			"%s的订单改由更近的仓库或更快的快递发货，并按该地区能做到的时效承诺送达时间。")},
	} {
		for _, g := range kind.groups {
			v, ok := g.OnTimeRate.Value()
			if !ok || g.Name == "" || g.OnTimeRate.Den() < float64(t.MinDeliveries) || all-v <= t.OnTimeGap {
				continue
			}
			rate := pct(g.OnTimeRate)
			rec := kind.rec
			rec.Args = []Arg{DataArg(g.Name)}
			out = append(out, Finding{
				Section: SectionFulfilment, Severity: Warning,
				Title: Say("%s %s delivered %s of its orders on time, against %s for the store.", "%s%s的准时送达率为%s，全店为%s。",
					LabelArg(kind.key), DataArg(g.Name), ValueArg(rate), ValueArg(store.Current)),
				Evidence: []Evidence{
					{Key: "on_time_rate", Subject: g.Name, Value: rate},
					{Key: "on_time_rate", Of: "whole_store", Value: store.Current},
					{Key: "late_n", Subject: g.Name, Value: metrics.CountValue(g.Late)},
				},
				Recommendation: rec,
				Stake:          metrics.Undefined(metrics.UnitMoney), Watch: "on_time_rate", CheckBy: CheckDate(r.Period, false),
			})
		}
	}
	return out
}
