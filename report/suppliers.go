package report

import "github.com/shopmetrics/shopmetrics/metrics"

// Suppliers is the suppliers part (供应商) of the products section: lead time mean and variability, on-time and fill rates per supplier, and their effect on stock-outs. Nil when no receipt names a supplier.
type Suppliers struct{}

// suppliersPart computes [Suppliers].
type suppliersPart struct{}

func (p *suppliersPart) start(b *builder)                   {}
func (p *suppliersPart) order(b *builder, o *metrics.Order) {}
func (p *suppliersPart) finish(b *builder, r *Review)       {}
