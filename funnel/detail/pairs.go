package detail

// pair is the stored state of one user and one SKU: 20 bytes. Most pairs
// are only viewed; the times of a cart and a purchase, which few pairs
// have, are in an [extra] of their own.
type pair struct {
	viewLo uint32 // the time of the latest view, or none, in two halves
	viewHi int32  // (so that the pair needs no 8-byte alignment)
	sku    int32  // the SKU's number
	next   int32  // the index + 1 of the next pair of the same user; 0 for none
	extra  int32  // the index + 1 of the pair's extra state; 0 for none
}

// view returns the time of the pair's latest view, or none.
func (p *pair) view() int64 { return int64(p.viewHi)<<32 | int64(p.viewLo) }

// setView sets the time of the pair's latest view.
func (p *pair) setView(t int64) { p.viewLo, p.viewHi = uint32(t), int32(t>>32) }

// extra is the state of a pair that was carted or bought.
type extra struct {
	cartView int64 // the view that started the latest chain that reached the cart, or none
	cartAt   int64 // the time of the latest cart, or none: a view at that instant comes before it
	buyAt    int64 // the time of the latest purchase, or none: a cart at that instant comes before it
	bought   bool  // the pair reached level 3
}

// state is the whole state of a pair, as add and the encoding read it.
type state struct {
	view     int64 // the time of the latest view, or none
	cartView int64 // the view that started the latest chain that reached the cart, or none
	cartAt   int64 // the time of the latest cart, or none: a view at that instant comes before it
	buyAt    int64 // the time of the latest purchase, or none: a cart at that instant comes before it
	level    uint8 // 0 none, 1 viewed, 2 carted after a view, 3 bought after that
}

// empty is the state of a new pair.
var empty = state{view: none, cartView: none, cartAt: none, buyAt: none}

// maxChain is the number of pairs of a user past which the user's pairs
// are found through the counter's table of heavy users' pairs rather
// than by walking the user's list: a walk reads at most maxChain pairs.
const maxChain = 16

// load returns the state of pair p.
func (c *Counter) load(p *pair) state {
	s := empty
	if v := p.view(); v != none {
		s.view, s.level = v, 1
	}
	if p.extra != 0 {
		x := c.extras.at(p.extra - 1)
		s.cartView, s.cartAt, s.buyAt = x.cartView, x.cartAt, x.buyAt
		switch {
		case x.bought:
			s.level = 3
		case x.cartView != none:
			s.level = 2
		}
	}
	return s
}

// store sets pair p to s, whose level must follow from its times as
// add keeps it: 1 or more exactly when a view is set, 2 or more exactly
// when the view of a cart is set.
func (c *Counter) store(p *pair, s *state) {
	p.setView(s.view)
	if p.extra == 0 {
		if s.cartView == none && s.cartAt == none && s.buyAt == none {
			return
		}
		p.extra = c.extras.push(extra{}) + 1
	}
	*c.extras.at(p.extra - 1) = extra{cartView: s.cartView, cartAt: s.cartAt, buyAt: s.buyAt, bought: s.level == 3}
}

// pairOf returns the number of the pair of user ui, whose state is u,
// and SKU si, adding it if it is new. A user's pairs are a list through
// the pairs, most recently touched first, until the user has more than
// maxChain: then they are also in the table heavy.
func (c *Counter) pairOf(ui int32, u *user, si int32) int32 {
	if u.n > maxChain {
		key := uint64(ui)<<32 | uint64(uint32(si))
		if pi, ok := c.heavy[key]; ok {
			return pi
		}
		pi := c.newPair(u, si)
		c.heavy[key] = pi
		return pi
	}
	prev := int32(0)
	for j := u.head; j != 0; {
		p := c.pairs.at(j - 1)
		if p.sku == si {
			if prev != 0 { // move it to the front
				c.pairs.at(prev - 1).next = p.next
				p.next = u.head
				u.head = j
			}
			return j - 1
		}
		prev, j = j, p.next
	}
	pi := c.newPair(u, si)
	if u.n > maxChain {
		c.makeHeavy(ui, u)
	}
	return pi
}

// newPair adds a pair of the user u and SKU si to the front of the
// user's list and returns its number.
func (c *Counter) newPair(u *user, si int32) int32 {
	p := pair{sku: si, next: u.head}
	p.setView(none)
	pi := c.pairs.push(p)
	u.head = pi + 1
	u.n++
	return pi
}

// makeHeavy adds the pairs of user ui, whose state is u, to the table of
// heavy users' pairs.
func (c *Counter) makeHeavy(ui int32, u *user) {
	if c.heavy == nil {
		c.heavy = make(map[uint64]int32)
	}
	for j := u.head; j != 0; j = c.pairs.at(j - 1).next {
		c.heavy[uint64(ui)<<32|uint64(uint32(c.pairs.at(j-1).sku))] = j - 1
	}
}
