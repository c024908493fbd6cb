package storedata

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// costView is what a test of costs compares: moneyCmp takes every zero
// amount for equal, and a cost not known must not pass for CNY 0.00.
type costView struct {
	ID    string
	Known bool
	Cost  string
}

func costsOf(cs []campaign.Campaign) []costView {
	var out []costView
	for _, c := range cs {
		out = append(out, costView{c.ID, c.CostKnown(), c.Cost.String()})
	}
	return out
}

// TestReadCampaignsCostUnknown: an empty cost cell is a cost not known
// (the zero Money), with or without a currency; a currency given must
// still be one; a cost of 0 is known. Before, an empty cost was an error
// of its row ("" is not an amount).
func TestReadCampaignsCostUnknown(t *testing.T) {
	data := "campaign_id,start,end,currency,cost\n" +
		"none,2025-03-01,2025-03-02,,\n" +
		"cur,2025-03-01,2025-03-02,CNY,\n" +
		"bad,2025-03-01,2025-03-02,XYZ,\n" +
		"zero,2025-03-01,2025-03-02,CNY,0\n" +
		"nocur,2025-03-01,2025-03-02,,5\n"
	cs, errs := Collect(ReadCampaigns(strings.NewReader(data), Options{}))
	want := []costView{{"none", false, "0"}, {"cur", false, "0"}, {"zero", true, "CNY 0.00"}}
	if d := cmp.Diff(want, costsOf(cs)); d != "" {
		t.Errorf("costs (-want +got):\n%s", d)
	}
	var lines []int
	for _, err := range errs {
		pe, ok := err.(*ParseError)
		if !ok {
			t.Fatalf("%v is not a *ParseError", err)
		}
		lines = append(lines, pe.Line)
	}
	if d := cmp.Diff([]int{4, 6}, lines); d != "" {
		t.Errorf("error lines (-want +got), want the unknown currency and the amount without one:\n%s", d)
	}
}

// TestWriteCampaignsCostUnknown: a cost not known is written as empty
// currency and cost cells and read back as not known; a known cost of 0
// stays known; an amount without a currency is refused.
func TestWriteCampaignsCostUnknown(t *testing.T) {
	w := metrics.Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)}
	cs := []campaign.Campaign{{ID: "u", Name: "Unknown", Window: w}, {ID: "z", Window: w, Cost: money.MustNew("0", "CNY")},
		{ID: "k", Window: w, Cost: money.MustNew("12.50", "CNY")}}
	var buf bytes.Buffer
	if err := WriteCampaigns(&buf, slices.Values(cs)); err != nil {
		t.Fatal(err)
	}
	if want := "u,Unknown,2025-03-01,2025-03-02,,\n"; !strings.Contains(buf.String(), want) {
		t.Errorf("file %q, want the row %q", buf.String(), want)
	}
	got, errs := Collect(ReadCampaigns(&buf, Options{Location: time.UTC}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if d := cmp.Diff(costsOf(cs), costsOf(got)); d != "" {
		t.Errorf("read back (-written +read):\n%s", d)
	}
	bad := []campaign.Campaign{{ID: "b", Window: w, Cost: money.Currency{}.FromMinor(5)}}
	if err := WriteCampaigns(&bytes.Buffer{}, slices.Values(bad)); err == nil {
		t.Error("wrote an amount without a currency")
	}
}
