package report

import (
	"github.com/shopmetrics/shopmetrics/metrics"
)

// customerKeys are the KPIs of section 5, in the order shown.
var customerKeys = []string{
	metrics.KeyBuyers, metrics.KeyNewCustomers, metrics.KeyReturningCustomers,
	metrics.KeyReturningRate, metrics.KeyRepurchaseRate,
}

// customersSection computes the KPIs of section 5, the buyers with their
// comparisons.
func (b *builder) customersSection(vsPrev, vsYear []metrics.Comparison) *Customers {
	return &Customers{KPIs: kpis(customerKeys, vsPrev, vsYear)}
}
