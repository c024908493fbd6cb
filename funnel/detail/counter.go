package detail

import (
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// none marks a time not set.
const none = math.MinInt64

// Counter counts the detail-page funnel of each SKU from a stream of
// events. The zero Counter is ready to use with the zero [Config];
// [NewCounter] sets another. Counters over disjoint sets of users merge
// exactly ([Counter.Merge]) and encode to bytes ([Counter.MarshalBinary]).
// A Counter is not safe for concurrent use.
//
// It keeps, for each SKU, its counts (dense, indexed by the SKU's
// number); for each user, the time of the last event and the list of the
// user's pairs, 16 bytes and a slot of 8 in a hash table at most
// seven-eighths full, and the ID (the caller's string, not a copy; 16
// bytes more) of a user by ID, not of a user by number; and for each user
// and SKU the user touched, the time of the latest view in 20 bytes, with
// 32 more for the few pairs carted or bought, and an entry of the heavy
// map more for each pair of a user past maxChain pairs: memory grows with
// the users and their pairs of user and SKU, not with the events.
type Counter struct {
	cfg       Config
	set       bool // cfg holds the defaults
	skuIndex  map[string]int32
	skus      []string
	counts    []counts // by SKU number
	userIndex userTable
	users     chunks[user]   // by user number
	ids       chunks[string] // by user number, the IDs of users by ID; empty for users by number
	pairs     chunks[pair]   // each user's pairs are a list through them (see pairOf)
	extras    chunks[extra]
	heavy     map[uint64]int32 // user number << 32 | SKU number → pair number, for users of more than maxChain pairs
	purchases bool             // some purchase named a SKU
	userKeys  keying           // users by ID or by the caller's number (see numbered.go)
	sink      uint32           // what TouchNumbered loaded, so that its loads are not dropped
}

// counts are the figures of one SKU.
type counts struct {
	views                    int64 // view events
	viewers, carters, buyers int64 // distinct users at each level
}

// NewCounter returns a Counter for cfg, or the errors of [Config.Validate].
func NewCounter(cfg Config) (*Counter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := &Counter{cfg: cfg.withDefaults(), set: true}
	return c, nil
}

// Config returns the counter's configuration, with the defaults filled in.
func (c *Counter) Config() Config {
	c.init()
	return c.cfg
}

func (c *Counter) init() {
	if !c.set {
		c.cfg, c.set = c.cfg.withDefaults(), true
	}
	if c.skuIndex == nil {
		c.skuIndex = make(map[string]int32)
	}
}

// Add counts one event: a view, add-to-cart or purchase event (by
// [Config] names) whose property [funnel.PropSKU] names a SKU. It ignores
// every other event, and those without a SKU. A user's events must come
// in non-decreasing time order; events at one instant may come in any
// order (they count as view, then cart, then purchase).
//
// Add returns a *funnel.EventError naming the user, and leaves the
// counter unchanged, for an event older than the user's previous counted
// event (funnel.ErrOutOfOrder: sort the input with funnel.SortEvents) or
// one whose time cannot be held in Unix nanoseconds (funnel.ErrTimeRange),
// and an error wrapping funnel.ErrNumbered if the counter counts users by
// number ([Counter.AddNumbered]).
func (c *Counter) Add(e *funnel.Event) error {
	step, sku := c.step(e)
	if step == 0 {
		return nil
	}
	return c.add(e.UserID, sku, e.Time, step)
}

// step returns the step of e (1 view, 2 cart, 3 purchase) and its SKU, or
// 0 for an event the counter ignores.
func (c *Counter) step(e *funnel.Event) (uint8, string) {
	c.init()
	var step uint8
	switch e.Name {
	case c.cfg.View:
		step = 1
	case c.cfg.Cart:
		step = 2
	case c.cfg.Purchase:
		step = 3
	default:
		return 0, ""
	}
	sku := e.Prop(funnel.PropSKU)
	if sku == "" {
		return 0, ""
	}
	return step, sku
}

// AddPurchase counts a purchase of sku by user at the time at, when the
// purchase event does not carry the SKU but names an order whose lines do
// (as the review does with the order_id of a purchase event: one call per
// SKU of the order). It follows the rules of [Counter.Add].
func (c *Counter) AddPurchase(user, sku string, at time.Time) error {
	c.init()
	if sku == "" {
		return nil
	}
	return c.add(user, sku, at, 3)
}

func (c *Counter) add(id, sku string, at time.Time, step uint8) error {
	t, ok := unixNano(at)
	if !ok {
		return &funnel.EventError{UserID: id, Time: at, Err: funnel.ErrTimeRange}
	}
	if c.userKeys == keyNumber {
		return numberedError("Counter.Add", "the Counter counts users by number")
	}
	c.userKeys = keyID
	ui, slot, h := c.userIndex.find(&c.ids, id)
	if ui >= 0 {
		if prev := c.users.at(ui).last; t < prev {
			return outOfOrder(id, at, prev)
		}
	} else {
		ui = c.users.push(user{})
		c.ids.push(id)
		c.userIndex.insert(slot, h, ui)
	}
	c.count(ui, sku, t, step)
	return nil
}

func outOfOrder(id string, at time.Time, prev int64) error {
	return &funnel.EventError{UserID: id, Time: at, Prev: time.Unix(0, prev), Err: funnel.ErrOutOfOrder}
}

// count counts the event at t of step of user ui, whose order is checked,
// for sku.
func (c *Counter) count(ui int32, sku string, t int64, step uint8) {
	u := c.users.at(ui)
	u.last = t
	si, ok := c.skuIndex[sku]
	if !ok {
		si = int32(len(c.skus))
		c.skuIndex[sku] = si
		c.skus = append(c.skus, sku)
		c.counts = append(c.counts, counts{})
	}
	pp := c.pairs.at(c.pairOf(ui, u, si))
	s := c.load(pp)
	p := &s
	n := &c.counts[si]
	w := int64(c.cfg.Window)
	switch step {
	case 1:
		n.views++
		p.view = t
		c.reach(p, n, 1)
		if p.cartAt == t { // a cart at this instant came before the view: it follows it
			p.cartView = t
			c.reach(p, n, 2)
			if p.buyAt == t {
				c.reach(p, n, 3)
			}
		}
	case 2:
		p.cartAt = t
		if p.view != none && t-p.view <= w {
			p.cartView = p.view
			c.reach(p, n, 2)
			if p.buyAt == t { // a purchase at this instant came before the cart
				c.reach(p, n, 3)
			}
		}
	case 3:
		c.purchases = true
		p.buyAt = t
		if p.cartView != none && t-p.cartView <= w {
			c.reach(p, n, 3)
		}
	}
	c.store(pp, p)
}

// reach raises p to level k, counting the user at each level passed.
func (c *Counter) reach(p *state, n *counts, k uint8) {
	for p.level < k {
		p.level++
		switch p.level {
		case 1:
			n.viewers++
		case 2:
			n.carters++
		case 3:
			n.buyers++
		}
	}
}

// Unix seconds keep a margin inside the range of Unix nanoseconds.
const (
	minUnixSec = -9223372036 + 1
	maxUnixSec = 9223372036 - 1
)

func unixNano(t time.Time) (int64, bool) {
	s := t.Unix()
	if s < minUnixSec || s > maxUnixSec {
		return 0, false
	}
	return s*1e9 + int64(t.Nanosecond()), true
}
