package detail

import (
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Product is the detail-page funnel of one SKU over the events counted.
type Product struct {
	SKU string
	// Views is the number of view events of the SKU's page (page views, PV).
	Views int64
	// Viewers is the number of distinct users who viewed the page (UV).
	Viewers int64
	// Carters is the number of those viewers who added the SKU to the cart
	// within the window after a view.
	Carters int64
	// Buyers is the number of those carters who bought the SKU within the
	// window after the view that led to the cart, at or after the cart.
	Buyers int64
	// ViewToCart is Carters / Viewers (加购率), undefined without viewers.
	ViewToCart metrics.Ratio
	// CartToPurchase is Buyers / Carters, undefined without carters or
	// when no purchase named a SKU ([Result.Purchases] false).
	CartToPurchase metrics.Ratio
	// ViewToPurchase is Buyers / Viewers (详情页支付转化率), undefined
	// without viewers or when no purchase named a SKU.
	ViewToPurchase metrics.Ratio
}

// Result is the detail-page funnel of every SKU a counted event named.
type Result struct {
	// Products holds one entry per SKU, in byte order of SKU.
	Products []Product
	// Purchases reports whether any purchase named a SKU. When none did,
	// purchases cannot be told apart by SKU: Buyers is 0 and the purchase
	// rates are undefined, never a fake 0 %.
	Purchases bool
}

// Product returns the funnel of sku, and whether any event named it.
func (r Result) Product(sku string) (Product, bool) {
	i, ok := slices.BinarySearchFunc(r.Products, sku, func(p Product, s string) int { return strings.Compare(p.SKU, s) })
	if !ok {
		return Product{}, false
	}
	return r.Products[i], true
}

// Result returns the funnel of every SKU counted so far.
func (c *Counter) Result() Result {
	r := Result{Products: make([]Product, len(c.skus)), Purchases: c.purchases}
	for i, sku := range c.skus {
		n := c.counts[i]
		p := Product{SKU: sku, Views: n.views, Viewers: n.viewers, Carters: n.carters, Buyers: n.buyers,
			ViewToCart: metrics.CountRatio(n.carters, n.viewers)}
		if c.purchases {
			p.CartToPurchase = metrics.CountRatio(n.buyers, n.carters)
			p.ViewToPurchase = metrics.CountRatio(n.buyers, n.viewers)
		}
		r.Products[i] = p
	}
	slices.SortFunc(r.Products, func(a, b Product) int { return strings.Compare(a.SKU, b.SKU) })
	return r
}

// Count counts a slice of events in any order: it sorts a copy by time
// (stably, with funnel.SortEvents) and adds every event. It returns the
// errors of [NewCounter]; a sorted input has no other.
func Count(cfg Config, events []funnel.Event) (Result, error) {
	c, err := NewCounter(cfg)
	if err != nil {
		return Result{}, err
	}
	sorted := slices.Clone(events)
	funnel.SortEvents(sorted)
	for i := range sorted {
		if err := c.Add(&sorted[i]); err != nil {
			return Result{}, err
		}
	}
	return c.Result(), nil
}
