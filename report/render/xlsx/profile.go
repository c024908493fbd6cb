package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// profile writes the customer profile part of the customers section to sh; nothing when p is nil.
func (b *book) profile(sh *sheet, p *report.Profile) {
	if p == nil {
		return
	}
}
