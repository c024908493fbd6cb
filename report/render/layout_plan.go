package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutPlan lays out the plan section.
func layoutPlan(s *report.Plan, f Formatter) []block {
	return actionBlocks(s.Actions, f)
}
