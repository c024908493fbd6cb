package render

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCards checks the headline cards of the hand review (fixture_test.go):
// one per overview KPI, the rate-free changes as relative changes, the
// attainment bar coloured by direction (net sales at 95 % of target is
// short of it; CAC at CN¥60 against a CN¥55 target, lower is better, missed
// it), and the sparkline on net sales only.
func TestCards(t *testing.T) {
	h := render(t, HTML{}, handReview())
	section, _, _ := strings.Cut(h[strings.Index(h, `<section class="cards"`):], "</section>")
	cards := strings.Split(section, `<div class="card">`)[1:]
	if len(cards) != len(handReview().Overview.KPIs) {
		t.Fatalf("%d cards, want %d", len(cards), len(handReview().Overview.KPIs))
	}
	find := func(name string) string {
		for _, c := range cards {
			if strings.Contains(c, `<div class="k">`+name+`</div>`) {
				return c
			}
		}
		t.Fatalf("no card %q", name)
		return ""
	}
	tests := []struct {
		card, want, reason string
	}{
		{"Net sales", `<b>95.0%</b> · Target CN¥130,000.00<div class="meter"><span style="width:95.0%">`, "123,456.78 / 130,000 = 94.97%, short of target: plain bar"},
		{"Net sales", `<b class="good">+23.5%</b>`, "123,456.78 / 100,000 − 1"},
		{"Net sales", `<svg xmlns="http://www.w3.org/2000/svg" class="spark"`, "the daily sales sparkline"},
		{"CAC", `<b>109.1%</b> · Target CN¥55.00 (lower is better)<div class="meter"><span class="miss" style="width:100.0%">`, "60 / 55 = 109.1%: over a lower-is-better target is a miss"},
		{"CAC", `<b class="bad">+20.0%</b>`, "CAC up 60 / 50 − 1 is bad"},
	}
	for _, tt := range tests {
		if c := find(tt.card); !strings.Contains(c, tt.want) {
			t.Errorf("%s card (%s): no %q in\n%s", tt.card, tt.reason, tt.want, c)
		}
	}
	if strings.Contains(find("CAC"), "spark") {
		t.Error("a sparkline on CAC, which has no daily series")
	}
	// The overview's KPI table is the cards: the page has no table row of
	// Orders, which only that table has.
	// (The plan's tables, after the overview, have a row of Orders.)
	over, _, _ := strings.Cut(h, "Plan and targets")
	if strings.Contains(over, "<tr><td>Orders</td>") {
		t.Error("the overview's KPI table is still on the page")
	}
}

// TestSplitTable checks that a table wider than an A4 line is split into
// column groups that each fit, that each repeats the first column, and
// that every other column appears exactly once, in order.
func TestSplitTable(t *testing.T) {
	wide := table{head: []string{"Promotion"}, right: []bool{false}}
	row := []cell{{text: "Double 11"}}
	for i := 0; i < 12; i++ {
		wide.head = append(wide.head, "Column "+string(rune('A'+i)))
		wide.right = append(wide.right, true)
		row = append(row, cell{text: "-CN¥12,345.67"})
	}
	wide.rows = [][]cell{row}
	parts := splitTable(wide, printColumns)
	if len(parts) < 2 {
		t.Fatalf("a 13-column table of amounts was not split: %d part", len(parts))
	}
	var got []string
	for _, p := range parts {
		if p.head[0] != "Promotion" || p.rows[0][0].text != "Double 11" {
			t.Errorf("a part does not start with the row name: %v", p.head)
		}
		w := 0
		for i, h := range p.head {
			w += max(headCols(h), textCols(p.rows[0][i].text)) + 2
		}
		if w > printColumns {
			t.Errorf("part %v is %d columns wide, more than %d", p.head, w, printColumns)
		}
		got = append(got, p.head[1:]...)
	}
	if diff := cmp.Diff(wide.head[1:], got); diff != "" {
		t.Errorf("columns lost or repeated (-want +got):\n%s", diff)
	}
	narrow := table{head: []string{"a", "b", "c"}, rows: [][]cell{{{text: "1"}, {text: "2"}, {text: "3"}}}}
	if parts := splitTable(narrow, printColumns); len(parts) != 1 {
		t.Errorf("a narrow table was split into %d", len(parts))
	}
}
