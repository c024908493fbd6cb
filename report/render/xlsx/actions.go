package xlsx

import (
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// actions writes the plan's actions ranked by severity and money at stake, with the KPI
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
		kind := b.na()
		if a.Stake.Defined() {
			stake = b.value(a.Stake)
			kind = b.stakeKind(a.StakeKind)
		}
		if a.Watch != "" {
			watch = text(lb(a.Watch))
		}
		if !a.CheckBy.IsZero() {
			check = date(a.CheckBy)
		}
		rows = append(rows, []xcell{count(int64(i + 1)), text(b.fm.Message(a.Recommendation)),
			text("[" + lb(a.Severity.String()) + "] " + b.fm.Message(a.Title)), stake, kind, watch, check})
	}
	sh.table(lb("actions"), []string{lb("rank"), lb("action"), lb("why"), lb("stake"), lb("stake_kind"), lb("watch"), lb("check_by")}, rows)
	sh.note(lb("actions_rule"))
}

// stakeKind is the cell of what a money at stake measures
// (report.StakeSales, …): its label, or n/a for none.
func (b *book) stakeKind(kind string) xcell {
	if kind == "" || !render.HasLabel("stake_"+kind) {
		return b.na()
	}
	return text(b.lb("stake_" + kind))
}
