package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutChannels lays out the channels section.
func layoutChannels(s *report.Channels, f Formatter) []block {
	return nil
}
