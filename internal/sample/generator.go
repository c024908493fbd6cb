package sample

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
)

// Money constants of the demo store, in fen (CNY minor units).
const (
	freeShippingFrom = 9900 // orders from 99 CNY ship free
	shippingFee      = 1000 // otherwise 10 CNY
	spendThreshold   = 30000
	spendSave        = 4000
)

// percentOff is the percent-off promotion's rate: 15 % off (85折).
var percentOff = decimal.New(15, -2)

type arrival struct {
	sku int
	qty int64
}

// pendingRefund is a refund waiting for its day; IDs are given when the
// day's refunds are sorted.
type pendingRefund struct {
	at int64
	r  metrics.Refund
}

type pendingTicket struct {
	at int64
	t  service.Ticket
}

// generator is the state of the day loop.
type generator struct {
	cfg   Config
	truth Truth
	cal   *calendar
	cat   []Product
	roles []uint8
	cur   money.Currency
	zero  money.Money
	custs []Customer
	plan  []purchase
	next  int // the next purchase of plan
	want  wants

	ro, re, rt, ri, rs, rf *rand.Rand
	rd                     *rand.Rand // the products of page views and carts

	redesigned  int        // the SKU of the redesigned page (RedesignTruth), or −1
	redesignDay int        // the day index of its redesign
	rc          *rand.Rand // the CRM campaigns' stream

	price, cost []int64      // minor units per SKU
	skuW        [3][]float64 // SKU weights per percent-off regime
	skuCum      [3][]float64 // cumulative weights of the SKUs launched, per regime
	launch      []int        // day of each SKU's launch; 0 for those launched before the period
	newIdx      []int        // SKUs launched during the period
	festRate    []decimal.Decimal
	carrierCum  []float64
	regionIdx   map[string]int
	lateReason  int       // index of late_delivery in Truth.ReturnReasons
	byCat       [][]int   // SKU indices per category
	byPop       []int     // SKU indices by decreasing popularity
	chCum       []float64 // channel shares, cumulative
	problem     []bool
	skuIdx      map[string]int
	reasonCum   []float64

	onHand, onOrder []int64
	sold            []int64   // units sold today
	forecast        []float64 // expected units a day
	arrivals        [][]arrival
	sup             suppliers // the purchase orders of the receipts (supplier.go)
	refunds         [][]pendingRefund
	tickets         [][]pendingTicket

	seen     []bool
	acquired []int32
	custIDs  []string

	evKeys []uint64       // sort keys of the day's events
	evBuf  []funnel.Event // the other buffer of the day's events
	dayLo  int64          // start of the day being generated, Unix seconds

	nOrders, nRefunds, nTickets, nSessions int
	visitors                               int

	comp        *competition          // the competitors' prices
	crmTargets  []campaign.Target     // the CRM campaigns' lists
	redemptions []campaign.Redemption // their coupons redeemed
	nCRM        int                   // the campaigns' extra orders so far
	crmPlanned  int                   // the campaigns' extra orders in plan
	ra          *rand.Rand            // the category affinity's add-ons (affinity.go)
}

func newGenerator(cfg Config, want wants) *generator {
	cfg = cfg.withDefaults()
	cur := money.MustCurrency("CNY")
	g := &generator{cfg: cfg, cur: cur, zero: cur.Zero(), want: want, truth: defaultTruth(cur)}
	newRand := func(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(cfg.Seed, stream)) }
	g.ro, g.re, g.rt, g.ri, g.rs = newRand(streamOrders), newRand(streamEvents), newRand(streamTickets), newRand(streamInventory), newRand(streamSpend)
	g.rf = newRand(streamFulfilment)
	g.ra = newRand(streamAffinity)
	g.cat, g.roles = catalogue(newRand(streamCatalogue), cfg.SKUs, cur)
	t := &g.truth
	n := len(g.cat)
	g.price, g.cost = make([]int64, n), make([]int64, n)
	g.problem = make([]bool, n)
	g.skuIdx = make(map[string]int, n)
	g.byCat = make([][]int, len(categories))
	var w [3][]float64
	for r := range w {
		w[r] = make([]float64, n)
	}
	for i, p := range g.cat {
		g.skuIdx[p.SKU] = i
		g.price[i], g.cost[i] = minor(p.Price), minor(p.Cost)
		for ci, c := range categories {
			if c.key == p.Category {
				g.byCat[ci] = append(g.byCat[ci], i)
			}
		}
		w[regimeBase][i] = p.Popularity
		w[regimeWindow][i] = p.Popularity
		w[regimePost][i] = p.Popularity
		switch g.roles[i] {
		case rolePromo:
			t.PercentOff.SKUs = append(t.PercentOff.SKUs, p.SKU)
			w[regimeWindow][i] *= 1 + t.PercentOff.Lift
			w[regimePost][i] *= 1 - t.PercentOff.PostDip
		case roleStockout:
			t.StockoutSKUs = append(t.StockoutSKUs, p.SKU)
		case roleSlow:
			t.SlowSKUs = append(t.SlowSKUs, p.SKU)
		case roleDead:
			t.DeadSKUs = append(t.DeadSKUs, p.SKU)
		case roleProblem:
			t.ProblemSKUs = append(t.ProblemSKUs, p.SKU)
			g.problem[i] = true
		case roleNew:
			t.NewSKUs = append(t.NewSKUs, p.SKU)
			g.newIdx = append(g.newIdx, i)
		}
		if p.Category == t.PercentOff.Category && g.roles[i] != rolePromo {
			w[regimeWindow][i] *= 1 - t.PercentOff.Cannibalization
		}
	}
	var lift [3]float64
	for r := range w {
		g.skuCum[r] = cumulative(w[r])
		lift[r] = g.skuCum[r][n-1] / g.skuCum[regimeBase][n-1]
	}
	g.skuW = w
	g.byPop = make([]int, n)
	for i := range g.byPop {
		g.byPop[i] = i
	}
	slices.SortStableFunc(g.byPop, func(a, b int) int { return cmp.Compare(g.cat[b].Popularity, g.cat[a].Popularity) })

	g.cal = newCalendar(cfg, t, lift, cur)
	g.launchDays(newRand(streamLaunch))
	g.pickable(0)
	g.rd = newRand(streamDetail)
	g.initRedesign()
	for _, f := range g.cal.festOf {
		g.festRate = append(g.festRate, f.rate())
	}
	for _, c := range t.Carriers {
		g.carrierCum = append(g.carrierCum, c.Share)
	}
	g.carrierCum = cumulative(g.carrierCum)
	g.regionIdx = make(map[string]int, len(t.Regions))
	for i, r := range t.Regions {
		g.regionIdx[r.Name] = i
	}
	for i, r := range t.ReturnReasons {
		if r.Reason == "late_delivery" {
			g.lateReason = i
		}
	}
	if t.PercentOff.Window.IsZero() {
		t.PercentOff.SKUs = nil
	}
	shares := make([]float64, len(t.Channels))
	for i, c := range t.Channels {
		shares[i] = c.Share
	}
	g.chCum = cumulative(shares)
	rs := make([]float64, len(t.ReturnReasons))
	for i, r := range t.ReturnReasons {
		rs[i] = r.Share
	}
	g.reasonCum = cumulative(rs)

	g.competitorTruths(newRand(streamCompetitors))
	g.custs, g.plan = plan(cfg.Seed, cfg.Customers, g.cal, t)
	t.Profile = profileTruth(g.cal.start[g.cal.days])
	t.Campaigns = defaultCampaigns(cfg, cur)
	g.rc = newRand(streamCRM)
	g.crmTargets = g.crmLists()
	g.seen = make([]bool, len(g.custs))
	g.custIDs = make([]string, len(g.custs))
	for i := range g.custs {
		g.custIDs[i] = g.custs[i].ID
	}
	g.visitors = 30 * cfg.Customers
	g.arrivals = make([][]arrival, g.cal.days)
	g.refunds = make([][]pendingRefund, g.cal.days)
	g.tickets = make([][]pendingTicket, g.cal.days)
	g.initStock()
	g.initSuppliers()
	return g
}

// day generates day i into d.
func (g *generator) day(i int, d *Day) {
	d.Period = metrics.Period{Start: g.cal.start[i], End: g.cal.start[i+1], Grain: metrics.Day}
	d.Orders = d.Orders[:0]
	d.Refunds = d.Refunds[:0]
	d.Events = d.Events[:0]
	d.Spend = d.Spend[:0]
	d.Tickets = d.Tickets[:0]
	d.Receipts = d.Receipts[:0]
	d.Adjustments = d.Adjustments[:0]
	d.Snapshots = d.Snapshots[:0]

	for _, k := range g.newIdx {
		if g.launch[k] == i && i > 0 {
			g.pickable(i)
			break
		}
	}
	g.receive(i, d)
	for g.next < len(g.plan) && int(g.plan[g.next].day) == i {
		d.Orders = append(d.Orders, g.order(g.plan[g.next], i))
		g.next++
	}
	g.emitRefunds(i, d)
	g.adjust(i, d)
	g.replenish(i)
	if g.want&wantSnapshots != 0 {
		g.snapshot(i, d)
	}
	g.spend(i, d)
	if g.want&wantTickets != 0 {
		g.presale(i, len(d.Orders))
		g.emitTickets(i, d)
	}
	if g.want&wantEvents != 0 {
		g.events(i, d)
	}
}

// order builds the order of purchase p on day i: a basket filled with
// whole items up to the customer's Gamma-Gamma target, with promotions,
// shipping, cancellation and returns.
func (g *generator) order(p purchase, day int) metrics.Order {
	if p.camp > 0 {
		defer g.crmOrder()()
	}
	r, t := g.ro, &g.truth
	c := &g.custs[p.cust]
	if !g.seen[p.cust] {
		g.seen[p.cust] = true
		g.acquired = append(g.acquired, p.cust)
	}
	var id string
	if p.camp > 0 {
		g.nCRM++
		id = formatID('K', g.nCRM, 8)
	} else {
		g.nOrders++
		id = formatID('O', g.nOrders, 8)
	}
	o := metrics.Order{
		ID:         id,
		CustomerID: g.custIDs[p.cust],
		PlacedAt:   time.Unix(p.at, 0).In(g.cal.loc),
		Channel:    c.Channel,
		Status:     metrics.Paid,
		Currency:   g.cur,
		Discount:   g.zero,
		Shipping:   g.zero,
		Tax:        g.zero,
	}
	cancelled := r.Float64() < t.CancelRate
	if cancelled {
		o.Status = metrics.Cancelled
	}
	target := int64(gammaRand(r, t.P, c.Nu) * 100)
	// The order-level promotion of the day: the back-to-school 满300减40
	// or a spend-save festival.
	fk := int(g.cal.fest[day])
	var threshold, save int64
	var orderPromo string
	topUp := 0.0
	switch {
	case g.cal.mj[day] == regimeWindow:
		threshold, save, orderPromo, topUp = spendThreshold, spendSave, t.SpendSave.ID, t.SpendSave.TopUpRate
	case fk >= 0 && g.cal.festOf[fk].save > 0:
		f := g.cal.festOf[fk]
		threshold, save, orderPromo, topUp = f.threshold, f.save, g.cal.fests[fk].ID, f.topUp
	}
	if threshold > 0 && target < threshold && target >= threshold*85/100 && r.Float64() < topUp {
		target = threshold
	}
	reg := g.cal.pct[day]
	o.Lines = make([]metrics.Line, 0, 4)
	skus := make([]int, 0, 4)
	remaining := target
	// Fill the basket so that its expected value is the target: an item
	// that fits is taken (up to 3 units); once the basket holds an item,
	// one dearer than what is left is taken with probability left/price,
	// and either way the basket closes.
	for tries := 0; tries < 20 && len(o.Lines) < 6 && remaining > 0; tries++ {
		i := pick(r, g.skuCum[reg])
		if p.camp > 0 && (g.roles[i] == roleSlow || g.roles[i] == roleDead) {
			continue // a campaign's extra order leaves slow and dead stock as it is
		}
		if g.onHand[i] <= 0 {
			if r.Float64() < 0.5 {
				continue // the sale is lost
			}
			if i = g.substitute(r, i); i < 0 {
				continue
			}
		}
		price := g.price[i]
		q := min(remaining/price, 3, g.onHand[i])
		if q == 0 {
			if len(o.Lines) == 0 {
				continue // the first item must fit
			}
			if r.Float64()*float64(price) >= float64(remaining) {
				break
			}
			q = 1
		}
		if k := slices.Index(skus, i); k >= 0 {
			o.Lines[k].Quantity += q
		} else {
			skus = append(skus, i)
			o.Lines = append(o.Lines, g.line(i, 0, reg, fk))
			o.Lines[len(o.Lines)-1].Quantity = q
		}
		if !cancelled {
			g.onHand[i] -= q
			g.sold[i] += q
		}
		remaining -= q * price
		remaining -= g.addOn(&o, &skus, i, day, reg, fk, cancelled) // the category affinity, from its own stream
	}
	if len(o.Lines) == 0 {
		i := g.fallback(target)
		skus = append(skus, i)
		o.Lines = append(o.Lines, g.line(i, 1, reg, fk))
		if !cancelled {
			g.onHand[i]--
			g.sold[i]++
		}
	}
	// Line discounts, order discount, shipping.
	var net int64
	for k := range o.Lines {
		l := &o.Lines[k]
		if l.Promotion != "" {
			rate := percentOff
			if l.Promotion != t.PercentOff.ID {
				rate = g.festRate[fk]
			}
			l.Discount = l.UnitPrice.Mul(l.Quantity).MulRate(rate).Round(money.RoundHalfEven)
		}
		gross := g.price[skus[k]] * l.Quantity
		net += gross - minor(l.Discount)
	}
	if threshold > 0 && net >= threshold {
		o.Discount = g.cur.FromMinor(save)
		o.Promotion = orderPromo
		net -= save
	}
	if p.camp > 0 {
		net = g.coupon(&o, int(p.camp)-1, net, cancelled)
	}
	if net < freeShippingFrom {
		o.Shipping = g.cur.FromMinor(shippingFee)
	}
	late, delivered := g.fulfil(&o, c)
	if !cancelled {
		g.returns(&o, p, skus, late, delivered)
		if late && g.want&wantTickets != 0 && g.rt.Float64() < t.LateTicketRate {
			// The customer asks where the parcel is once the promise has
			// passed.
			g.ticket(o.PromisedBy.Unix()+secondsBetween(g.rt, 0, 86400), o.CustomerID, o.ID, "delivery")
		}
		if g.want&wantTickets != 0 && g.rt.Float64() < t.TicketsPerOrder {
			at := p.at + secondsBetween(g.rt, 3600, 5*86400)
			reason := "delivery"
			if g.rt.IntN(3) == 0 {
				reason = "product"
			}
			g.ticket(at, o.CustomerID, o.ID, reason)
		}
	}
	if p.camp > 0 {
		g.crmEffect(&o, int(p.camp)-1)
	}
	return o
}

// line returns a line of q units of SKU i (q is set by the caller when 0)
// on a day of percent-off regime reg and festival fk (-1 for none).
func (g *generator) line(i int, q int64, reg uint8, fk int) metrics.Line {
	p := &g.cat[i]
	l := metrics.Line{SKU: p.SKU, Name: p.Name, Category: p.Category, Quantity: q,
		UnitPrice: p.Price, Discount: g.zero, UnitCost: p.Cost}
	switch {
	case reg == regimeWindow && g.roles[i] == rolePromo:
		l.Promotion = g.truth.PercentOff.ID
	case fk >= 0 && g.cal.festOf[fk].percent > 0:
		l.Promotion = g.cal.fests[fk].ID
	}
	return l
}

// substitute returns an in-stock SKU of the same category as i, or -1.
func (g *generator) substitute(r *rand.Rand, i int) int {
	for ci, c := range categories {
		if c.key != g.cat[i].Category {
			continue
		}
		skus := g.byCat[ci]
		k := r.IntN(len(skus))
		for j := range skus {
			s := skus[(k+j)%len(skus)]
			if g.onHand[s] > 0 && g.roles[s] != roleDead && g.roles[s] != roleSlow {
				return s
			}
		}
	}
	return -1
}

// fallback returns the in-stock SKU whose price is nearest to target, for
// a basket none of whose draws fitted.
func (g *generator) fallback(target int64) int {
	best, dist := -1, int64(0)
	for _, i := range g.byPop {
		if g.onHand[i] <= 0 || g.roles[i] == roleDead || g.roles[i] == roleSlow {
			continue
		}
		if d := abs(g.price[i] - target); best < 0 || d < dist {
			best, dist = i, d
		}
	}
	if best < 0 {
		return g.byPop[0] // nothing in stock at all: oversell the best seller
	}
	return best
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// returns draws the returns of a paid order's lines and schedules their
// refunds (and the tickets about them). A line not returned otherwise of
// an order delivered late comes back as late_delivery with
// Truth.LateReturnRate. No refund comes before the delivery.
func (g *generator) returns(o *metrics.Order, p purchase, skus []int, late bool, delivered int64) {
	r, t := g.ro, &g.truth
	var alloc []money.Money
	for k := range o.Lines {
		i := skus[k]
		rate := t.ReturnRate(g.cat[i].Category)
		if g.problem[i] {
			rate = t.ProblemReturnRate
		}
		var reason *ReasonTruth
		switch {
		case r.Float64() < rate:
			reason = &t.ReturnReasons[pick(r, g.reasonCum)]
			if g.problem[i] && r.Float64() < 0.8 {
				reason = &t.ReturnReasons[1] // not as described
			}
		case late && r.Float64() < t.LateReturnRate:
			reason = &t.ReturnReasons[g.lateReason]
		default:
			continue
		}
		text := reason.Texts[r.IntN(len(reason.Texts))]
		at := p.at + secondsBetween(r, int64(t.RefundDays[0])*86400, int64(t.RefundDays[1])*86400)
		at = max(at, delivered+secondsBetween(r, 3600, 2*86400))
		day := g.cal.dayOf(at)
		if day >= g.cal.days {
			continue // paid after the period: not in the data
		}
		if alloc == nil && o.Discount.IsPositive() {
			alloc = g.allocate(o)
		}
		l := &o.Lines[k]
		amount := must(l.UnitPrice.Mul(l.Quantity).Sub(l.Discount))
		if alloc != nil {
			amount = must(amount.Sub(alloc[k]))
		}
		g.refunds[day] = append(g.refunds[day], pendingRefund{at: at, r: metrics.Refund{
			OrderID: o.ID,
			At:      time.Unix(at, 0).In(g.cal.loc),
			Amount:  amount,
			Lines:   []metrics.ReturnedLine{{SKU: l.SKU, Quantity: l.Quantity, Restocked: reason.Restocks}},
			Reason:  text,
		}})
		if g.want&wantTickets != 0 && g.rt.Float64() < t.TicketsPerRefund {
			opened := max(at-secondsBetween(g.rt, 0, 86400), p.at+3600)
			g.ticket(opened, o.CustomerID, o.ID, "return")
		}
	}
}

// allocate spreads the order discount over the lines by their value after
// line discounts, as shopmetrics defines it.
func (g *generator) allocate(o *metrics.Order) []money.Money {
	w := make([]decimal.Decimal, len(o.Lines))
	for k, l := range o.Lines {
		w[k] = must(l.UnitPrice.Mul(l.Quantity).Sub(l.Discount)).Decimal()
	}
	parts, err := o.Discount.Allocate(w)
	if err != nil {
		panic("sample: " + err.Error()) // weights are positive prices
	}
	return parts
}

// emitRefunds moves the refunds paid on day i into d, in time order, with
// their IDs, and puts restocked units back on hand.
func (g *generator) emitRefunds(i int, d *Day) {
	rs := g.refunds[i]
	slices.SortStableFunc(rs, func(a, b pendingRefund) int { return cmp.Compare(a.at, b.at) })
	for _, p := range rs {
		g.nRefunds++
		p.r.ID = formatID('R', g.nRefunds, 7)
		for _, l := range p.r.Lines {
			if l.Restocked {
				g.onHand[g.skuIndex(l.SKU)] += l.Quantity
			}
		}
		d.Refunds = append(d.Refunds, p.r)
	}
	g.refunds[i] = nil
}

// skuIndex returns the catalogue index of sku.
func (g *generator) skuIndex(sku string) int { return g.skuIdx[sku] }

// spend writes the day's marketing spend of each paid channel: the
// channel's CAC times its expected new customers of the day, ±10 %.
func (g *generator) spend(i int, d *Day) {
	for _, c := range g.truth.Channels {
		cac := minor(c.CAC)
		if cac == 0 {
			continue
		}
		expected := float64(g.cfg.Customers) * c.Share * g.cal.mult[i] / g.cal.total()
		amount := int64(math.Round(float64(cac) * expected * (0.9 + 0.2*g.rs.Float64())))
		d.Spend = append(d.Spend, metrics.Spend{Channel: c.Name, Day: g.cal.start[i], Amount: g.cur.FromMinor(amount)})
	}
}
