package inventory

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// LeadTime is a lead time measured from past deliveries, such as the one
// package inventory/supplier gives for a SKU's supplier: the mean and
// standard deviation of the days from order to receipt.
type LeadTime struct {
	MeanDays   float64 // mean lead time in days; positive
	StdDevDays float64 // standard deviation of the lead time in days; not negative
	// Receipts is the number of deliveries measured; it is shown, not
	// used.
	Receipts int64
	// Supplier names the supplier measured; it is shown, not used.
	Supplier string
}

// LeadTimeSource says where the lead time of a [Reorder] line comes from.
type LeadTimeSource uint8

const (
	// LeadTimeDefault is [ReorderConfig.LeadTimeDays] (7 days unless set),
	// with no lead-time variability.
	LeadTimeDefault LeadTimeSource = iota
	// LeadTimeCatalogue is the item's [Item.LeadTimeDays], with no
	// lead-time variability.
	LeadTimeCatalogue
	// LeadTimeMeasured is a [LeadTime] of [ReorderConfig.LeadTimes]: its
	// mean and its standard deviation both enter the safety stock.
	LeadTimeMeasured
)

// String returns "default", "catalogue" or "measured".
func (s LeadTimeSource) String() string {
	switch s {
	case LeadTimeDefault:
		return "default"
	case LeadTimeCatalogue:
		return "catalogue"
	case LeadTimeMeasured:
		return "measured"
	}
	return fmt.Sprintf("LeadTimeSource(%d)", uint8(s))
}

// SafetyStockVarying returns the safety stock (安全库存) in units when
// both the daily demand and the lead time vary:
//
//	SS = z × √(L × σd² + d² × σL²)
//
// where z is the standard normal quantile of serviceLevel, d and σd the
// mean and standard deviation of demand per day, and L and σL the mean and
// standard deviation of the lead time in days (demand and lead time
// independent, demand normal and independent from day to day; Chopra &
// Meindl, "Supply Chain Management", safety inventory with uncertain lead
// time). With σL = 0 it is [SafetyStock](serviceLevel, σd, L). It grows
// with σL.
//
// It returns a *metrics.ConfigError naming the parameter if serviceLevel
// is not in (0, 1) or a mean or standard deviation is negative or not
// finite.
func SafetyStockVarying(serviceLevel, mean, sigma, leadTime, sigmaLead float64) (float64, error) {
	if !(mean >= 0) || !finite(mean) {
		return 0, paramErr("mean", "finite and not negative", mean)
	}
	if !(sigmaLead >= 0) || !finite(sigmaLead) {
		return 0, paramErr("sigmaLead", "finite and not negative", sigmaLead)
	}
	ss, err := SafetyStock(serviceLevel, sigma, leadTime)
	if err != nil || sigmaLead == 0 {
		return ss, err
	}
	v := leadTime*sigma*sigma + mean*mean*sigmaLead*sigmaLead
	if !finite(v) {
		return 0, paramErr("sigmaLead", "small enough for a finite safety stock", sigmaLead)
	}
	return distuv.UnitNormal.Quantile(serviceLevel) * math.Sqrt(v), nil
}

// sortedKeys returns the keys of m in ascending order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
