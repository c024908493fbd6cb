package render

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// membershipReview returns the hand review with a membership part. Its
// numbers are invented but consistent: 800 members at the end of 820 at
// the start + 40 new − 60 left; the levels add up to the members (411
// orders, CN¥61,728.39: AOV 150.19); the KPI changes are NewKPI's; the
// liability is 1,250,000 points × CNY 0.01. The active-member rate fell
// from 300/800 to 246/820, significantly (z ≈ −3.1): a finding.
func membershipReview() *report.Review {
	r := handReview()
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	mny := func(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }
	pct := metrics.RatioValue
	na := metrics.Undefined
	kpi := func(key string, unit metrics.Unit, dir metrics.Direction, cur, prev metrics.Value) report.KPI {
		k, err := report.NewKPI(metrics.KPI{Key: key, Unit: unit, Direction: dir}, cur, prev, na(unit), na(unit))
		if err != nil {
			panic(err)
		}
		return k
	}
	up, down := metrics.HigherIsBetter, metrics.LowerIsBetter
	n := metrics.CountValue
	r.Membership = &report.Membership{
		KPIs: []report.KPI{
			kpi("loyalty_members", metrics.UnitCount, up, n(800), n(820)),
			kpi("loyalty_new_members", metrics.UnitCount, up, n(40), n(55)),
			kpi("loyalty_active_rate", metrics.UnitRatio, up, pct(metrics.CountRatio(246, 820)), pct(metrics.CountRatio(300, 800))),
			kpi("loyalty_sales_share", metrics.UnitRatio, up, pct(metrics.NewRatio(61728.39, 123456.78)), pct(metrics.NewRatio(45000, 100000))),
			kpi("loyalty_buyer_share", metrics.UnitRatio, up, pct(metrics.CountRatio(300, 1100)), pct(metrics.CountRatio(320, 1000))),
			kpi("loyalty_member_aov", metrics.UnitMoney, up, mny("150.19"), mny("140.00")),
			kpi("loyalty_non_member_aov", metrics.UnitMoney, up, mny("77.62"), mny("80.00")),
			kpi("loyalty_member_repurchase", metrics.UnitRatio, up, pct(metrics.CountRatio(90, 300)), pct(metrics.CountRatio(96, 320))),
			kpi("loyalty_non_member_repurchase", metrics.UnitRatio, up, pct(metrics.CountRatio(80, 800)), pct(metrics.CountRatio(70, 680))),
			kpi("loyalty_points_issued", metrics.UnitCount, up, n(61728), n(45000)),
			kpi("loyalty_points_redeemed", metrics.UnitCount, up, n(20000), n(25000)),
			kpi("loyalty_points_expired", metrics.UnitCount, down, n(5000), n(0)),
			kpi("loyalty_points_outstanding", metrics.UnitCount, down, n(1250000), n(1213272)),
			kpi("loyalty_redemption_rate", metrics.UnitRatio, up, pct(metrics.CountRatio(20000, 61728)), pct(metrics.CountRatio(25000, 45000))),
			kpi("loyalty_liability", metrics.UnitMoney, down, mny("12500.00"), mny("12132.72")),
		},
		Compared: []report.MemberComparison{
			{Key: "loyalty_aov", Member: mny("150.19"), NonMember: mny("77.62"), Difference: mny("72.57"),
				Low: mny("60.30"), High: mny("84.84"), P: metrics.NumberValue(0.00001)},
			{Key: "loyalty_repurchase", Member: pct(metrics.CountRatio(90, 300)), NonMember: pct(metrics.CountRatio(80, 800)),
				Difference: metrics.RatioValue(metrics.NewRatio(0.2, 1)).In(metrics.UnitPoints),
				Low:        metrics.RatioValue(metrics.NewRatio(0.146, 1)).In(metrics.UnitPoints),
				High:       metrics.RatioValue(metrics.NewRatio(0.254, 1)).In(metrics.UnitPoints), P: metrics.NumberValue(0.0412)},
		},
		Levels: []report.MemberLevel{
			{Name: "gold", Members: 500, New: 10, ActiveRate: metrics.CountRatio(180, 510), Buyers: 200, Orders: 280,
				Sales: cny("42000.00"), AOV: mny("150.00"), SalesShare: metrics.NewRatio(42000, 61728.39)},
			{Name: "", Members: 300, New: 30, ActiveRate: metrics.CountRatio(66, 310), Buyers: 100, Orders: 131,
				Sales: cny("19728.39"), AOV: mny("150.60"), SalesShare: metrics.NewRatio(19728.39, 61728.39)},
		},
		AtStart: 820, Active: 246, Left: 60,
		Opening: 1213272, Adjusted: 0, Holders: 640, PointValue: cny("0.01"),
	}
	return r
}

func TestMembershipGolden(t *testing.T) {
	r := membershipReview()
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "membership."+lang.String()+"."+format, render(t, rd, r))
		}
	}
}

// TestMembershipPart checks the part's place and numbers: in the
// customers section, after its own tables and before the service section,
// and that it round trips through JSON; a review without it shows nothing
// of it.
func TestMembershipPart(t *testing.T) {
	r := membershipReview()
	md := render(t, Markdown{}, r)
	cust, mem, svc := strings.Index(md, "Customers and repurchase"), strings.Index(md, "### Membership and points"), strings.Index(md, "Customer service and returns")
	if cust < 0 || mem < cust || svc < mem {
		t.Errorf("the membership part is not inside the customers section (%d, %d, %d)", cust, mem, svc)
	}
	for _, want := range []string{
		"| Points liability | CN¥12,500.00 |",
		"| Order value (before returns) | CN¥150.19 | CN¥77.62 | CN¥72.57 | CN¥60.30 … CN¥84.84 | ≤ 0.001 (significant) |",
		"| (no level) | 300 | 30 | 21.3% |",
		"Members at the start: 820, of whom 246 ordered as members; left in the period: 60.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	zh := render(t, Markdown{Lang: Chinese}, r)
	for _, want := range []string{"### 会员与积分", "| 积分负债 |", "0.041（显著）", "（无等级）", "| 金卡会员 |"} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese Markdown lacks %q", want)
		}
	}
	back, _, err := Decode(strings.NewReader(render(t, JSON{}, r)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Membership, back.Membership); diff != "" {
		t.Errorf("decoded part (-want +got):\n%s", diff)
	}
	r.Membership = nil
	if md := render(t, Markdown{}, r); strings.Contains(md, "Membership") || strings.Contains(md, "loyalty") {
		t.Error("a review without members mentions them")
	}
}

// TestMembershipNames checks that every key the membership part and its
// findings print has an English and a Chinese name.
func TestMembershipNames(t *testing.T) {
	for k := range membershipNames {
		if !HasLabel(k) {
			t.Errorf("key %q has no English and Chinese name", k)
		}
	}
	r := membershipReview()
	for _, k := range r.Membership.KPIs {
		if !HasLabel(k.Key) {
			t.Errorf("KPI %q has no name", k.Key)
		}
	}
	report.Evaluate(r, report.DefaultRules(report.Thresholds{}))
	found := false
	for _, f := range r.Findings {
		if !strings.HasPrefix(f.Rule, "loyalty_") {
			continue
		}
		found = true
		for _, e := range f.Evidence {
			for _, k := range []string{e.Key, e.Of} {
				if k != "" && !HasLabel(k) {
					t.Errorf("finding %s: evidence key %q has no name", f.Rule, k)
				}
			}
		}
	}
	if !found {
		t.Error("the hand review has no membership finding: the check of their keys is empty")
	}
}
