package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutProfile lays out the customer profile part of the customers section; nothing when p is nil.
func layoutProfile(p *report.Profile, f Formatter) []block {
	if p == nil {
		return nil
	}
	return nil
}
