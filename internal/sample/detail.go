package sample

import (
	"math/rand/v2"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// RedesignTruth is the demo's redesigned detail page: from Day on, the
// page of SKU persuades more of its browsing visitors to add it to the
// cart.
//
// Every page view and add-to-cart of the demo names its product in the
// property funnel.PropSKU: in a purchase session, the page view and the
// add-to-cart of each line name the line's SKU, and the other page views
// products drawn by popularity; in a browse session, each page view names
// a product drawn by popularity, and the add-to-cart (drawn with
// Truth.AddToCartRate, as before) the last product viewed. The draws of
// products come from a random stream of their own, so that the orders and
// the times of the other events stay as they were.
//
// The redesigned SKU is left out of those popularity draws (a draw of it
// takes the next product in order of popularity); instead, a browse
// session that does not bounce views its page with probability ViewShare,
// just after the session's first page view, and when the session adds to
// cart, it adds that SKU with probability Pull (PullAfter from Day on),
// the last product viewed otherwise. So among the browse sessions that
// view the page, the share that add it to the cart is exactly
// AddToCartRate × Pull before Day (CartBefore) and AddToCartRate ×
// PullAfter from Day on (CartAfter), a relative uplift of Uplift =
// CartAfter / CartBefore − 1. Buyers of the SKU view and cart it in their
// purchase sessions, as before.
type RedesignTruth struct {
	SKU                   string
	Day                   time.Time // midnight of the first day of the new page
	ViewShare             float64
	Pull, PullAfter       float64
	CartBefore, CartAfter float64
	Uplift                float64
}

// initRedesign chooses the redesigned SKU, the most popular ordinary SKU
// on sale since before the period, from the third most popular on, and
// its day, the first of the calendar's last month.
func (g *generator) initRedesign() {
	t := &g.truth
	g.redesigned = -1
	for _, i := range g.byPop[min(2, len(g.byPop)):] {
		if g.roles[i] == roleNormal && g.launch[i] == 0 {
			g.redesigned = i
			break
		}
	}
	if g.redesigned < 0 {
		return
	}
	last := g.cal.start[g.cal.days-1]
	first := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, g.cal.loc)
	g.redesignDay = 0
	for i := 0; i < g.cal.days; i++ {
		if !g.cal.start[i].Before(first) {
			g.redesignDay = i
			break
		}
	}
	r := &t.Redesign
	r.SKU, r.Day = g.cat[g.redesigned].SKU, g.cal.start[g.redesignDay]
	r.ViewShare, r.Pull, r.PullAfter = 0.3, 0.4, 0.7
	r.CartBefore, r.CartAfter = t.AddToCartRate*r.Pull, t.AddToCartRate*r.PullAfter
	r.Uplift = r.CartAfter/r.CartBefore - 1
}

// browsedSKU returns a product drawn by popularity among those on sale,
// never the redesigned one.
func (g *generator) browsedSKU() int {
	i := pick(g.rd, g.skuCum[regimeBase])
	if i == g.redesigned {
		for k, j := range g.byPop {
			if j == i {
				i = g.byPop[(k+1)%len(g.byPop)]
				break
			}
		}
	}
	return i
}

// withSKU returns the session's props with the SKU of product i.
func (g *generator) withSKU(props []funnel.Prop, i int) []funnel.Prop {
	return append(props[:3:3], funnel.Prop{Key: funnel.PropSKU, Value: g.cat[i].SKU})
}

// redesignView adds, with probability ViewShare, a view of the
// redesigned page after the first page view at at, and reports whether
// it did.
func (g *generator) redesignView(r *rand.Rand, d *Day, user string, at, hi int64, props []funnel.Prop) bool {
	if g.redesigned < 0 || r.Float64() >= g.truth.Redesign.ViewShare {
		return false
	}
	g.event(d, user, min(hi, at+secondsBetween(r, 5, 60)), PageView, g.withSKU(props, g.redesigned))
	return true
}

// cartPull reports whether a session of day i that viewed the redesigned
// page and adds to cart adds that page's SKU.
func (g *generator) cartPull(i int) bool {
	pull := g.truth.Redesign.Pull
	if i >= g.redesignDay {
		pull = g.truth.Redesign.PullAfter
	}
	return g.rd.Float64() < pull
}
