package report

import (
	"encoding/json"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// KPI is one headline metric of a section with its comparisons: the value
// in the period, in the previous period (环比) and in the same period last
// year (同比), the changes, and the target with its attainment.
// The values are [metrics.Value]s in the KPI's unit; an undefined one
// (no data for last year, no target) is never a zero.
//
// Changes and attainment are measured as [KPI.ChangeKind] says
// (METRICS.md "Change"): a rate or share (conversion, margin, repurchase)
// by its difference in percentage points, held as a fraction (−0.046 for
// −4.6 pp); an amount, count or average relatively, in percent.
type KPI struct {
	Key        string            // a key of metrics.KPIs or of [KPIs], such as "net_sales"
	Direction  metrics.Direction // whether higher or lower is better
	Current    metrics.Value
	Previous   metrics.Value // undefined when the previous period has no data
	YearAgo    metrics.Value // undefined when last year has no data
	ChangePrev metrics.Ratio // (Current − Previous) / |Previous|, or Current − Previous in points for a rate
	ChangeYear metrics.Ratio // (Current − YearAgo) / |YearAgo|, or Current − YearAgo in points for a rate
	Target     metrics.Value // undefined when there is no target
	Attainment metrics.Ratio // Current / Target, or Current − Target in points for a rate
}

// ChangeKind returns how the KPI's changes and attainment are measured:
// [metrics.PointChange] for a rate or share, [metrics.RelativeChange]
// otherwise (the [metrics.Unit.ChangeKind] of its values' unit).
func (k KPI) ChangeKind() metrics.ChangeKind { return k.Current.Unit().ChangeKind() }

// ChangeArg returns the change r of the KPI as a message argument, in
// points for a rate and in percent otherwise.
func (k KPI) ChangeArg(r metrics.Ratio) Arg {
	if k.ChangeKind() == metrics.PointChange {
		return PointsArg(r)
	}
	return ChangeArg(r)
}

// NewKPI returns the KPI k with its changes and attainment computed by
// [metrics.KPI.Compare] from the values given, each read in k's unit. Pass
// the zero [metrics.Value] for a comparison or target that does not exist.
// It returns Compare's error for amounts in two currencies or an amount
// compared with a number.
func NewKPI(k metrics.KPI, current, previous, yearAgo, target metrics.Value) (KPI, error) {
	vsPrev, vsYear, err := comparisons(k, current, previous, yearAgo, target)
	if err != nil {
		return KPI{}, err
	}
	return fromComparisons(vsPrev, vsYear), nil
}

// comparisons returns the comparisons a KPI is made of (fromComparisons):
// current against previous and target, and against yearAgo, each by
// [metrics.KPI.Compare] with its error.
func comparisons(k metrics.KPI, current, previous, yearAgo, target metrics.Value) (vsPrev, vsYear metrics.Comparison, err error) {
	if vsPrev, err = k.Compare(current, previous, target); err != nil {
		return metrics.Comparison{}, metrics.Comparison{}, err
	}
	if vsYear, err = k.Compare(current, yearAgo, metrics.Value{}); err != nil {
		return metrics.Comparison{}, metrics.Comparison{}, err
	}
	return vsPrev, vsYear, nil
}

// fromComparisons returns the KPI of a comparison with the previous period
// and target and one with last year.
func fromComparisons(vsPrev, vsYear metrics.Comparison) KPI {
	return KPI{
		Key: vsPrev.KPI.Key, Direction: vsPrev.KPI.Direction,
		Current: vsPrev.Current, Previous: vsPrev.Previous, YearAgo: vsYear.Previous, Target: vsPrev.Target,
		ChangePrev: vsPrev.Change, ChangeYear: vsYear.Change, Attainment: vsPrev.Attainment,
	}
}

type kpiJSON struct {
	Key           string        `json:"key"`
	LowerIsBetter bool          `json:"lower_is_better"`
	ChangeKind    string        `json:"change_kind"` // "relative" or "points"; written for readers, derived from current's unit when read
	Current       metrics.Value `json:"current"`
	Previous      metrics.Value `json:"previous"`
	YearAgo       metrics.Value `json:"year_ago"`
	ChangePrev    metrics.Ratio `json:"change_prev"`
	ChangeYear    metrics.Ratio `json:"change_year"`
	Target        metrics.Value `json:"target"`
	Attainment    metrics.Ratio `json:"attainment"`
}

// MarshalJSON encodes the KPI as {"key", "lower_is_better", "change_kind"
// ("relative" or "points", see [KPI.ChangeKind]), "current",
// "previous", "year_ago", "target" (values), "change_prev", "change_year",
// "attainment" (ratios)}.
func (k KPI) MarshalJSON() ([]byte, error) {
	return json.Marshal(kpiJSON{
		Key: k.Key, LowerIsBetter: k.Direction == metrics.LowerIsBetter, ChangeKind: k.ChangeKind().String(),
		Current: k.Current, Previous: k.Previous, YearAgo: k.YearAgo,
		ChangePrev: k.ChangePrev, ChangeYear: k.ChangeYear,
		Target: k.Target, Attainment: k.Attainment,
	})
}

// UnmarshalJSON decodes the form written by [KPI.MarshalJSON].
func (k *KPI) UnmarshalJSON(b []byte) error {
	var j kpiJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	dir := metrics.HigherIsBetter
	if j.LowerIsBetter {
		dir = metrics.LowerIsBetter
	}
	*k = KPI{Key: j.Key, Direction: dir, Current: j.Current, Previous: j.Previous, YearAgo: j.YearAgo,
		ChangePrev: j.ChangePrev, ChangeYear: j.ChangeYear, Target: j.Target, Attainment: j.Attainment}
	return nil
}

// findKPI returns the KPI with key in ks.
func findKPI(ks []KPI, key string) (KPI, bool) {
	for _, k := range ks {
		if k.Key == key {
			return k, true
		}
	}
	return KPI{}, false
}

// The review's own KPIs, beyond the catalogue of metrics.KPIs: traffic,
// inventory, the CLV forecast, customer service and fulfilment.
var ownKPIs = [...]metrics.KPI{
	{Key: "sessions", Unit: metrics.UnitCount, Direction: metrics.HigherIsBetter},
	{Key: "bounce_rate", Unit: metrics.UnitRatio, Direction: metrics.LowerIsBetter},
	{Key: "pages_per_session", Unit: metrics.UnitNumber, Direction: metrics.HigherIsBetter},
	{Key: "inventory_value", Unit: metrics.UnitMoney, Direction: metrics.LowerIsBetter},
	{Key: "turnover", Unit: metrics.UnitMultiple, Direction: metrics.HigherIsBetter},
	{Key: "dio", Unit: metrics.UnitDays, Direction: metrics.LowerIsBetter},
	{Key: "stockout_rate", Unit: metrics.UnitRatio, Direction: metrics.LowerIsBetter},
	{Key: "sell_through", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "gmroi", Unit: metrics.UnitMultiple, Direction: metrics.HigherIsBetter},
	{Key: "lost_sales", Unit: metrics.UnitMoney, Direction: metrics.LowerIsBetter},
	{Key: "repeat_30d", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "repeat_60d", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "repeat_90d", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "active_customers", Unit: metrics.UnitCount, Direction: metrics.HigherIsBetter},
	{Key: "predicted_clv", Unit: metrics.UnitMoney, Direction: metrics.HigherIsBetter},
	{Key: "predicted_clv_per_customer", Unit: metrics.UnitMoney, Direction: metrics.HigherIsBetter},
	{Key: "first_response_median", Unit: metrics.UnitDuration, Direction: metrics.LowerIsBetter},
	{Key: "first_response_p90", Unit: metrics.UnitDuration, Direction: metrics.LowerIsBetter},
	{Key: "within_sla", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "resolution_rate", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "resolve_median", Unit: metrics.UnitDuration, Direction: metrics.LowerIsBetter},
	{Key: "reopen_rate", Unit: metrics.UnitRatio, Direction: metrics.LowerIsBetter},
	{Key: "csat", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
	{Key: "avg_score", Unit: metrics.UnitNumber, Direction: metrics.HigherIsBetter},
	{Key: "contacts_per_100_orders", Unit: metrics.UnitNumber, Direction: metrics.LowerIsBetter},
	{Key: "return_rate_units", Unit: metrics.UnitRatio, Direction: metrics.LowerIsBetter},
	{Key: "return_rate_value", Unit: metrics.UnitRatio, Direction: metrics.LowerIsBetter},
	{Key: "time_to_ship_median", Unit: metrics.UnitDuration, Direction: metrics.LowerIsBetter},
	{Key: "time_to_ship_p90", Unit: metrics.UnitDuration, Direction: metrics.LowerIsBetter},
	{Key: "time_to_deliver_median", Unit: metrics.UnitDuration, Direction: metrics.LowerIsBetter},
	{Key: "time_to_deliver_p90", Unit: metrics.UnitDuration, Direction: metrics.LowerIsBetter},
	{Key: "order_to_door_median", Unit: metrics.UnitDuration, Direction: metrics.LowerIsBetter},
	{Key: "on_time_rate", Unit: metrics.UnitRatio, Direction: metrics.HigherIsBetter},
}

// KPIs returns the review's own KPIs, those of its sections beyond the
// catalogue of metrics.KPIs: sessions and bounce rate, the inventory
// KPIs, the CLV forecast, the service and the fulfilment KPIs, with their units and
// directions. The slice is a copy.
func KPIs() []metrics.KPI { return append([]metrics.KPI(nil), ownKPIs[:]...) }

// ownKPI returns the review's own KPI key; it panics for a key not in
// [KPIs], a programmer error of this package.
func ownKPI(key string) metrics.KPI {
	for _, k := range ownKPIs {
		if k.Key == key {
			return k
		}
	}
	panic("report: no KPI " + key)
}

// Helpers that build the values of a review in their units.

func pct(r metrics.Ratio) metrics.Value      { return metrics.RatioValue(r) }
func multiple(r metrics.Ratio) metrics.Value { return metrics.RatioValue(r).In(metrics.UnitMultiple) }
func number(r metrics.Ratio) metrics.Value   { return metrics.RatioValue(r).In(metrics.UnitNumber) }
func days(r metrics.Ratio) metrics.Value     { return metrics.RatioValue(r).In(metrics.UnitDays) }
func points(r metrics.Ratio) metrics.Value   { return metrics.RatioValue(r).In(metrics.UnitPoints) }

// moneyIf returns the amount m, or an undefined amount when ok is false,
// as returned by [money.Money.Div].
func moneyIf(m money.Money, ok bool) metrics.Value {
	if !ok {
		return metrics.Undefined(metrics.UnitMoney)
	}
	return metrics.MoneyValue(m)
}

// durationIf returns the duration d, or an undefined duration when ok is
// false (the median response time of no tickets).
func durationIf(d time.Duration, ok bool) metrics.Value {
	if !ok {
		return metrics.Undefined(metrics.UnitDuration)
	}
	return metrics.DurationValue(d)
}
