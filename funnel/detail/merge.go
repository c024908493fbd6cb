package detail

import (
	"errors"
	"slices"

	"github.com/shopmetrics/shopmetrics/funnel"
)

// maxOverlap is the number of shared users a refused Merge names.
const maxOverlap = 100

// Merge adds o's counts to c, as if c had counted o's events too. The two
// counters must hold disjoint sets of users (shard the events by user):
// a user's funnel depends on the order of all the user's events, which
// two shards cannot restore.
//
// Merge returns a *metrics.MergeError if o is c or the configurations
// differ, and the joined *funnel.OverlapError values of the first 100
// shared users (sorted) if the counters share users; both wrap
// metrics.ErrIncompatible, and an error wrapping funnel.ErrNumbered if
// either counts users by number ([Counter.AddNumbered]). c is unchanged
// after a refused Merge.
func (c *Counter) Merge(o *Counter) error {
	if c == o {
		return mergeError("a Counter merged with itself would count its users twice")
	}
	if c.userKeys == keyNumber || o.userKeys == keyNumber {
		return numberedError("Counter.Merge", "users by number have no IDs to tell shared users apart")
	}
	c.init()
	o.init()
	if c.cfg != o.cfg {
		return mergeError("the configurations differ")
	}
	var shared []string
	for ui := range o.users.len() {
		id := *o.ids.at(ui)
		if k, _, _ := c.userIndex.find(&c.ids, id); k >= 0 {
			shared = append(shared, id)
		}
	}
	if len(shared) > 0 {
		slices.Sort(shared)
		errs := make([]error, 0, maxOverlap)
		for _, id := range shared[:min(len(shared), maxOverlap)] {
			errs = append(errs, &funnel.OverlapError{UserID: id})
		}
		return errors.Join(errs...)
	}
	remap := make([]int32, len(o.skus))
	for si, sku := range o.skus {
		ci, ok := c.skuIndex[sku]
		if !ok {
			ci = int32(len(c.skus))
			c.skuIndex[sku] = ci
			c.skus = append(c.skus, sku)
			c.counts = append(c.counts, counts{})
		}
		remap[si] = ci
		n, m := &c.counts[ci], o.counts[si]
		n.views += m.views
		n.viewers += m.viewers
		n.carters += m.carters
		n.buyers += m.buyers
	}
	// o's users, pairs and extras follow c's, renumbered.
	ubase, pbase, xbase := c.users.len(), c.pairs.len(), c.extras.len()
	for xi := range o.extras.len() {
		c.extras.push(*o.extras.at(xi))
	}
	for pi := range o.pairs.len() {
		p := *o.pairs.at(pi)
		p.sku = remap[p.sku]
		if p.next != 0 {
			p.next += pbase
		}
		if p.extra != 0 {
			p.extra += xbase
		}
		c.pairs.push(p)
	}
	for ui := range o.users.len() {
		u := *o.users.at(ui)
		if u.head != 0 {
			u.head += pbase
		}
		id := *o.ids.at(ui)
		_, slot, h := c.userIndex.find(&c.ids, id)
		c.ids.push(id)
		c.userIndex.insert(slot, h, c.users.push(u))
	}
	for key, pi := range o.heavy {
		if c.heavy == nil {
			c.heavy = make(map[uint64]int32)
		}
		ui, si := int32(key>>32), int32(uint32(key))
		c.heavy[uint64(ubase+ui)<<32|uint64(uint32(remap[si]))] = pbase + pi
	}
	c.purchases = c.purchases || o.purchases
	if o.users.len() > 0 {
		c.userKeys = keyID
	}
	return nil
}
