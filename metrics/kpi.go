package metrics

import (
	"errors"
	"strconv"
)

// KPI describes one key performance indicator: its stable key, its unit,
// whether lower is better, and (see [KPI.Additive]) whether it adds up
// over parts of a period. Display names are not here: they belong to the
// reader's language, and package report/render holds them.
type KPI struct {
	Key       string // stable identifier, such as "net_sales"; used in Target.Metric
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
	{KeyGrossSales, UnitMoney, HigherIsBetter},
	{KeyDiscounts, UnitMoney, LowerIsBetter},
	{KeyReturns, UnitMoney, LowerIsBetter},
	{KeyNetSales, UnitMoney, HigherIsBetter},
	{KeyTotalSales, UnitMoney, HigherIsBetter},
	{KeyCOGS, UnitMoney, LowerIsBetter},
	{KeyGrossProfit, UnitMoney, HigherIsBetter},
	{KeyGrossMargin, UnitRatio, HigherIsBetter},
	{KeyOrders, UnitCount, HigherIsBetter},
	{KeyUnits, UnitCount, HigherIsBetter},
	{KeyAOV, UnitMoney, HigherIsBetter},
	{KeySpendPerBuyer, UnitMoney, HigherIsBetter},
	{KeyUnitsPerOrder, UnitNumber, HigherIsBetter},
	{KeyBuyers, UnitCount, HigherIsBetter},
	{KeyNewCustomers, UnitCount, HigherIsBetter},
	{KeyReturningCustomers, UnitCount, HigherIsBetter},
	{KeyRepurchaseRate, UnitRatio, HigherIsBetter},
	{KeyReturningRate, UnitRatio, HigherIsBetter},
	{KeyReturnRate, UnitRatio, LowerIsBetter},
	{KeyVisitors, UnitCount, HigherIsBetter},
	{KeyConversionRate, UnitRatio, HigherIsBetter},
	{KeyMarketingSpend, UnitMoney, LowerIsBetter},
	{KeyCAC, UnitMoney, LowerIsBetter},
	{KeyLTV, UnitMoney, HigherIsBetter},
	{KeyLTVToCAC, UnitMultiple, HigherIsBetter},
	{KeyCACPayback, UnitNumber, LowerIsBetter},
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
