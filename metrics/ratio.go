package metrics

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Ratio is a quotient of two numbers that may be undefined.
//
// A Ratio keeps its numerator and denominator so that it can be shown as
// "12 of 480" as well as "2.50%", and so that ratios of shards can be
// combined by adding numerators and denominators. A Ratio whose
// denominator is zero, or whose inputs are not finite, is undefined: its
// [Ratio.Value] reports false and it prints as "n/a". No method returns NaN
// or ±Inf.
//
// A Ratio does not know whether it is a share of a whole (a conversion
// rate, shown as a percentage with [Ratio.Percent]) or a rate per
// something (2.4 units per order, LTV/CAC of 3.2): [Ratio.String] prints
// the plain quotient, and the caller, or a report's renderer, chooses the
// form.
//
// The zero Ratio is undefined (0/0).
type Ratio struct {
	num, den float64
}

// NewRatio returns num/den. It is undefined if den is zero or either input
// is NaN or infinite.
func NewRatio(num, den float64) Ratio {
	if math.IsNaN(num) || math.IsInf(num, 0) || math.IsNaN(den) || math.IsInf(den, 0) {
		return Ratio{}
	}
	return Ratio{num: num, den: den}
}

// CountRatio returns num/den for counts, such as buyers/visitors.
func CountRatio(num, den int64) Ratio { return NewRatio(float64(num), float64(den)) }

// MoneyRatio returns num/den for two amounts of one currency, such as gross
// profit/net sales. It returns a *[money.MismatchError] if the currencies differ.
// The amounts are converted to float64 only here, to form the ratio, which
// is a statistic and not an amount.
func MoneyRatio(num, den money.Money) (Ratio, error) {
	if _, err := money.Common(num, den); err != nil {
		return Ratio{}, err
	}
	n, _ := num.Decimal().Float64()
	d, _ := den.Decimal().Float64()
	return NewRatio(n, d), nil
}

// Num returns the numerator.
func (r Ratio) Num() float64 { return r.num }

// Den returns the denominator.
func (r Ratio) Den() float64 { return r.den }

// Defined reports whether the ratio has a value: its denominator is not
// zero and the quotient does not overflow a float64. It agrees with the
// ok of [Ratio.Value].
func (r Ratio) Defined() bool {
	_, ok := r.Value()
	return ok
}

// Value returns num/den and true, or 0 and false if the ratio is undefined.
func (r Ratio) Value() (float64, bool) {
	if r.den == 0 {
		return 0, false
	}
	v := r.num / r.den
	if math.IsInf(v, 0) || math.IsNaN(v) { // overflow of a huge quotient
		return 0, false
	}
	return v, true
}

// Percent formats the ratio as a percentage with the given number of
// decimal places ("12.50%"), or "n/a" if it is undefined or its percentage
// overflows a float64 (a value beyond about ±1.8e306).
func (r Ratio) Percent(places int) string {
	v, ok := r.Value()
	if !ok || math.IsInf(v*100, 0) {
		return "n/a"
	}
	return strconv.FormatFloat(v*100, 'f', places, 64) + "%"
}

// String formats the quotient as a plain number with four decimals
// ("0.0250" for 12/480, "2.4000" for 12 units in 5 orders), or "n/a" if
// the ratio is undefined. It never adds a percent sign: use
// [Ratio.Percent] for a share.
func (r Ratio) String() string {
	v, ok := r.Value()
	if !ok {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// Equal reports whether r and o have the same numerator and denominator.
func (r Ratio) Equal(o Ratio) bool { return r.num == o.num && r.den == o.den }

// Add returns the ratio (r.num+o.num)/(r.den+o.den): the pooled ratio of
// two disjoint groups, such as the conversion rate of two shards.
func (r Ratio) Add(o Ratio) Ratio { return NewRatio(r.num+o.num, r.den+o.den) }

type ratioJSON struct {
	Num   float64  `json:"num"`
	Den   float64  `json:"den"`
	Value *float64 `json:"value"`
}

// MarshalJSON encodes the ratio as {"num":12,"den":480,"value":0.025}, with
// "value":null when it is undefined.
func (r Ratio) MarshalJSON() ([]byte, error) {
	j := ratioJSON{Num: r.num, Den: r.den}
	if v, ok := r.Value(); ok {
		j.Value = &v
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form written by [Ratio.MarshalJSON]. The
// ratio is num/den; a "value" given beside them must be that quotient (to
// a relative 1e-12, or null for an undefined ratio), so that a document
// whose value was edited by hand is an error rather than a different
// number.
func (r *Ratio) UnmarshalJSON(b []byte) error {
	var j ratioJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	q := NewRatio(j.Num, j.Den)
	if j.Value != nil {
		v, ok := q.Value()
		if !ok || math.Abs(v-*j.Value) > 1e-12*math.Max(math.Abs(v), math.Abs(*j.Value)) {
			return fmt.Errorf("metrics: ratio %v/%v has value %v, not its quotient", j.Num, j.Den, *j.Value)
		}
	}
	*r = q
	return nil
}

// Direction says whether a larger value of a metric is good (net sales) or
// bad (CAC, return rate, bounce rate). The zero value is [HigherIsBetter].
type Direction uint8

const (
	HigherIsBetter Direction = iota
	LowerIsBetter
)

// String returns "higher is better" or "lower is better".
func (d Direction) String() string {
	if d == LowerIsBetter {
		return "lower is better"
	}
	return "higher is better"
}

// Improved reports whether a change is an improvement for a metric of
// direction d, and whether that can be told: an undefined or zero change
// is neither.
func (d Direction) Improved(change Ratio) (improved, known bool) {
	v, ok := change.Value()
	if !ok || v == 0 {
		return false, false
	}
	return (v > 0) == (d == HigherIsBetter), true
}

// Change returns the relative change from previous to current,
// (current − previous) / |previous|: 环比 against the previous period, 同比
// against the same period a year ago. It is undefined when previous is zero.
//
// The denominator is the absolute value of previous, so that a loss that
// shrinks (−100 to −50) shows as +50 %, an improvement. For positive
// previous values this is exactly (current − previous) / previous as
// shopmetrics defines it.
func Change(current, previous float64) Ratio {
	return NewRatio(current-previous, math.Abs(previous))
}

// ChangeMoney is [Change] for two amounts of one currency. It returns a
// *[money.MismatchError] if the currencies differ.
func ChangeMoney(current, previous money.Money) (Ratio, error) {
	d, err := current.Sub(previous)
	if err != nil {
		return Ratio{}, err
	}
	return MoneyRatio(d, previous.Abs())
}

// Attainment returns actual / target (目标达成率). It is undefined when the
// target is zero. For a lower-is-better metric the ratio is the same; read
// it with [Direction]: below 100 % is then the good side.
func Attainment(actual, target float64) Ratio { return NewRatio(actual, target) }

// AttainmentMoney is [Attainment] for two amounts of one currency. It
// returns a *[money.MismatchError] if the currencies differ.
func AttainmentMoney(actual, target money.Money) (Ratio, error) { return MoneyRatio(actual, target) }
