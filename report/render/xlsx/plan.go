package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// plan writes the plan section to sh.
func (b *book) plan(sh *sheet, s *report.Plan) {
	if s == nil {
		return
	}
	b.actions(sh, s.Actions)
}
