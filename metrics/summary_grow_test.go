package metrics_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// TestSummarizerGrowChangesNothing checks that Grow, called at any point
// of the orders and with any number, leaves the summaries and the binary
// encoding as without it, and adds no currency.
func TestSummarizerGrowChangesNothing(t *testing.T) {
	p := metrics.MonthOf(2025, time.November, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		orders, _ := genOrders(t)
		at := rapid.IntRange(0, len(orders)).Draw(t, "grow at")
		n := rapid.IntRange(-1, 100).Draw(t, "grow by")
		code := rapid.SampledFrom([]string{"CNY", "USD", "EUR"}).Draw(t, "grow currency")
		want := metrics.Summarizer{Period: p}
		got := metrics.Summarizer{Period: p}
		for i, o := range orders {
			if i == at {
				got.Grow(money.MustCurrency(code), n)
			}
			errW, errG := want.Add(o), got.Add(o)
			if (errW == nil) != (errG == nil) {
				t.Fatalf("order %s: Add gives %v, after Grow %v", o.ID, errW, errG)
			}
		}
		if diff := cmp.Diff(want.Result(), got.Result()); diff != "" {
			t.Fatalf("Result (-without Grow +with):\n%s", diff)
		}
		bw, err := want.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		bg, err := got.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(bw, bg) {
			t.Fatalf("MarshalBinary differs after Grow(%s, %d) at order %d", code, n, at)
		}
	})
}
