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
// metrics.ErrIncompatible. c is unchanged after a refused Merge.
func (c *Counter) Merge(o *Counter) error {
	if c == o {
		return mergeError("a Counter merged with itself would count its users twice")
	}
	c.init()
	o.init()
	if c.cfg != o.cfg {
		return mergeError("the configurations differ")
	}
	var shared []string
	for _, id := range o.users {
		if _, ok := c.userIndex[id]; ok {
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
	base := int32(len(c.users))
	for ui, id := range o.users {
		c.userIndex[id] = base + int32(ui)
	}
	c.users = append(c.users, o.users...)
	c.last = append(c.last, o.last...)
	for key, pi := range o.pairIndex {
		ui, si := int32(key>>32), int32(uint32(key))
		c.pairIndex[uint64(base+ui)<<32|uint64(uint32(remap[si]))] = int32(len(c.pairs))
		c.pairs = append(c.pairs, o.pairs[pi])
	}
	c.purchases = c.purchases || o.purchases
	return nil
}
