package metrics

import "strconv"

// ChangeKind says how the change of a KPI between two periods, and its
// distance from a target, are measured (METRICS.md, "Targets and change"):
// amounts, counts and averages change relatively, in percent; rates and
// shares change by their difference, in percentage points (pp, 百分点).
// A gross margin that goes from 57.46 % to 57.40 % changed by −0.06 pp,
// not by −0.1 %.
type ChangeKind uint8

const (
	// RelativeChange is (current − previous) / |previous|, shown in
	// percent ("+12.3%"): see [Change].
	RelativeChange ChangeKind = iota
	// PointChange is current − previous of two rates, held as a fraction
	// (0.004 for +0.4 pp) and shown in percentage points ("+0.4 pp"): see
	// [Points].
	PointChange
)

// String returns "relative" or "points".
func (k ChangeKind) String() string {
	switch k {
	case RelativeChange:
		return "relative"
	case PointChange:
		return "points"
	}
	return "ChangeKind(" + strconv.Itoa(int(k)) + ")"
}

// ChangeKind returns how a change of a value of unit u is measured:
// [PointChange] for a [UnitRatio] (a rate or share) and a [UnitPoints],
// [RelativeChange] for every other unit.
func (u Unit) ChangeKind() ChangeKind {
	if u == UnitRatio || u == UnitPoints {
		return PointChange
	}
	return RelativeChange
}

// Points returns the change of a rate from previous to current in
// percentage points (pp, 百分点): current − previous, the difference of
// the two quotients, held as the ratio (current − previous)/1, so 0.004
// for +0.4 pp. The result is exactly the float difference of
// [Ratio.Value] of the two. It is undefined when either is. As a
// [Value], a difference in points is in [UnitPoints]:
// RatioValue(Points(a, b)).In(UnitPoints).
//
// Changes of rates and shares, and their distance from a rate target,
// are differences in points (METRICS.md): a repurchase rate that falls
// from 22.5 % to 17.9 % changed by −4.6 pp, where the relative change,
// −20.3 %, would overstate it.
func Points(current, previous Ratio) Ratio {
	a, ok1 := current.Value()
	b, ok2 := previous.Value()
	if !ok1 || !ok2 {
		return Ratio{}
	}
	return NewRatio(a-b, 1)
}
