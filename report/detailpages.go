package report

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/internal/chunked"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// DetailPages is the detail-page conversion of each product (详情页转化率),
// shown in the products section: per SKU, detail views → add to cart →
// purchase, with the change against the previous period and its
// significance. Nil when no event of the period or the previous period
// names a SKU (the events' property funnel.PropSKU).
//
// The figures are those of package funnel/detail over the events of each
// period: viewers are the distinct users who viewed the SKU's page,
// carters those of them who added it to the cart within 7 days after a
// view, buyers those of them who bought it within 7 days of that view; a
// purchase counts when its event names the SKU or names an order (the
// property order_id) with a line of the SKU. The page's conversion, which
// the changes rank, is view-to-cart (加购率): what the page itself does;
// view-to-purchase (详情页支付转化率) is shown beside it.
type DetailPages struct {
	// Top are the SKUs whose pages had the most viewers in the period,
	// most first (ties by SKU), at most Config.TopN.
	Top []DetailPage `json:"top"`
	// Up and Down are the SKUs whose view-to-cart rose or fell
	// significantly against the previous period (Benjamini–Hochberg at a
	// 5 % false-discovery rate over the SKUs compared), largest change in
	// points first, at most Config.TopN each.
	Up   []DetailPage `json:"up,omitempty"`
	Down []DetailPage `json:"down,omitempty"`
	// Compared is the number of SKUs compared: those with at least
	// MinViewers viewers in both periods.
	Compared int `json:"compared"`
	// MinViewers is Config.DetailMinViewers.
	MinViewers int64 `json:"min_viewers"`
	// Purchases reports whether purchases could be told apart by SKU; if
	// not, the purchase rates are undefined.
	Purchases bool `json:"purchases"`
}

// DetailPage is the detail page of one SKU in the period and the previous
// one.
type DetailPage struct {
	SKU  string `json:"sku"`
	Name string `json:"name,omitempty"` // the product's name, from the order lines
	// Current and Previous are the page's funnels; Previous is zero when
	// no event of the previous period named the SKU.
	Current  detail.Product `json:"current"`
	Previous detail.Product `json:"previous"`
	// ViewToCart is the change of view-to-cart, with its interval and
	// test; for the SKUs compared, its Q and Significant are adjusted
	// over all of them; the others (in Top only) are not judged: Q is 1
	// and Significant false.
	ViewToCart detail.Difference `json:"view_to_cart"`
}

// propOrderID is the event property naming the order of a purchase event.
const propOrderID = "order_id"

// detailPagesPart computes [DetailPages].
type detailPagesPart struct {
	on       bool
	counters [2]*detail.Counter  // the period's and the previous period's
	skus     map[string][]string // order ID → the SKUs of its lines, for orders of the two periods; made from orders at the first purchase event
	// orders are the orders of the two periods, in the order of the
	// pass, until skus is made from them: made once, of its size, the
	// map is not grown order by order (0.2 s of rehashing on 1.1M
	// orders).
	orders chunked.Slice[orderSKUs]
	// block holds the values of skus, made a block of many orders at a
	// time rather than a slice per order.
	block []string
	named bool // an event named a SKU
}

// orderSKUs is an order ID and the SKUs of its lines.
type orderSKUs struct {
	id   string
	skus []string
}

// detailPeriods are the periods the part counts, in the order of counters.
var detailPeriods = [2]int{pCur, pPrev}

func (p *detailPagesPart) start(b *builder) {
	if !b.hasEvents() {
		return
	}
	p.on = true
	for i := range p.counters {
		p.counters[i] = &detail.Counter{}
	}
}

// skusOf returns the SKUs of the lines of order id, an order of the two
// periods, or nil. It makes skus from orders at its first call, when the
// pass over orders is done.
func (p *detailPagesPart) skusOf(id string) []string {
	if p.skus == nil {
		p.skus = make(map[string][]string, p.orders.Len())
		for _, b := range p.orders.Blocks() {
			for i := range b {
				p.skus[b[i].id] = b[i].skus // a later order of the same ID wins, as an assignment by order would
			}
		}
		p.orders = chunked.Slice[orderSKUs]{}
	}
	return p.skus[id]
}

func (p *detailPagesPart) order(b *builder, o *metrics.Order) {
	if !p.on || b.ordMask&(1<<pCur|1<<pPrev) == 0 {
		return
	}
	if cap(p.block)-len(p.block) < len(o.Lines) {
		p.block = make([]string, 0, max(skuBlock, len(o.Lines)))
	}
	start := len(p.block)
	for i := range o.Lines {
		if sku := o.Lines[i].SKU; !slices.Contains(p.block[start:], sku) {
			p.block = append(p.block, sku)
		}
	}
	var skus []string // nil for an order without lines, as before
	if len(p.block) > start {
		skus = p.block[start:len(p.block):len(p.block)]
	}
	if p.skus != nil { // made already: no order should come after the events, yet one is not lost
		p.skus[o.ID] = skus
		return
	}
	p.orders.Push(orderSKUs{id: o.ID, skus: skus})
}

// skuBlock is the number of SKUs of a block of detailPagesPart.block.
const skuBlock = 4096

func (p *detailPagesPart) event(b *builder, e *funnel.Event, n int32, m uint8) {
	if !p.on {
		return
	}
	for i, k := range detailPeriods {
		if m&(1<<k) == 0 {
			continue
		}
		c := p.counters[i]
		var err error
		sku := e.Prop(funnel.PropSKU)
		switch {
		case sku != "":
			p.named = true
			err = c.AddNumbered(n, e)
		case e.Name == "purchase":
			for _, s := range p.skusOf(e.Prop(propOrderID)) {
				if err = c.AddPurchaseNumbered(n, e.UserID, s, e.Time); err != nil {
					break
				}
			}
		}
		err = b.traffic.named(err)
		// An event out of time order is the traffic section's error too
		// (it sees every event of these periods): it fails the review, or
		// under BadRecords Skip is left out and counted there. Any other
		// problem is this part's.
		if err != nil && !errors.Is(err, funnel.ErrOutOfOrder) && !b.skip() {
			b.errs = append(b.errs, err)
		}
	}
}

func (p *detailPagesPart) touch(users *[nPeriods][]int32) {
	if !p.on {
		return
	}
	for i, k := range detailPeriods {
		p.counters[i].TouchNumbered(users[k])
	}
}

func (p *detailPagesPart) finish(b *builder, r *Review) {
	if !p.on || !p.named {
		return
	}
	cur, prev := p.counters[0].Result(), p.counters[1].Result()
	d := &DetailPages{MinViewers: b.cfg.DetailMinViewers, Purchases: cur.Purchases}
	if d.MinViewers <= 0 {
		d.MinViewers = 100
	}
	page := func(c, pr detail.Product) DetailPage {
		return DetailPage{SKU: c.SKU, Name: b.names[c.SKU], Current: c, Previous: pr, ViewToCart: detail.CompareRates(pr.ViewToCart, c.ViewToCart)}
	}
	compared := make(map[string]DetailPage)
	for _, ch := range detail.Compare(prev, cur, detail.CompareConfig{MinViewers: d.MinViewers}) {
		dp := DetailPage{SKU: ch.SKU, Name: b.names[ch.SKU], Current: ch.Current, Previous: ch.Previous, ViewToCart: ch.ViewToCart}
		compared[ch.SKU] = dp
		if !dp.ViewToCart.Significant {
			continue
		}
		if dp.ViewToCart.Delta > 0 {
			d.Up = append(d.Up, dp)
		} else {
			d.Down = append(d.Down, dp)
		}
	}
	d.Compared = len(compared)
	byDelta := func(a, c DetailPage) int {
		if x := cmp.Compare(abs(c.ViewToCart.Delta), abs(a.ViewToCart.Delta)); x != 0 {
			return x
		}
		return strings.Compare(a.SKU, c.SKU)
	}
	slices.SortFunc(d.Up, byDelta)
	slices.SortFunc(d.Down, byDelta)
	d.Up, d.Down = d.Up[:min(len(d.Up), b.cfg.TopN)], d.Down[:min(len(d.Down), b.cfg.TopN)]
	top := slices.Clone(cur.Products)
	slices.SortStableFunc(top, func(a, c detail.Product) int { return cmp.Compare(c.Viewers, a.Viewers) })
	for _, c := range top[:min(len(top), b.cfg.TopN)] {
		if c.Viewers == 0 {
			break
		}
		dp, ok := compared[c.SKU]
		if !ok {
			pr, _ := prev.Product(c.SKU)
			dp = page(c, pr)
			// Not among the SKUs compared: its change is shown, not judged.
			dp.ViewToCart.Q, dp.ViewToCart.Significant = 1, false
		}
		d.Top = append(d.Top, dp)
	}
	r.DetailPages = d
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
