package metrics

import (
	"errors"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"math"
	"slices"
	"strconv"
)

// Unit says what kind of number a KPI is, for formatting and arithmetic.
type Unit uint8

const (
	UnitMoney  Unit = iota // an amount of money, such as net sales
	UnitCount              // a count, such as orders or buyers
	UnitRatio              // a fraction, such as 0.032 for a 3.2 % conversion rate
	UnitNumber             // a plain number, such as units per order or LTV/CAC
)

var unitNames = [...]string{"money", "count", "ratio", "number"}

// String returns "money", "count", "ratio" or "number".
func (u Unit) String() string {
	if int(u) < len(unitNames) {
		return unitNames[u]
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

// KPI describes one key performance indicator of the review: its stable
// key, its English and Chinese names, its unit and whether lower is better.
type KPI struct {
	Key       string // stable identifier, such as "net_sales"; used in Target.Metric
	Name      string // English name, such as "Net sales"
	NameZH    string // Chinese name, such as "净销售额"
	Unit      Unit
	Direction Direction
}

// The stable KPI keys. [Summary.Values] fills the keys from GrossSales to
// ReturnRate; the acquisition keys come from [AcquisitionCost], the LTV
// functions and the caller's traffic data.
const (
	KeyGrossSales         = "gross_sales"
	KeyDiscounts          = "discounts"
	KeyReturns            = "returns"
	KeyNetSales           = "net_sales"
	KeyTotalSales         = "total_sales"
	KeyCOGS               = "cogs"
	KeyGrossProfit        = "gross_profit"
	KeyGrossMargin        = "gross_margin"
	KeyOrders             = "orders"
	KeyUnits              = "units"
	KeyAOV                = "aov"
	KeySpendPerBuyer      = "spend_per_buyer"
	KeyUnitsPerOrder      = "units_per_order"
	KeyBuyers             = "buyers"
	KeyNewCustomers       = "new_customers"
	KeyReturningCustomers = "returning_customers"
	KeyRepurchaseRate     = "repurchase_rate"
	KeyReturningRate      = "returning_rate"
	KeyReturnRate         = "return_rate"
	KeyVisitors           = "visitors"
	KeyConversionRate     = "conversion_rate"
	KeyMarketingSpend     = "marketing_spend"
	KeyCAC                = "cac"
	KeyLTV                = "ltv"
	KeyLTVToCAC           = "ltv_cac"
	KeyCACPayback         = "cac_payback_months"
)

// kpiTable is the catalogue, in report order. It is never modified.
var kpiTable = [...]KPI{
	{KeyGrossSales, "Gross sales", "销售总额", UnitMoney, HigherIsBetter},
	{KeyDiscounts, "Discounts", "优惠金额", UnitMoney, LowerIsBetter},
	{KeyReturns, "Returns", "退款金额", UnitMoney, LowerIsBetter},
	{KeyNetSales, "Net sales", "净销售额", UnitMoney, HigherIsBetter},
	{KeyTotalSales, "Total sales", "实收总额", UnitMoney, HigherIsBetter},
	{KeyCOGS, "COGS", "销售成本", UnitMoney, LowerIsBetter},
	{KeyGrossProfit, "Gross profit", "毛利", UnitMoney, HigherIsBetter},
	{KeyGrossMargin, "Gross margin", "毛利率", UnitRatio, HigherIsBetter},
	{KeyOrders, "Orders", "订单数", UnitCount, HigherIsBetter},
	{KeyUnits, "Units", "销售件数", UnitCount, HigherIsBetter},
	{KeyAOV, "AOV", "平均订单价值", UnitMoney, HigherIsBetter},
	{KeySpendPerBuyer, "Spend per buyer", "客单价", UnitMoney, HigherIsBetter},
	{KeyUnitsPerOrder, "Units per order", "连带率", UnitNumber, HigherIsBetter},
	{KeyBuyers, "Buyers", "买家数", UnitCount, HigherIsBetter},
	{KeyNewCustomers, "New customers", "新客数", UnitCount, HigherIsBetter},
	{KeyReturningCustomers, "Returning customers", "老客数", UnitCount, HigherIsBetter},
	{KeyRepurchaseRate, "Repurchase rate", "复购率", UnitRatio, HigherIsBetter},
	{KeyReturningRate, "Returning-customer rate", "老客占比", UnitRatio, HigherIsBetter},
	{KeyReturnRate, "Return rate", "退款率", UnitRatio, LowerIsBetter},
	{KeyVisitors, "Visitors", "访客数", UnitCount, HigherIsBetter},
	{KeyConversionRate, "Conversion rate", "转化率", UnitRatio, HigherIsBetter},
	{KeyMarketingSpend, "Marketing spend", "营销费用", UnitMoney, LowerIsBetter},
	{KeyCAC, "CAC", "获客成本", UnitMoney, LowerIsBetter},
	{KeyLTV, "LTV", "客户价值", UnitMoney, HigherIsBetter},
	{KeyLTVToCAC, "LTV/CAC", "LTV/CAC", UnitNumber, HigherIsBetter},
	{KeyCACPayback, "CAC payback (months)", "回本周期(月)", UnitNumber, LowerIsBetter},
}

// Format formats v for a report by the KPI's unit: money as
// [Money.String], a ratio as a percentage with two decimals ("3.20%"), a
// count as an integer, a number with two decimals, and an undefined value
// as "n/a".
func (k KPI) Format(v Value) string {
	f, ok := v.Float()
	switch {
	case !ok:
		return "n/a"
	case v.isMoney:
		return v.money.String()
	case k.Unit == UnitRatio:
		return strconv.FormatFloat(f*100, 'f', 2, 64) + "%"
	case k.Unit == UnitCount:
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

// KPIs returns the catalogue of KPIs in report order. The slice is a copy.
func KPIs() []KPI { return append([]KPI(nil), kpiTable[:]...) }

// LookupKPI returns the KPI with the given key.
func LookupKPI(key string) (KPI, bool) {
	for _, k := range kpiTable {
		if k.Key == key {
			return k, true
		}
	}
	return KPI{}, false
}

// Additive reports whether the KPI's value over a period is the sum of
// its values over any split of the period into parts: the money totals
// (gross sales to gross profit, marketing spend), orders, units and new
// customers. Buyers, visitors and returning customers are distinct counts,
// and rates and averages are quotients: neither adds up.
func (k KPI) Additive() bool {
	switch k.Key {
	case KeyGrossSales, KeyDiscounts, KeyReturns, KeyNetSales, KeyTotalSales, KeyCOGS, KeyGrossProfit,
		KeyOrders, KeyUnits, KeyNewCustomers, KeyMarketingSpend:
		return true
	}
	return false
}

// ErrKPI is the category of every *[KPIError].
var ErrKPI = errors.New("metrics: bad KPI")

// KPIError records a KPI key that is unknown or used wrongly.
type KPIError struct {
	Key     string
	Problem string
}

func (e *KPIError) Error() string { return "metrics: KPI " + strconv.Quote(e.Key) + ": " + e.Problem }

// Unwrap returns [ErrKPI].
func (e *KPIError) Unwrap() error { return ErrKPI }

// Value is the value of one KPI: an amount of money or a number, or
// undefined (an AOV without orders, a rate over zero). The zero Value is
// undefined.
type Value struct {
	money   money.Money
	num     float64
	isMoney bool
	ok      bool
}

// MoneyValue returns the value m.
func MoneyValue(m money.Money) Value { return Value{money: m, isMoney: true, ok: true} }

// NumberValue returns the value v; it is undefined if v is NaN or infinite.
func NumberValue(v float64) Value {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Value{}
	}
	return Value{num: v, ok: true}
}

// CountValue returns the count n as a value.
func CountValue(n int64) Value { return Value{num: float64(n), ok: true} }

// RatioValue returns the value of r, undefined if r is.
func RatioValue(r Ratio) Value {
	v, ok := r.Value()
	return Value{num: v, ok: ok}
}

// moneyOK returns MoneyValue(m) if ok, else the undefined value.
func moneyOK(m money.Money, ok bool) Value {
	if !ok {
		return Value{}
	}
	return MoneyValue(m)
}

// Defined reports whether v has a value.
func (v Value) Defined() bool { return v.ok }

// IsMoney reports whether v is an amount of money.
func (v Value) IsMoney() bool { return v.ok && v.isMoney }

// Money returns the amount and true for a defined money value.
func (v Value) Money() (money.Money, bool) { return v.money, v.ok && v.isMoney }

// Float returns the number and true for a defined value. A money value is
// converted to float64 here only as a statistic (for charts); use
// [Value.Money] for the amount.
func (v Value) Float() (float64, bool) {
	if !v.ok {
		return 0, false
	}
	if v.isMoney {
		f, _ := v.money.Decimal().Float64()
		return f, true
	}
	return v.num, true
}

// Equal reports whether v and o are the same value.
func (v Value) Equal(o Value) bool {
	if v.ok != o.ok || v.isMoney != o.isMoney {
		return false
	}
	if !v.ok {
		return true
	}
	if v.isMoney {
		return v.money.Equal(o.money)
	}
	return v.num == o.num
}

// String formats a money value as [Money.String], a number with up to four
// decimals, and an undefined value as "n/a".
func (v Value) String() string {
	switch {
	case !v.ok:
		return "n/a"
	case v.isMoney:
		return v.money.String()
	}
	return strconv.FormatFloat(v.num, 'f', -1, 64)
}

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
		KeyAOV:                moneyOK(aov, aovOK),
		KeySpendPerBuyer:      moneyOK(spb, spbOK),
		KeyUnitsPerOrder:      RatioValue(s.UnitsPerOrder),
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
	// Diff is Current − Previous (money or number; for a ratio KPI the
	// difference in points as a fraction, 0.004 for +0.4 pp); undefined if
	// either is.
	Diff Value
	// Change is (Current − Previous) / |Previous| (环比 against the previous
	// period, 同比 against the same period last year); undefined when
	// Previous is zero or undefined. See [Change].
	Change Ratio
	// Target is the target of the KPI for the period, undefined without one.
	Target Value
	// Attainment is Current / Target (目标达成率); undefined without a
	// target or when it is zero. For a lower-is-better KPI below 100 % is
	// the good side: see [Comparison.OnTarget].
	Attainment Ratio
}

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
	if c.KPI.Direction == LowerIsBetter {
		return v <= 1, true
	}
	return v >= 1, true
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
// are in more than one currency; and a *[MismatchError] for a money
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
		if k.Unit == UnitMoney {
			tv[k.Key] = MoneyValue(t.Amount)
		} else {
			tv[k.Key] = NumberValue(t.Value)
		}
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
		c := Comparison{KPI: k, Current: cur, Previous: prev, Target: tgt}
		var err error
		c.Diff, c.Change, err = diff(cur, prev)
		if err == nil {
			c.Attainment, err = attainment(cur, tgt)
		}
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
	k, _ := LookupKPI(ts[0].Metric)
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
			amt, _ = amt.Add(t.Amount) // one currency
		}
	}
	switch {
	case !covers || !ts[len(ts)-1].Period.End.Equal(p.End):
		return Value{}, nil
	case k.Unit == UnitMoney:
		return MoneyValue(amt), nil
	}
	return NumberValue(n), nil
}

// diff returns cur − prev and the relative change.
func diff(cur, prev Value) (Value, Ratio, error) {
	if !cur.ok || !prev.ok {
		return Value{}, Ratio{}, nil
	}
	if cur.isMoney != prev.isMoney {
		return Value{}, Ratio{}, errors.New("metrics: comparing money with a number")
	}
	if cur.isMoney {
		d, err := cur.money.Sub(prev.money)
		if err != nil {
			return Value{}, Ratio{}, err
		}
		ch, err := ChangeMoney(cur.money, prev.money)
		return MoneyValue(d), ch, err
	}
	return NumberValue(cur.num - prev.num), Change(cur.num, prev.num), nil
}

// attainment returns cur / target.
func attainment(cur, tgt Value) (Ratio, error) {
	if !cur.ok || !tgt.ok {
		return Ratio{}, nil
	}
	if cur.isMoney {
		return AttainmentMoney(cur.money, tgt.money)
	}
	return Attainment(cur.num, tgt.num), nil
}
