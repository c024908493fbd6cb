package inventory

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"gonum.org/v1/gonum/stat/distuv"
)

// ErrParameter: a replenishment parameter out of its range (a service
// level outside (0, 1), a negative lead time, a holding cost that is not
// positive). A *[ParameterError] wraps it.
var ErrParameter = errors.New("inventory: invalid parameter")

// ParameterError records a replenishment parameter out of its range.
type ParameterError struct {
	SKU   string // the SKU whose catalogue entry holds it, or ""
	Name  string // such as "service level"
	Value string
}

func (e *ParameterError) Error() string {
	s := "inventory: invalid " + e.Name + " " + e.Value
	if e.SKU != "" {
		s += " for sku " + strconv.Quote(e.SKU)
	}
	return s
}

// Unwrap returns [ErrParameter].
func (e *ParameterError) Unwrap() error { return ErrParameter }

func paramErr(name string, v float64) error {
	return &ParameterError{Name: name, Value: strconv.FormatFloat(v, 'g', -1, 64)}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// SafetyStock returns the safety stock (安全库存) in units for a cycle
// service level: z × σ × √L, where z is the standard normal quantile of
// serviceLevel (gonum's distuv.UnitNormal), σ the standard deviation of
// demand per day and L the lead time in days. Any time unit works as long
// as σ and L use the same one. Demand over the lead time is taken to be
// normal and independent from day to day.
//
// It returns a *[ParameterError] if serviceLevel is not in (0, 1) or σ or
// L is negative or not finite.
func SafetyStock(serviceLevel, sigma, leadTime float64) (float64, error) {
	if !(serviceLevel > 0 && serviceLevel < 1) {
		return 0, paramErr("service level", serviceLevel)
	}
	if !(sigma >= 0) || !finite(sigma) {
		return 0, paramErr("demand standard deviation", sigma)
	}
	if !(leadTime >= 0) || !finite(leadTime) {
		return 0, paramErr("lead time", leadTime)
	}
	return distuv.UnitNormal.Quantile(serviceLevel) * sigma * math.Sqrt(leadTime), nil
}

// ReorderPoint returns the reorder point (补货点) in units: mean × L +
// [SafetyStock](serviceLevel, sigma, L), for mean and σ of demand per day
// and a lead time of L days. It returns a *[ParameterError] for the
// reasons of SafetyStock or a negative mean.
func ReorderPoint(mean, sigma, leadTime, serviceLevel float64) (float64, error) {
	if !(mean >= 0) || !finite(mean) {
		return 0, paramErr("mean demand", mean)
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
// It returns a *[ParameterError] if D is negative or not finite, S is
// negative or H is not positive, and a *metrics.MismatchError if S and H
// are in different currencies.
func EOQ(annualDemand float64, orderCost, holdingCost money.Money) (float64, error) {
	if !(annualDemand >= 0) || !finite(annualDemand) {
		return 0, paramErr("annual demand", annualDemand)
	}
	if orderCost.IsNegative() {
		return 0, &ParameterError{Name: "order cost", Value: orderCost.String()}
	}
	if !holdingCost.IsPositive() {
		return 0, &ParameterError{Name: "holding cost", Value: holdingCost.String()}
	}
	r, err := metrics.MoneyRatio(orderCost, holdingCost)
	if err != nil {
		return 0, err
	}
	sh, _ := r.Value()
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
// It returns a *[ParameterError] if Cu or Co is not positive or the mean or
// σ is negative or not finite, and a *metrics.MismatchError if the prices
// are in different currencies.
func Newsvendor(mean, sigma float64, price, cost, salvage money.Money) (quantity, criticalRatio float64, err error) {
	if !(mean >= 0) || !finite(mean) {
		return 0, 0, paramErr("mean demand", mean)
	}
	if !(sigma >= 0) || !finite(sigma) {
		return 0, 0, paramErr("demand standard deviation", sigma)
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
		return 0, 0, &ParameterError{Name: "underage cost (price − cost)", Value: cu.String()}
	}
	if !co.IsPositive() {
		return 0, 0, &ParameterError{Name: "overage cost (cost − salvage)", Value: co.String()}
	}
	sum, _ := cu.Add(co)
	r, err := metrics.MoneyRatio(cu, sum)
	if err != nil {
		return 0, 0, err
	}
	cr, _ := r.Value()
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
	MeanDaily    float64
	StdDevDaily  float64
	LeadTimeDays float64
	ServiceLevel float64
	SafetyStock  float64
	ReorderPoint float64
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
// demand over the period, its catalogue lead time and service level (or
// cfg's), and its suggested quantity brings the position up to the reorder
// point plus one lot: the EOQ (annual demand = mean daily × 365) when the
// catalogue gives an order and a holding cost, else cfg.CoverDays of mean
// demand. SKUs with no demand in the period are not listed.
//
// It returns the list of the SKUs it could compute with an error joining a
// *[ParameterError] for each catalogue entry with a parameter out of range.
func (r *Report) ReorderList(cfg ReorderConfig) ([]Reorder, error) {
	sl, lt, cover := cfg.ServiceLevel, cfg.LeadTimeDays, cfg.CoverDays
	if sl == 0 {
		sl = 0.95
	}
	if lt == 0 {
		lt = 7
	}
	if !(cover > 0) || math.IsInf(cover, 0) { // also NaN
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
				o.LeadTimeDays = item.LeadTimeDays
			}
			if item.ServiceLevel != 0 {
				o.ServiceLevel = item.ServiceLevel
			}
		}
		o.Position = o.OnHand + o.OnOrder
		rop, err := ReorderPoint(o.MeanDaily, o.StdDevDaily, o.LeadTimeDays, o.ServiceLevel)
		if err != nil {
			var pe *ParameterError
			if errors.As(err, &pe) {
				pe.SKU = m.SKU
			}
			errs = append(errs, err)
			continue
		}
		o.ReorderPoint = rop
		o.SafetyStock = rop - o.MeanDaily*o.LeadTimeDays
		if float64(o.Position) > rop {
			continue
		}
		lot := o.MeanDaily * cover
		if item != nil && item.HoldingCost.IsPositive() && !item.OrderCost.IsZero() {
			q, err := EOQ(o.MeanDaily*365, item.OrderCost, item.HoldingCost)
			if err != nil {
				var pe *ParameterError
				if errors.As(err, &pe) {
					pe.SKU = m.SKU
				}
				errs = append(errs, err)
				continue
			}
			o.EOQ, lot = q, q
		}
		q := math.Ceil(rop + lot - float64(o.Position))
		if !(q < math.MaxInt64) { // an absurd order
			errs = append(errs, &ParameterError{SKU: m.SKU, Name: "order quantity", Value: strconv.FormatFloat(q, 'g', -1, 64)})
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
