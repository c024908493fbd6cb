package render

import (
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// TestNames fails on any key a review can print without an English and a
// Chinese name: every KPI of metrics' catalogue and of the review's own
// (report.KPIs), every section, the keys of the parts a note can name,
// and every evidence key, evidence subject key and label argument the
// default rules write (the hand review fires each rule once).
func TestNames(t *testing.T) {
	var keys []string
	for _, k := range metrics.KPIs() {
		keys = append(keys, k.Key)
	}
	for _, k := range report.KPIs() {
		keys = append(keys, k.Key)
	}
	for _, s := range report.Sections() {
		keys = append(keys, s.String())
	}
	// The parts Build may leave out with a note (overview.go, products.go,
	// promotions.go, cohorts.go).
	keys = append(keys, "decomposition", "reorder", "roi_interval", "predicted_clv", "not_computed", "notes_count", "notes_count_one", "left_out", "other_currency_orders", "bad_inventory_records", "rejected_rows", "other_currency_refunds", "other_currency_spend", "refunds_unknown_order", "inventory_negative_on_hand", "inventory_unknown_sku", "inventory_other_currency", "inventory_out_of_order", "inventory_outside_period", "inventory_after_data_end", "inventory_bad_quantity", "inventory_bad_amount", "inventory_overflow", "invalid_orders", "invalid_refunds", "invalid_events", "invalid_tickets", "cur_coverage", "prev_coverage", "year_coverage", "orders_gap", "prev_gap", "year_gap", "campaign_in_gap", "cause_days_missing", "no_cost_share", "no_snapshots", "roi_no_cost", "net_roi_no_cost", "campaign_no_cost", "no_cost_unit", "no_cost_units", "no_cost_side_unit", "no_cost_side_units", "no_cost_order", "no_cost_orders", "no_cost_promo", "roi_zero_cost", "zero_cost_promo", "pull_forward_overlap", "post_window_overlap")
	// The return reasons with advice, and the missing inputs of omissions.
	keys = append(keys, "size_fit", "not_as_described", "damaged", "late_delivery", "changed_mind", "other",
		"missing_orders", "missing_events", "missing_inventory", "missing_promotions", "missing_tickets", "missing_spend")
	r := handReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	if len(r.Findings) == 0 {
		t.Fatal("no findings: the check of the rules' keys would be empty")
	}
	for _, f := range r.Findings {
		keys = append(keys, f.Severity.String())
		if f.Watch != "" {
			keys = append(keys, f.Watch)
		}
		for _, e := range f.Evidence {
			keys = append(keys, e.Key)
			if e.Of != "" {
				keys = append(keys, e.Of)
			}
		}
		for _, m := range []report.Message{f.Title, f.Recommendation} {
			for _, a := range m.Args {
				// Funnel steps of the hand review are named by data
				// ("view", "cart"): only the default steps have names.
				if a.Kind == report.ArgLabel && !isStep(r, a.Text) {
					keys = append(keys, a.Text)
				}
			}
		}
	}
	for _, k := range keys {
		if !HasLabel(k) {
			t.Errorf("key %q has no English and Chinese name", k)
		}
	}
}

func isStep(r *report.Review, name string) bool {
	for _, s := range r.Traffic.Funnel {
		if s.Name == name {
			return true
		}
	}
	return false
}

// TestNamesAgree pins the five names on which metrics and the report
// once disagreed, as METRICS.md and the golden reviews decide them.
func TestNamesAgree(t *testing.T) {
	for _, tt := range []struct {
		key, en, zh, reason string
	}{
		{"return_rate", "Refund rate", "退款率", "metrics.Summary.ReturnRate is refunds / (gross sales − discounts): a refund value rate (METRICS.md: Returns 退款金额)"},
		{"units", "Units", "件数", "the golden reviews' column of sold and returned units"},
		{"ltv", "Predicted LTV of a new customer", "新客预测LTV", "METRICS.md: LTV horizon, the page names which LTV it shows (issue 17 item 4)"},
		{"buyers", "Buyers", "购买客户数", "the golden reviews' customer section"},
		{"returning_rate", "Returning customer rate", "老客占比", "METRICS.md: Returning customer rate 老客占比"},
	} {
		if en, zh := Label(tt.key, English), Label(tt.key, Chinese); en != tt.en || zh != tt.zh {
			t.Errorf("%s: %q, %q; want %q, %q (%s)", tt.key, en, zh, tt.en, tt.zh, tt.reason)
		}
	}
}

// TestNotesRendered checks that a part of a section that could not be
// computed is said in its section, in both languages, and counted under
// the findings, and that coverage remarks (where the data starts before
// a compared period or ends before the reviewed one) are said, not
// counted.
func TestNotesRendered(t *testing.T) {
	r := handReview()
	// The coverage of a compared period is a remark, not a part missing:
	// not counted.
	r.Notes = []report.Note{{Section: report.SectionOverview, Key: "prev_coverage", Reason: "2024-01-01"},
		{Section: report.SectionCustomers, Key: "predicted_clv", Reason: "clv: no convergence"},
		{Section: report.SectionOverview, Key: "year_coverage", Reason: "2024-01-01"},
		{Section: report.SectionOverview, Key: "cur_coverage", Reason: "2025-12-20"},
		{Section: report.SectionOverview, Key: "prev_gap", Reason: "2025-11-10..2025-11-25"}}
	for _, tt := range []struct {
		lang  Language
		wants []string
	}{
		{English, []string{"*Not computed: Predicted CLV of all customers (LTV horizon) (clv: no convergence)*", "*Not computed: 1 part of the review, noted in its section.*",
			"*The data ends before the period does: its figures cover the days up to 2025-12-20*",
			"*Totals and counts are not compared with the previous period (n/a): days missing from the data in the periods compared: 2025-11-10..2025-11-25*"}},
		{Chinese, []string{"*未能计算：全部客户预测价值（LTV口径）（clv: no convergence）*", "*未能计算：本报告有1项，已在所在章节注明。*",
			"*数据在统计期结束前截止：本期数据只统计到 2025-12-20*",
			"*总量与计数类指标不作环比（n/a）：对比期间内数据缺失的日期：2025-11-10..2025-11-25*"}},
	} {
		md := render(t, Markdown{Lang: tt.lang}, r)
		for _, want := range tt.wants {
			if !strings.Contains(md, want) {
				t.Errorf("%v: %q not in:\n%s", tt.lang, want, md)
			}
		}
	}
}

// TestMessagesComplete checks that every message of the default rules has
// one argument per verb of its format, in both languages: a missing or
// extra argument would print as "%!s(MISSING)" or "%!(EXTRA …)".
func TestMessagesComplete(t *testing.T) {
	r := handReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, f := range r.Findings {
		for _, lang := range []Language{English, Chinese} {
			fm := Formatter{Lang: lang}
			for _, m := range []report.Message{f.Title, f.Recommendation} {
				if s := fm.Message(m); strings.Contains(s, "%!") {
					t.Errorf("%s, %v: %q", f.Rule, lang, s)
				}
			}
		}
	}
}

// TestLeftOutNotesRendered: a note of data left out is written in the
// page's language, with its data and count; its data carries no English
// (the notes' reasons were English sentences on the Chinese page).
func TestLeftOutNotesRendered(t *testing.T) {
	r := handReview()
	r.Notes = []report.Note{
		{Section: report.SectionOverview, Key: "other_currency_orders", Reason: "USD O1", LeftOut: 1200},
		{Section: report.SectionOverview, Key: "rejected_rows", Reason: "refunds.csv", LeftOut: 1},
	}
	for _, tt := range []struct {
		lang  Language
		wants []string
	}{
		{English, []string{"*Left out: Orders in other currencies than the review's (USD O1: 1,200)*", "*Left out: Rows rejected while reading (refunds.csv: 1)*"}},
		{Chinese, []string{"*未计入：非本报告币种的订单（USD O1：1,200）*", "*未计入：读取时拒绝的行（refunds.csv：1）*"}},
	} {
		md := render(t, Markdown{Lang: tt.lang}, r)
		for _, want := range tt.wants {
			if !strings.Contains(md, want) {
				t.Errorf("%v: %q not in:\n%s", tt.lang, want, md)
			}
		}
		if tt.lang == Chinese && strings.Contains(md, "Not computed") {
			t.Errorf("left-out notes counted as parts not computed")
		}
	}
}

// TestFunnelStepEvidenceNamed checks that the funnel-loss finding's
// evidence names its step as the funnel table does ("提交订单"), not by
// its key: the hand review's Chinese page read "流失率（checkout）".
func TestFunnelStepEvidenceNamed(t *testing.T) {
	r := handReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	zh := render(t, Markdown{Lang: Chinese}, r)
	if want := "流失率（提交订单） 60.0%；往期流失率（提交订单） 45.0%"; !strings.Contains(zh, want) {
		t.Errorf("%q not in the Chinese page:\n%s", want, zh)
	}
}

// TestNoteReasonCause: a part not computed for an error of a known kind
// says the kind in Chinese instead of the error's English text, which
// the English page and the JSON keep.
func TestNoteReasonCause(t *testing.T) {
	for _, c := range report.NoteCauses {
		if !HasLabel(c.Key) {
			t.Errorf("cause %s has no name in both languages", c.Key)
		}
	}
	n := report.Note{Section: report.SectionCustomers, Key: "customer_model",
		Reason: "report: MBG/NBD left out of the model choice: clv: MBG/NBD fit did not converge", Cause: "cause_not_converged"}
	if got := NoteReason(n, Chinese); got != "模型拟合未收敛" {
		t.Errorf("Chinese reason %q, want 模型拟合未收敛", got)
	}
	if got := NoteReason(n, English); got != n.Reason {
		t.Errorf("English reason %q, want the error's text", got)
	}
	n.Cause = ""
	if got := NoteReason(n, Chinese); got != n.Reason {
		t.Errorf("Chinese reason without a cause %q, want the error's text", got)
	}
	if got := NoteReason(report.Note{Reason: "no_snapshots"}, Chinese); got != Label("no_snapshots", Chinese) {
		t.Errorf("a fixed reason %q, want its label", got)
	}
}

// TestUnmeasuredNote checks that a promotion the data do not cover is
// said in the reader's language, with the days it needs and the days the
// data cover, and that an error of another kind keeps its text.
func TestUnmeasuredNote(t *testing.T) {
	r := handReview()
	r.Promotions.Unmeasured = []report.Unmeasured{
		{ID: "14", Name: "Type C campaign 14", Cause: "cause_window_outside_data", Need: "2017-09-04..2017-11-08", Have: "2017-05-26..2017-11-05",
			Reason: `promo: promotion window outside the data: promotion "14" needs 2017-09-04..2017-11-08, data covers 2017-05-26..2017-11-05`},
		{ID: "early", Cause: "cause_pre_period_short", Need: "2025-09-12..2025-10-09",
			Reason: `promo: pre-period too short for the baseline: promotion "early" needs 2025-09-12..2025-10-09, data covers no days`},
		{ID: "x", Name: "Odd", Reason: "promo: something else"},
		{ID: "gap", Name: "Summer sale", Cause: "cause_days_missing", Missing: "2017-07-31..2017-08-31",
			Reason: `report: days are missing from the data in the periods compared: 2017-07-31..2017-08-31, in what promotion "gap" reads`},
	}
	for _, tt := range []struct {
		lang  Language
		wants []string
	}{
		{English, []string{
			"*Not measured: Type C campaign 14 (the promotion's window is outside the data: needs 2017-09-04..2017-11-08, the data cover 2017-05-26..2017-11-05)*",
			"*Not measured: early (too little data before the promotion for its baseline: needs 2025-09-12..2025-10-09, the data hold no order)*",
			"*Not measured: Odd (promo: something else)*",
			"*Not measured: Summer sale (days are missing from the data in the periods compared: 2017-07-31..2017-08-31)*"}},
		{Chinese, []string{
			"*无法评估：Type C campaign 14（活动时间不在数据范围内：需要 2017-09-04..2017-11-08，数据覆盖 2017-05-26..2017-11-05）*",
			"*无法评估：early（活动前数据不足，无法估计基线：需要 2025-09-12..2025-10-09，数据中没有订单）*",
			"*无法评估：Odd（promo: something else）*",
			"*无法评估：Summer sale（对比期间内有数据缺失的日期：2017-07-31..2017-08-31）*"}},
	} {
		md := render(t, Markdown{Lang: tt.lang}, r)
		for _, want := range tt.wants {
			if !strings.Contains(md, want) {
				t.Errorf("%v: %q not in:\n%s", tt.lang, want, md)
			}
		}
	}
}
