package report_test

import (
	"fmt"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// The plan's actions ranked by severity, then by money at stake: the
// critical stock-out first, though the slow stock's cash at cost is
// larger (a stake of another kind: each says what it measures), then the
// warnings, the service problem, whose stake is not measured, last. The
// strength is no action.
func ExampleActions() {
	dec := metrics.MonthOf(2025, time.December, time.UTC)
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	fs := []report.Finding{
		{Rule: "stockout_a", Severity: report.Critical, Stake: cny("7846.12"), StakeKind: report.StakeSales, Watch: "stockout_rate", CheckBy: report.CheckDate(dec, true),
			Recommendation: report.Say("Reorder the A items now.", "立即补货A类商品。")},
		{Rule: "service_sla", Severity: report.Warning, Stake: metrics.Undefined(metrics.UnitMoney), Watch: "within_sla", CheckBy: report.CheckDate(dec, false),
			Recommendation: report.Say("Staff the busiest hours.", "高峰时段增加排班。")},
		{Rule: "kpi_improved", Kind: report.Strength, Severity: report.Info, Stake: metrics.Undefined(metrics.UnitMoney)},
		{Rule: "slow_stock", Severity: report.Warning, Stake: cny("145166.60"), StakeKind: report.StakeStockAtCost, Watch: "inventory_value", CheckBy: report.CheckDate(dec, true),
			Recommendation: report.Say("Clear the dead stock.", "清理呆滞库存。")},
	}
	f := render.Formatter{Lang: render.English}
	for i, a := range report.Actions(fs) {
		kind := ""
		if a.StakeKind != "" {
			kind = " (" + a.StakeKind + ")"
		}
		fmt.Printf("%d. %s stake %s%s, watch %s, check %s\n", i+1, f.Message(a.Recommendation), f.Value(a.Stake), kind,
			render.Label(a.Watch, render.English), f.Date(a.CheckBy))
	}
	// Output:
	// 1. Reorder the A items now. stake CN¥7,846.12 (sales), watch Stock-out rate, check 2026-01-30
	// 2. Clear the dead stock. stake CN¥145,166.60 (stock_at_cost), watch Inventory value at cost, check 2026-01-30
	// 3. Staff the busiest hours. stake n/a, watch Answered within SLA, check 2026-01-31
}
