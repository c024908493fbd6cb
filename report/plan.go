package report

// Plan is the plan section (未来规划与目标): the forecast of the next
// period, the targets it suggests and the actions of the findings ranked by
// the money at stake.
type Plan struct {
}
