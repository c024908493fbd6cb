package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// channels writes the channels section to sh.
func (b *book) channels(sh *sheet, s *report.Channels) {
}
