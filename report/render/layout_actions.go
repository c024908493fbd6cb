package render

import (
	"strconv"

	"github.com/shopmetrics/shopmetrics/report"
)

// actionBlocks lays out the plan's actions (report.Actions) as a list
// ranked by severity and money at stake: each the recommendation, the finding behind
// it, and the stake, KPI to watch and day to check; then a note stating
// the ranking and the check-date rule. A list, not a table: the actions
// are sentences, which a table of six columns would split in HTML.
// layoutPlan calls it.
func actionBlocks(as []report.Action, f Formatter) []block {
	lb := func(k string) string { return Label(k, f.Lang) }
	bs := []block{heading{3, lb("actions")}}
	if len(as) == 0 {
		return append(bs, note{lb("no_actions")})
	}
	var l list
	for i, a := range as {
		it := item{strong: strconv.Itoa(i+1) + ". " + f.Message(a.Recommendation)}
		it.sub = append(it.sub, lb("why")+colon(f.Lang)+"["+lb(a.Severity.String())+"] "+f.Message(a.Title))
		stake := lb("stake") + colon(f.Lang) + f.Value(a.Stake) // n/a when not measured, so the ranking reads
		if s := followUp(a.Stake, a.StakeKind, a.Watch, a.CheckBy, f); s != "" && a.Stake.Defined() {
			stake = s
		} else if s != "" {
			stake += " · " + s
		}
		it.sub = append(it.sub, stake)
		l.items = append(l.items, it)
	}
	return append(bs, l, note{lb("actions_rule")})
}

// stakeKind returns " (what the stake measures)" in language l, for a
// kind of money at stake (report.StakeSales, …), or "" for none or one
// without a label.
func stakeKind(kind string, l Language) string {
	if kind == "" || !HasLabel("stake_"+kind) {
		return ""
	}
	lp, rp := parens(l)
	return lp + Label("stake_"+kind, l) + rp
}
