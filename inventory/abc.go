package inventory

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Class is an ABC class.
type Class uint8

const (
	ClassA Class = iota // the few SKUs that make most of the value
	ClassB
	ClassC
)

// String returns "A", "B" or "C".
func (c Class) String() string {
	switch c {
	case ClassA:
		return "A"
	case ClassB:
		return "B"
	case ClassC:
		return "C"
	}
	return "Class(" + itoa(int64(c)) + ")"
}

// Measure is what ABC classification ranks SKUs by.
type Measure uint8

const (
	ByRevenue     Measure = iota // net revenue of the period
	ByGrossProfit                // revenue − COGS
	ByUnits                      // units sold
)

// String returns "revenue", "gross profit" or "units".
func (m Measure) String() string {
	switch m {
	case ByGrossProfit:
		return "gross profit"
	case ByUnits:
		return "units"
	}
	return "revenue"
}

// ABCConfig sets the ABC classification.
type ABCConfig struct {
	// By is the value SKUs are ranked by. Defaults to [ByRevenue].
	By Measure
	// A is the bound of class A's band: a SKU is A while the cumulative
	// share of the SKUs ranked before it is below A, in (0, 1]. Defaults
	// to 0.80.
	A float64
	// B is the bound of class B's band: a SKU not in A is B while the
	// cumulative share before it is below B, in [A, 1]. Defaults to 0.95
	// (A 80 %, B the next 15 %, C the last 5 %).
	B float64
}

// Validate reports every field of c out of its range at once, as
// *metrics.ConfigError values joined with errors.Join; nil when c is
// valid: a known By, A 0 (the default) or in (0, 1], B 0 (the default) or
// in [A, 1]. With B left to its default and A above 0.95, B is A.
func (c ABCConfig) Validate() error {
	var errs []error
	if c.By > ByUnits {
		errs = append(errs, configError("ABCConfig.By", "unknown measure "+itoa(int64(c.By))))
	}
	if c.A != 0 && !(c.A > 0 && c.A <= 1) { // also NaN
		errs = append(errs, configError("ABCConfig.A", "must be in (0, 1], got "+ftoa(c.A)))
	}
	if c.B != 0 && !(c.B > 0 && c.B <= 1) {
		errs = append(errs, configError("ABCConfig.B", "must be in (0, 1], got "+ftoa(c.B)))
	} else if c.B != 0 && c.B < c.shareA() {
		errs = append(errs, configError("ABCConfig.B", "must be at least A, "+ftoa(c.shareA())+", got "+ftoa(c.B)))
	}
	return errors.Join(errs...)
}

// shareA returns A with its default.
func (c ABCConfig) shareA() float64 {
	if c.A == 0 {
		return 0.80
	}
	return c.A
}

// shares returns A and B with their defaults.
func (c ABCConfig) shares() (a, b float64) {
	a, b = c.shareA(), c.B
	if b == 0 {
		b = max(0.95, a)
	}
	return a, b
}

func (c ABCConfig) bounds() (decimal.Decimal, decimal.Decimal) {
	a, b := c.shares()
	return decimal.NewFromFloat(a), decimal.NewFromFloat(b)
}

// ftoa formats a configuration value for a message.
func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// ABCInput is one SKU's value for [ClassifyABC].
type ABCInput struct {
	SKU   string
	Value decimal.Decimal // revenue, gross profit or units
}

// ABCItem is one SKU of an ABC classification, in rank order.
type ABCItem struct {
	SKU   string
	Value decimal.Decimal
	Class Class
	// Share is Value / total and Cumulative the share of this SKU and all
	// ranked before it; both undefined when the total is zero. Share is 0
	// for a SKU whose value is not positive.
	Share      metrics.Ratio
	Cumulative metrics.Ratio
}

// ClassSummary is the count and value of one ABC class.
type ClassSummary struct {
	Count int
	Value decimal.Decimal
	Share metrics.Ratio // Value / total; undefined when the total is zero
}

// ABC is an ABC classification (ABC分类).
type ABC struct {
	By      Measure
	Items   []ABCItem // by decreasing value, ties by SKU
	Classes [3]ClassSummary
	// Total is the sum of the positive values, the base of the shares.
	Total decimal.Decimal
}

// Map returns the class of each SKU.
func (a ABC) Map() map[string]Class {
	m := make(map[string]Class, len(a.Items))
	for _, it := range a.Items {
		m[it.SKU] = it.Class
	}
	return m
}

// ClassifyABC ranks SKUs by decreasing value (ties by SKU) and gives each
// the class of the band in which its cumulative share starts (ABC分类,
// METRICS.md): class A while the share of the SKUs ranked before it is
// below cfg.A, class B while it is below cfg.B, and class C after that
// (by default A 80 %, B the next 15 %, C the rest). So the SKU that
// crosses 80 % is A, and a single SKU with 90 % of the value is A; the
// first SKU with a positive value is always A. Classes never go back up
// along the ranking. Shares are compared exactly in decimal.
//
// SKUs with a zero or negative value (no sales, a loss) are class C with a
// zero share; the total is the sum of the positive values, so the shares of
// the classes add up to 100 %. With no positive value every SKU is C and
// the shares are undefined. Empty input gives an empty classification.
//
// An invalid cfg gives the *metrics.ConfigError values of
// [ABCConfig.Validate] and no classification.
func ClassifyABC(in []ABCInput, cfg ABCConfig) (ABC, error) {
	if err := cfg.Validate(); err != nil {
		return ABC{}, err
	}
	boundA, boundB := cfg.bounds()
	items := make([]ABCItem, len(in))
	total := decimal.Zero
	for i, x := range in {
		items[i] = ABCItem{SKU: x.SKU, Value: x.Value}
		if x.Value.Sign() > 0 {
			total = total.Add(x.Value)
		}
	}
	keys, exp, fast := intKeys(in, total)
	if fast {
		// Sort indexes by int64 keys: the same order as the decimals.
		idx := make([]int32, len(in))
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortFunc(idx, func(x, y int32) int {
			if keys[x] != keys[y] {
				if keys[x] > keys[y] {
					return -1
				}
				return 1
			}
			return strings.Compare(in[x].SKU, in[y].SKU)
		})
		sorted := make([]ABCItem, len(in))
		sk := make([]int64, len(in))
		for i, k := range idx {
			sorted[i] = items[k]
			sk[i] = keys[k]
		}
		items, keys = sorted, sk
	} else {
		slices.SortFunc(items, func(x, y ABCItem) int {
			if c := y.Value.Cmp(x.Value); c != 0 {
				return c
			}
			return strings.Compare(x.SKU, y.SKU)
		})
	}
	out := ABC{By: cfg.By, Items: items, Total: total}
	sums := [3]decimal.Decimal{decimal.Zero, decimal.Zero, decimal.Zero}
	var isums [3]int64
	tf := decFloat(total)
	limA, limB := total.Mul(boundA), total.Mul(boundB)
	// In integer units of 10^exp, before < lim ⟺ before < ⌈lim⌉.
	ilimA := limA.Shift(-exp).Ceil().IntPart()
	ilimB := limB.Shift(-exp).Ceil().IntPart()
	cum := decimal.Zero
	var icum int64
	for i := range items {
		it := &items[i]
		it.Class = ClassC
		if it.Value.Sign() > 0 {
			if fast {
				switch { // by the share before this SKU: the band where its share starts
				case icum < ilimA:
					it.Class = ClassA
				case icum < ilimB:
					it.Class = ClassB
				}
				icum += keys[i]
				isums[it.Class] += keys[i]
				it.Share = metrics.NewRatio(float64(keys[i])*pow10f(exp), tf)
				it.Cumulative = metrics.NewRatio(float64(icum)*pow10f(exp), tf)
			} else {
				switch { // by the share before this SKU: the band where its share starts
				case cum.Cmp(limA) < 0:
					it.Class = ClassA
				case cum.Cmp(limB) < 0:
					it.Class = ClassB
				}
				cum = cum.Add(it.Value)
				sums[it.Class] = sums[it.Class].Add(it.Value)
				it.Share = metrics.NewRatio(decFloat(it.Value), tf)
				it.Cumulative = metrics.NewRatio(decFloat(cum), tf)
			}
		} else {
			it.Share = metrics.NewRatio(0, tf)
			if fast {
				it.Cumulative = metrics.NewRatio(float64(icum)*pow10f(exp), tf)
			} else {
				it.Cumulative = metrics.NewRatio(decFloat(cum), tf)
			}
		}
		out.Classes[it.Class].Count++
	}
	for c := range out.Classes {
		if fast {
			sums[c] = decimal.New(isums[c], exp)
		}
		out.Classes[c].Value = sums[c]
		out.Classes[c].Share = metrics.NewRatio(decFloat(sums[c]), tf)
	}
	return out, nil
}

// intKeys returns the values as int64 multiples of 10^exp and true when
// they and the total of the positive values all fit.
func intKeys(in []ABCInput, total decimal.Decimal) ([]int64, int32, bool) {
	exp := int32(0)
	for _, x := range in {
		if e := x.Value.Exponent(); e < exp {
			exp = e
		}
	}
	if exp < -18 {
		return nil, 0, false
	}
	t := total.Shift(-exp)
	if !t.IsInteger() || t.Cmp(decimal.New(1<<62, 0)) > 0 {
		return nil, 0, false
	}
	keys := make([]int64, len(in))
	for i, x := range in {
		k := x.Value.Shift(-exp)
		if k.Abs().Cmp(decimal.New(1<<62, 0)) > 0 {
			return nil, 0, false
		}
		keys[i] = k.IntPart()
	}
	return keys, exp, true
}

func pow10f(exp int32) float64 { return math.Pow10(int(exp)) }

func decFloat(d decimal.Decimal) float64 {
	return d.InexactFloat64()
}

// ABC classifies the report's SKUs by cfg.By over the period (see
// [ClassifyABC]). Every SKU of the report is classified, inactive ones too
// (they are C). An invalid cfg gives the errors of [ABCConfig.Validate].
func (r *Report) ABC(cfg ABCConfig) (ABC, error) {
	in := make([]ABCInput, len(r.SKUs))
	for i, m := range r.SKUs {
		in[i] = ABCInput{SKU: m.SKU, Value: m.value(cfg.By)}
	}
	return ClassifyABC(in, cfg)
}

func (m *SKUMetrics) value(by Measure) decimal.Decimal {
	switch by {
	case ByGrossProfit:
		return m.GrossProfit.Decimal()
	case ByUnits:
		return decimal.NewFromInt(m.Units)
	}
	return m.Revenue.Decimal()
}
