package metrics

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// jsonKinds are the names of the units in JSON. A share is written
// "percent", the name readers of a review's JSON know it by (version 1 of
// the schema of package report/render); the others are [Unit.String].
var jsonKinds = [...]string{"money", "count", "percent", "number", "multiple", "days", "duration", "points"}

type valueJSON struct {
	Kind    string       `json:"kind"`
	Defined bool         `json:"defined"`
	Money   *money.Money `json:"money,omitempty"`
	Count   *int64       `json:"count,omitempty"`
	Ratio   *Ratio       `json:"ratio,omitempty"`
	Seconds *float64     `json:"seconds,omitempty"`
}

// MarshalJSON encodes v as {"kind", "defined"} and, when v is defined, one
// of "money" (an amount, its decimal a string), "count", "ratio" (see
// [Ratio.MarshalJSON]) or "seconds" (a duration). The kind is the unit:
// money, count, percent (a [UnitRatio]), number, multiple, days,
// duration or points (a [UnitPoints]).
func (v Value) MarshalJSON() ([]byte, error) {
	if int(v.unit) >= len(jsonKinds) {
		return nil, fmt.Errorf("metrics: cannot encode a value of %v", v.unit)
	}
	j := valueJSON{Kind: jsonKinds[v.unit], Defined: v.Defined()}
	switch v.form {
	case formMoney:
		j.Money = &v.m
	case formCount:
		j.Count = &v.n
	case formRatio:
		j.Ratio = &v.r
	case formDuration:
		s := v.d.Seconds()
		j.Seconds = &s
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form written by [Value.MarshalJSON]. A
// duration is rounded to the nanosecond. It returns an error for an
// unknown kind, or for a defined value without its number.
func (v *Value) UnmarshalJSON(b []byte) error {
	var j valueJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	u := Unit(len(jsonKinds))
	for i, k := range jsonKinds {
		if k == j.Kind {
			u = Unit(i)
		}
	}
	if int(u) == len(jsonKinds) {
		return fmt.Errorf("metrics: value of unknown kind %q", j.Kind)
	}
	var out Value
	switch {
	case !j.Defined:
		out = Undefined(u)
	case j.Money != nil:
		out = MoneyValue(*j.Money)
	case j.Count != nil:
		out = CountValue(*j.Count)
	case j.Ratio != nil:
		if !j.Ratio.Defined() {
			return fmt.Errorf("metrics: defined %s value with an undefined ratio", j.Kind)
		}
		out = Value{form: formRatio, r: *j.Ratio}
	case j.Seconds != nil:
		s := *j.Seconds * float64(time.Second)
		if !(s > -1<<63 && s < 1<<63) { // NaN or beyond ±292 years
			return fmt.Errorf("metrics: duration of %v seconds out of range", *j.Seconds)
		}
		out = DurationValue(time.Duration(math.Round(s)))
	default:
		return fmt.Errorf("metrics: defined %s value without a number", j.Kind)
	}
	if out.In(u).Defined() != out.Defined() {
		return fmt.Errorf("metrics: %s value holds another kind of number", j.Kind)
	}
	*v = out.In(u)
	return nil
}
