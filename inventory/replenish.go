package inventory

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// paramErr returns the *metrics.ConfigError of parameter name, whose value
// v is out of range.
func paramErr(name, want string, v float64) error {
	return configError(name, "must be "+want+", got "+strconv.FormatFloat(v, 'g', -1, 64))
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// SafetyStock returns the safety stock (安全库存) in units for a cycle
// service level: z × σ × √L, where z is the standard normal quantile of
// serviceLevel (gonum's distuv.UnitNormal), σ the standard deviation of
// demand per day and L the lead time in days. Any time unit works as long
// as σ and L use the same one. Demand over the lead time is taken to be
// normal and independent from day to day.
//
// It returns a *metrics.ConfigError (wrapping metrics.ErrConfig) naming the
// parameter if serviceLevel is not in (0, 1) or σ or L is negative or not
// finite.
func SafetyStock(serviceLevel, sigma, leadTime float64) (float64, error) {
	if !(serviceLevel > 0 && serviceLevel < 1) {
		return 0, paramErr("serviceLevel", "in (0, 1)", serviceLevel)
	}
	if !(sigma >= 0) || !finite(sigma) {
		return 0, paramErr("sigma", "finite and not negative", sigma)
	}
	if !(leadTime >= 0) || !finite(leadTime) {
		return 0, paramErr("leadTime", "finite and not negative", leadTime)
	}
	return distuv.UnitNormal.Quantile(serviceLevel) * sigma * math.Sqrt(leadTime), nil
}

// ReorderPoint returns the reorder point (补货点) in units: mean × L +
// [SafetyStock](serviceLevel, sigma, L), for mean and σ of demand per day
// and a lead time of L days. It returns a *metrics.ConfigError for the
// reasons of SafetyStock or a negative mean.
func ReorderPoint(mean, sigma, leadTime, serviceLevel float64) (float64, error) {
	if !(mean >= 0) || !finite(mean) {
		return 0, paramErr("mean", "finite and not negative", mean)
	}
	ss, err := SafetyStock(serviceLevel, sigma, leadTime)
	if err != nil {
		return 0, err
	}
	return mean*leadTime + ss, nil
}

// EOQ returns the economic order quantity (经济订货量) in units:
// √(2 × D × S / H), for an annual demand of D units, a cost S per order and
// a cost H of holding one unit for a year.
//
// It returns a *metrics.ConfigError if D is negative or not finite, S is
// negative or H is not positive, and a *money.MismatchError if S and H
// are in different currencies.
func EOQ(annualDemand float64, orderCost, holdingCost money.Money) (float64, error) {
	if !(annualDemand >= 0) || !finite(annualDemand) {
		return 0, paramErr("annualDemand", "finite and not negative", annualDemand)
	}
	if orderCost.IsNegative() {
		return 0, configError("orderCost", "must not be negative, got "+orderCost.String())
	}
	if !holdingCost.IsPositive() {
		return 0, configError("holdingCost", "must be positive, got "+holdingCost.String())
	}
	r, err := metrics.MoneyRatio(orderCost, holdingCost)
	if err != nil {
		return 0, err
	}
	sh, ok := r.Value()
	if !ok { // the holding cost is positive: cannot happen
		return 0, configError("holdingCost", "gives no ratio")
	}
	return math.Sqrt(2 * annualDemand * sh), nil
}

// Newsvendor returns the order quantity of a seasonal item sold once
// (the newsvendor model), with normally distributed demand of the given
// mean and standard deviation in units, and the critical ratio it uses:
//
//	underage Cu = price − cost (margin lost per unit short)
//	overage  Co = cost − salvage (loss per unit left over)
//	critical ratio = Cu / (Cu + Co)
//	quantity = mean + z(critical ratio) × σ
//
// It returns a *metrics.ConfigError if Cu or Co is not positive or the mean or
// σ is negative or not finite, and a *money.MismatchError if the prices
// are in different currencies.
func Newsvendor(mean, sigma float64, price, cost, salvage money.Money) (quantity, criticalRatio float64, err error) {
	if !(mean >= 0) || !finite(mean) {
		return 0, 0, paramErr("mean", "finite and not negative", mean)
	}
	if !(sigma >= 0) || !finite(sigma) {
		return 0, 0, paramErr("sigma", "finite and not negative", sigma)
	}
	cu, err := price.Sub(cost)
	if err != nil {
		return 0, 0, err
	}
	co, err := cost.Sub(salvage)
	if err != nil {
		return 0, 0, err
	}
	if !cu.IsPositive() {
		return 0, 0, configError("price", "must be above cost (underage cost price − cost "+cu.String()+")")
	}
	if !co.IsPositive() {
		return 0, 0, configError("salvage", "must be below cost (overage cost cost − salvage "+co.String()+")")
	}
	sum, err := cu.Add(co)
	if err != nil {
		return 0, 0, err
	}
	r, err := metrics.MoneyRatio(cu, sum)
	if err != nil {
		return 0, 0, err
	}
	cr, ok := r.Value()
	if !ok { // cu and co are positive: cannot happen
		return 0, 0, configError("price", "gives no critical ratio")
	}
	return mean + distuv.UnitNormal.Quantile(cr)*sigma, cr, nil
}

// DaysUntilStockout returns on hand / mean daily demand, in days: when the
// stock runs out at the current rate of sales. It is undefined when the
// mean demand is zero (never infinite); negative stock counts as zero.
func DaysUntilStockout(onHand int64, meanDaily float64) metrics.Ratio {
	return metrics.NewRatio(float64(max(onHand, 0)), meanDaily)
}

// ReorderConfig sets the defaults of [Report.ReorderList] for items whose
// catalogue entry leaves them zero.
type ReorderConfig struct {
	// ServiceLevel is the cycle service level. Defaults to 0.95.
	ServiceLevel float64
	// LeadTimeDays is the supplier lead time in days. Defaults to 7.
	LeadTimeDays float64
	// CoverDays is the days of mean demand ordered on top of the reorder
	// point when the item has no order and holding cost for an EOQ.
	// Defaults to 28.
	CoverDays float64
	// LeadTimes are measured lead times by SKU (such as those of
	// supplier.Ledger.LeadTimes): a SKU listed takes its mean lead time
	// and its variability from here, before its catalogue lead time, and
	// its safety stock is [SafetyStockVarying]. Defaults to none: every
	// SKU's lead time is its catalogue's or LeadTimeDays, with no
	// variability.
	LeadTimes map[string]LeadTime
}

// Validate reports every field of c out of its range at once, as
// *metrics.ConfigError values joined with errors.Join; nil when c is
// valid: ServiceLevel 0 (the default) or in (0, 1), LeadTimeDays and
// CoverDays 0 (the default) or positive and finite.
func (c ReorderConfig) Validate() error {
	var errs []error
	if c.ServiceLevel != 0 && !(c.ServiceLevel > 0 && c.ServiceLevel < 1) {
		errs = append(errs, paramErr("ReorderConfig.ServiceLevel", "in (0, 1)", c.ServiceLevel))
	}
	if !(c.LeadTimeDays >= 0) || !finite(c.LeadTimeDays) {
		errs = append(errs, paramErr("ReorderConfig.LeadTimeDays", "finite and not negative", c.LeadTimeDays))
	}
	if !(c.CoverDays >= 0) || !finite(c.CoverDays) {
		errs = append(errs, paramErr("ReorderConfig.CoverDays", "finite and not negative", c.CoverDays))
	}
	for _, sku := range sortedKeys(c.LeadTimes) {
		lt := c.LeadTimes[sku]
		if !(lt.MeanDays > 0) || !finite(lt.MeanDays) {
			errs = append(errs, paramErr("ReorderConfig.LeadTimes["+strconv.Quote(sku)+"].MeanDays", "finite and positive", lt.MeanDays))
		}
		if !(lt.StdDevDays >= 0) || !finite(lt.StdDevDays) {
			errs = append(errs, paramErr("ReorderConfig.LeadTimes["+strconv.Quote(sku)+"].StdDevDays", "finite and not negative", lt.StdDevDays))
		}
	}
	return errors.Join(errs...)
}

// itemFields maps the parameters of the replenishment formulas to the
// catalogue fields they come from in [Report.ReorderList].
var itemFields = map[string]string{"serviceLevel": "ServiceLevel", "leadTime": "LeadTimeDays", "orderCost": "OrderCost", "holdingCost": "HoldingCost"}

// itemField renames the parameter of a *metrics.ConfigError to the field
// of sku's catalogue entry it comes from.
func itemField(err error, sku string) error {
	var ce *metrics.ConfigError
	if errors.As(err, &ce) {
		if f, ok := itemFields[ce.Field]; ok {
			ce.Field = "Items[" + strconv.Quote(sku) + "]." + f
		}
	}
	return err
}

// Reorder is one line of the reorder list.
type Reorder struct {
	SKU, Category string
	OnHand        int64
	OnOrder       int64
	// Position is the inventory position, OnHand + OnOrder.
	Position int64
	// MeanDaily and StdDevDaily are the daily demand of the period (see
	// [SKUMetrics.DemandMean]).
	MeanDaily   float64
	StdDevDaily float64
	// LeadTimeDays is the mean lead time in days and LeadTimeStdDevDays
	// its standard deviation (zero unless measured); LeadTime says which
	// lead time the line used.
	LeadTimeDays       float64
	LeadTimeStdDevDays float64
	LeadTime           LeadTimeSource
	ServiceLevel       float64
	SafetyStock        float64
	ReorderPoint       float64
	// EOQ is the economic order quantity, or 0 when the item has no order
	// and holding cost.
	EOQ float64
	// Quantity is the suggested order: enough to bring the position up to
	// ReorderPoint + EOQ (or + CoverDays of mean demand without an EOQ),
	// rounded up to a whole unit.
	Quantity          int64
	DaysUntilStockout metrics.Ratio
}

// ReorderList returns the active SKUs whose inventory position (units on
// hand at the last snapshot + [Item.OnOrder]) is at or below their reorder
// point, most urgent first (by days until stock-out, then SKU). Each
// line's reorder point uses the SKU's mean and standard deviation of daily
// demand over the period, its service level (or cfg's) and its lead
// time: measured (cfg.LeadTimes, with its variability: the safety stock is
// [SafetyStockVarying]), else the catalogue's, else cfg's (the safety stock
// is then [SafetyStock]); [Reorder.LeadTime] says which. Its suggested
// quantity brings the position up to the reorder
// point plus one lot: the EOQ (annual demand = mean daily × 365) when the
// catalogue gives an order and a holding cost, else cfg.CoverDays of mean
// demand. SKUs with no demand in the period are not listed.
//
// An invalid cfg gives no list and the *metrics.ConfigError values of
// [ReorderConfig.Validate]. Otherwise ReorderList returns the list of the
// SKUs it could compute with an error joining a *metrics.ConfigError for
// each catalogue entry with a parameter out of range (its Field such as
// Items["S1"].ServiceLevel), and a *[DataError] wrapping [ErrOverflow]
// for a SKU whose position or suggested quantity passes the int64 range.
func (r *Report) ReorderList(cfg ReorderConfig) ([]Reorder, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	sl, lt, cover := cfg.ServiceLevel, cfg.LeadTimeDays, cfg.CoverDays
	if sl == 0 {
		sl = 0.95
	}
	if lt == 0 {
		lt = 7
	}
	if cover == 0 {
		cover = 28
	}
	var out []Reorder
	var errs []error
	for i := range r.SKUs {
		m := &r.SKUs[i]
		if !m.Active || m.DemandMean <= 0 {
			continue
		}
		o := Reorder{SKU: m.SKU, Category: m.Category, OnHand: m.OnHand, MeanDaily: m.DemandMean, StdDevDaily: m.DemandStdDev, LeadTimeDays: lt, ServiceLevel: sl}
		item := r.items[m.SKU]
		if item != nil {
			o.OnOrder = item.OnOrder
			if item.LeadTimeDays != 0 {
				o.LeadTimeDays, o.LeadTime = item.LeadTimeDays, LeadTimeCatalogue
			}
			if item.ServiceLevel != 0 {
				o.ServiceLevel = item.ServiceLevel
			}
		}
		pos, ok := intmath.Add64(o.OnHand, o.OnOrder)
		if !ok {
			errs = append(errs, &DataError{Source: "item", SKU: m.SKU, Day: m.LastDay, Count: 1,
				Detail: "on hand " + itoa(o.OnHand) + " + on order " + itoa(o.OnOrder), Err: ErrOverflow})
			continue
		}
		o.Position = pos
		if lt, ok := cfg.LeadTimes[m.SKU]; ok {
			o.LeadTimeDays, o.LeadTimeStdDevDays, o.LeadTime = lt.MeanDays, lt.StdDevDays, LeadTimeMeasured
		}
		ss, err := SafetyStockVarying(o.ServiceLevel, o.MeanDaily, o.StdDevDaily, o.LeadTimeDays, o.LeadTimeStdDevDays)
		if err != nil {
			errs = append(errs, itemField(err, m.SKU))
			continue
		}
		rop := o.MeanDaily*o.LeadTimeDays + ss
		o.ReorderPoint, o.SafetyStock = rop, ss
		if float64(o.Position) > rop {
			continue
		}
		lot := o.MeanDaily * cover
		if item != nil && item.HoldingCost.IsPositive() && !item.OrderCost.IsZero() {
			q, err := EOQ(o.MeanDaily*365, item.OrderCost, item.HoldingCost)
			if err != nil {
				errs = append(errs, itemField(err, m.SKU))
				continue
			}
			o.EOQ, lot = q, q
		}
		q := math.Ceil(rop + lot - float64(o.Position))
		if !(q < math.MaxInt64) { // an absurd order
			errs = append(errs, &DataError{Source: "item", SKU: m.SKU, Day: m.LastDay, Count: 1,
				Detail: "suggested order quantity " + strconv.FormatFloat(q, 'g', -1, 64), Err: ErrOverflow})
			continue
		}
		o.Quantity = int64(q)
		o.DaysUntilStockout = DaysUntilStockout(o.OnHand, o.MeanDaily)
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b Reorder) int {
		av, aok := a.DaysUntilStockout.Value()
		bv, bok := b.DaysUntilStockout.Value()
		if aok != bok {
			if aok {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(av, bv); c != 0 {
			return c
		}
		return strings.Compare(a.SKU, b.SKU)
	})
	return out, errors.Join(errs...)
}
