package report

// Plan is the plan section (未来规划与目标): the forecast of the next
// period, the targets it suggests and the actions of the findings ranked by
// the money at stake.
type Plan struct {
	// Actions are the recommendations of the findings ranked by the money
	// at stake, each with the KPI to watch and a date to check (set by
	// Build after the rules ran; see actions.go).
	Actions []Action `json:"actions"`
}
