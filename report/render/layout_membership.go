package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// layoutMembership lays out the membership and points part of the customers section; nothing when p is nil.
func layoutMembership(p *report.Membership, f Formatter) []block {
	if p == nil {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	bs := []block{heading{3, lb("loyalty")}}
	if len(p.KPIs) > 0 {
		bs = append(bs, kpiTable(p.KPIs, f))
	}
	bs = append(bs, para{fmt.Sprintf(lb("loyalty_summary"), f.Count(p.AtStart), f.Count(p.Active), f.Count(p.Left))})
	if len(p.Compared) > 0 {
		bs = append(bs, heading{4, lb("loyalty_vs")})
		t := table{head: []string{"", lb("loyalty_member"), lb("loyalty_non_member"), lb("loyalty_difference"), lb("loyalty_interval"), lb("loyalty_p")},
			right: []bool{false, true, true, true, true, true}}
		for _, c := range p.Compared {
			t.rows = append(t.rows, []cell{{text: lb(c.Key)}, {text: f.Value(c.Member)}, {text: f.Value(c.NonMember)},
				{text: f.Value(c.Difference)}, {text: interval(c.Low, c.High, f)}, {text: PValue(c.P, f.Lang)}})
		}
		bs = append(bs, t)
	}
	if len(p.Levels) > 0 {
		bs = append(bs, heading{4, lb("loyalty_levels")})
		t := table{head: []string{lb("loyalty_level"), lb("loyalty_members"), lb("loyalty_new"), lb("loyalty_active_rate"),
			lb("buyers"), lb("orders"), lb("loyalty_sales"), lb("aov_before_returns"), lb("loyalty_share_of_members")},
			right: []bool{false, true, true, true, true, true, true, true, true}}
		for _, l := range p.Levels {
			t.rows = append(t.rows, []cell{{text: LevelName(l.Name, f.Lang)}, {text: f.Count(l.Members)}, {text: f.Count(l.New)},
				{text: f.Percent(l.ActiveRate)}, {text: f.Count(l.Buyers)}, {text: f.Count(l.Orders)}, {text: f.Money(l.Sales)},
				{text: f.Value(l.AOV)}, {text: f.Percent(l.SalesShare)}})
		}
		bs = append(bs, t)
	}
	bs = append(bs, heading{4, lb("loyalty_ledger")})
	bs = append(bs, table{head: []string{lb("loyalty_opening"), lb("loyalty_adjusted"), lb("loyalty_holders"), lb("loyalty_point_value")},
		right: []bool{true, true, true, true},
		rows:  [][]cell{{{text: f.Count(p.Opening)}, {text: signed(p.Adjusted, f)}, {text: f.Count(p.Holders)}, {text: f.Money(p.PointValue)}}}})
	bs = append(bs, note{lb("loyalty_def")})
	return bs
}

// LevelName returns the display name of a membership level in l: the
// level itself, its Chinese name in Chinese for a common level named in
// English (gold: 金卡会员), or "(no level)" for members without one.
func LevelName(name string, l Language) string {
	if name == "" {
		return Label("loyalty_no_level", l)
	}
	if zh, ok := levelNames[strings.ToLower(name)]; ok && l == Chinese {
		return zh
	}
	return name
}

// PValue returns a p-value to three decimals, "≤ 0.001" below that, with
// "significant" or "not significant" at 5 %, in l; n/a when undefined.
func PValue(v metrics.Value, l Language) string {
	p, ok := v.Float()
	if !ok {
		return Formatter{Lang: l}.NA()
	}
	s := strconv.FormatFloat(p, 'f', 3, 64)
	if p < 0.001 {
		s = "≤ 0.001" // not "<", which Markdown and HTML escape
	}
	sig := "loyalty_not_significant"
	if p < 0.05 {
		sig = "loyalty_significant"
	}
	if l == Chinese {
		return s + "（" + Label(sig, l) + "）"
	}
	return s + " (" + Label(sig, l) + ")"
}

// signed returns n with its sign, "+50" or "−50".
func signed(n int64, f Formatter) string {
	if n > 0 {
		return "+" + f.Count(n)
	}
	if n < 0 {
		return "−" + f.Count(-n)
	}
	return f.Count(0)
}
