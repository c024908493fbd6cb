package xlsx

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestPromotionSidesSheet: on the promotions sheet, each side effect of a
// promotion that is n/a has a row under "Side effects not measured" with
// the promotion, the side effect and why, in each language.
func TestPromotionSidesSheet(t *testing.T) {
	cny := money.MustCurrency("CNY")
	u, ur, r0 := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio), metrics.Ratio{}
	m := cny.FromMinor(100)
	item := report.PromotionResult{ID: "p", Name: "Double 12", Actual: m, Baseline: m, Incremental: m, Lift: r0, ROI: r0, NetROI: r0,
		ROILow: ur, ROIHigh: ur, Profit: u, Cannibalization: u, Halo: u, PullForward: metrics.MoneyValue(m),
		CannibalizationCause: "cause_no_rivals", HaloCause: "cause_whole_store", Verdict: "inconclusive"}
	r := &report.Review{Store: "x", Currency: cny, Promotions: &report.Promotions{Items: []report.PromotionResult{item}}}
	for _, l := range []render.Language{render.English, render.Chinese} {
		f := open(t, r, l)
		sh := sheetName(render.SectionTitle(r, report.SectionPromotions, l))
		at := find(t, f, sh, render.Label("sides_unmeasured", l), 1) + 2 // the title, the header, the rows
		var got [][]string
		for i := at; ; i++ {
			row := strconv.Itoa(i)
			if raw(t, f, sh, "A"+row) != "Double 12" {
				break
			}
			got = append(got, []string{raw(t, f, sh, "B"+row), raw(t, f, sh, "C"+row)})
		}
		want := [][]string{
			{render.Label("cannibal", l), render.Label("cause_no_rivals", l)},
			{render.Label("halo", l), render.Label("cause_whole_store", l)},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%v: rows under %q (-want +got):\n%s", l, render.Label("sides_unmeasured", l), d)
		}
	}
}
