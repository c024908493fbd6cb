package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// suppliers writes the suppliers part of the products section to sh; nothing when p is nil.
func (b *book) suppliers(sh *sheet, p *report.Suppliers) {
	if p == nil {
		return
	}
}
