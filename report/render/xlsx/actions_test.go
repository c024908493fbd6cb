package xlsx

import (
	"strconv"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestActionsSheet reads the plan sheet of the demo review's workbook: one
// row per action in rank order, the stake as the exact amount (the NA
// text when not measured) and what it measures, the KPI to watch by its
// name and the day to check as a date.
func TestActionsSheet(t *testing.T) {
	r := demoReview(t)
	if r.Plan == nil || len(r.Plan.Actions) == 0 {
		t.Fatal("the demo review has no actions")
	}
	f := open(t, r, render.English)
	sheet := sheetName(render.SectionTitle(r, report.SectionPlan, render.English))
	head := find(t, f, sheet, render.Label("actions", render.English), 1) + 1
	for i, a := range r.Plan.Actions {
		row := strconv.Itoa(head + 1 + i)
		if got := raw(t, f, sheet, "A"+row); got != strconv.Itoa(i+1) {
			t.Errorf("row %s: rank %q, want %d", row, got, i+1)
		}
		stake := raw(t, f, sheet, "D"+row)
		if m, ok := a.Stake.Money(); ok {
			if g, _ := strconv.ParseFloat(stake, 64); strconv.FormatFloat(g, 'f', 2, 64) != m.Round(money.RoundHalfEven).Amount() {
				t.Errorf("action %d: stake cell %q, want %s", i+1, stake, m.Amount())
			}
		} else if stake != "n/a" {
			t.Errorf("action %d: unmeasured stake cell %q, want n/a", i+1, stake)
		}
		kind := "n/a"
		if a.Stake.Defined() {
			kind = render.Label("stake_"+a.StakeKind, render.English)
		}
		if got := raw(t, f, sheet, "E"+row); got != kind {
			t.Errorf("action %d: stake kind %q, want %q", i+1, got, kind)
		}
		if got, want := raw(t, f, sheet, "F"+row), render.Label(a.Watch, render.English); got != want {
			t.Errorf("action %d: watch %q, want %q", i+1, got, want)
		}
		if got, _ := f.GetCellValue(sheet, "G"+row); got != a.CheckBy.Format("2006-01-02") {
			t.Errorf("action %d: check by %q, want %s", i+1, got, a.CheckBy.Format("2006-01-02"))
		}
	}
}
