package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// fulfilment writes the fulfilment section to sh.
func (b *book) fulfilment(sh *sheet, s *report.Fulfilment) {
}
