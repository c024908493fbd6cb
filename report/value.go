package report

import (
	"encoding/json"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Kind is what a [Value] measures and so how it is printed.
type Kind uint8

const (
	KindMoney    Kind = iota // an exact amount: "¥1,234.50"
	KindCount                // a whole number: "1,234"
	KindPercent              // a ratio shown as a percentage: "2.50%"
	KindMultiple             // a ratio shown as a multiple: "3.20×"
	KindNumber               // a plain number with two decimals: "4.35"
	KindDays                 // a number of days: "42.0 days"
	KindDuration             // a length of time: "38 min"
)

var kindNames = [...]string{"money", "count", "percent", "multiple", "number", "days", "duration"}

// String returns the kind's name as written in JSON, such as "money".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Value is one number of the review: an amount, a count, a ratio or a
// duration, which may be undefined (the AOV of a period without orders).
// An undefined value prints as "n/a" in English and "—" in Chinese, never
// as zero.
//
// Build values with [MoneyValue], [CountValue], [PercentValue] and the other
// constructors; the zero Value is a defined zero amount of no currency.
type Value struct {
	Kind     Kind
	Money    money.Money   // KindMoney
	Count    int64         // KindCount
	Ratio    metrics.Ratio // KindPercent, KindMultiple, KindNumber, KindDays
	Duration time.Duration // KindDuration
	NA       bool          // the value is undefined whatever the fields above hold
}

// MoneyValue returns the amount m.
func MoneyValue(m money.Money) Value { return Value{Kind: KindMoney, Money: m} }

// MoneyValueOK returns the amount m, or an undefined amount when ok is false,
// as returned by [metrics.Money.Div].
func MoneyValueOK(m money.Money, ok bool) Value {
	return Value{Kind: KindMoney, Money: m, NA: !ok}
}

// CountValue returns the count n.
func CountValue(n int64) Value { return Value{Kind: KindCount, Count: n} }

// PercentValue returns r printed as a percentage.
func PercentValue(r metrics.Ratio) Value { return Value{Kind: KindPercent, Ratio: r} }

// MultipleValue returns r printed as a multiple ("3.20×"), as for LTV/CAC.
func MultipleValue(r metrics.Ratio) Value { return Value{Kind: KindMultiple, Ratio: r} }

// NumberValue returns r printed as a plain number, as for an average score
// or an inventory turnover.
func NumberValue(r metrics.Ratio) Value { return Value{Kind: KindNumber, Ratio: r} }

// DaysValue returns r printed as a number of days, as for DIO.
func DaysValue(r metrics.Ratio) Value { return Value{Kind: KindDays, Ratio: r} }

// DurationValue returns the duration d, or an undefined duration when ok is
// false (the median response time of no tickets).
func DurationValue(d time.Duration, ok bool) Value {
	return Value{Kind: KindDuration, Duration: d, NA: !ok}
}

// Undefined returns an undefined value of kind k.
func Undefined(k Kind) Value { return Value{Kind: k, NA: true} }

// Defined reports whether v has a value: it is not marked NA and, for the
// ratio kinds, its ratio is defined.
func (v Value) Defined() bool {
	if v.NA {
		return false
	}
	switch v.Kind {
	case KindPercent, KindMultiple, KindNumber, KindDays:
		_, ok := v.Ratio.Value()
		return ok
	}
	return true
}

// Float returns v as a float64 and whether it is defined: the amount for
// money, the count, the ratio's value, seconds for a duration. It serves
// rules and charts, which compare and plot; the amounts themselves stay
// exact in v.
func (v Value) Float() (float64, bool) {
	if !v.Defined() {
		return 0, false
	}
	switch v.Kind {
	case KindMoney:
		f, _ := v.Money.Decimal().Float64()
		return f, true
	case KindCount:
		return float64(v.Count), true
	case KindDuration:
		return v.Duration.Seconds(), true
	}
	return v.Ratio.Value()
}

// Equal reports whether v and o are the same value of the same kind.
func (v Value) Equal(o Value) bool {
	if v.Kind != o.Kind || v.Defined() != o.Defined() {
		return false
	}
	if !v.Defined() {
		return true
	}
	return v.Money.Equal(o.Money) && v.Count == o.Count && v.Ratio.Equal(o.Ratio) && v.Duration == o.Duration
}

// change returns the relative change from prev to v (环比/同比), undefined
// when either value is undefined or prev is zero.
func (v Value) change(prev Value) metrics.Ratio {
	if !v.Defined() || !prev.Defined() || v.Kind != prev.Kind {
		return metrics.Ratio{}
	}
	if v.Kind == KindMoney {
		r, err := metrics.ChangeMoney(v.Money, prev.Money)
		if err != nil {
			return metrics.Ratio{}
		}
		return r
	}
	a, _ := v.Float()
	b, _ := prev.Float()
	return metrics.Change(a, b)
}

// attainment returns v / target (目标达成率), undefined when either is
// undefined or the target is zero.
func (v Value) attainment(target Value) metrics.Ratio {
	if !v.Defined() || !target.Defined() || v.Kind != target.Kind {
		return metrics.Ratio{}
	}
	if v.Kind == KindMoney {
		r, err := metrics.AttainmentMoney(v.Money, target.Money)
		if err != nil {
			return metrics.Ratio{}
		}
		return r
	}
	a, _ := v.Float()
	b, _ := target.Float()
	return metrics.Attainment(a, b)
}

type valueJSON struct {
	Kind    string         `json:"kind"`
	Defined bool           `json:"defined"`
	Money   *money.Money   `json:"money,omitempty"`
	Count   *int64         `json:"count,omitempty"`
	Ratio   *metrics.Ratio `json:"ratio,omitempty"`
	Seconds *float64       `json:"seconds,omitempty"`
}

// MarshalJSON encodes v as described in the JSON schema of [JSON]: an
// object with "kind", "defined" and, when defined, one of "money" (amount as
// a string), "count", "ratio" or "seconds".
func (v Value) MarshalJSON() ([]byte, error) {
	j := valueJSON{Kind: v.Kind.String(), Defined: v.Defined()}
	if j.Defined {
		switch v.Kind {
		case KindMoney:
			j.Money = &v.Money
		case KindCount:
			j.Count = &v.Count
		case KindDuration:
			s := v.Duration.Seconds()
			j.Seconds = &s
		default:
			j.Ratio = &v.Ratio
		}
	}
	return json.Marshal(j)
}

// KPI is one headline metric with its comparisons: the value in the
// period, in the previous period (环比) and in the same period last year
// (同比), the relative changes, and the target with its attainment.
type KPI struct {
	Key        string            // stable key such as "net_sales"; see [Label]
	Direction  metrics.Direction // whether higher or lower is better
	Current    Value
	Previous   Value         // undefined when the previous period has no data
	YearAgo    Value         // undefined when last year has no data
	ChangePrev metrics.Ratio // (Current − Previous) / |Previous|
	ChangeYear metrics.Ratio // (Current − YearAgo) / |YearAgo|
	Target     Value         // undefined when there is no target
	Attainment metrics.Ratio // Current / Target
}

// NewKPI returns the KPI key with its changes and attainment computed from
// the values given. Pass [Undefined] for a comparison or target that does
// not exist.
func NewKPI(key string, dir metrics.Direction, current, previous, yearAgo, target Value) KPI {
	return KPI{
		Key: key, Direction: dir,
		Current: current, Previous: previous, YearAgo: yearAgo, Target: target,
		ChangePrev: current.change(previous),
		ChangeYear: current.change(yearAgo),
		Attainment: current.attainment(target),
	}
}

type kpiJSON struct {
	Key           string        `json:"key"`
	LowerIsBetter bool          `json:"lower_is_better"`
	Current       Value         `json:"current"`
	Previous      Value         `json:"previous"`
	YearAgo       Value         `json:"year_ago"`
	ChangePrev    metrics.Ratio `json:"change_prev"`
	ChangeYear    metrics.Ratio `json:"change_year"`
	Target        Value         `json:"target"`
	Attainment    metrics.Ratio `json:"attainment"`
}

// MarshalJSON encodes the KPI as described in the JSON schema of [JSON].
func (k KPI) MarshalJSON() ([]byte, error) {
	return json.Marshal(kpiJSON{
		Key: k.Key, LowerIsBetter: k.Direction == metrics.LowerIsBetter,
		Current: k.Current, Previous: k.Previous, YearAgo: k.YearAgo,
		ChangePrev: k.ChangePrev, ChangeYear: k.ChangeYear,
		Target: k.Target, Attainment: k.Attainment,
	})
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
