package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// categories writes the category penetration part of the products section to sh; nothing when p is nil.
func (b *book) categories(sh *sheet, p *report.Categories) {
	if p == nil {
		return
	}
}
