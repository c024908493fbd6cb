package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestChannelRules(t *testing.T) {
	mny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	ch := &Channels{LTV: mny("60"), Rows: []ChannelRow{
		{Channel: "ads", Visitors: metrics.CountValue(2000), Buyers: metrics.CountValue(100), Conversion: metrics.RatioValue(metrics.CountRatio(100, 2000)), CAC: mny("80"), NewCustomers: 50},
		{Channel: "kol", Visitors: metrics.CountValue(1000), Buyers: metrics.CountValue(30), Conversion: metrics.RatioValue(metrics.CountRatio(30, 1000)), CAC: mny("70"), NewCustomers: 20},
		{Channel: "search", Visitors: metrics.CountValue(3000), Buyers: metrics.CountValue(300), Conversion: metrics.RatioValue(metrics.CountRatio(300, 3000)), CAC: mny("40"), NewCustomers: 100},
		{Channel: "tiny", Visitors: metrics.CountValue(10), Buyers: metrics.CountValue(0), Conversion: metrics.RatioValue(metrics.CountRatio(0, 10)), CAC: mny("900"), NewCustomers: 0},
	}}
	r := &Review{Channels: ch}
	fs := channelCACAboveLTV(r)
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1", len(fs))
	}
	// (80 − 60) × 50 + (70 − 60) × 20 = 1,200; search is below the LTV,
	// tiny won no customer.
	if want := mny("1200"); !fs[0].Stake.Equal(want) {
		t.Errorf("stake %v, want %v", fs[0].Stake, want)
	}
	if diff := cmp.Diff([]Arg{DataArg("ads, kol"), ValueArg(mny("60"))}, fs[0].Title.Args); diff != "" {
		t.Errorf("title (-want +got):\n%s", diff)
	}
	// kol's 30 of 1,000 against ads' and search's 400 of 5,000: z = −5.8.
	name, conv, ok := weakestChannel(ch, 1.96)
	if !ok || name != "kol" || !conv.Equal(metrics.RatioValue(metrics.CountRatio(30, 1000))) {
		t.Errorf("weakest channel %q %v %v, want kol 3%% (tiny has under 5%% of visitors)", name, conv, ok)
	}
	// The lowest, kol at 95 of 1,000, against 500 of 5,000 (9.5 % and
	// 10 %): z = −0.48, within noise, and no channel is named.
	near := &Channels{Rows: []ChannelRow{
		{Channel: "ads", Visitors: metrics.CountValue(2000), Buyers: metrics.CountValue(200), Conversion: metrics.RatioValue(metrics.CountRatio(200, 2000))},
		{Channel: "kol", Visitors: metrics.CountValue(1000), Buyers: metrics.CountValue(95), Conversion: metrics.RatioValue(metrics.CountRatio(95, 1000))},
		{Channel: "search", Visitors: metrics.CountValue(3000), Buyers: metrics.CountValue(300), Conversion: metrics.RatioValue(metrics.CountRatio(300, 3000))},
	}}
	if name, _, ok := weakestChannel(near, 1.96); ok {
		t.Errorf("weakest channel %q within noise", name)
	}
	// At |z| ≥ 0.4, a looser test than any user would likely set, it is.
	if name, _, ok := weakestChannel(near, 0.4); !ok || name != "kol" {
		t.Errorf("weakest channel %q %v at |z| ≥ 0.4, want kol (z = −0.48)", name, ok)
	}
	// At |z| ≥ 6, kol's z = −5.8 is not enough.
	if name, _, ok := weakestChannel(ch, 6); ok {
		t.Errorf("weakest channel %q at |z| ≥ 6", name)
	}
	if _, _, ok := weakestChannel(nil, 1.96); ok {
		t.Error("a weakest channel without channels")
	}
}
