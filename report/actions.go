package report

// Action is one action of the plan: a finding's recommendation with the
// money at stake, the KPI to watch and when to check it.
type Action struct {
}
