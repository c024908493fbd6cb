package xlsx

import (
	"strconv"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
)

// TestChannelsSheet reads the demo review's channels sheet back: each
// channel's spend and CAC are numbers equal to the Review's exact amounts,
// in the currency's format, and an undefined CAC is the NA text.
func TestChannelsSheet(t *testing.T) {
	r := demoReview(t)
	if r.Channels == nil || len(r.Channels.Rows) == 0 {
		t.Fatal("the demo review has no channels")
	}
	f := open(t, r, render.English)
	sh := sheetName(render.SectionTitle(r, report.SectionChannels, render.English))
	start := find(t, f, sh, render.Label("channel_economics", render.English), 1)
	for _, x := range r.Channels.Rows {
		row := strconv.Itoa(find(t, f, sh, x.Channel, start))
		checkAmount := func(col string, m money.Money) {
			t.Helper()
			got := raw(t, f, sh, col+row)
			if g, _ := strconv.ParseFloat(got, 64); strconv.FormatFloat(g, 'f', 2, 64) != m.Round(money.RoundHalfEven).Amount() {
				t.Errorf("%s %s: cell %s, want %s", x.Channel, col, got, m.Amount())
			}
		}
		checkAmount("B", x.Spend)
		if cac, ok := x.CAC.Money(); ok {
			checkAmount("D", cac)
		} else if got := raw(t, f, sh, "D"+row); got != "n/a" {
			t.Errorf("%s: undefined CAC is %q, want n/a", x.Channel, got)
		}
		if got := raw(t, f, sh, "C"+row); got != strconv.FormatInt(x.NewCustomers, 10) {
			t.Errorf("%s: new customers %s, want %d", x.Channel, got, x.NewCustomers)
		}
	}
}
