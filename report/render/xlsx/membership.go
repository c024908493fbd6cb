package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// membership writes the membership and points part of the customers section to sh; nothing when p is nil.
func (b *book) membership(sh *sheet, p *report.Membership) {
	if p == nil {
		return
	}
}
