package render

import (
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// handChannels returns a channels section built by hand. Its numbers are
// invented but consistent: CAC = spend / new customers, ROAS = revenue /
// spend, LTV/CAC = 300 / CAC, the groups add up their channels and the
// shares are of the channels' totals (visitors 3000, new customers 100,
// revenue 50,000).
func handChannels() *report.Channels {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	mny := func(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }
	cnt := metrics.CountValue
	na := metrics.Undefined
	mult := func(n, d float64) metrics.Value {
		return metrics.RatioValue(metrics.NewRatio(n, d)).In(metrics.UnitMultiple)
	}
	row := func(ch, group string, paid bool, spend string, visitors, sessions, bounces, buyers, newCust int64, cac metrics.Value,
		first, revenue string) report.ChannelRow {
		r := report.ChannelRow{Channel: ch, Group: group, Paid: paid, Spend: cny(spend), Visitors: cnt(visitors), Sessions: cnt(sessions),
			BounceRate: metrics.RatioValue(metrics.CountRatio(bounces, sessions)), Buyers: cnt(buyers),
			Conversion: metrics.RatioValue(metrics.CountRatio(buyers, visitors)), NewCustomers: newCust, CAC: cac,
			FirstOrderRevenue: cny(first), Revenue: cny(revenue), ROAS: na(metrics.UnitMultiple),
			Revenue30: na(metrics.UnitMoney), Revenue90: na(metrics.UnitMoney), LTVToCAC: na(metrics.UnitMultiple), Payback: na(metrics.UnitCount)}
		if s := cny(spend); s.IsPositive() {
			rv, _ := cny(revenue).Decimal().Float64()
			sp, _ := s.Decimal().Float64()
			r.ROAS = mult(rv, sp)
		}
		if c, ok := cac.Money(); ok && c.IsPositive() {
			f, _ := c.Decimal().Float64()
			r.LTVToCAC = mult(300, f)
		}
		return r
	}
	search := row("search", "paid_search", true, "4000.00", 1200, 1300, 520, 120, 50, mny("80.00"), "9000.00", "20000.00")
	search.Revenue30, search.Cohort30, search.Revenue90, search.Cohort90 = mny("210.50"), 800, mny("330.25"), 640
	search.Payback, search.PaybackObserved = cnt(2), 11
	live := row("live", "kol_live", true, "3000.00", 600, 650, 300, 30, 20, mny("150.00"), "3600.00", "9000.00")
	live.Revenue30, live.Cohort30 = mny("180.00"), 45                                                      // too young for 90 days
	live.PaybackObserved = 1                                                                               // not within 1 month
	ads := row("ads", "ads", true, "500.00", 200, 210, 90, 0, 0, na(metrics.UnitMoney), "0.00", "1000.00") // spend, no customer yet
	direct := row("direct", "direct", false, "0.00", 900, 1000, 350, 95, 25, mny("0.00"), "5000.00", "17000.00")
	direct.Revenue30, direct.Cohort30, direct.Revenue90, direct.Cohort90 = mny("250.00"), 300, mny("380.00"), 260
	direct.Payback, direct.PaybackObserved = cnt(0), 11
	affiliate := row("affiliate", "affiliate", false, "0.00", 100, 100, 40, 5, 5, mny("0.00"), "900.00", "3000.00")
	none := row("(none)", "(none)", false, "0.00", 0, 0, 0, 10, 0, na(metrics.UnitMoney), "0.00", "0.00")
	none.Conversion = metrics.RatioValue(metrics.CountRatio(10, 0))
	share := func(v, n int64, rev float64) report.GroupShares {
		return report.GroupShares{Visitors: metrics.CountRatio(v, 3000), NewCustomers: metrics.CountRatio(n, 100), Revenue: metrics.NewRatio(rev, 50000)}
	}
	grp := func(name string, paid bool, spend string, visitors, newCust int64, revenue string, chs ...string) report.ChannelGroup {
		rv, _ := cny(revenue).Decimal().Float64()
		return report.ChannelGroup{Name: name, Paid: paid, Channels: chs, Spend: cny(spend), Visitors: cnt(visitors),
			NewCustomers: newCust, Revenue: cny(revenue), Shares: share(visitors, newCust, rv)}
	}
	return &report.Channels{
		Rows: []report.ChannelRow{search, live, ads, direct, affiliate, none},
		Groups: []report.ChannelGroup{
			grp("paid_search", true, "4000.00", 1200, 50, "20000.00", "search"),
			grp("kol_live", true, "3000.00", 600, 20, "9000.00", "live"),
			grp("ads", true, "500.00", 200, 0, "1000.00", "ads"),
			grp("direct", false, "0.00", 900, 25, "17000.00", "direct"),
			grp("affiliate", false, "0.00", 100, 5, "3000.00", "affiliate"),
			grp("(none)", false, "0.00", 0, 0, "0.00", "(none)"),
		},
		Paid:        share(2000, 70, 30000),
		Attribution: "last_non_direct", AttributionDays: 30, AttributionAfterPurchase: 30 * time.Minute, LTVMonths: 12, LTV: mny("300.00"), CohortsAsOf: "2025-11-30",
	}
}

// channelsReview is a review whose only section is the hand channels.
func channelsReview() *report.Review {
	p := metrics.MonthOf(2025, time.November, time.FixedZone("CST", 8*3600))
	return &report.Review{Store: "Channels", Period: p, Previous: p.Previous(), YearAgo: p.YearAgo(),
		Currency: money.MustCurrency("CNY"), Channels: handChannels()}
}

func TestChannelsGolden(t *testing.T) {
	r := channelsReview()
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "channels."+lang.String()+"."+format, render(t, rd, r))
		}
	}
}

// TestChannelsCells checks the cells a reader relies on in the Markdown
// page: the payback in words, the cohort sizes, a missing CAC as n/a and
// a channel without a group of its own name.
func TestChannelsCells(t *testing.T) {
	tests := []struct {
		name, want string
		lang       Language
		reason     string
	}{
		{"payback", "| search | CN¥210.50 (n=800) | CN¥330.25 (n=640) | 3.75× | within 2 months |", English, "cohort sizes beside the amounts, payback in months: reached by the end of the second"},
		{"no cost", "| direct | CN¥250.00 (n=300) | CN¥380.00 (n=260) | n/a | no cost to pay back |", English, "a zero CAC has nothing to pay back, not 0 months"},
		{"not within", "| live | CN¥180.00 (n=45) | n/a | 2.00× | not within 1 month |", English, "a curve that does not reach the CAC is said so"},
		{"no cac", "| ads | CN¥500.00 | 0 | n/a | CN¥0.00 | CN¥1,000.00 | 2.00× |", English, "spend without new customers has no CAC"},
		{"zh payback", "| 搜索 | ¥210.50（n=800） | ¥330.25（n=640） | 3.75× | 2个月内 |", Chinese, "Chinese names the channel and the months"},
		{"own group", "| affiliate | affiliate |", English, "a channel no mapping names is its own group"},
		{"group label", "| KOL and live commerce | Paid | live |", English, "groups print their label"},
	}
	pages := map[Language]string{}
	for _, l := range []Language{English, Chinese} {
		pages[l] = render(t, Markdown{Lang: l}, channelsReview())
	}
	for _, tc := range tests {
		if !strings.Contains(pages[tc.lang], tc.want) {
			t.Errorf("%s: page lacks %q (%s)", tc.name, tc.want, tc.reason)
		}
	}
}

// TestChannelsNoLTV checks that a review without an LTV says why LTV/CAC
// is n/a instead of quoting an LTV.
func TestChannelsNoLTV(t *testing.T) {
	r := channelsReview()
	r.Channels.LTV = metrics.Undefined(metrics.UnitMoney)
	for i := range r.Channels.Rows {
		r.Channels.Rows[i].LTVToCAC = metrics.Undefined(metrics.UnitMultiple)
	}
	page := render(t, Markdown{}, r)
	if !strings.Contains(page, Label("channels_def_no_ltv", English)) || strings.Contains(page, "the review's LTV of a new customer (") {
		t.Errorf("the page does not say that the review has no LTV:\n%s", page)
	}
}

// TestChannelsNames checks that every label the channels section prints
// has both languages.
func TestChannelsNames(t *testing.T) {
	keys := []string{"channel_traffic", "channel_economics", "channel_value", "channel_groups", "no_channels", "group", "kind_paid", "kind_organic",
		"paid_or_organic", "channels_in_group", "first_order_revenue", "channel_revenue", "roas", "revenue_30d", "revenue_90d", "payback",
		"payback_months", "months_n", "months_one", "payback_no_cost", "payback_not_within", "payback_not_within_one", "share_new_customers", "share_revenue", "acquired_revenue", "paid_shares",
		"cac_chart", "revenue_30d_short", "channels_def_economics", "channels_def_cohorts", "channels_def_ltv", "channels_def_no_ltv", "channels_def_payback", "channels_def_groups"}
	for _, g := range report.DefaultChannelGroups() {
		keys = append(keys, "group_"+g)
	}
	for _, k := range keys {
		if !HasLabel(k) {
			t.Errorf("key %q has no English and Chinese name", k)
		}
	}
}

// TestChannelsDecode renders the channels section as JSON and decodes it:
// the decoded section equals the original, field by field.
func TestChannelsDecode(t *testing.T) {
	r := channelsReview()
	back, _, err := Decode(strings.NewReader(render(t, JSON{}, r)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(r.Channels, back.Channels); diff != "" {
		t.Errorf("JSON → Decode (-want +got):\n%s", diff)
	}
	for _, rd := range []Renderer{Markdown{}, Plain{Lang: Chinese}, HTML{}} {
		if diff := gocmp.Diff(render(t, rd, r), render(t, rd, back)); diff != "" {
			t.Errorf("%T: the decoded review renders differently (-want +got):\n%s", rd, diff)
		}
	}
}

// TestAfterPurchaseWords prints the attribution's AfterPurchase as a
// duration (Formatter.Duration), not as whole minutes: 20 seconds are
// not "0 minutes", and two hours are said in hours.
func TestAfterPurchaseWords(t *testing.T) {
	tests := []struct {
		name   string
		after  time.Duration
		lang   Language
		want   string
		reason string
	}{
		{"seconds", 20 * time.Second, English, "after any earlier purchase and the 20 s that follow it", "a whole-minute count would say 0 minutes"},
		{"default", 30 * time.Minute, English, "after any earlier purchase and the 30 min that follow it", "the default half hour"},
		{"hours zh", 2 * time.Hour, Chinese, "且在此前一次购买及其后2.0小时（仍属该次购买的事件）之后", "Chinese says the hours as the Formatter does"},
	}
	for _, tc := range tests {
		r := channelsReview()
		r.Channels.AttributionAfterPurchase = tc.after
		page := render(t, Markdown{Lang: tc.lang}, r)
		if !strings.Contains(page, tc.want) {
			t.Errorf("%s: page lacks %q (%s)", tc.name, tc.want, tc.reason)
		}
	}
}
