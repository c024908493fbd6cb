package service

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/internal/fisher"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// ReturnReason is a normalised reason for a return, one of a small
// documented set that return exports' free text is mapped onto.
type ReturnReason uint8

const (
	ReasonOther          ReturnReason = iota // anything not recognised
	ReasonSizeFit                            // wrong size or fit (尺码不合适)
	ReasonNotAsDescribed                     // not as described, colour or quality differs (与描述不符)
	ReasonDamaged                            // arrived damaged or defective (破损/质量问题)
	ReasonLateDelivery                       // arrived late (物流慢)
	ReasonChangedMind                        // no longer wanted (不想要了/七天无理由)
)

var reasonNames = [...]string{"other", "size_fit", "not_as_described", "damaged", "late_delivery", "changed_mind"}

// String returns the reason's key: "size_fit", "not_as_described", …
func (r ReturnReason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "other"
}

// ReturnReasons lists every normalised reason, in order.
var ReturnReasons = []ReturnReason{ReasonSizeFit, ReasonNotAsDescribed, ReasonDamaged, ReasonLateDelivery, ReasonChangedMind, ReasonOther}

// ReasonRule maps free text containing Contains (case-insensitive, at the
// start of a word for Latin text) to Reason.
type ReasonRule struct {
	Contains string
	Reason   ReturnReason
}

// ReasonMap normalises free-text return reasons. Rules are tried in order
// and the first whose text occurs in the reason wins, ignoring case; a rule
// that starts with a Latin letter must occur at the start of a word ("fit"
// matches "fitting" but not "outfit"). Text that matches no rule is
// [ReasonOther]. The zero ReasonMap uses [DefaultReasonRules];
// users extend it by putting their own rules first:
//
//	m := service.ReasonMap{Rules: append([]service.ReasonRule{{"掉色", service.ReasonNotAsDescribed}}, service.DefaultReasonRules...)}
//
// Every rule's Reason must be one of the ReturnReason constants:
// [ReasonMap.Validate] checks it and [Returns] refuses a map that fails.
type ReasonMap struct {
	Rules []ReasonRule
}

// DefaultReasonRules recognise common English and Chinese wording: the
// wordings of the demo store's returns (internal/sample) among them, each
// to the reason it was generated for.
var DefaultReasonRules = []ReasonRule{
	{"size", ReasonSizeFit}, {"fit", ReasonSizeFit}, {"too small", ReasonSizeFit}, {"too large", ReasonSizeFit}, {"too big", ReasonSizeFit},
	{"尺码", ReasonSizeFit}, {"尺寸", ReasonSizeFit}, {"大小", ReasonSizeFit}, {"偏大", ReasonSizeFit}, {"偏小", ReasonSizeFit},
	{"码数不", ReasonSizeFit}, {"码数偏", ReasonSizeFit}, {"大了一码", ReasonSizeFit}, {"小了一码", ReasonSizeFit},
	{"大一码", ReasonSizeFit}, {"小一码", ReasonSizeFit}, {"大了一号", ReasonSizeFit}, {"小了一号", ReasonSizeFit}, {"不合身", ReasonSizeFit},
	{"not as described", ReasonNotAsDescribed}, {"different from", ReasonNotAsDescribed}, {"not as pictured", ReasonNotAsDescribed},
	{"wrong colour", ReasonNotAsDescribed}, {"wrong color", ReasonNotAsDescribed}, {"描述不符", ReasonNotAsDescribed}, {"与描述", ReasonNotAsDescribed},
	{"色差", ReasonNotAsDescribed}, {"图片不符", ReasonNotAsDescribed}, {"和介绍不", ReasonNotAsDescribed}, {"与介绍不", ReasonNotAsDescribed},
	{"介绍不符", ReasonNotAsDescribed}, {"介绍不一", ReasonNotAsDescribed}, {"货不对板", ReasonNotAsDescribed},
	{"damage", ReasonDamaged}, {"broken", ReasonDamaged}, {"defect", ReasonDamaged}, {"faulty", ReasonDamaged},
	{"scratch", ReasonDamaged}, {"破损", ReasonDamaged}, {"损坏", ReasonDamaged}, {"质量问题", ReasonDamaged}, {"坏了", ReasonDamaged},
	{"划痕", ReasonDamaged}, {"划伤", ReasonDamaged}, {"磕碰", ReasonDamaged}, {"污渍", ReasonDamaged},
	{"late", ReasonLateDelivery}, {"delay", ReasonLateDelivery}, {"slow delivery", ReasonLateDelivery},
	{"物流慢", ReasonLateDelivery}, {"发货慢", ReasonLateDelivery}, {"延迟", ReasonLateDelivery}, {"迟到", ReasonLateDelivery},
	{"物流太慢", ReasonLateDelivery}, {"发货太慢", ReasonLateDelivery}, {"快递慢", ReasonLateDelivery}, {"快递太慢", ReasonLateDelivery},
	{"配送慢", ReasonLateDelivery}, {"送货慢", ReasonLateDelivery}, {"送货太慢", ReasonLateDelivery}, {"物流很慢", ReasonLateDelivery},
	{"未按约定时间发货", ReasonLateDelivery},
	{"changed mind", ReasonChangedMind}, {"changed my mind", ReasonChangedMind}, {"no longer", ReasonChangedMind}, {"don't want", ReasonChangedMind},
	{"不想要", ReasonChangedMind}, {"不喜欢", ReasonChangedMind}, {"拍错", ReasonChangedMind}, {"无理由", ReasonChangedMind},
}

// rules returns the rules m applies.
func (m ReasonMap) rules() []ReasonRule {
	if m.Rules == nil {
		return DefaultReasonRules
	}
	return m.Rules
}

// Validate returns an errors.Join of one *metrics.ConfigError, wrapping
// metrics.ErrConfig, per rule whose Reason is not one of the ReturnReason
// constants, naming it "ReasonMap.Rules[i].Reason". It returns nil for a
// valid map; the zero ReasonMap is valid.
func (m ReasonMap) Validate() error {
	var errs []error
	for i, r := range m.rules() {
		if int(r.Reason) >= len(reasonNames) {
			errs = append(errs, configError("ReasonMap.Rules["+strconv.Itoa(i)+"].Reason",
				"ReturnReason("+strconv.Itoa(int(r.Reason))+") is not one of the ReturnReason constants"))
		}
	}
	return errors.Join(errs...)
}

// Normalize maps a free-text reason onto the documented set. A matching
// rule whose Reason is not one of the constants (see [ReasonMap.Validate])
// gives [ReasonOther].
func (m ReasonMap) Normalize(text string) ReturnReason {
	rules := m.rules()
	t := strings.ToLower(text)
	for _, r := range rules {
		if r.Contains != "" && containsAtWord(t, strings.ToLower(r.Contains)) {
			if int(r.Reason) >= len(reasonNames) {
				return ReasonOther
			}
			return r.Reason
		}
	}
	return ReasonOther
}

// containsAtWord reports whether sub occurs in s, and, when sub starts with
// an ASCII letter, at the start of a word: "fit" matches "fitting" but not
// "outfit", "late" matches "late" but not "chocolate". Text without
// letters such as Chinese matches anywhere.
func containsAtWord(s, sub string) bool {
	if !isASCIILetter(sub[0]) {
		return strings.Contains(s, sub)
	}
	for off := 0; ; {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return false
		}
		if i += off; i == 0 || !isASCIILetter(s[i-1]) {
			return true
		}
		off = i + 1
	}
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// Returns accumulates sold and returned units and value per SKU, category
// and reason, for return rates. Add the period's orders with [Returns.AddOrder]
// and its refunds with [Returns.AddRefund]; a refund's SKUs are looked up in
// the orders added so far or later, by SKU.
//
// The zero Returns is ready to use with the default [ReasonMap]; set Reasons
// before the first Add to extend it. AddOrder and AddRefund return the
// error of [ReasonMap.Validate], and record nothing, if Reasons is invalid. Returns of disjoint orders and refunds,
// normalised by the same ReasonMap, merge exactly. A Returns is not safe
// for concurrent use.
type Returns struct {
	Reasons ReasonMap
	// FDR is the false-discovery rate q at which [Returns.Summary] picks
	// its outliers, in (0, 1): the expected share of SKUs flagged by chance
	// among those flagged (Benjamini–Hochberg). Defaults to [DefaultFDR],
	// 0.05; a value outside (0, 1) is read as the default. Merge keeps the
	// receiver's.
	FDR float64

	skus      map[string]*skuReturns
	byReason  [len(reasonNames)]reasonReturns
	noGoods   money.Sum // refunds that returned no goods
	soldUnits int64
	// unitsOnly says that r holds SKUs without their line counts (decoded
	// from a version 1 encoding, or merged with such): the outliers are
	// then tested on units.
	unitsOnly bool
}

type skuReturns struct {
	category      string
	sold          int64
	soldValue     money.Sum // Σ quantity × unit price of sold units (gross)
	returned      int64
	returnedValue money.Sum // refund amounts allocated to this SKU
	reasons       [len(reasonNames)]int64
	// The lines sold (order lines with units) and returned (refunds'
	// returned lines with units): what the outliers' test counts.
	soldLines, returnedLines int64
}

type reasonReturns struct {
	refunds int64
	units   int64
	value   money.Sum
}

func (r *Returns) sku(s string) *skuReturns {
	if r.skus == nil {
		r.skus = map[string]*skuReturns{}
	}
	x := r.skus[s]
	if x == nil {
		x = &skuReturns{}
		r.skus[s] = x
	}
	return x
}

// AddOrder records the units and gross value sold in a non-cancelled order.
// It returns the error of [ReasonMap.Validate], and records nothing, if
// r.Reasons is invalid.
func (r *Returns) AddOrder(o metrics.Order) error {
	if err := r.Reasons.Validate(); err != nil {
		return err
	}
	if o.Status == metrics.Cancelled {
		return nil
	}
	for _, l := range o.Lines {
		x := r.sku(l.SKU)
		if x.category == "" {
			x.category = l.Category
		}
		x.sold += l.Quantity
		x.soldValue.Add(l.UnitPrice.Mul(l.Quantity))
		r.soldUnits += l.Quantity
		if l.Quantity > 0 {
			x.soldLines++
		}
	}
	return nil
}

// AddRefund records a refund. Its amount is spread over its returned lines
// in proportion to their units, to the cent with [money.Money.Allocate], so
// the values per SKU add up to the refund; a refund without returned lines
// counts under its reason only. AddRefund returns the error of
// [ReasonMap.Validate], and records nothing, if r.Reasons is invalid.
func (r *Returns) AddRefund(f metrics.Refund) error {
	if err := r.Reasons.Validate(); err != nil {
		return err
	}
	reason := r.Reasons.Normalize(f.Reason)
	rr := &r.byReason[reason]
	rr.refunds++
	rr.value.Add(f.Amount)
	if len(f.Lines) == 0 {
		r.noGoods.Add(f.Amount)
		return nil
	}
	w := make([]decimal.Decimal, len(f.Lines))
	for i, l := range f.Lines {
		w[i] = decimal.NewFromInt(max(l.Quantity, 0))
	}
	parts, err := f.Amount.Allocate(w)
	for i, l := range f.Lines {
		x := r.sku(l.SKU)
		x.returned += l.Quantity
		x.reasons[reason] += l.Quantity
		if l.Quantity > 0 {
			x.returnedLines++
		}
		rr.units += l.Quantity
		if err == nil {
			x.returnedValue.Add(parts[i])
		}
	}
	if err != nil { // all quantities zero: keep the amount, not per SKU
		r.noGoods.Add(f.Amount)
	}
	return nil
}

// Merge adds everything o has accumulated to r. Both must normalise reasons
// with the same rules (the zero ReasonMap and one holding
// [DefaultReasonRules] are the same), since a reason counted by one map
// would mean something else under the other: Merge returns a
// *metrics.MergeError, and leaves r unchanged, if the rules differ or if o
// is r. Merge panics if o is nil.
func (r *Returns) Merge(o *Returns) error {
	switch {
	case r == o:
		return mergeError("Returns", "a Returns merged with itself would count its refunds twice")
	case !slices.Equal(r.Reasons.rules(), o.Reasons.rules()):
		return mergeError("Returns", "Reasons have different rules")
	}
	for s, y := range o.skus {
		x := r.sku(s)
		if x.category == "" {
			x.category = y.category
		}
		x.sold += y.sold
		x.soldValue.Merge(y.soldValue)
		x.returned += y.returned
		x.returnedValue.Merge(y.returnedValue)
		x.soldLines += y.soldLines
		x.returnedLines += y.returnedLines
		for i := range x.reasons {
			x.reasons[i] += y.reasons[i]
		}
	}
	for i := range r.byReason {
		r.byReason[i].refunds += o.byReason[i].refunds
		r.byReason[i].units += o.byReason[i].units
		r.byReason[i].value.Merge(o.byReason[i].value)
	}
	r.noGoods.Merge(o.noGoods)
	r.soldUnits += o.soldUnits
	r.unitsOnly = r.unitsOnly || o.unitsOnly
	return nil
}

// ReturnStat is the return rate of one SKU, category or reason.
type ReturnStat struct {
	Name     string
	Category string // for a SKU
	Sold     int64  // units sold
	Returned int64  // units returned
	// SoldLines and ReturnedLines are the order lines with units of the
	// SKU (a category's: of its SKUs) and the returned lines with units of
	// refunds: the counts the outliers' test reads (see
	// [ReturnSummary].Outliers). Both are 0 for a Returns decoded from a
	// version 1 encoding, which did not hold them.
	SoldLines, ReturnedLines int64
	UnitRate                 metrics.Ratio // returned units / sold units
	SoldValue                money.Money   // gross value of the units sold
	ReturnedValue            money.Money   // refunds allocated to it
	ValueRate                metrics.Ratio // returned value / sold value: refunds, paid after discounts, over gross sales (a store's return rate by value, returns / (gross sales − discounts), is metrics.Summary.ReturnRate)
	TopReason                ReturnReason
	// PValue is a SKU's p-value in the test of [ReturnSummary].Outliers
	// (Fisher's exact one-sided test against the rest of its category),
	// undefined for a SKU not tested and for a category.
	PValue metrics.Value
}

// ReasonStat is the share of returns with one normalised reason.
type ReasonStat struct {
	Reason  ReturnReason
	Refunds int64
	Units   int64
	Value   money.Money
	Share   metrics.Ratio // units with this reason / all returned units
}

// ReturnSummary holds return rates by SKU, category and reason, and the
// SKUs whose return rate stands out from their category.
type ReturnSummary struct {
	Currency   money.Currency
	BySKU      []ReturnStat // most returned units first
	ByCategory []ReturnStat
	ByReason   []ReasonStat // in the order of ReturnReasons
	// Outliers are SKUs whose unit return rate stands out from their
	// category's: each SKU with sales, in a category with other sold
	// lines, is tested against the rest of its category (without it) by a
	// one-sided Fisher exact test on lines: returned lines of sold lines,
	// each returned line of a refund counting once and a SKU's returned
	// lines capped at its sold lines. A refund does not say which order
	// line it returns, so a line returned in two refunds counts twice. A
	// line's units are sold and returned together, so that counting units
	// would count one customer's decision several times and make a SKU
	// sold by the pack look significant; a Returns decoded from a version
	// 1 encoding, without line counts, is tested on units. The p-values
	// of all SKUs tested are controlled together at the false-discovery rate [Returns].FDR
	// (default 5 %) by [BenjaminiHochberg], so that testing 120 SKUs does
	// not flag six of them by chance. An outlier is also at least 1.5 times
	// the rate of the rest of its category, with at least 3 units
	// returned: the products whose pages, size guides or quality need a
	// look. Most returned units first.
	Outliers []ReturnStat
	// Tested is the number of SKUs tested for Outliers (the m of
	// Benjamini–Hochberg), and FDR the rate q they were controlled at.
	Tested int
	FDR    float64
}

// Summary returns the return rates in currency c (amounts of other
// currencies are left out of the value rates; keep one Returns per
// currency for a multi-currency store).
func (r *Returns) Summary(c money.Currency) ReturnSummary {
	s := ReturnSummary{Currency: c}
	cats := map[string]*catReturns{}
	var totalReturned int64
	for name, x := range r.skus {
		st := ReturnStat{Name: name, Category: x.category, Sold: x.sold, Returned: x.returned,
			SoldLines: x.soldLines, ReturnedLines: x.returnedLines,
			SoldValue: x.soldValue.Total(c), ReturnedValue: x.returnedValue.Total(c), TopReason: topReason(x.reasons)}
		st.UnitRate = metrics.CountRatio(st.Returned, st.Sold)
		st.ValueRate = ratio(st.ReturnedValue, st.SoldValue)
		s.BySKU = append(s.BySKU, st)
		totalReturned += x.returned
		cs := cats[x.category]
		if cs == nil {
			cs = &catReturns{ReturnStat: ReturnStat{Name: x.category}}
			cats[x.category] = cs
		}
		cs.Sold += st.Sold
		cs.Returned += st.Returned
		cs.SoldLines += st.SoldLines
		cs.ReturnedLines += st.ReturnedLines
		cs.testedLines += testedLines(st)
		cs.sold.AddMoney(st.SoldValue) // of c, as every total here
		cs.returned.AddMoney(st.ReturnedValue)
	}
	for _, cs := range cats {
		cs.UnitRate = metrics.CountRatio(cs.Returned, cs.Sold)
		cs.SoldValue, cs.ReturnedValue = cs.sold.Money(c), cs.returned.Money(c)
		cs.ValueRate = ratio(cs.ReturnedValue, cs.SoldValue)
		cs.PValue = metrics.Undefined(metrics.UnitNumber)
		s.ByCategory = append(s.ByCategory, cs.ReturnStat)
	}
	byReturned := func(a, b ReturnStat) int {
		if c := cmp.Compare(b.Returned, a.Returned); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	}
	slices.SortFunc(s.BySKU, byReturned)
	slices.SortFunc(s.ByCategory, byReturned)
	for _, reason := range ReturnReasons {
		rr := r.byReason[reason]
		s.ByReason = append(s.ByReason, ReasonStat{Reason: reason, Refunds: rr.refunds, Units: rr.units, Value: rr.value.Total(c),
			Share: metrics.CountRatio(rr.units, totalReturned)})
	}
	// One test per SKU that can be tested; BH over all of them.
	var tested []int // indexes into s.BySKU
	var ps []float64
	for i, st := range s.BySKU {
		cs := cats[st.Category]
		s.BySKU[i].PValue = metrics.Undefined(metrics.UnitNumber)
		x1, n1, x0, n0 := testedLines(st), st.SoldLines, cs.testedLines-testedLines(st), cs.SoldLines-st.SoldLines
		if r.unitsOnly {
			x1, n1, x0, n0 = st.Returned, st.Sold, cs.Returned-st.Returned, cs.Sold-st.Sold
		}
		if p, ok := returnPValue(x1, n1, x0, n0); ok {
			tested = append(tested, i)
			ps = append(ps, p)
			s.BySKU[i].PValue = metrics.NumberValue(p)
		}
	}
	s.FDR = r.FDR
	if !(s.FDR > 0 && s.FDR < 1) {
		s.FDR = DefaultFDR
	}
	s.Tested = len(tested)
	for j, rejected := range BenjaminiHochberg(ps, s.FDR) {
		st := s.BySKU[tested[j]]
		cs := cats[st.Category]
		if rejected && notable(st.Returned, st.Sold, cs.Returned-st.Returned, cs.Sold-st.Sold) {
			s.Outliers = append(s.Outliers, st)
		}
	}
	return s
}

// testedLines returns the returned lines of st that the outliers' test
// counts: at most its sold lines (a refund does not name the order line
// it returns, so a line returned in two refunds counts twice, up to that
// cap).
func testedLines(st ReturnStat) int64 { return min(st.ReturnedLines, max(st.SoldLines, 0)) }

// catReturns is a category's ReturnStat with its values as exact totals of
// the summary's currency.
type catReturns struct {
	ReturnStat
	sold, returned money.Total
	testedLines    int64 // the sum of its SKUs' testedLines
}

// ratio returns num/den, two amounts of one currency, as metrics.MoneyRatio
// would.
func ratio(num, den money.Money) metrics.Ratio {
	return metrics.NewRatio(num.Decimal().InexactFloat64(), den.Decimal().InexactFloat64())
}

func topReason(r [len(reasonNames)]int64) ReturnReason {
	best := ReasonOther
	for _, reason := range ReturnReasons {
		if r[reason] > r[best] {
			best = reason
		}
	}
	return best
}

// returnPValue returns the one-sided p-value of Fisher's exact test that a
// SKU's return rate, x1 of n1 units, is above the rest of its category's,
// x0 of n0: the probability that n1 units drawn without replacement from
// the category's n1+n0, of which x1+x0 were returned, hold x1 returned
// units or more (the upper tail of the hypergeometric distribution). It
// reports whether the test can be made: both groups sold and the pooled
// rate is strictly between 0 and 1. The exact test, not the normal
// approximation of a two-proportion z-test, which on a SKU with 3 of 27
// units returned against 1.7 % gave p = 5e-5 where the exact tail is
// about 0.01: a SKU sells few units in a month.
func returnPValue(x1, n1, x0, n0 int64) (float64, bool) {
	if n1 <= 0 || n0 <= 0 || x1 < 0 || x1 > n1 || x0 < 0 || x0 > n0 {
		return 0, false
	}
	k := x1 + x0
	if k == 0 || k == n1+n0 {
		return 0, false
	}
	return fisher.Upper(x1, n1, k, n1+n0), true
}

// notable reports whether a SKU's returns are large enough to act on: at
// least 3 units returned, at a rate at least 1.5 times the rest of its
// category's.
func notable(x1, n1, x0, n0 int64) bool {
	return x1 >= 3 && float64(x1)/float64(n1) >= 1.5*float64(x0)/float64(n0)
}
