package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutFulfilment lays out the fulfilment section.
func layoutFulfilment(s *report.Fulfilment, f Formatter) []block {
	return nil
}
