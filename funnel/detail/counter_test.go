package detail_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/metrics"
)

var t0 = time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)

// ev returns an event of user at minute min, about sku ("" for none).
func ev(user string, min float64, name, sku string) funnel.Event {
	e := funnel.Event{UserID: user, Time: t0.Add(time.Duration(min * float64(time.Minute))), Name: name}
	if sku != "" {
		e.Props = []funnel.Prop{{Key: funnel.PropSKU, Value: sku}}
	}
	return e
}

const (
	v = "page_view"
	c = "add_to_cart"
	b = "purchase"
)

// counts are a SKU's figures: views, viewers, carters, buyers.
type counts [4]int64

func countsOf(r detail.Result) map[string]counts {
	m := make(map[string]counts)
	for _, p := range r.Products {
		m[p.SKU] = counts{p.Views, p.Viewers, p.Carters, p.Buyers}
	}
	return m
}

func TestCountTimelines(t *testing.T) {
	day := 24 * 60.0
	tests := []struct {
		name, reason string
		events       []funnel.Event
		want         map[string]counts
	}{
		{"full chain", "view, cart, buy of one SKU by one user",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 1, c, "A"), ev("u", 2, b, "A")},
			map[string]counts{"A": {1, 1, 1, 1}}},
		{"distinct users", "two views of one user count once as a viewer, twice as views",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 1, v, "A"), ev("w", 2, v, "A"), ev("w", 3, c, "A")},
			map[string]counts{"A": {3, 2, 1, 0}}},
		{"cart before view", "a cart with no view before it does not count, nor the view after it",
			[]funnel.Event{ev("u", 0, c, "A"), ev("u", 1, v, "A")},
			map[string]counts{"A": {1, 1, 0, 0}}},
		{"ties in any order", "cart and purchase at the view's instant count as after it",
			[]funnel.Event{ev("u", 0, b, "A"), ev("u", 0, c, "A"), ev("u", 0, v, "A")},
			map[string]counts{"A": {1, 1, 1, 1}}},
		{"tie cart first", "the demo writes a cart before the view of the same second",
			[]funnel.Event{ev("u", 0, c, "A"), ev("u", 0, v, "A"), ev("u", 5, b, "A")},
			map[string]counts{"A": {1, 1, 1, 1}}},
		{"other SKU", "a cart of B does not count for A's page",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 1, c, "B"), ev("u", 2, b, "B")},
			map[string]counts{"A": {1, 1, 0, 0}, "B": {0, 0, 0, 0}}},
		{"window bound inclusive", "a cart exactly 7 days after the view counts",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 7*day, c, "A")},
			map[string]counts{"A": {1, 1, 1, 0}}},
		{"past the window", "a cart a minute past 7 days does not",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 7*day+1, c, "A")},
			map[string]counts{"A": {1, 1, 0, 0}}},
		{"purchase window from the view", "the purchase must come within 7 days of the view that led to the cart",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 6*day, c, "A"), ev("u", 7*day+1, b, "A")},
			map[string]counts{"A": {1, 1, 1, 0}}},
		{"a later view re-enters", "a new view starts a new chain with its own window",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 6*day, v, "A"), ev("u", 8*day, c, "A"), ev("u", 12*day, b, "A")},
			map[string]counts{"A": {2, 1, 1, 1}}},
		{"kept chain", "the chain that reached the cart is kept when a later view has no cart",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 1, c, "A"), ev("u", 2, v, "A"), ev("u", 3, b, "A")},
			map[string]counts{"A": {2, 1, 1, 1}}},
		{"tie starts a later chain", "a view at a cart's instant, given after it, starts a chain whose window reaches the purchase (found by rapid)",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 6*day, c, "A"), ev("u", 6*day, v, "A"), ev("u", 7*day+60, b, "A")},
			map[string]counts{"A": {2, 1, 1, 1}}},
		{"purchase before cart", "a purchase needs a cart before it",
			[]funnel.Event{ev("u", 0, v, "A"), ev("u", 1, b, "A"), ev("u", 2, c, "A")},
			map[string]counts{"A": {1, 1, 1, 0}}},
		{"no SKU", "events without the sku property are not counted",
			[]funnel.Event{ev("u", 0, v, ""), ev("u", 1, c, ""), ev("u", 2, "checkout", "A")},
			map[string]counts{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := detail.Count(detail.Config{}, tt.events)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, countsOf(r)); diff != "" {
				t.Errorf("%s: counts (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestRates(t *testing.T) {
	events := []funnel.Event{
		ev("u1", 0, v, "A"), ev("u1", 1, c, "A"), ev("u1", 2, b, "A"),
		ev("u2", 0, v, "A"), ev("u2", 1, c, "A"),
		ev("u3", 0, v, "A"), ev("u4", 0, v, "A"),
	}
	r, err := detail.Count(detail.Config{}, events)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := r.Product("A")
	if !ok {
		t.Fatal("no product A")
	}
	want := detail.Product{SKU: "A", Views: 4, Viewers: 4, Carters: 2, Buyers: 1,
		ViewToCart: metrics.CountRatio(2, 4), CartToPurchase: metrics.CountRatio(1, 2), ViewToPurchase: metrics.CountRatio(1, 4)}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("product (-want +got):\n%s", diff)
	}
	if !r.Purchases {
		t.Error("Purchases false with a purchase of A")
	}
	// Without any purchase naming a SKU, the purchase rates are undefined,
	// not 0 %.
	r, err = detail.Count(detail.Config{}, events[3:])
	if err != nil {
		t.Fatal(err)
	}
	p, _ = r.Product("A")
	if r.Purchases || p.ViewToPurchase.Defined() || p.CartToPurchase.Defined() || !p.ViewToCart.Defined() {
		t.Errorf("no purchases: Purchases %v, view-to-purchase %v, cart-to-purchase %v, view-to-cart %v",
			r.Purchases, p.ViewToPurchase, p.CartToPurchase, p.ViewToCart)
	}
	if _, ok := r.Product("Z"); ok {
		t.Error("Product(Z) found")
	}
}

func TestAddPurchase(t *testing.T) {
	var k detail.Counter
	for _, e := range []funnel.Event{ev("u", 0, v, "A"), ev("u", 1, c, "A"), ev("u", 1, v, "B"), ev("u", 2, c, "B")} {
		if err := k.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	// A purchase event without a SKU is ignored by Add; its order's lines
	// are added with AddPurchase.
	buy := ev("u", 3, b, "")
	if err := k.Add(&buy); err != nil {
		t.Fatal(err)
	}
	if k.Result().Purchases {
		t.Fatal("a purchase without a SKU set Purchases")
	}
	for _, sku := range []string{"A", "C"} {
		if err := k.AddPurchase("u", sku, buy.Time); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]counts{"A": {1, 1, 1, 1}, "B": {1, 1, 1, 0}, "C": {0, 0, 0, 0}}
	if diff := cmp.Diff(want, countsOf(k.Result())); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
}

func TestErrors(t *testing.T) {
	var k detail.Counter
	e1, e0 := ev("u", 5, v, "A"), ev("u", 1, c, "A")
	if err := k.Add(&e1); err != nil {
		t.Fatal(err)
	}
	before, _ := k.MarshalBinary()
	err := k.Add(&e0)
	var ee *funnel.EventError
	if !errors.As(err, &ee) || !errors.Is(err, funnel.ErrOutOfOrder) || ee.UserID != "u" {
		t.Fatalf("out of order: got %v, want a *funnel.EventError of user u wrapping ErrOutOfOrder", err)
	}
	after, _ := k.MarshalBinary()
	if !cmp.Equal(before, after) {
		t.Error("a refused event changed the counter")
	}
	far := funnel.Event{UserID: "w", Time: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), Name: v, Props: []funnel.Prop{{Key: funnel.PropSKU, Value: "A"}}}
	if err := k.Add(&far); !errors.Is(err, funnel.ErrTimeRange) {
		t.Errorf("year 3000: got %v, want ErrTimeRange", err)
	}
	for _, cfg := range []detail.Config{{Window: -time.Hour}, {View: "x", Cart: "x"}, {Cart: "purchase"}} {
		if _, err := detail.NewCounter(cfg); !errors.Is(err, metrics.ErrConfig) {
			t.Errorf("NewCounter(%+v): got %v, want ErrConfig", cfg, err)
		}
	}
	if err := k.Merge(&k); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("self merge: got %v, want ErrIncompatible", err)
	}
	o, _ := detail.NewCounter(detail.Config{Window: time.Hour})
	if err := k.Merge(o); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("merge of another window: got %v, want ErrIncompatible", err)
	}
	var shard detail.Counter
	if err := shard.Add(&e1); err != nil {
		t.Fatal(err)
	}
	err = k.Merge(&shard)
	var oe *funnel.OverlapError
	if !errors.As(err, &oe) || oe.UserID != "u" || !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("merge of shards sharing user u: got %v", err)
	}
}
