package xlsx

import (
	"strconv"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestMembershipSheet checks the membership part's cells in the customers
// sheet: a level's counts, sales as exact money and shares as numbers, a
// level without a name labelled, and the points ledger.
func TestMembershipSheet(t *testing.T) {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	r := &report.Review{Store: "x", Currency: money.MustCurrency("CNY"), Customers: &report.Customers{}, Membership: &report.Membership{
		Compared: []report.MemberComparison{{Key: "loyalty_aov", Member: metrics.MoneyValue(cny("150.00")), NonMember: metrics.MoneyValue(cny("80.00")),
			Difference: metrics.MoneyValue(cny("70.00")), Low: metrics.Undefined(metrics.UnitMoney), High: metrics.Undefined(metrics.UnitMoney),
			P: metrics.Undefined(metrics.UnitNumber)}},
		Levels: []report.MemberLevel{
			{Name: "gold", Members: 500, New: 10, ActiveRate: metrics.CountRatio(180, 500), Buyers: 200, Orders: 280,
				Sales: cny("42000.05"), AOV: metrics.MoneyValue(cny("150.00")), SalesShare: metrics.NewRatio(1, 4)},
			{Name: "", Members: 3, AOV: metrics.Undefined(metrics.UnitMoney)},
		},
		Opening: 1213272, Adjusted: -5, Holders: 640, PointValue: cny("0.01"),
	}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionCustomers, l))
		row := strconv.Itoa(find(t, f, sh, render.LevelName("gold", l), 1)) // 金卡会员 in Chinese
		for col, want := range map[string]string{"B": "500", "C": "10", "D": "0.36", "E": "200", "F": "280", "G": "42000.05", "I": "0.25"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: gold %s%s = %q, want %s", l, col, row, got, want)
			}
		}
		row = strconv.Itoa(find(t, f, sh, render.LevelName("", l), 1))
		if got, want := raw(t, f, sh, "H"+row), (render.Formatter{Lang: l}).NA(); got != want {
			t.Errorf("%v: AOV of a level without orders %q, want %q", l, got, want)
		}
		row = strconv.Itoa(find(t, f, sh, render.Label("loyalty_opening", l), 1) + 1)
		for col, want := range map[string]string{"A": "1213272", "B": "-5", "C": "640", "D": "0.01"} {
			if got := raw(t, f, sh, col+row); got != want {
				t.Errorf("%v: ledger %s%s = %q, want %s", l, col, row, got, want)
			}
		}
	}
}
