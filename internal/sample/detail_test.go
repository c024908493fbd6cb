package sample

import (
	"math"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
)

// TestRedesignRecovered recovers the redesigned page's known uplift
// (RedesignTruth) with funnel/detail: among the browse sessions (those
// without a purchase) of the month before the redesign and the month
// from it, each session counted as one unit, the share that add the SKU
// to the cart after viewing its page is AddToCartRate × Pull, a Bernoulli
// draw per session, so the 95 % intervals of the change (Newcombe, in
// points) and of the relative change (Katz) must contain the truth
// (CartAfter − CartBefore, Uplift), and the z-test must find the change
// (about 1,300 to 1,500 sessions a month view the page: the expected z
// is about 5).
// The seed is fixed, so the test is deterministic; another seed would
// miss the interval one time in twenty.
func TestRedesignRecovered(t *testing.T) {
	s := demo(t)
	tr := s.Truth.Redesign
	if tr.SKU == "" || tr.Day.IsZero() {
		t.Fatalf("no redesign in the truth: %+v", tr)
	}
	bought := make(map[string]bool) // the sessions with a purchase
	for _, e := range s.Events {
		if e.Name == Purchase {
			bought[e.Prop(funnel.PropSession)] = true
		}
	}
	before, _ := detail.NewCounter(detail.Config{})
	after, _ := detail.NewCounter(detail.Config{})
	from, to := tr.Day.AddDate(0, -1, 0), tr.Day.AddDate(0, 1, 0)
	for _, e := range s.Events {
		sid := e.Prop(funnel.PropSession)
		if bought[sid] || e.Time.Before(from) || !e.Time.Before(to) || e.Prop(funnel.PropSKU) != tr.SKU {
			continue
		}
		e.UserID = sid
		k := before
		if !e.Time.Before(tr.Day) {
			k = after
		}
		if err := k.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := before.Result().Product(tr.SKU)
	a, _ := after.Result().Product(tr.SKU)
	d := detail.CompareRates(b.ViewToCart, a.ViewToCart)
	t.Logf("%s redesigned %s: view-to-cart %v → %v (%d and %d sessions; truth %.3f → %.3f), change %+.4f [%+.4f, %+.4f], relative %+.3f [%+.3f, %+.3f] (truth %+.3f), z %.2f",
		tr.SKU, tr.Day.Format(time.DateOnly), b.ViewToCart, a.ViewToCart, b.Viewers, a.Viewers, tr.CartBefore, tr.CartAfter, d.Delta, d.Low, d.High, mustValue(d.Relative), d.RelLow, d.RelHigh, tr.Uplift, d.Z)
	if b.Viewers < 300 || a.Viewers < 300 {
		t.Fatalf("too few sessions viewed the page: %d before, %d after", b.Viewers, a.Viewers)
	}
	// The truths must lie within 4 standard errors of the estimates (the
	// 95 % intervals' half-widths over 1.96; on the log scale for the
	// relative change, as Katz's interval is built): a 95 % interval
	// misses its truth in one seed of twenty by design, and the demo's
	// streams are renumbered whenever a part is added.
	if truth, se := tr.CartAfter-tr.CartBefore, (d.High-d.Low)/(2*1.96); math.Abs(d.Delta-truth) > 4*se {
		t.Errorf("change %+.4f is more than 4 standard errors (%.4f) from the truth %+.4f", d.Delta, se, truth)
	}
	if lse := (math.Log1p(d.RelHigh) - math.Log1p(d.RelLow)) / (2 * 1.96); math.Abs(math.Log1p(mustValue(d.Relative))-math.Log1p(tr.Uplift)) > 4*lse {
		t.Errorf("uplift %+.3f is more than 4 standard errors (log scale %.4f) from the truth %+.3f", mustValue(d.Relative), lse, tr.Uplift)
	}
	if !d.Significant || d.Delta <= 0 {
		t.Errorf("the redesign is not found: z %.2f, p %.4f", d.Z, d.P)
	}
}

func mustValue(r interface{ Value() (float64, bool) }) float64 {
	v, _ := r.Value()
	return v
}
