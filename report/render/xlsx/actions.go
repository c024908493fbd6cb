package xlsx

import "github.com/shopmetrics/shopmetrics/report"

// actions writes the plan's actions ranked by money at stake, with the KPI
// to watch and the day to check, and the ranking rule under them.
func (b *book) actions(sh *sheet, as []report.Action) {
	lb := b.lb
	if len(as) == 0 {
		sh.note(lb("no_actions"))
		return
	}
	var rows [][]xcell
	for i, a := range as {
		stake, watch, check := b.na(), b.na(), b.na()
		if a.Stake.Defined() {
			stake = b.value(a.Stake)
		}
		if a.Watch != "" {
			watch = text(lb(a.Watch))
		}
		if !a.CheckBy.IsZero() {
			check = date(a.CheckBy)
		}
		rows = append(rows, []xcell{count(int64(i + 1)), text(b.fm.Message(a.Recommendation)),
			text("[" + lb(a.Severity.String()) + "] " + b.fm.Message(a.Title)), stake, watch, check})
	}
	sh.table(lb("actions"), []string{lb("rank"), lb("action"), lb("why"), lb("stake"), lb("watch"), lb("check_by")}, rows)
	sh.note(lb("actions_rule"))
}
