package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/report"
)

// TestSidesUnmeasured: the side effects of promotions that are n/a are
// said with why, in each language, and nothing is said when all are
// measured.
func TestSidesUnmeasured(t *testing.T) {
	items := []report.PromotionResult{
		{Name: "11.11", HaloCause: "cause_whole_store", CannibalizationCause: "cause_no_rivals"},
		{Name: "Coupon"},
		{Name: "Tea week", PullForwardCause: "cause_no_post_window"},
	}
	tests := []struct {
		l     Language
		items []report.PromotionResult
		want  string
	}{
		{English, items, "Side effects not measured: 11.11: cannibalization (every item of the promoted items' categories is promoted); " +
			"halo (the promotion covers the whole store); Tea week: pull-forward (the data end with the promotion's window)."},
		{Chinese, items, "未测得的副作用：11.11：蚕食（促销商品所在类目的商品全部参与促销）；光环（促销覆盖全店）；Tea week：提前透支（数据止于促销窗口结束）。"},
		{English, items[1:2], ""},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, sidesUnmeasured(tt.items, tt.l)); d != "" {
			t.Errorf("%v (-want +got):\n%s", tt.l, d)
		}
	}
}

// TestSideCauses: the side effects not measured, in the table's order
// (cannibalization, halo, pull-forward) whatever the fields set; none
// for a promotion whose side effects are all measured.
func TestSideCauses(t *testing.T) {
	tests := []struct {
		x    report.PromotionResult
		want []SideCause
	}{
		{report.PromotionResult{PullForwardCause: "cause_post_overlap", CannibalizationCause: "cause_no_category"},
			[]SideCause{{"cannibal", "cause_no_category"}, {"pull_forward", "cause_post_overlap"}}},
		{report.PromotionResult{HaloCause: "cause_whole_store"}, []SideCause{{"halo", "cause_whole_store"}}},
		{report.PromotionResult{Name: "measured"}, nil},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, SideCauses(tt.x)); d != "" {
			t.Errorf("%+v (-want +got):\n%s", tt.x, d)
		}
	}
}
