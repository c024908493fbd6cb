package metrics

import (
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Unit says what kind of number a KPI or a [Value] is: what it measures,
// and so which arithmetic applies to it and how a renderer shows it.
// Display is not decided here: a renderer formats a [UnitRatio] as a
// percentage, a [UnitPoints] as "+0.4 pp", a [UnitMultiple] as "3.20×" and
// so on.
type Unit uint8

const (
	UnitMoney    Unit = iota // an amount of money, such as net sales
	UnitCount                // a count, such as orders or buyers
	UnitRatio                // a share of a whole, such as 0.032 for a 3.2 % conversion rate
	UnitNumber               // a plain number, such as units per order or an average score
	UnitMultiple             // a quotient of two like quantities, such as LTV/CAC or inventory turnover
	UnitDays                 // a number of days, such as days of inventory
	UnitDuration             // a length of time, such as a median first-response time
	UnitPoints               // a difference of two rates in percentage points, held as a fraction: 0.004 for +0.4 pp (see [Points])
)

var unitNames = [...]string{"money", "count", "ratio", "number", "multiple", "days", "duration", "points"}

// String returns the unit's name: "money", "count", "ratio", "number",
// "multiple", "days", "duration" or "points".
func (u Unit) String() string {
	if int(u) < len(unitNames) {
		return unitNames[u]
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

// form is how a Value holds its number.
type form uint8

const (
	formNone     form = iota // undefined
	formMoney                // m
	formCount                // n
	formRatio                // r: ratios, plain numbers, multiples, days
	formDuration             // d
)

// Value is the value of one KPI or one number of a review: an amount of
// money, a count, a ratio (kept as numerator and denominator), a plain
// number, a difference of rates in points or a duration, each in a [Unit]; or undefined, such as the AOV
// of a period without orders or a rate over zero.
//
// The zero Value is undefined (an undefined amount of money): a missing
// number is never a zero. An undefined value still has a unit, so that a
// report can say what is missing; build one with [Undefined].
//
// Value holds exact amounts and counts; floats appear only in ratios,
// which are statistics. Values are immutable and compared with
// [Value.Equal].
type Value struct {
	unit Unit
	form form
	m    money.Money
	n    int64
	r    Ratio
	d    time.Duration
}

// MoneyValue returns the amount m.
func MoneyValue(m money.Money) Value { return Value{unit: UnitMoney, form: formMoney, m: m} }

// CountValue returns the count n.
func CountValue(n int64) Value { return Value{unit: UnitCount, form: formCount, n: n} }

// RatioValue returns r as a share ([UnitRatio]); it is undefined if r is.
// Use [Value.In] for a ratio that is not a share, such as LTV/CAC.
func RatioValue(r Ratio) Value {
	if !r.Defined() {
		return Undefined(UnitRatio)
	}
	return Value{unit: UnitRatio, form: formRatio, r: r}
}

// NumberValue returns the plain number v ([UnitNumber]), held as the ratio
// v/1; it is undefined if v is NaN or infinite.
func NumberValue(v float64) Value {
	r := NewRatio(v, 1)
	if !r.Defined() {
		return Undefined(UnitNumber)
	}
	return Value{unit: UnitNumber, form: formRatio, r: r}
}

// DurationValue returns the length of time d.
func DurationValue(d time.Duration) Value {
	return Value{unit: UnitDuration, form: formDuration, d: d}
}

// Undefined returns the undefined value of unit u.
func Undefined(u Unit) Value { return Value{unit: u} }

// In returns v read in unit u. Counts, ratios and plain numbers change
// unit freely (a ratio of amounts becomes a [UnitMultiple], a count target
// a [UnitCount]); an undefined value takes the unit u. An amount of money
// or a duration is only ever itself: In returns the undefined value of
// unit u for them, unless u is their own unit.
func (v Value) In(u Unit) Value {
	switch {
	case v.form == formNone:
		return Undefined(u)
	case v.form == formMoney && u != UnitMoney, v.form == formDuration && u != UnitDuration,
		u == UnitMoney && v.form != formMoney, u == UnitDuration && v.form != formDuration:
		return Undefined(u)
	}
	v.unit = u
	return v
}

// Unit returns the unit of v, defined or not.
func (v Value) Unit() Unit { return v.unit }

// Defined reports whether v has a value.
func (v Value) Defined() bool { return v.form != formNone }

// Money returns the amount and true for a defined amount of money.
func (v Value) Money() (money.Money, bool) { return v.m, v.form == formMoney }

// Count returns the count and true for a defined count held exactly (made
// by [CountValue]).
func (v Value) Count() (int64, bool) { return v.n, v.form == formCount }

// Ratio returns the ratio and true for a defined ratio, plain number,
// multiple or number of days (made by [RatioValue], [NumberValue] or
// [Value.In] from them).
func (v Value) Ratio() (Ratio, bool) { return v.r, v.form == formRatio }

// Duration returns the length of time and true for a defined duration.
func (v Value) Duration() (time.Duration, bool) { return v.d, v.form == formDuration }

// Float returns the number and true for a defined value: the amount, the
// count, the ratio's quotient, or a duration in seconds. It is a statistic,
// for rules that compare and charts that plot; an amount is converted to
// float64 only here, and [Value.Money] gives it exactly.
func (v Value) Float() (float64, bool) {
	switch v.form {
	case formMoney:
		f, _ := v.m.Decimal().Float64() // exact is false for most decimals: a statistic needs no more
		return f, true
	case formCount:
		return float64(v.n), true
	case formRatio:
		return v.r.Value()
	case formDuration:
		return v.d.Seconds(), true
	}
	return 0, false
}

// Equal reports whether v and o are the same value in the same unit, held
// the same way: a ratio equals a ratio of the same numerator and
// denominator (1/2 is not 2/4). Two undefined values of one unit are equal.
func (v Value) Equal(o Value) bool {
	if v.unit != o.unit || v.form != o.form {
		return false
	}
	switch v.form {
	case formMoney:
		return v.m.Equal(o.m)
	case formCount:
		return v.n == o.n
	case formRatio:
		return v.r.Equal(o.r)
	case formDuration:
		return v.d == o.d
	}
	return true
}

// String formats v plainly, for logs and tests: an amount as
// [money.Money.String] ("CNY 1.50"), a count as an integer, a ratio or
// number as its quotient in the shortest form ("0.25"), a duration as
// [time.Duration.String], and an undefined value as "n/a". It shows no
// percent sign, currency symbol or grouping: a report's renderer formats
// values for its readers.
func (v Value) String() string {
	switch v.form {
	case formMoney:
		return v.m.String()
	case formCount:
		return strconv.FormatInt(v.n, 10)
	case formRatio:
		f, ok := v.r.Value()
		if !ok {
			return "n/a"
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	case formDuration:
		return v.d.String()
	}
	return "n/a"
}

// errUnits is the error of arithmetic between an amount and a number, or
// a duration and a number.
var errUnits = errors.New("metrics: comparing values of different kinds (money, duration, number)")

// Sub returns v − o: an amount for two amounts of one currency, a count
// for two counts, a duration for two durations, and otherwise a plain
// number (for two ratios, the difference in points as a fraction: 0.004
// for +0.4 pp). It is undefined when either is. It returns a
// *[money.MismatchError] for two currencies and an error for an amount
// and a number.
func (v Value) Sub(o Value) (Value, error) {
	switch {
	case v.form == formNone || o.form == formNone:
		return Undefined(v.unit), nil
	case (v.form == formMoney) != (o.form == formMoney), (v.form == formDuration) != (o.form == formDuration):
		return Undefined(v.unit), errUnits
	case v.form == formMoney:
		d, err := v.m.Sub(o.m)
		if err != nil {
			return Undefined(v.unit), err
		}
		return MoneyValue(d), nil
	case v.form == formCount && o.form == formCount:
		d := v.n - o.n
		if o.n > 0 && d > v.n || o.n < 0 && d < v.n { // int64 overflow: the difference as a number
			return NumberValue(float64(v.n) - float64(o.n)), nil
		}
		return CountValue(d), nil
	case v.form == formDuration && o.form == formDuration:
		return DurationValue(v.d - o.d), nil
	}
	a, _ := v.Float()
	b, _ := o.Float()
	return NumberValue(a - b), nil
}

// Change returns the relative change from previous to v, (v − previous) /
// |previous| (环比 or 同比, see [Change]): exact for amounts
// ([ChangeMoney]), on seconds for durations. It is undefined when either
// value is or previous is zero. It returns a *[money.MismatchError] for
// two currencies and an error for an amount and a number.
func (v Value) Change(previous Value) (Ratio, error) {
	switch {
	case v.form == formNone || previous.form == formNone:
		return Ratio{}, nil
	case (v.form == formMoney) != (previous.form == formMoney), (v.form == formDuration) != (previous.form == formDuration):
		return Ratio{}, errUnits
	case v.form == formMoney:
		return ChangeMoney(v.m, previous.m)
	}
	a, _ := v.Float()
	b, _ := previous.Float()
	return Change(a, b), nil
}

// Attainment returns v / target (目标达成率, see [Attainment]), undefined
// when either is undefined or the target is zero. It returns a
// *[money.MismatchError] for two currencies and an error for an amount and
// a number.
func (v Value) Attainment(target Value) (Ratio, error) {
	switch {
	case v.form == formNone || target.form == formNone:
		return Ratio{}, nil
	case (v.form == formMoney) != (target.form == formMoney), (v.form == formDuration) != (target.form == formDuration):
		return Ratio{}, errUnits
	case v.form == formMoney:
		return AttainmentMoney(v.m, target.m)
	}
	a, _ := v.Float()
	b, _ := target.Float()
	return Attainment(a, b), nil
}

// isWhole reports whether f is an integer that an int64 holds exactly.
func isWhole(f float64) bool { return f == math.Trunc(f) && math.Abs(f) < 1<<53 }
