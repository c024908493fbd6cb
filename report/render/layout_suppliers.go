package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutSuppliers lays out the suppliers part of the products section; nothing when p is nil.
func layoutSuppliers(p *report.Suppliers, f Formatter) []block {
	if p == nil {
		return nil
	}
	return nil
}
