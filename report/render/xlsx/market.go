package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// market writes the market section to sh; nothing when p is nil.
func (b *book) market(sh *sheet, p *report.Market) {
	if p == nil {
		return
	}
}
