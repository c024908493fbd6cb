package render

import "github.com/shopmetrics/shopmetrics/report"

// actionBlocks lays out the plan's actions; layoutPlan calls it.
func actionBlocks(as []report.Action, f Formatter) []block {
	return nil
}
