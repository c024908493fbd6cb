package funnel

import (
	"cmp"
	"slices"
)

// SortByTime sorts the rows of b by time, stably: rows with equal times
// keep their order, as [SortEvents] keeps events'. A [Counter] then takes
// the batch with [Counter.AddEvents] whatever the order it was read in.
// A batch already in time order is left as it is, after one pass over its
// times.
//
// It sorts 16-byte keys (the time and the row) in O(n log n) comparisons,
// then gathers the columns into new slices in the sorted order: besides
// the keys it allocates the batch's columns once more (20 bytes per event
// and 8 per property), and the old columns are no longer b's. The
// dictionaries are unchanged.
//
// SortByTime panics with the error of [Events.Validate] if b is
// malformed.
func (b *Events) SortByTime() {
	b.mustValidate()
	if slices.IsSorted(b.Time) {
		return
	}
	type key struct {
		t int64
		i int32 // the row: equal times keep their order
	}
	keys := make([]key, len(b.Time))
	for i, t := range b.Time {
		keys[i] = key{t, int32(i)}
	}
	slices.SortFunc(keys, func(x, y key) int {
		if c := cmp.Compare(x.t, y.t); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	n := len(keys)
	user, times, name := make([]int32, n), make([]int64, n), make([]int32, n)
	start := make([]int32, n+1)
	var pkey, pval []int32
	if len(b.PropKey) > 0 {
		pkey, pval = make([]int32, 0, len(b.PropKey)), make([]int32, 0, len(b.PropValue))
	}
	for k, x := range keys {
		user[k], times[k], name[k] = b.User[x.i], x.t, b.Name[x.i]
		if pkey != nil {
			s, e := b.PropStart[x.i], b.PropStart[x.i+1]
			pkey = append(pkey, b.PropKey[s:e]...)
			pval = append(pval, b.PropValue[s:e]...)
			start[k+1] = int32(len(pkey))
		}
	}
	b.User, b.Time, b.Name, b.PropStart = user, times, name, start
	if pkey != nil {
		b.PropKey, b.PropValue = pkey, pval
	}
}
