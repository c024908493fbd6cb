package metrics

import (
	"errors"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Values maps KPI keys to values: the KPIs of one period.
type Values map[string]Value

// Values returns the KPIs of the summary under their keys, from
// [KeyGrossSales] to [KeyReturnRate]. AOV and spend per buyer are undefined
// without orders or buyers.
func (s Summary) Values() Values {
	aov, aovOK := s.AOV()
	spb, spbOK := s.SpendPerBuyer()
	return Values{
		KeyGrossSales:         MoneyValue(s.GrossSales),
		KeyDiscounts:          MoneyValue(s.Discounts),
		KeyReturns:            MoneyValue(s.Returns),
		KeyNetSales:           MoneyValue(s.NetSales),
		KeyTotalSales:         MoneyValue(s.TotalSales),
		KeyCOGS:               MoneyValue(s.COGS),
		KeyGrossProfit:        MoneyValue(s.GrossProfit),
		KeyGrossMargin:        RatioValue(s.GrossMargin),
		KeyOrders:             CountValue(s.Orders),
		KeyUnits:              CountValue(s.Units),
		KeyAOV:                moneyIf(aov, aovOK),
		KeySpendPerBuyer:      moneyIf(spb, spbOK),
		KeyUnitsPerOrder:      RatioValue(s.UnitsPerOrder).In(UnitNumber),
		KeyBuyers:             CountValue(s.Buyers),
		KeyNewCustomers:       CountValue(s.NewBuyers),
		KeyReturningCustomers: CountValue(s.ReturningBuyers),
		KeyRepurchaseRate:     RatioValue(s.RepurchaseRate),
		KeyReturningRate:      RatioValue(s.ReturningRate),
		KeyReturnRate:         RatioValue(s.ReturnRate),
	}
}

// Comparison is one row of a period review: a KPI this period, last period
// and against target.
type Comparison struct {
	KPI      KPI
	Current  Value
	Previous Value
	// Diff is Current − Previous (see [Value.Sub]: for a ratio KPI the
	// difference in points as a fraction, 0.004 for +0.4 pp); undefined if
	// either is.
	Diff Value
	// Change is the change from Previous to Current (环比 against the
	// previous period, 同比 against the same period last year), measured as
	// the KPI's unit says ([Unit.ChangeKind]): for a rate or share
	// ([PointChange]) the difference Current − Previous in points as a
	// fraction ([Points]: 0.004 for +0.4 pp); for every other KPI
	// ([RelativeChange]) (Current − Previous) / |Previous| ([Change]),
	// undefined when Previous is zero. Undefined when either is.
	Change Ratio
	// Target is the target of the KPI for the period, undefined without one.
	Target Value
	// Attainment is how Current stands against Target (目标达成率),
	// measured like Change: for a rate or share Current − Target in
	// points ([Points]; 0 or above meets a higher-is-better target); for
	// every other KPI Current / Target, undefined when the target is zero.
	// Undefined without a target. For a lower-is-better KPI the good side
	// is below: see [Comparison.OnTarget].
	Attainment Ratio
}

// ChangeKind returns how the comparison's Change and Attainment are
// measured: the KPI's [Unit.ChangeKind].
func (c Comparison) ChangeKind() ChangeKind { return c.KPI.Unit.ChangeKind() }

// Improved reports whether the change is an improvement given the KPI's
// direction, and whether that can be told (see [Direction.Improved]).
func (c Comparison) Improved() (improved, known bool) { return c.KPI.Direction.Improved(c.Change) }

// OnTarget reports whether the KPI met its target (at least the target, or
// at most it for a lower-is-better KPI), and whether that can be told.
func (c Comparison) OnTarget() (met, known bool) {
	v, ok := c.Attainment.Value()
	if !ok {
		return false, false
	}
	par := 1.0 // Current / Target
	if c.ChangeKind() == PointChange {
		par = 0 // Current − Target
	}
	if c.KPI.Direction == LowerIsBetter {
		return v <= par, true
	}
	return v >= par, true
}

// Compare compares the KPIs of two summaries, current and previous (the
// previous period for 环比, the same period a year ago for 同比), and against
// the targets of current's period. It is [CompareValues] on
// [Summary.Values]; add acquisition KPIs with CompareValues.
func Compare(current, previous Summary, targets []Target) ([]Comparison, error) {
	return CompareValues(current.Period, current.Values(), previous.Values(), targets)
}

// CompareValues returns one [Comparison] per KPI present in current,
// previous or targets, in the catalogue order of [KPIs].
//
// A target applies when its Period is the zero Period (any period) or
// equals p (same start and end). Money KPIs take the target's Amount,
// others its Value. A [KPI.Additive] KPI without such a target takes the
// sum of its targets for periods inside p when they cover p one after
// another: a quarter's net sales target is the sum of its three monthly
// targets, and there is none if a month has no target. Targets for other
// periods, and targets whose period is empty, are ignored.
//
// CompareValues returns an errors.Join of a *[KPIError] for each unknown
// key of a target for p or inside it, each KPI with two targets for p,
// and each additive KPI whose targets inside p overlap, lack an amount or
// are in more than one currency; and a *[money.MismatchError] for a money
// target or previous value in another currency than the current one.
func CompareValues(p Period, current, previous Values, targets []Target) ([]Comparison, error) {
	var errs []error
	for _, vs := range []Values{current, previous} {
		for k := range vs {
			if _, ok := LookupKPI(k); !ok {
				errs = append(errs, &KPIError{Key: k, Problem: "unknown key"})
			}
		}
	}
	tv := make(map[string]Value)
	parts := make(map[string][]Target) // targets of additive KPIs for periods inside p
	var keys []string                  // the keys of parts, in the order of targets
	for _, t := range targets {
		exact := t.Period.IsZero() || t.Period.Start.Equal(p.Start) && t.Period.End.Equal(p.End)
		inside := !exact && t.Period.End.After(t.Period.Start) &&
			!t.Period.Start.Before(p.Start) && !t.Period.End.After(p.End)
		if !exact && !inside {
			continue
		}
		k, ok := LookupKPI(t.Metric)
		switch {
		case !ok:
			errs = append(errs, &KPIError{Key: t.Metric, Problem: "unknown key in target"})
			continue
		case inside:
			if k.Additive() {
				if parts[k.Key] == nil {
					keys = append(keys, k.Key)
				}
				parts[k.Key] = append(parts[k.Key], t)
			}
			continue
		case tv[k.Key].Defined():
			errs = append(errs, &KPIError{Key: t.Metric, Problem: "two targets for " + p.Label()})
			continue
		}
		tv[k.Key] = k.target(t.Amount, t.Value)
	}
	for _, key := range keys {
		v, err := sumTargets(p, parts[key])
		if err != nil {
			errs = append(errs, err)
		} else if !tv[key].Defined() { // a target for p itself wins
			tv[key] = v
		}
	}
	var out []Comparison
	for _, k := range kpiTable {
		cur, inCur := current[k.Key]
		prev, inPrev := previous[k.Key]
		tgt, inTgt := tv[k.Key]
		if !inCur && !inPrev && !inTgt {
			continue
		}
		c, err := k.Compare(cur, prev, tgt)
		if err != nil {
			errs = append(errs, err)
		}
		out = append(out, c)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// sumTargets returns the sum of ts, targets of one additive KPI for
// non-empty periods inside p, if they cover p one after another, and the
// undefined Value if they leave a gap. It returns a *KPIError if two of
// them overlap, or if a money target has no amount or another currency
// than the first.
func sumTargets(p Period, ts []Target) (Value, error) {
	ts = slices.Clone(ts)
	slices.SortStableFunc(ts, func(a, b Target) int { return a.Period.Start.Compare(b.Period.Start) })
	k, ok := LookupKPI(ts[0].Metric)
	if !ok { // CompareValues passes only catalogue keys
		return Value{}, &KPIError{Key: ts[0].Metric, Problem: "unknown key in target"}
	}
	bad := func(problem string) (Value, error) { return Value{}, &KPIError{Key: k.Key, Problem: problem} }
	covers := ts[0].Period.Start.Equal(p.Start)
	var amt money.Money
	var n float64
	for i, t := range ts {
		if i > 0 {
			prev := ts[i-1].Period
			switch {
			case t.Period.Start.Equal(prev.Start) && t.Period.End.Equal(prev.End):
				return bad("two targets for " + t.Period.Label())
			case t.Period.Start.Before(prev.End):
				return bad("targets for " + prev.Label() + " and " + t.Period.Label() + " overlap")
			case t.Period.Start.After(prev.End):
				covers = false // a gap
			}
		}
		if k.Unit != UnitMoney {
			n += t.Value
			continue
		}
		switch c := t.Amount.Currency(); {
		case c.IsZero():
			return bad("target for " + t.Period.Label() + " has no amount")
		case i == 0:
			amt = t.Amount
		case c != amt.Currency():
			return bad("target for " + t.Period.Label() + " in " + c.Code() + ", the others in " + amt.Currency().Code())
		default:
			sum, err := amt.Add(t.Amount)
			if err != nil { // the currencies are equal, checked above: an overflow
				return bad("targets for " + p.Label() + ": " + err.Error())
			}
			amt = sum
		}
	}
	if !covers || !ts[len(ts)-1].Period.End.Equal(p.End) {
		return Undefined(k.Unit), nil
	}
	return k.target(amt, n), nil
}

// target returns a target of k: the amount for a money KPI, otherwise the
// number in k's unit, held exactly as a count when k counts and v is whole.
func (k KPI) target(amount money.Money, v float64) Value {
	switch {
	case k.Unit == UnitMoney:
		return MoneyValue(amount)
	case k.Unit == UnitCount && isWhole(v):
		return CountValue(int64(v))
	}
	return NumberValue(v).In(k.Unit)
}

// Compare returns the comparison of current with previous and with target,
// three values of k: their difference ([Value.Sub]), the change and the
// attainment of the target, each measured as k's unit says
// ([Unit.ChangeKind]): in points for a rate or share ([Points]), else
// relatively ([Value.Change], [Value.Attainment]). Each value is read in
// k's unit (see [Value.In]), so a missing one is the undefined value of
// that unit.
//
// Compare returns a *[money.MismatchError] when two amounts are in
// different currencies and an error when an amount meets a number; the
// comparison then has the values but no change or attainment.
func (k KPI) Compare(current, previous, target Value) (Comparison, error) {
	c := Comparison{KPI: k, Current: current.In(k.Unit), Previous: previous.In(k.Unit), Target: target.In(k.Unit)}
	for _, v := range []Value{current, previous, target} {
		if v.Defined() && !v.In(k.Unit).Defined() {
			return c, &KPIError{Key: k.Key, Problem: "a value of " + v.Unit().String() + " for a KPI of " + k.Unit.String()}
		}
	}
	var err error
	if c.Diff, err = c.Current.Sub(c.Previous); err != nil {
		return c, err
	}
	if k.Unit.ChangeKind() == PointChange {
		cur, _ := c.Current.Ratio()
		prev, _ := c.Previous.Ratio()
		tgt, _ := c.Target.Ratio()
		c.Change, c.Attainment = Points(cur, prev), Points(cur, tgt)
		return c, nil
	}
	if c.Change, err = c.Current.Change(c.Previous); err != nil {
		return c, err
	}
	c.Attainment, err = c.Current.Attainment(c.Target)
	return c, err
}

// moneyIf returns MoneyValue(m) if ok, else the undefined amount.
func moneyIf(m money.Money, ok bool) Value {
	if !ok {
		return Undefined(UnitMoney)
	}
	return MoneyValue(m)
}
