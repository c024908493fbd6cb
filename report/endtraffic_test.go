package report

import (
	"context"
	"slices"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestEndTraffic: once the traffic section is set, the review lets go of
// what only that section reads (the funnels, the sessions of the
// previous period and last year, the users' first events, sources and
// devices, the users of the period), so that it is not live under the
// customer model's fit, and keeps what the channels part reads after it
// (the period's sessions and visitors by source). That the figures are
// unchanged is the goldens' and the demo tests' business.
func TestEndTraffic(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and reviews the demo store")
	}
	s := sample.Generate(sample.Config{})
	last := metrics.PeriodOf(s.Period.End.AddDate(0, 0, -1), metrics.Month)
	if last.End.After(s.Period.End) {
		last = last.Previous()
	}
	in := Input{Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events), Spend: s.Spend}
	b := newBuilder(in, Config{Period: last, TopN: 10})
	b.ctx = context.Background()
	if err := b.run(); err != nil {
		t.Fatal(err)
	}
	r := b.review()
	if r == nil || r.Traffic == nil || r.Channels == nil {
		t.Fatalf("a review without its traffic or channels: %+v", r)
	}
	tr := b.traffic
	if tr.cur != nil || tr.prev != nil || tr.first != nil || tr.byDevice != nil || b.uidx.period.Len() != 0 ||
		tr.sources.values.Len() != 0 || tr.devices.values.Len() != 0 ||
		tr.visitsPrev.Report().Total.Sessions != 0 || tr.visitsYear.Report().Total.Sessions != 0 {
		t.Errorf("the traffic section's accumulators are still held after the section")
	}
	if tr.visits.Report().Total.Sessions == 0 || len(tr.bySource) == 0 {
		t.Errorf("the channels part's accumulators were let go")
	}

}
