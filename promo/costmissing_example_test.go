package promo_test

import (
	"fmt"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The same tea promotion as in the package example, in a shop whose
// export has no unit cost for its teas: their gross profit is not known,
// so the ledger counts the units sold without a cost, and no interval,
// verdict or ROI is given on a gross profit that would count their whole
// net sales as profit. The sales figures need no cost and are as before.
func Example_withoutCosts() {
	p, orders := tea20()
	for k := range orders {
		for i := range orders[k].Lines {
			if orders[k].Lines[i].Category == "tea" {
				orders[k].Lines[i].UnitCost = money.Money{} // not in the export
			}
		}
	}
	r := analyze(p, orders)
	fmt.Printf("units: %d sold, %.1f expected\n", r.Lift.Actual.Units, r.Lift.Baseline.Units)
	fmt.Println("incremental net sales:", r.Lift.NetSales)
	fmt.Println("units without a cost:", r.Lift.CostMissing)
	fmt.Println("gross profit interval:", r.Lift.GrossProfitCI, "verdict:", r.Lift.Verdict)
	fmt.Println("ROI:", r.ROI.Percent(2), "net ROI:", r.NetROI.Percent(2), "outcome:", r.Outcome)
	for _, c := range r.Caveats {
		if strings.Contains(c, "without a unit cost") {
			fmt.Println("caveat:", c)
		}
	}
	// Output:
	// units: 519 sold, 373.0 expected
	// incremental net sales: CNY 3213.00
	// units without a cost: 1265
	// gross profit interval: n/a verdict: undetermined
	// ROI: n/a net ROI: n/a outcome: inconclusive
	// caveat: ROI and the verdict not estimated: 1265 units of the promoted items in the pre-period and window were sold without a unit cost, and their gross profit would be their whole net sales
	// caveat: net ROI not estimated: the pull-forward (1116 units) sold without a unit cost in its pre-period or days, and their gross profit would be their whole net sales
}
