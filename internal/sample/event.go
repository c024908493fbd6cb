package sample

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Event names of the demo store's tracker.
const (
	PageView  = "page_view"
	AddToCart = "add_to_cart"
	Checkout  = "checkout"
	Purchase  = "purchase"
)

// PropOrder is the property of a purchase event holding its order ID.
const PropOrder = "order_id"

// events writes the day's events: one session ending in the purchase for
// each order, and browse sessions without a purchase.
func (g *generator) events(i int, d *Day) {
	r, t := g.re, &g.truth
	lo, hi := g.cal.unix[i], g.cal.unix[i+1]-1
	g.dayLo = lo
	for k := range d.Orders {
		g.purchaseSession(r, &d.Orders[k], lo, d)
	}
	mean := t.BrowseSessionsPerOrder * float64(g.planned()) / float64(g.cal.days) * g.cal.mult[i]
	n := poisson(r, mean)
	for k := 0; k < n; k++ {
		g.browseSession(r, i, hi, d)
	}
	// Sort by time, ties in the order written: sort packed (second of the
	// day, index) keys, then permute, rather than moving events around.
	slices.Sort(g.evKeys)
	g.evBuf = g.evBuf[:0]
	for _, k := range g.evKeys {
		g.evBuf = append(g.evBuf, d.Events[k&(1<<40-1)])
	}
	d.Events, g.evBuf = g.evBuf, d.Events
	g.evKeys = g.evKeys[:0]
}

// session starts a session: a new ID and the props its events share.
func (g *generator) session(source, device string) []funnel.Prop {
	g.nSessions++
	id := formatID('S', g.nSessions, 9)
	return []funnel.Prop{{Key: funnel.PropSession, Value: id}, {Key: funnel.PropSource, Value: source}, {Key: funnel.PropDevice, Value: device}}
}

func (g *generator) event(d *Day, user string, at int64, name string, props []funnel.Prop) {
	g.evKeys = append(g.evKeys, uint64(at-g.dayLo)<<40|uint64(len(d.Events)))
	d.Events = append(d.Events, funnel.Event{UserID: user, Time: time.Unix(at, 0).In(g.cal.loc), Name: name, Props: props})
}

// purchaseSession writes the session of an order, backwards from the
// purchase at the order's time: page views, one add-to-cart per line, a
// checkout. Events never go back past the start of the day.
func (g *generator) purchaseSession(r *rand.Rand, o *metrics.Order, lo int64, d *Day) {
	c := &g.custs[g.custIndex(o.CustomerID)]
	source := c.Channel
	if !o.PlacedAt.Equal(c.AcquiredAt) && r.Float64() < 0.4 {
		source = "direct" // returning customers often come straight back
	}
	device := c.Device
	if r.Float64() < 0.1 {
		device = other(device)
	}
	props := g.session(source, device)
	buy := append(props[:3:3], funnel.Prop{Key: PropOrder, Value: o.ID})
	at := o.PlacedAt.Unix()
	g.event(d, o.CustomerID, at, Purchase, buy)
	if r.Float64() >= 0.15 { // else checkout and payment share a second
		at = max(lo, at-secondsBetween(r, 20, 300))
	}
	g.event(d, o.CustomerID, at, Checkout, props)
	for k := len(o.Lines) - 1; k >= 0; k-- { // backwards: the first line is viewed first
		sku := g.withSKU(props, g.skuIdx[o.Lines[k].SKU])
		at = max(lo, at-secondsBetween(r, 10, 300))
		g.event(d, o.CustomerID, at, AddToCart, sku)
		if r.Float64() >= 0.2 { // else the add-to-cart shares the page view's second
			at = max(lo, at-secondsBetween(r, 5, 120))
		}
		g.event(d, o.CustomerID, at, PageView, sku)
	}
	for n := r.IntN(3); n > 0; n-- {
		at = max(lo, at-secondsBetween(r, 15, 180))
		g.event(d, o.CustomerID, at, PageView, g.withSKU(props, g.browsedSKU()))
	}
}

// browseSession writes a session without purchase, by a customer coming
// back or by an anonymous visitor (low visitor numbers come back often).
func (g *generator) browseSession(r *rand.Rand, i int, hi int64, d *Day) {
	t := &g.truth
	var user, source, device string
	if len(g.acquired) > 0 && r.Float64() < t.CustomerBrowseShare {
		c := &g.custs[g.acquired[r.IntN(len(g.acquired))]]
		user, source, device = c.ID, c.Channel, c.Device
		if r.Float64() < 0.5 {
			source = "direct"
		}
	} else {
		u := r.Float64()
		user = formatID('V', 1+int(u*math.Sqrt(u)*float64(g.visitors)), 8)
		source = t.Channels[pick(r, g.chCum)].Name
		device = "desktop"
		if r.Float64() < t.MobileShare {
			device = "mobile"
		}
	}
	props := g.session(source, device)
	at := g.cal.timeOfDay(i, r.Float64())
	last := g.browsedSKU()
	g.event(d, user, at, PageView, g.withSKU(props, last))
	if r.Float64() < t.BounceRate {
		return
	}
	// A session that does not bounce may view the redesigned page (its
	// own stream, RedesignTruth).
	viewed := g.redesignView(g.rd, d, user, at, hi, props)
	for n := 1 + r.IntN(5); n > 0; n-- {
		at = min(hi, at+secondsBetween(r, 10, 240))
		last = g.browsedSKU()
		g.event(d, user, at, PageView, g.withSKU(props, last))
	}
	if r.Float64() >= t.AddToCartRate {
		return
	}
	if viewed && g.cartPull(i) {
		last = g.redesigned
	}
	if r.Float64() >= 0.2 {
		at = min(hi, at+secondsBetween(r, 5, 60))
	}
	g.event(d, user, at, AddToCart, g.withSKU(props, last))
	if r.Float64() < t.CheckoutRate {
		at = min(hi, at+secondsBetween(r, 30, 600))
		g.event(d, user, at, Checkout, props)
	}
}

func other(device string) string {
	if device == "mobile" {
		return "desktop"
	}
	return "mobile"
}

// custIndex returns the index of customer ID "C0000042": 41.
func (g *generator) custIndex(id string) int {
	n := 0
	for _, ch := range id[1:] {
		n = n*10 + int(ch-'0')
	}
	return n - 1
}
